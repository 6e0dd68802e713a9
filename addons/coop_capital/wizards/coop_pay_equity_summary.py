from markupsafe import Markup, escape

from odoo import api, fields, models


class CoopPayEquitySummary(models.TransientModel):
    """The pay-equity screen: the co-op's highest-to-lowest pay ratio against
    its cap, and everyone compared sorted by pay per hour, with bars and the
    cap line. Computed on the server from the same people as the contract
    check (:meth:`hr.contract._coop_compared_contracts`); names only for
    those who may read them (:class:`coop.pay.equity`'s rules), otherwise
    the anonymous distribution."""

    _name = "coop.pay.equity.summary"
    _description = "Pay equity summary"

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    ratio = fields.Float(string="Highest to lowest pay", compute="_compute_summary", digits=(6, 2))
    ratio_cap = fields.Float(string="Cap", compute="_compute_summary", digits=(6, 2))
    within_cap = fields.Boolean(
        string="Within the cap",
        compute="_compute_summary",
        help="The highest pay per hour is at most the cap times the lowest (or no cap is set).",
    )
    headline = fields.Char(compute="_compute_summary")
    person_count = fields.Integer(string="People compared", compute="_compute_summary")
    cap_rate = fields.Monetary(
        string="Most pay per hour within the cap",
        compute="_compute_summary",
        help="The lowest pay per hour compared, times the cap.",
    )
    line_ids = fields.Many2many(
        "coop.pay.equity",
        string="Pay per hour, highest first",
        compute="_compute_summary",
    )
    chart = fields.Html(compute="_compute_summary")

    @api.depends("company_id")
    @api.depends_context("uid")
    def _compute_summary(self):
        PayEquity = self.env["coop.pay.equity"]
        for summary in self:
            company = summary.company_id
            if not PayEquity._coop_distribution_allowed(company):
                summary._coop_not_shown()
                continue
            distribution = PayEquity.coop_pay_distribution(company.id)
            rates = sorted(distribution["hourly_rates"], reverse=True)
            ratio = distribution["ratio"]
            cap = company.coop_pay_ratio_cap
            # The rows by name the user may read (managers; open pay).
            lines = PayEquity.search(PayEquity._coop_pay_equity_domain(company))
            lines = lines.sorted(lambda r: (-r.hourly_rate, r.id))
            summary.ratio = ratio
            summary.ratio_cap = cap
            summary.within_cap = not cap or ratio <= cap + 1e-9
            summary.person_count = len(rates)
            summary.cap_rate = cap * rates[-1] if cap and rates else 0.0
            summary.line_ids = lines
            if cap:
                summary.headline = self.env._(
                    "Highest to lowest pay: %(ratio).2f : 1 (cap %(cap).2f : 1)",
                    ratio=ratio,
                    cap=cap,
                )
            else:
                summary.headline = self.env._(
                    "Highest to lowest pay: %(ratio).2f : 1 (no cap set)", ratio=ratio
                )
            if len(lines) == len(rates):
                bars = [(line.employee_id.sudo().name, line.hourly_rate) for line in lines]
            else:
                bars = [(f"#{index}", rate) for index, rate in enumerate(rates, 1)]
            summary.chart = summary._coop_chart(bars, summary.cap_rate)

    def _coop_not_shown(self):
        """Someone who is neither a member-owner nor a manager: no figures."""
        self.update(
            {
                "ratio": 0.0,
                "ratio_cap": self.company_id.coop_pay_ratio_cap,
                "within_cap": True,
                "person_count": 0,
                "cap_rate": 0.0,
                "line_ids": False,
                "headline": self.env._(
                    "The pay distribution of %s is shown to its member-owners and managers.",
                    self.company_id.name,
                ),
                "chart": False,
            }
        )

    def _coop_chart(self, bars, cap_rate):
        """Horizontal bars, highest first, with a dashed line at the cap."""
        self.ensure_one()
        if not bars:
            return Markup("<p>%s</p>") % self.env._("No pay to compare.")
        currency = self.currency_id
        scale = max([rate for _label, rate in bars] + [cap_rate]) or 1.0
        rows = []
        for label, rate in bars:
            above = cap_rate and rate > cap_rate + 0.005
            cap_line = Markup("")
            if cap_rate:
                cap_line = Markup(
                    '<div class="o_coop_pay_cap" style="position: absolute; top: 0; bottom: 0; '
                    'left: %.1f%%; border-left: 2px dashed #dc3545;"></div>'
                ) % (100.0 * cap_rate / scale)
            rows.append(
                Markup(
                    '<div class="o_coop_pay_bar d-flex align-items-center mb-1">'
                    '<div class="text-truncate pe-2" style="width: 30%%;">%s</div>'
                    '<div style="position: relative; flex: 1; height: 1.5em;">'
                    '<div class="%s" style="width: %.1f%%; height: 100%%;"></div>%s</div>'
                    '<div class="text-end ps-2" style="width: 15%%;">%s</div></div>'
                )
                % (
                    escape(label),
                    "bg-danger" if above else "bg-primary",
                    100.0 * rate / scale,
                    cap_line,
                    escape(f"{currency.round(rate):.2f}"),
                )
            )
        legend = Markup("")
        if cap_rate:
            legend = Markup('<p class="text-muted mt-2">%s</p>') % self.env._(
                "Dashed line: the cap, %(cap).2f times the lowest pay per hour "
                "(%(rate).2f %(currency)s an hour).",
                cap=self.ratio_cap,
                rate=cap_rate,
                currency=currency.name,
            )
        return Markup("<div>%s%s</div>") % (Markup("").join(rows), legend)

    @api.model
    def action_coop_open(self):
        """The pay-equity screen of the current company (the menu's action)."""
        summary = self.create({"company_id": self.env.company.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Pay equity"),
            "res_model": self._name,
            "res_id": summary.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def action_open_graph(self):
        """Odoo's bar chart of the same people, highest first."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_capital.action_coop_pay_equity"
        )
        action["domain"] = self.env["coop.pay.equity"]._coop_pay_equity_domain(self.company_id)
        return action
