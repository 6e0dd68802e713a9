from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError

from ..lib import capital


class CoopPayEquity(models.Model):
    """Pay per contracted hour of everyone with a running contract, for the
    members' yearly pay-equity report.

    Names and wages are read by co-op managers, and by the member-owners of
    a co-op that practises open pay (its setting); otherwise members get the
    ratio and the anonymous distribution (:meth:`coop_pay_distribution`)."""

    _name = "coop.pay.equity"
    _description = "Pay equity"
    _auto = False
    _order = "hourly_rate desc"

    employee_id = fields.Many2one("hr.employee", readonly=True)
    job_id = fields.Many2one("hr.job", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    is_member = fields.Boolean(string="Member-owner", readonly=True)
    wage = fields.Monetary(string="Monthly wage", readonly=True, aggregator="avg")
    weekly_hours = fields.Float(readonly=True, aggregator="avg", string="Weekly hours")
    hourly_rate = fields.Monetary(string="Pay per hour", readonly=True, aggregator="max")
    ratio_to_lowest = fields.Float(
        string="Times the lowest",
        compute="_compute_ratio_to_lowest",
        digits=(6, 2),
        help="Pay per hour in times the lowest of the people the co-op's pay ratio compares.",
    )
    compared = fields.Boolean(
        compute="_compute_compared",
        search="_search_compared",
        help="In the co-op's pay ratio: everyone with a running contract, or the "
        "member-owners only (Settings, Pay ratio compares), as the contract check.",
    )
    ratio_cap = fields.Float(
        string="Cap (times the lowest)",
        readonly=True,
        aggregator="max",
        digits=(6, 2),
        help="The co-op's pay ratio cap (Settings): the most anyone's pay per hour "
        "may be, in times the lowest.",
    )
    visible_by_name = fields.Boolean(
        compute="_compute_visible_by_name",
        search="_search_visible_by_name",
        help="Shown with names and wages to the current user as a member-owner "
        "of a co-op that practises open pay.",
        string="Visible by name",
    )

    @api.model
    def _coop_compared_ids(self, companies):
        """The rows (ids of the running contracts) the pay ratio of
        ``companies`` compares: the contract check's own scope."""
        Contract = self.env["hr.contract"]
        return {c.id for company in companies for c in Contract._coop_compared_contracts(company)}

    def _compute_compared(self):
        compared = self._coop_compared_ids(self.sudo().company_id)
        for rec in self:
            rec.compared = rec.id in compared

    def _search_compared(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search pay equity rows with = True or = False."))
        domain = [("id", "in", list(self._coop_compared_ids(self.env.user.company_ids)))]
        return domain if (operator == "=") == value else ["!", *domain]

    def _compute_ratio_to_lowest(self):
        lowest = {}
        for company in self.sudo().company_id:
            rows = self.sudo().search(self._coop_pay_equity_domain(company))
            rates = [r for r in rows.mapped("hourly_rate") if r]
            lowest[company] = min(rates) if rates else 0.0
        for rec in self:
            low = lowest.get(rec.sudo().company_id)
            rec.ratio_to_lowest = rec.hourly_rate / low if low else 0.0

    def _compute_visible_by_name(self):
        companies = self._coop_open_pay_companies()
        for rec in self:
            rec.visible_by_name = rec.company_id in companies

    def _search_visible_by_name(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search pay equity rows with = True or = False."))
        domain = [("company_id", "in", self._coop_open_pay_companies().ids)]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.model
    def _coop_member_companies(self):
        """The co-ops where the current user is a member-owner."""
        return (
            self.env["coop.membership"]
            .sudo()
            .search([("partner_id", "=", self.env.user.partner_id.id), ("state", "=", "member")])
            .company_id
        )

    @api.model
    def _coop_open_pay_companies(self):
        return self._coop_member_companies().filtered(lambda c: c.coop_pay_transparency == "open")

    @api.model
    def _coop_distribution_allowed(self, company):
        """Whether the current user may see ``company``'s pay distribution:
        its managers and member-owners."""
        manager = self.env.user.has_group("coop_membership.group_coop_manager")
        return manager or company in self._coop_member_companies()

    @api.model
    def coop_pay_distribution(self, company_id=None):
        """The co-op's pay ratio and everyone's pay per hour, sorted and
        without names: for its member-owners and managers, whatever the
        co-op's transparency setting."""
        if company_id in (None, False):
            company = self.env.company
        elif isinstance(company_id, int) and not isinstance(company_id, bool):
            company = self.env.user.company_ids.filtered(lambda c: c.id == company_id)
        else:
            company = self.env["res.company"]
        if not company:
            raise UserError(self.env._("“%s” is not one of your companies.", company_id))
        if not self._coop_distribution_allowed(company):
            raise AccessError(
                self.env._(
                    "The pay distribution of %s is shown to its member-owners and managers.",
                    company.name,
                )
            )
        rows = self.sudo().search_read(self._coop_pay_equity_domain(company), ["hourly_rate"])
        rates = sorted(company.currency_id.round(r["hourly_rate"]) for r in rows)
        return {
            "company": company.name,
            "currency": company.currency_id.name,
            "ratio": capital.pay_ratio(rates),
            "hourly_rates": rates,
        }

    @api.model
    def _coop_pay_equity_domain(self, company):
        """The rows the co-op's pay ratio compares: the same people as the
        contract check (:meth:`hr.contract._coop_compared_contracts`)."""
        return [
            ("company_id", "=", company.id),
            ("id", "in", sorted(self._coop_compared_ids(company))),
        ]

    @api.model
    def _coop_overview_pay_ratio(self):
        """The current company's pay ratio against its cap (managers' overview)."""
        company = self.env.company
        domain = self._coop_pay_equity_domain(company)
        rates = [
            company.currency_id.round(r["hourly_rate"])
            for r in self.search_read(domain, ["hourly_rate"])
        ]
        ratio = capital.pay_ratio([r for r in rates if r])
        cap = company.coop_pay_ratio_cap
        tone = "ok"
        if cap and ratio > cap + 1e-9:
            tone = "danger"
        elif cap and ratio > 0.9 * cap:
            tone = "warning"
        return {
            "domain": domain,
            "value": round(ratio, 2),
            "display": self.env._("%(ratio).2f:1", ratio=ratio),
            "note": self.env._("cap %(cap).2f:1", cap=cap) if cap else self.env._("no cap set"),
            "tone": tone,
            "action": "coop_capital.action_coop_pay_equity",
        }

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # Pay per hour = monthly wage x 12 / (weekly hours x 52), as in
        # lib.capital.hourly_rate.
        self.env.cr.execute(
            f"""
            CREATE VIEW {self._table} AS (
                WITH hours AS (
                    SELECT cal.id AS calendar_id,
                           SUM(att.hour_to - att.hour_from)
                             / (CASE WHEN cal.two_weeks_calendar THEN 2 ELSE 1 END)
                             AS weekly_hours
                      FROM resource_calendar cal
                      JOIN resource_calendar_attendance att ON att.calendar_id = cal.id
                     WHERE COALESCE(att.day_period, '') <> 'lunch'
                       AND att.display_type IS NULL
                  GROUP BY cal.id, cal.two_weeks_calendar
                ), rates AS (
                    SELECT c.id, c.employee_id, c.job_id, c.company_id, c.wage,
                           h.weekly_hours,
                           c.wage * 12 / NULLIF(h.weekly_hours * 52, 0) AS hourly_rate,
                           EXISTS (
                               SELECT 1 FROM coop_membership m
                                WHERE m.employee_id = c.employee_id AND m.state = 'member'
                                  AND m.company_id = c.company_id
                           ) AS is_member
                      FROM hr_contract c
                      JOIN hours h ON h.calendar_id = c.resource_calendar_id
                     WHERE c.state = 'open' AND c.wage > 0
                )
                SELECT r.id, r.employee_id, r.job_id, r.company_id, r.wage, r.weekly_hours,
                       r.hourly_rate, r.is_member,
                       co.coop_pay_ratio_cap AS ratio_cap
                  FROM rates r
                  JOIN res_company co ON co.id = r.company_id
            )
            """
        )

    @api.depends("employee_id.name", "job_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for rec in self:
            person = rec.sudo().employee_id.name or ""
            job = rec.sudo().job_id.name
            rec.display_name = (
                self.env._("%(person)s \u2013 %(job)s", person=person, job=job) if job else person
            )
