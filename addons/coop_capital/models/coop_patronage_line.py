from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class CoopPatronageLine(models.Model):
    """One member's part of a year-end patronage allocation. The allocation's
    methods list the members and write the amounts; the accountant enters
    only the gross wages, an hours adjustment (with its reason) and whether
    the notice is qualified, while the allocation is a draft."""

    _name = "coop.patronage.line"
    _description = "Patronage allocation member line"
    _check_company_auto = True
    _inherit = ["coop.guard.mixin"]
    _order = "allocation_id, membership_id"
    _coop_protected_fields = (
        "allocation_id",
        "membership_id",
        "period_from",
        "period_to",
        "hours",
        "measure",
        "amount",
        "cash",
        "retained",
        "deficit_offset",
        "wages_source",
    )
    # Written by the allocation's cash payment and notice sending only.
    _coop_posted_fields = (
        "payment_id",
        "date_cash_paid",
        "notice_sent_date",
        "notice_sent_count",
        "notice_issue_date",
    )

    allocation_id = fields.Many2one(
        "coop.patronage.allocation", required=True, index=True, ondelete="cascade", readonly=True
    )
    membership_id = fields.Many2one(
        "coop.membership", required=True, index=True, ondelete="restrict", readonly=True
    )
    # Precomputed: the lines are inserted with them, not updated after.
    partner_id = fields.Many2one(
        related="membership_id.partner_id", store=True, index=True, precompute=True
    )
    register_number = fields.Char(related="membership_id.register_number")
    company_id = fields.Many2one(
        related="allocation_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(related="allocation_id.state")
    period_from = fields.Date(string="Member from", readonly=True)
    period_to = fields.Date(string="Member to", readonly=True)
    hours = fields.Float(string="Hours as a member", readonly=True)
    hours_adjustment = fields.Float(
        help="Hours added (or taken off) by the accountant; say why in the reason.",
        string="Hours adjustment",
    )
    adjustment_reason = fields.Char(string="Adjustment reason")
    hours_counted = fields.Float(
        compute="_compute_hours_counted", store=True, precompute=True, string="Hours counted"
    )
    source_ids = fields.One2many(
        "coop.patronage.line.source",
        "line_id",
        string="Hours by source",
        readonly=True,
        help="Where the hours as a member come from (hours entered, licensure "
        "weeks, sessions, timesheets...), as loaded with the members.",
    )
    hours_sources_text = fields.Char(
        compute="_compute_hours_sources_text", string="Hours by source (summary)"
    )
    gross_wages = fields.Monetary(
        help="Gross wages as a member in the year, entered by the accountant, "
        "imported from the payroll provider's file or estimated from contracts.",
        string="Gross wages",
    )
    wages_source = fields.Selection(
        [
            ("entered", "Entered"),
            ("imported", "Imported"),
            ("estimate", "Estimate from contracts"),
        ],
        string="Wages from",
        default="entered",
        required=True,
        readonly=True,
        help="Where the gross wages come from: entered by hand, imported from the "
        "payroll provider's file, or estimated from the contracts' wages (an "
        "estimate: check it against the payroll before computing).",
    )
    qualified = fields.Boolean(
        help="A qualified notice of allocation: retained in 3200; needs the member's consent."
    )
    measure = fields.Float(string="Share of patronage", digits=(16, 8), readonly=True)
    amount = fields.Monetary(string="Allocated", readonly=True)
    cash = fields.Monetary(string="Cash part", readonly=True)
    retained = fields.Monetary(string="Retained part", readonly=True)
    deficit_offset = fields.Monetary(
        string="Netted against deficit",
        readonly=True,
        help="The part of the retained patronage that pays down the member's deficit "
        "from earlier losses; the cash part is paid in full all the same (at least "
        "20% of the allocation, IRC 1388(c)).",
    )
    tranche_amount = fields.Monetary(
        compute="_compute_tranche_amount",
        string="New tranche",
        help="Retained part less what pays down an earlier deficit.",
    )
    is_correction = fields.Boolean(related="allocation_id.is_correction", string="Corrected notice")

    @api.depends("retained", "deficit_offset")
    def _compute_tranche_amount(self):
        for line in self:
            line.tranche_amount = line.retained - line.deficit_offset

    # The cash part paid (action_pay_cash of the allocation) and the notice
    # sent (action_send_notices): written by those methods only.
    payment_id = fields.Many2one(
        "account.payment", string="Cash payment", readonly=True, copy=False, index="btree_not_null"
    )
    date_cash_paid = fields.Date(string="Cash paid on", readonly=True, copy=False)
    cash_paid = fields.Monetary(
        string="Cash paid",
        compute="_compute_cash_paid",
        help="The cash part paid so far, read from the ledger: what is reconciled "
        "on the member's patronage payable (2300) line of the allocation's entry.",
    )
    notice_sent_date = fields.Datetime(string="Notice sent on", readonly=True, copy=False)
    notice_sent_count = fields.Integer(string="Notices sent", readonly=True, copy=False)
    notice_issue_date = fields.Date(
        string="Notice issued on",
        readonly=True,
        copy=False,
        help="The day the member's notice of allocation was first issued (sent by "
        "email, or handed over on paper): a qualified notice counts in box 1 of the "
        "1099-PATR of that calendar year. Set by sending the notices; never by hand.",
    )

    @api.depends("source_ids.label", "source_ids.hours")
    @api.depends_context("lang")
    def _compute_hours_sources_text(self):
        Membership = self.env["coop.membership"]
        for line in self:
            line.hours_sources_text = ", ".join(
                f"{source.label} {Membership._coop_hours_text(source.hours)}"
                for source in line.source_ids
            )

    @api.depends("hours", "hours_adjustment")
    def _compute_hours_counted(self):
        for line in self:
            line.hours_counted = line.hours + line.hours_adjustment

    def _coop_payable_lines(self):
        """{line: its member's 2300 journal item in the allocation's entry}."""
        result = {}
        for line in self:
            allocation = line.allocation_id.sudo()
            payable = allocation.company_id.coop_account_patronage_payable_id
            result[line] = allocation.move_id.line_ids.filtered(
                lambda item, p=payable, partner=line.partner_id: (
                    item.account_id == p and item.partner_id == partner and item.credit
                )
            )
        return result

    @api.depends("cash", "allocation_id.move_id")
    def _compute_cash_paid(self):
        payable = self._coop_payable_lines()
        for line in self:
            items = payable[line]
            residual = -sum(items.mapped("amount_residual"))
            line.cash_paid = max(sum(items.mapped("credit")) - residual, 0.0) if items else 0.0

    def _coop_consent(self):
        """The member's consent in force at the year end, or nothing."""
        self.ensure_one()
        consents = self.sudo().membership_id.patronage_consent_ids
        valid = consents._coop_valid_on(self.allocation_id.date_to)
        return valid.sorted(lambda c: (c.date, c.id))[-1:]

    def _coop_notice_values(self):
        """What the notice of allocation states, for the report."""
        self.ensure_one()
        allocation = self.allocation_id.sudo()
        company = allocation.company_id
        consent = self._coop_consent() if self.qualified else self.env["coop.patronage.consent"]
        tranche = allocation.tranche_ids.filtered(
            lambda t, m=self.membership_id: t.membership_id == m
        )[:1]
        methods = dict(consent._fields["method"]._description_selection(self.env))
        return {
            "company": company,
            "year": allocation.date_to.year,
            "deadline": allocation.payment_deadline,
            "revolve_years": company.coop_revolve_years,
            "date_revolve": tranche.date_revolve,
            "consent": consent,
            "consent_method": methods.get(consent.method, ""),
            "left": self.membership_id.state == "former",
        }

    @api.constrains("hours_adjustment", "adjustment_reason", "gross_wages", "hours")
    def _check_inputs(self):
        for line in self:
            if line.hours_adjustment and not (line.adjustment_reason or "").strip():
                raise ValidationError(
                    self.env._("%s: say why the hours are adjusted.", line.partner_id.name)
                )
            if line.hours + line.hours_adjustment < 0:
                raise ValidationError(
                    self.env._(
                        "%s: the hours counted cannot be fewer than zero.", line.partner_id.name
                    )
                )
            if line.gross_wages < 0:
                raise ValidationError(
                    self.env._("%s: gross wages cannot be negative.", line.partner_id.name)
                )

    @api.constrains("qualified")
    def _check_qualified_consent(self):
        self._coop_check_consent()

    def _coop_check_consent(self):
        """Refuse a qualified notice for a member without a consent in force
        at the year end (26 USC 1388(c)(2))."""
        for allocation in self.allocation_id:
            lines = self.filtered(
                lambda line, a=allocation: line.allocation_id == a and line.qualified
            )
            consented = lines.membership_id._coop_consented_on(allocation.date_to)
            for line in lines:
                if line.membership_id not in consented:
                    raise ValidationError(
                        self.env._(
                            "%(person)s has no patronage consent in force on %(date)s: "
                            "their notice cannot be qualified. Record their consent first, "
                            "or leave the notice non-qualified.",
                            person=line.partner_id.name,
                            date=allocation.date_to,
                        )
                    )

    def write(self, vals):
        if not self._coop_is_owner():
            self.check_access("write")
            for name in self._coop_protected_fields + self._coop_posted_fields:
                if name in vals and not self._coop_unchanged(name, vals[name]):
                    self._coop_refuse(name)
            self.allocation_id._coop_check_draft(self.env._("a member's figures"))
            if "gross_wages" in vals:
                result = super().write(vals)
                # Wages written by hand are the accountant's own figure.
                self.filtered(lambda line: line.wages_source != "entered")._coop_owner_write(
                    {"wages_source": "entered"}
                )
                return result
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        if not self._coop_is_owner():
            for vals in vals_list:
                for name in self._coop_posted_fields:
                    if vals.get(name):
                        self._coop_refuse(name)
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_by_allocation(self):
        if not self._coop_is_owner():
            raise UserError(
                self.env._(
                    "The members of a patronage allocation are listed by the allocation "
                    "itself (Load members); a line is never deleted by hand."
                )
            )

    @api.depends("allocation_id.date_to", "membership_id.partner_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for rec in self:
            date_to = rec.sudo().allocation_id.date_to
            rec.display_name = self.env._(
                "Patronage %(year)s \u2013 %(person)s",
                year=date_to.year if date_to else "",
                person=rec.sudo().membership_id.partner_id.name or "",
            )
