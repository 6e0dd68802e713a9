from decimal import Decimal
from fractions import Fraction

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, float_round

from ..lib import capital, patronage, wages

# The accounts whose posted lines make the year's net margin (credit - debit).
MARGIN_ACCOUNT_TYPES = (
    "income",
    "income_other",
    "expense",
    "expense_depreciation",
    "expense_direct_cost",
)
# The accountant's to-do to pay the cash parts appears this many days before
# the payment deadline.
CASH_REMINDER_DAYS = 30
# What the accountant sets while the allocation is a draft.
PARAMETER_FIELDS = (
    "company_id",
    "date_from",
    "date_to",
    "reserve_rate",
    "cash_rate",
    "measure_basis",
    "hours_weight",
    "member_split",
    "member_share_rate",
    "loss_policy",
    "loss_reserve_rate",
    "loss_cap_at_reserve",
    "date_entry",
    "adjustment_ids",
    "line_ids",
    "note",
)


def _exact(value):
    """A float of a form (a rate, hours) as the exact decimal it shows."""
    return Fraction(Decimal(str(round(value or 0.0, 6))))


class CoopPatronageAllocation(models.Model):
    """The year-end patronage allocation of one co-op and fiscal year
    (shared/domain/capital.md): the net margin read from the ledger, the
    reserve, each member's share by patronage, and the entry that posts it.

    Draft (parameters and members' figures are entered) -> computed (the
    amounts, by lib.patronage) -> posted (the entry and the tranches; never
    edited again, only reversed by a later correction). Cancelled from draft
    or computed only."""

    _name = "coop.patronage.allocation"
    _description = "Year-end patronage allocation"
    _check_company_auto = True
    _inherit = ["mail.thread", "mail.activity.mixin", "coop.guard.mixin"]
    _order = "date_to desc, id desc"
    _coop_protected_fields = (
        "name",
        "state",
        "move_id",
        "ledger_margin",
        "member_hours",
        "all_hours",
        "member_margin",
        "non_member_margin",
        "reserve_amount",
        "pool_amount",
        "date_posted",
        "reserve_balance",
        "startup_balance",
        "startup_paydown_amount",
        "startup_charge_amount",
        "corrected_allocation_id",
        "reversal_move_id",
        "is_correction",
    )

    name = fields.Char(readonly=True, copy=False, default=lambda self: self.env._("New"))
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(string="Fiscal year from", required=True)
    date_to = fields.Date(string="Fiscal year to", required=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("computed", "Computed"),
            ("posted", "Posted"),
            ("corrected", "Corrected"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    reserve_rate = fields.Float(
        string="Collective reserve (%)",
        default=30.0,
        digits=(5, 2),
        tracking=True,
        help="The reserve's share of the member margin, under the bylaws.",
    )
    cash_rate = fields.Float(
        string="Paid in cash (%)",
        default=20.0,
        digits=(5, 2),
        tracking=True,
        help="Part of each member's allocation paid in cash; at least 20% (IRC 1388(c)).",
    )
    measure_basis = fields.Selection(
        [("hours", "Hours worked"), ("wages", "Gross wages"), ("blend", "Hours and wages")],
        string="Patronage measure",
        default="hours",
        required=True,
        tracking=True,
    )
    hours_weight = fields.Float(
        string="Weight of hours (%)",
        default=50.0,
        digits=(5, 2),
        help="In a blend, the weight of hours; the rest is the weight of wages.",
    )
    member_split = fields.Selection(
        [("hours", "By member hours over all hours"), ("rate", "A bylaw rate")],
        string="Member margin",
        default="hours",
        required=True,
        help="How the net margin is split between member labour (patronage) and "
        "non-member labour (to the reserve).",
    )
    member_share_rate = fields.Float(
        string="Member share of the margin (%)", default=100.0, digits=(5, 2)
    )
    loss_policy = fields.Selection(
        [
            ("reserve", "All to the collective reserve"),
            ("split", "Split like a surplus (reserve share, the rest by patronage)"),
            ("startup", "Carried on the start-up loss account, cleared by later surpluses"),
        ],
        default="reserve",
        required=True,
        tracking=True,
        help="The bylaws' loss policy (capital.md rule 8). Whatever the policy, a "
        "surplus first pays down what is left on the start-up loss account.",
        string="Loss policy",
    )
    loss_reserve_rate = fields.Float(
        string="Reserve's share of a loss (%)",
        default=30.0,
        digits=(5, 2),
        tracking=True,
        help="Under the split policy, the part of a loss the collective reserve "
        "takes; the rest is charged to the members' accounts by patronage.",
    )
    loss_cap_at_reserve = fields.Boolean(
        string="Cap at the reserve's balance",
        tracking=True,
        help="Under the split policy, the reserve never takes more of a loss than "
        "its balance at the year end; the members carry the rest.",
    )
    reserve_balance = fields.Monetary(
        string="Reserve at year end",
        readonly=True,
        copy=False,
        help="The collective reserve's balance in the ledger at the year end, before "
        "this allocation (the cap of a split loss).",
    )
    startup_balance = fields.Monetary(
        string="Start-up losses at year end",
        readonly=True,
        copy=False,
        help="What was left on the start-up loss account at the year end, before this allocation.",
    )
    startup_paydown_amount = fields.Monetary(
        string="Start-up losses cleared",
        readonly=True,
        copy=False,
        help="The part of the surplus that paid down the start-up loss account "
        "before any allocation.",
    )
    startup_charge_amount = fields.Monetary(
        string="Loss to the start-up account", readonly=True, copy=False
    )
    deficit_total = fields.Monetary(
        compute="_compute_totals",
        string="Netted against deficits",
        help="Retained parts that paid down members' earlier deficits instead of "
        "making a new tranche.",
    )
    date_entry = fields.Date(
        string="Entry date",
        help="A correction of a closed year is posted on this date, in an open "
        "period (the original year end is used when empty).",
    )
    corrected_allocation_id = fields.Many2one(
        "coop.patronage.allocation",
        string="Corrects",
        readonly=True,
        copy=False,
        index=True,
        check_company=True,
        help="The posted allocation this one corrects: posting this one reverses it.",
    )
    correction_ids = fields.One2many(
        "coop.patronage.allocation", "corrected_allocation_id", string="Corrections"
    )
    is_correction = fields.Boolean(
        compute="_compute_is_correction",
        store=True,
        string="Corrected notice",
        help="The notices of this allocation are corrected notices.",
    )
    reversal_move_id = fields.Many2one(
        "account.move",
        string="Reversal",
        readonly=True,
        copy=False,
        check_company=True,
        help="The entry that reversed this allocation when a correction was posted.",
    )
    note = fields.Text()
    adjustment_ids = fields.One2many(
        "coop.patronage.adjustment", "allocation_id", string="Adjustments", copy=False
    )
    line_ids = fields.One2many("coop.patronage.line", "allocation_id", string="Members", copy=False)
    tranche_ids = fields.One2many(
        "coop.patronage.tranche", "allocation_id", string="Tranches", readonly=True
    )
    move_id = fields.Many2one(
        "account.move", string="Entry", readonly=True, copy=False, check_company=True
    )
    date_posted = fields.Date(readonly=True, copy=False, string="Date posted")
    ledger_margin = fields.Monetary(string="Net margin in the ledger", readonly=True, copy=False)
    adjustments_total = fields.Monetary(compute="_compute_totals", string="Adjustments total")
    net_margin = fields.Monetary(compute="_compute_totals", string="Net margin to allocate")
    member_hours = fields.Float(readonly=True, copy=False, string="Member hours")
    all_hours = fields.Float(string="All hours worked", readonly=True, copy=False)
    member_margin = fields.Monetary(readonly=True, copy=False, string="Member labour margin")
    non_member_margin = fields.Monetary(
        readonly=True, copy=False, string="Non-member labour margin"
    )
    reserve_amount = fields.Monetary(string="To the reserve", readonly=True, copy=False)
    pool_amount = fields.Monetary(string="To the members", readonly=True, copy=False)
    cash_total = fields.Monetary(compute="_compute_totals", string="Cash parts")
    retained_total = fields.Monetary(compute="_compute_totals", string="Retained parts")
    payment_deadline = fields.Date(
        compute="_compute_payment_deadline",
        help="The cash parts are paid by the 15th day of the 9th month after year end.",
        string="Payment deadline",
    )
    cash_paid_total = fields.Monetary(
        compute="_compute_cash_paid",
        string="Cash paid",
        help="The cash parts paid so far, read from the ledger (2300 reconciled).",
    )
    cash_state = fields.Selection(
        [
            ("none", "No cash to pay"),
            ("to_pay", "Cash to pay"),
            ("partial", "Cash partly paid"),
            ("paid", "Cash paid"),
        ],
        compute="_compute_cash_paid",
        string="Cash payment",
    )
    notices_sent = fields.Integer(
        compute="_compute_notices_sent", string="Notices sent", help="Members sent their notice."
    )

    # ------------------------------------------------------------------
    # Computes and checks
    # ------------------------------------------------------------------
    @api.depends(
        "adjustment_ids.amount",
        "ledger_margin",
        "line_ids.cash",
        "line_ids.retained",
        "line_ids.deficit_offset",
    )
    def _compute_totals(self):
        for rec in self:
            rec.adjustments_total = sum(rec.adjustment_ids.mapped("amount"))
            rec.net_margin = rec.ledger_margin + rec.adjustments_total
            rec.cash_total = sum(rec.line_ids.mapped("cash"))
            rec.retained_total = sum(rec.line_ids.mapped("retained"))
            rec.deficit_total = sum(rec.line_ids.mapped("deficit_offset"))

    @api.depends("corrected_allocation_id")
    def _compute_is_correction(self):
        for rec in self:
            rec.is_correction = bool(rec.corrected_allocation_id)

    @api.depends("date_to")
    def _compute_payment_deadline(self):
        for rec in self:
            rec.payment_deadline = rec.date_to and patronage.payment_deadline(rec.date_to)

    @api.constrains(
        "date_from",
        "date_to",
        "reserve_rate",
        "cash_rate",
        "hours_weight",
        "member_share_rate",
        "loss_reserve_rate",
        "date_entry",
        "corrected_allocation_id",
    )
    def _check_parameters(self):
        for rec in self:
            if rec.date_to < rec.date_from:
                raise ValidationError(self.env._("The fiscal year cannot end before it starts."))
            if rec.date_to >= rec.date_from + relativedelta(years=1, days=7):
                raise ValidationError(
                    self.env._("A patronage allocation covers one fiscal year, at most a year.")
                )
            for label, value in (
                (self.env._("The collective reserve"), rec.reserve_rate),
                (self.env._("The weight of hours"), rec.hours_weight),
                (self.env._("The member share of the margin"), rec.member_share_rate),
                (self.env._("The reserve's share of a loss"), rec.loss_reserve_rate),
                (self.env._("The cash part"), rec.cash_rate),
            ):
                if not 0 <= value <= 100:
                    raise ValidationError(
                        self.env._(
                            "%(what)s is a percentage between 0 and 100, not %(value)s.",
                            what=label,
                            value=value,
                        )
                    )
            if rec.cash_rate < 20:
                raise ValidationError(
                    self.env._(
                        "At least 20%% of each allocation is paid in cash (IRC 1388(c)); "
                        "%s%% is too little.",
                        rec.cash_rate,
                    )
                )
            if rec.date_entry and not rec.corrected_allocation_id:
                raise ValidationError(
                    self.env._(
                        "%s is posted on its year end; only a correction of a closed year "
                        "takes another entry date.",
                        rec.name,
                    )
                )
            if rec.date_entry and rec.date_entry < rec.date_to:
                raise ValidationError(
                    self.env._(
                        "The entry date of %(name)s cannot be before the year end %(end)s.",
                        name=rec.name,
                        end=rec.date_to,
                    )
                )
            # A correction stands beside the allocation it corrects (and that
            # one's earlier corrections) until it is posted.
            chain = rec._coop_correction_chain()
            overlap = self.search_count(
                [
                    ("id", "not in", chain.ids),
                    ("company_id", "=", rec.company_id.id),
                    ("state", "not in", ("cancelled", "corrected")),
                    ("date_from", "<=", rec.date_to),
                    ("date_to", ">=", rec.date_from),
                ]
            )
            if overlap:
                raise ValidationError(
                    self.env._(
                        "%(company)s already has a patronage allocation for a period "
                        "overlapping %(start)s - %(end)s.",
                        company=rec.company_id.name,
                        start=rec.date_from,
                        end=rec.date_to,
                    )
                )

    # ------------------------------------------------------------------
    # Only a draft changes; a posted allocation never does
    # ------------------------------------------------------------------
    def _coop_correction_chain(self):
        """This allocation, those it corrects and all their corrections."""
        self.ensure_one()
        root = self
        while root.corrected_allocation_id:
            root = root.corrected_allocation_id
        chain, todo = root, root
        while todo:
            todo = todo.correction_ids - chain
            chain |= todo
        return chain | self

    def _coop_free_fields(self):
        """Fields the chatter and activities write on any allocation."""
        return set(self.env["mail.thread"]._fields) | set(self.env["mail.activity.mixin"]._fields)

    def _coop_check_draft(self, what=None):
        for rec in self:
            if rec.state != "draft":
                raise UserError(
                    self.env._(
                        "%(name)s is %(state)s: %(what)s changes only on a draft "
                        "allocation (a posted one never changes; correct it in a "
                        "later period).",
                        name=rec.name,
                        state=rec._state_label(),
                        what=what or self.env._("it"),
                    )
                )

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        for rec in records:
            rec._coop_owner_write(
                {
                    # The year allocated names it (PAT/2025/... for 2025).
                    "name": self.env["ir.sequence"]
                    .sudo()
                    .with_company(rec.company_id)
                    .with_context(ir_sequence_date=rec.date_to)
                    .next_by_code("coop.patronage.allocation", sequence_date=rec.date_to)
                    or self.env._("Patronage %s", rec.date_to.year)
                }
            )
        return records

    def write(self, vals):
        if not self._coop_is_owner() and set(vals) - self._coop_free_fields():
            # The guard speaks first for the fields only the actions write.
            for name in self._coop_protected_fields:
                if name in vals and not self._coop_unchanged(name, vals[name]):
                    self._coop_refuse(name)
            self._coop_check_draft()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        self._coop_check_draft()

    # ------------------------------------------------------------------
    # Reading the year
    # ------------------------------------------------------------------
    def _coop_ledger_margin(self):
        """Net margin of the year in the ledger: posted income and expense
        lines between the dates, credit - debit, without this allocation's
        own entry."""
        self.ensure_one()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("parent_state", "=", "posted"),
            ("date", ">=", self.date_from),
            ("date", "<=", self.date_to),
            ("account_id.account_type", "in", MARGIN_ACCOUNT_TYPES),
        ]
        if self.move_id:
            domain.append(("move_id", "!=", self.move_id.id))
        [(balance,)] = self.env["account.move.line"].sudo()._read_group(domain, [], ["balance:sum"])
        return -capital.to_cents(balance or 0.0)

    def _coop_year_memberships(self):
        """``{membership: (first, last day as a member in the year)}`` for
        everyone who was a member-owner at any time of the year, leavers
        included."""
        self.ensure_one()
        candidates = (
            self.env["coop.membership"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("company_id", "=", self.company_id.id),
                    ("date_member", "!=", False),
                ],
                ["date_member", "state", "date_exit"],
            )
        )
        periods = {}
        for membership, (start, end) in candidates._coop_member_periods().items():
            if start > self.date_to or (end and end < self.date_from):
                continue
            periods[membership] = (
                max(start, self.date_from),
                min(end, self.date_to) if end else self.date_to,
            )
        return periods

    def _coop_all_hours(self):
        """Hours worked in the year by everyone in the co-op, members or not."""
        self.ensure_one()
        everyone = (
            self.env["coop.membership"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    "|",
                    ("date_work_start", "=", False),
                    ("date_work_start", "<=", self.date_to),
                    "|",
                    ("date_exit", "=", False),
                    ("date_exit", ">=", self.date_from),
                ]
            )
        )
        return sum(everyone._coop_hours_worked(self.date_from, self.date_to).values())

    def _coop_period_hours(self, periods):
        """``{membership id: hours}`` worked in each membership's own period
        (``{membership: (first, last day)}``): one read of each hour source,
        whatever the number of members and of dates they joined or left on."""
        return {
            membership_id: sum(by_source.values(), 0.0)
            for membership_id, by_source in self._coop_period_hour_sources(periods).items()
        }

    def _coop_period_hour_sources(self, periods):
        """``{membership id: {source: hours}}`` worked in each membership's
        own period, per source of hours (see ``coop.membership``'s
        ``_coop_hour_sources_in``): one read of each source for all the
        members and their periods."""
        memberships = self.env["coop.membership"].sudo().union(*periods)
        sources = memberships._coop_hour_sources_in(
            {membership.id: period for membership, period in periods.items()}
        )
        return {
            membership.id: {
                code: by_membership.get(membership.id, 0.0)
                for code, by_membership in sources.items()
            }
            for membership in memberships
        }

    def action_load_members(self):
        """Put on the allocation everyone who was a member-owner during the
        year, with their hours as members; keep what the accountant entered
        (wages, adjustments, qualified) for members already listed."""
        self.check_access("write")
        self._coop_check_draft(self.env._("the member list"))
        Line = self.env["coop.patronage.line"].sudo()
        for rec in self:
            periods = rec._coop_year_memberships()
            consented = rec.env["coop.membership"].union(*periods)._coop_consented_on(rec.date_to)
            existing = {line.membership_id: line for line in rec.sudo().line_ids}
            stale = rec.sudo().line_ids.filtered(
                lambda line, p=periods: line.membership_id not in p
            )
            by_source = rec._coop_period_hour_sources(periods)
            labels = rec.env["coop.membership"]._coop_hour_source_labels()
            Source = rec.env["coop.patronage.line.source"].sudo()
            drop, add = Source, []
            with Line._coop_owner_writes():
                stale.unlink()
                new, new_sources = [], []
                for membership, (start, end) in periods.items():
                    sources = by_source[membership.id]
                    vals = {
                        "hours": sum(sources.values(), 0.0),
                        "period_from": start,
                        "period_to": end,
                    }
                    # The sources the member's hours came from (a source
                    # without hours for them is not listed).
                    source_rows = [
                        {"code": code, "label": labels.get(code, code), "hours": hours}
                        for code, hours in sources.items()
                        if hours
                    ]
                    line = existing.get(membership)
                    if line:
                        if (line.hours, line.period_from, line.period_to) != (
                            vals["hours"],
                            start,
                            end,
                        ):
                            line.write(vals)
                        kept = [(r.code, r.label, r.hours) for r in line.source_ids]
                        if kept != [(r["code"], r["label"], r["hours"]) for r in source_rows]:
                            drop |= line.source_ids
                            add += [dict(row, line_id=line.id) for row in source_rows]
                    else:
                        new.append(
                            dict(
                                vals,
                                allocation_id=rec.id,
                                membership_id=membership.id,
                                qualified=membership in consented,
                            )
                        )
                        new_sources.append(source_rows)
                drop.unlink()
                for line, source_rows in zip(Line.create(new), new_sources, strict=True):
                    add += [dict(row, line_id=line.id) for row in source_rows]
                Source.create(add)
        return True

    # ------------------------------------------------------------------
    # Gross wages: the payroll provider's file, or an estimate
    # ------------------------------------------------------------------
    def action_open_wages_import(self):
        """The wizard that reads the payroll provider's file of gross wages."""
        self.ensure_one()
        self.check_access("write")
        self._coop_check_draft(self.env._("the gross wages"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Import gross wages"),
            "res_model": "coop.patronage.wages.import",
            "view_mode": "form",
            "target": "new",
            "context": {"default_allocation_id": self.id},
        }

    def _coop_set_wages(self, amounts, source):
        """Write ``{line: cents}`` as the lines' gross wages from ``source``
        (``imported`` or ``estimate``), after the caller's checks."""
        for line, cents in amounts.items():
            line._coop_owner_write(
                {"gross_wages": capital.from_cents(cents), "wages_source": source}
            )

    def action_estimate_wages(self):
        """Fill the gross wages of the lines that have none (or an earlier
        estimate) from the members' contracts: each contract's monthly wage
        times the months it covers of the member's period in the year. The
        lines say the wages are an estimate; wages entered or imported stay."""
        self.check_access("write")
        self._coop_check_draft(self.env._("the gross wages"))
        for rec in self:
            lines = rec.sudo().line_ids.filtered(
                lambda line: line.wages_source == "estimate" or not line.gross_wages
            )
            contracts = (
                rec.env["hr.contract"]
                .sudo()
                .search(
                    [
                        ("employee_id", "in", lines.membership_id.employee_id.ids),
                        ("state", "in", ("open", "close")),
                        ("date_start", "<=", rec.date_to),
                        "|",
                        ("date_end", "=", False),
                        ("date_end", ">=", rec.date_from),
                    ]
                )
            )
            by_employee = {}
            for contract in contracts:
                by_employee.setdefault(contract.employee_id, []).append(
                    (contract.wage, contract.date_start, contract.date_end or None)
                )
            amounts = {}
            for line in lines:
                terms = by_employee.get(line.membership_id.employee_id)
                if terms:
                    amounts[line] = wages.estimate_wages(terms, line.period_from, line.period_to)
            rec._coop_set_wages(amounts, "estimate")
        return True

    # ------------------------------------------------------------------
    # The calculation
    # ------------------------------------------------------------------
    def _coop_error_text(self, error):
        """A PatronageError of lib.patronage as a sentence."""
        texts = {
            "no_patrons": self.env._(
                "No one was a member-owner during this year: there is nobody to allocate to."
            ),
            "negative_measure": self.env._("Hours and wages cannot be negative."),
            "no_patronage": self.env._(
                "The members have no patronage this year (no hours, no wages): "
                "enter their hours or wages first."
            ),
            "no_hours": self.env._(
                "The members have no hours worked this year: enter their hours, "
                "or measure patronage by wages."
            ),
            "no_wages": self.env._(
                "Enter the members' gross wages first: patronage is measured by wages."
            ),
            "member_hours_out_of_range": self.env._(
                "The co-op's hours worked this year are unknown (or fewer than the "
                "members' own): enter the hours, or split the margin by a bylaw rate."
            ),
            "cash_rate_below_minimum": self.env._(
                "At least 20% of each qualified allocation is paid in cash (IRC 1388(c))."
            ),
            "reserve_balance_needed": self.env._(
                "The loss is capped at the reserve's balance, but the co-op has no "
                "collective reserve account: set it in the settings."
            ),
            "loss_reserve_rate_out_of_range": self.env._(
                "The reserve's share of a loss is a percentage between 0 and 100."
            ),
        }
        return texts.get(
            error.code,
            self.env._("The allocation cannot be computed with these settings (%s).", error.code),
        )

    def _coop_measures(self, lines, keys):
        hours = {keys[line]: _exact(line.hours_counted) for line in lines}
        wages = {keys[line]: Fraction(capital.to_cents(line.gross_wages)) for line in lines}
        if self.measure_basis == "hours":
            return hours
        weight = Fraction(0) if self.measure_basis == "wages" else _exact(self.hours_weight) / 100
        return patronage.blend(hours, wages, weight)

    def _coop_calculate(self):
        """The lib.patronage result for this allocation, and the line of each key."""
        self.ensure_one()
        lines = self.sudo().line_ids
        keys = {
            line: (line.membership_id.register_number or "", line.membership_id.id)
            for line in lines
        }
        if not lines:
            raise UserError(self._coop_error_text(patronage.PatronageError("no_patrons")))
        lines._coop_check_consent()
        net = self._coop_ledger_margin() + capital.to_cents(self.adjustments_total)
        company = self.company_id
        split = {}
        if self.member_split == "rate":
            split["member_share"] = _exact(self.member_share_rate) / 100
        else:
            member_hours = sum((_exact(h) for h in lines.mapped("hours_counted")), Fraction(0))
            raw_hours = sum((_exact(h) for h in lines.mapped("hours")), Fraction(0))
            non_member = max(Fraction(0), _exact(self._coop_all_hours()) - raw_hours)
            split.update(member_hours=member_hours, all_hours=member_hours + non_member)
        try:
            result = patronage.allocate_year(
                net,
                self._coop_measures(lines, keys),
                _exact(self.reserve_rate) / 100,
                cash_rate=_exact(self.cash_rate) / 100,
                qualified={keys[line]: line.qualified for line in lines},
                loss_policy=self.loss_policy,
                loss_reserve_rate=_exact(self.loss_reserve_rate) / 100,
                cap_loss_at_reserve=self.loss_cap_at_reserve,
                reserve_balance_cents=self._coop_year_end_balance(company.coop_account_reserve_id),
                startup_balance_cents=max(
                    0, -(self._coop_year_end_balance(company.coop_account_startup_loss_id) or 0)
                ),
                balances=self._coop_member_capital_before(lines, keys),
                **split,
            )
        except patronage.PatronageError as error:
            raise UserError(self._coop_error_text(error)) from error
        by_key = {key: line for line, key in keys.items()}
        return result, by_key, split

    def _coop_year_end_balance(self, account):
        """The credit balance of ``account`` in cents at the year end, before
        this allocation and any allocation of the year it corrects (``None``
        when the account is not set)."""
        self.ensure_one()
        if not account:
            return None
        chain = self._coop_correction_chain()
        moves = chain.move_id | chain.reversal_move_id
        [(balance,)] = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    ("parent_state", "=", "posted"),
                    ("date", "<=", self.date_to),
                    ("account_id", "=", account.id),
                    ("move_id", "not in", moves.ids),
                ],
                [],
                ["balance:sum"],
            )
        )
        return -capital.to_cents(balance or 0.0)

    def _coop_open_tranches_before(self, memberships):
        """The open tranches of ``memberships`` from the company's earlier
        years, the oldest first."""
        self.ensure_one()
        return (
            self.env["coop.patronage.tranche"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("membership_id", "in", memberships.ids),
                    ("state", "=", "open"),
                    ("allocation_id.date_to", "<", self.date_from),
                ],
                order="year, id",
            )
        )

    def _coop_member_capital_before(self, lines, keys):
        """``{key: cents}``: each member's retained patronage left from earlier
        years (negative: a deficit from a loss)."""
        balances = dict.fromkeys(keys.values(), 0)
        key_of = {line.membership_id: keys[line] for line in lines}
        for tranche in self._coop_open_tranches_before(lines.membership_id):
            balances[key_of[tranche.membership_id]] += capital.to_cents(tranche.amount_remaining)
        return balances

    def action_compute(self):
        """Compute the year: the member list, the margin, the reserve and each
        member's allocation, cash and retained parts (lib.patronage)."""
        self.check_access("write")
        self._coop_check_draft(self.env._("the calculation"))
        self.action_load_members()
        money = capital.from_cents
        for rec in self:
            result, by_key, split = rec._coop_calculate()
            rec._coop_write_line_figures(
                [
                    (
                        by_key[member.key].id,
                        float_round(float(member.measure), precision_digits=8),
                        money(member.allocation),
                        money(member.cash),
                        money(member.retained),
                        money(member.deficit_offset),
                    )
                    for member in result.lines
                ]
            )
            rec._coop_owner_write(
                {
                    "state": "computed",
                    "ledger_margin": money(rec._coop_ledger_margin()),
                    "member_hours": float(split.get("member_hours", rec.member_hours)),
                    "all_hours": float(split.get("all_hours", rec.all_hours)),
                    "member_margin": money(result.member_margin),
                    "non_member_margin": money(result.non_member_margin),
                    "reserve_amount": money(result.reserve),
                    "pool_amount": money(result.pool),
                    "reserve_balance": money(
                        rec._coop_year_end_balance(rec.company_id.coop_account_reserve_id) or 0
                    ),
                    "startup_balance": money(
                        -(
                            rec._coop_year_end_balance(rec.company_id.coop_account_startup_loss_id)
                            or 0
                        )
                    ),
                    "startup_paydown_amount": money(result.startup_paydown),
                    "startup_charge_amount": money(result.startup_charge),
                }
            )
        return True

    def _coop_write_line_figures(self, rows):
        """Write each member line's figures ``(line id, measure, amount,
        cash, retained, deficit offset)``, computed by lib.patronage to the
        cent: one UPDATE for all the lines (a write per line costs the ORM
        about half a millisecond each, bench/patronage.py), then the ORM is
        told, so that what depends on them is computed again."""
        if not rows:
            return
        names = ["measure", "amount", "cash", "retained", "deficit_offset"]
        lines = self.env["coop.patronage.line"].sudo().browse([row[0] for row in rows])
        lines.flush_recordset(names)
        self.env.cr.execute(
            SQL(
                """
                UPDATE coop_patronage_line AS l
                   SET measure = v.measure, amount = v.amount, cash = v.cash,
                       retained = v.retained, deficit_offset = v.deficit_offset,
                       write_uid = %(uid)s, write_date = %(now)s
                  FROM (VALUES %(values)s) AS v(id, measure, amount, cash, retained,
                                                deficit_offset)
                 WHERE l.id = v.id
                """,
                uid=self.env.uid,
                now=fields.Datetime.now(),
                values=SQL(", ").join(
                    SQL(
                        "(%s, %s::float8, %s::numeric, %s::numeric, %s::numeric, %s::numeric)",
                        *row,
                    )
                    for row in rows
                ),
            )
        )
        lines.invalidate_recordset([*names, "write_uid", "write_date"])
        lines.modified(names)

    def action_reset_to_draft(self):
        """Back to draft from computed, to change the figures: the amounts are cleared."""
        self.check_access("write")
        for rec in self:
            if rec.state != "computed":
                raise UserError(
                    self.env._(
                        "Only a computed allocation goes back to draft; %s is not.", rec.name
                    )
                )
            with rec.sudo().line_ids._coop_owner_writes():
                rec.sudo().line_ids.write(
                    {"measure": 0, "amount": 0, "cash": 0, "retained": 0, "deficit_offset": 0}
                )
            rec._coop_owner_write(
                {
                    "state": "draft",
                    "reserve_amount": 0,
                    "pool_amount": 0,
                    "member_margin": 0,
                    "non_member_margin": 0,
                    "startup_paydown_amount": 0,
                    "startup_charge_amount": 0,
                }
            )
        return True

    def action_cancel(self):
        self.check_access("write")
        for rec in self:
            if rec.state not in ("draft", "computed"):
                raise UserError(
                    self.env._(
                        "%s is posted: it is never cancelled; correct it by a reversing "
                        "entry in an open period.",
                        rec.name,
                    )
                )
        self._coop_owner_write({"state": "cancelled"})
        return True

    # ------------------------------------------------------------------
    # Posting
    # ------------------------------------------------------------------
    def _coop_earnings_account(self):
        self.ensure_one()
        return (
            self.env["account.account"]
            .sudo()
            .search(
                [
                    ("account_type", "=", "equity_unaffected"),
                    ("company_ids", "in", self.company_id.id),
                ],
                limit=1,
            )
        )

    def action_post(self):
        """Post the year: one entry on the last day of the fiscal year in the
        member capital journal, and a tranche of retained patronage per member."""
        self.check_access("write")
        for rec in self:
            if rec.state != "computed":
                raise UserError(
                    self.env._(
                        "Compute %(name)s before posting it (it is %(state)s).",
                        name=rec.name,
                        state=rec._state_label(),
                    )
                )
            rec._coop_post_one()
        return True

    def _coop_post_one(self):
        self.ensure_one()
        company = self.company_id
        date = self.date_entry or self.date_to
        company._coop_check_open_period(date)
        original = self.corrected_allocation_id
        if original:
            original._coop_check_correctable()
        # Recompute and compare: what is posted is what the ledger says now.
        result, by_key, _split = self._coop_calculate()
        lines = self.sudo().line_ids
        for member in result.lines:
            line = by_key[member.key]
            if (
                capital.to_cents(line.amount) != member.allocation
                or capital.to_cents(line.cash) != member.cash
                or capital.to_cents(line.deficit_offset) != member.deficit_offset
            ):
                raise UserError(
                    self.env._(
                        "The ledger or the members' figures changed since %s was computed: "
                        "compute it again before posting.",
                        self.name,
                    )
                )
        if (result.startup_paydown or result.startup_charge) and not (
            company.coop_account_startup_loss_id
        ):
            # A company set up before the start-up loss account existed gets it now.
            company._coop_capital_setup()
        earnings = self._coop_earnings_account()
        accounts = {
            "reserve": company.coop_account_reserve_id,
            "payable": company.coop_account_patronage_payable_id,
            "qualified": company.coop_account_retained_qualified_id,
            "nonqualified": company.coop_account_retained_nonqualified_id,
            "redemption": company.coop_account_redemption_payable_id,
        }
        journal = company.coop_capital_journal_id
        if not earnings or not journal or not all(accounts.values()):
            raise UserError(
                self.env._(
                    "Set the member capital accounts and journal of %s in the settings "
                    "(reserve, patronage payable, retained patronage, redemption payable) "
                    "before posting.",
                    company.name,
                )
            )
        label = self.env._("Patronage %(year)s - %(name)s", year=self.date_to.year, name=self.name)

        def entry(account, cents, name, partner=None):
            return {
                "name": name,
                "account_id": account.id,
                "partner_id": partner.id if partner else False,
                "debit": capital.from_cents(max(cents, 0)),
                "credit": capital.from_cents(max(-cents, 0)),
            }

        # Debit positive, credit negative, in cents.
        items = [entry(earnings, result.net_margin, label)]
        items.append(entry(accounts["reserve"], -result.reserve, self.env._("Collective reserve")))
        startup = company.coop_account_startup_loss_id
        if result.startup_paydown:
            items.append(
                entry(startup, -result.startup_paydown, self.env._("Start-up losses paid down"))
            )
        if result.startup_charge:
            items.append(
                entry(startup, result.startup_charge, self.env._("Loss to the start-up account"))
            )
        tranches, leavers, netting = self._coop_member_items(result, by_key, accounts, entry, items)
        items = [item for item in items if item["debit"] or item["credit"]]
        if not items:
            raise UserError(
                self.env._("The net margin of %s is zero: there is nothing to post.", self.name)
            )
        reversal = original._coop_reverse(date) if original else None
        move = (
            self.env["account.move"]
            .sudo()
            ._coop_owner_create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "company_id": company.id,
                    "date": date,
                    "ref": label,
                    "coop_capital": True,
                    "line_ids": [
                        fields.Command.create(dict(item, analytic_distribution=False))
                        for item in items
                    ],
                }
            )
        )
        move._coop_post()
        Tranche = self.env["coop.patronage.tranche"].sudo()
        Tranche._coop_owner_create(tranches)
        with Tranche._coop_owner_writes():
            for netted in netting:
                for tranche, cents in netted.items():
                    tranche.write(
                        {"amount_netted": tranche.amount_netted + capital.from_cents(cents)}
                    )
        Redemption = self.env["coop.share.redemption"].sudo()
        Redemption._coop_owner_create(
            [
                vals
                for membership, cents, qualified in leavers
                for vals in Redemption._coop_schedule_vals(
                    membership,
                    capital.from_cents(cents),
                    date,
                    move,
                    nonqualified=0 if qualified else cents,
                )
            ]
        )
        self._coop_owner_write(
            {
                "state": "posted",
                "move_id": move.id,
                "date_posted": fields.Date.context_today(self),
            }
        )
        if original:
            original._coop_owner_write({"state": "corrected", "reversal_move_id": reversal.id})
        lines.invalidate_recordset()
        return move

    def _coop_member_items(self, result, by_key, accounts, entry, items):
        """Add each member's lines to ``items`` (cash, deficit paid down,
        retained or charged); returns the tranches to create, the leavers'
        redemptions and the deficits netted."""
        tranches, leavers, netting = [], [], []
        company = self.company_id
        lines = self.sudo().line_ids
        year = self.date_to.year
        revolve = self.date_to + relativedelta(years=company.coop_revolve_years)
        deficits = self._coop_open_tranches_before(lines.membership_id)
        for member in result.lines:
            line = by_key[member.key]
            partner = line.partner_id
            if member.cash:
                items.append(
                    entry(
                        accounts["payable"],
                        -member.cash,
                        self.env._(
                            "Patronage %(year)s, cash part - %(who)s", year=year, who=partner.name
                        ),
                        partner,
                    )
                )
            if member.deficit_offset:
                # The retained part first pays down the member's deficit, on
                # the account a loss is charged to (3200).
                items.append(
                    entry(
                        accounts["qualified"],
                        -member.deficit_offset,
                        self.env._(
                            "Patronage %(year)s, deficit paid down - %(who)s",
                            year=year,
                            who=partner.name,
                        ),
                        partner,
                    )
                )
                own = deficits.filtered(lambda t, m=line.membership_id: t.membership_id == m)
                netting.append(
                    patronage.net_deficits(
                        [(t, capital.to_cents(t.amount_remaining)) for t in own],
                        member.deficit_offset,
                    )
                )
            if member.tranche > 0 and line.membership_id.state == "former":
                # A member who has left receives the retained part through
                # 2310, paid on the bylaws' redemption schedule.
                items.append(
                    entry(
                        accounts["redemption"],
                        -member.tranche,
                        self.env._(
                            "Patronage %(year)s, retained, member has left - %(who)s",
                            year=year,
                            who=partner.name,
                        ),
                        partner,
                    )
                )
                leavers.append((line.membership_id, member.tranche, line.qualified))
            elif member.tranche:
                # A loss is charged to the member's account on 3200 (capital.md,
                # rule 8 and the loss example), and its tranche is negative.
                on_qualified = line.qualified or member.tranche < 0
                account = accounts["qualified" if on_qualified else "nonqualified"]
                items.append(
                    entry(
                        account,
                        -member.tranche,
                        self.env._(
                            "Patronage %(year)s, retained - %(who)s", year=year, who=partner.name
                        )
                        if member.tranche > 0
                        else self.env._(
                            "Loss %(year)s charged - %(who)s", year=year, who=partner.name
                        ),
                        partner,
                    )
                )
                tranches.append(
                    {
                        "membership_id": line.membership_id.id,
                        "allocation_id": self.id,
                        "year": year,
                        "qualified": on_qualified,
                        "amount": capital.from_cents(member.tranche),
                        "date_revolve": revolve,
                    }
                )
        return tranches, leavers, netting

    # ------------------------------------------------------------------
    # Corrections after close (capital.md rule 11)
    # ------------------------------------------------------------------
    def _coop_check_correctable(self):
        """Refuse, with the reason, to correct an allocation whose effects
        went on beyond its own entry."""
        self.ensure_one()
        if self.state != "posted" or not self.move_id:
            raise UserError(
                self.env._(
                    "Only a posted allocation is corrected; %(name)s is %(state)s.",
                    name=self.name,
                    state=self._state_label(),
                )
            )
        tranches = self.sudo().tranche_ids
        moved = tranches.filtered(lambda t: t.amount_redeemed or t.amount_netted)
        if moved:
            raise UserError(
                self.env._(
                    "%(name)s cannot be corrected: retained patronage of %(who)s was "
                    "already redeemed or netted against a later allocation. Correct the "
                    "later years first.",
                    name=self.name,
                    who=", ".join(moved.partner_id.mapped("name")),
                )
            )
        if any(self.sudo().line_ids.mapped("deficit_offset")):
            raise UserError(
                self.env._(
                    "%s paid down members' deficits from earlier losses: it cannot be "
                    "reversed automatically; enter the correction with your accountant.",
                    self.name,
                )
            )
        if (
            self.env["coop.share.redemption"]
            .sudo()
            .search_count([("exit_move_id", "=", self.move_id.id)])
        ):
            raise UserError(
                self.env._(
                    "%s scheduled redemptions for members who have left: it cannot be "
                    "reversed automatically; enter the correction with your accountant.",
                    self.name,
                )
            )

    def action_correct(self):
        """A new draft allocation of the same year that corrects this posted
        one: posting it reverses this entry and posts the new one, both in an
        open period. The original stays as it was posted."""
        self.ensure_one()
        self.check_access("write")
        self.check_access("create")
        self._coop_check_correctable()
        if self.correction_ids.filtered(lambda c: c.state in ("draft", "computed")):
            raise UserError(
                self.env._("%s already has a correction in progress: finish that one.", self.name)
            )
        company = self.company_id
        locks = [
            lock
            for lock in (company.fiscalyear_lock_date, company.hard_lock_date)
            if lock and lock >= self.date_to
        ]
        date = max(locks) + relativedelta(days=1) if locks else self.date_to
        vals = self.copy_data()[0]
        vals.update(
            {
                "corrected_allocation_id": self.id,
                "date_entry": date,
                "adjustment_ids": [
                    fields.Command.create(
                        {"amount": adjustment.amount, "reason": adjustment.reason}
                    )
                    for adjustment in self.adjustment_ids
                ],
                "line_ids": [],
                "state": "draft",
            }
        )
        with self._coop_owner_writes():
            correction = self.create(vals)
        correction.action_load_members()
        lines = {line.membership_id: line for line in self.sudo().line_ids}
        for line in correction.sudo().line_ids:
            old = lines.get(line.membership_id)
            if old:
                line.write(
                    {
                        "hours_adjustment": old.hours_adjustment,
                        "adjustment_reason": old.adjustment_reason,
                        "gross_wages": old.gross_wages,
                        "qualified": old.qualified,
                    }
                )
                if old.wages_source != "entered":
                    line._coop_owner_write({"wages_source": old.wages_source})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": correction.id,
            "view_mode": "form",
        }

    def _coop_reverse(self, date):
        """Reverse this allocation's entry on ``date`` (Odoo's reversal) and
        close its tranches; returns the reversal."""
        self.ensure_one()
        self._coop_check_correctable()
        Move = self.env["account.move"].sudo()
        with Move._coop_owner_writes():
            reversal = self.move_id.sudo()._reverse_moves(
                [
                    {
                        "date": date,
                        "ref": self.env._("Reversal of %s (corrected)", self.move_id.ref),
                        "coop_capital": True,
                    }
                ]
            )
        reversal._coop_post()
        tranches = self.sudo().tranche_ids
        tranches._coop_owner_write({"state": "reversed", "date_reversed": date})
        return reversal

    # ------------------------------------------------------------------
    # Paying the cash parts (one batch through Odoo's payment flow)
    # ------------------------------------------------------------------
    @api.depends("line_ids.cash", "move_id", "state")
    def _compute_cash_paid(self):
        for rec in self:
            lines = rec.sudo().line_ids
            due = capital.to_cents(sum(lines.mapped("cash")))
            paid = capital.to_cents(sum(lines.mapped("cash_paid"))) if rec.move_id else 0
            rec.cash_paid_total = capital.from_cents(paid)
            if rec.state != "posted" or not due:
                rec.cash_state = "none"
            elif paid >= due:
                rec.cash_state = "paid"
            else:
                rec.cash_state = "partial" if paid else "to_pay"

    @api.depends("line_ids.notice_sent_count")
    def _compute_notices_sent(self):
        for rec in self:
            rec.notices_sent = len(rec.sudo().line_ids.filtered("notice_sent_count"))

    def _coop_check_posted(self, what):
        for rec in self:
            if rec.state != "posted":
                raise UserError(
                    self.env._(
                        "%(name)s is %(state)s: %(what)s come only after the allocation is posted.",
                        name=rec.name,
                        state=rec._state_label(),
                        what=what,
                    )
                )

    def action_open_cash_payment(self):
        """Ask for the date and the bank or cash journal, then pay the cash parts."""
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Pay the cash parts"),
            "res_model": "coop.patronage.payment.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_allocation_id": self.id},
        }

    def action_pay_cash(self, journal=None, date=None):
        """Pay every member's unpaid cash part in one batch: an outbound
        payment per member from ``journal`` (a bank or cash journal or its id;
        the co-op's bank when empty) on ``date`` ('YYYY-MM-DD'; today when
        empty), Dr 2300 / Cr the journal's outstanding payments, each
        reconciled with the member's 2300 line of the allocation's entry.
        Returns the payments."""
        self.check_access("write")
        self._coop_check_posted(self.env._("cash payments"))
        date = self._coop_date_arg(date)
        Payment = self.env["account.payment"]
        for rec in self:
            bank = self.env["coop.share.redemption"]._coop_bank_arg(journal)
            company = rec.company_id
            bank = bank or company._coop_bank_journal()
            if not bank or bank.company_id != company:
                raise UserError(
                    self.env._("%s has no bank or cash journal to pay from.", company.name)
                )
            company._coop_check_open_period(date)
            if date < rec.date_to:
                raise UserError(
                    self.env._(
                        "The cash parts of %(name)s are paid after the year end (%(end)s).",
                        name=rec.name,
                        end=rec.date_to,
                    )
                )
            payable = rec.sudo().line_ids._coop_payable_lines()
            to_pay = {
                line: items.filtered(lambda item: not item.reconciled)
                for line, items in payable.items()
                if items.filtered(lambda item: not item.reconciled)
            }
            if not to_pay:
                raise UserError(self.env._("The cash parts of %s are all paid.", rec.name))
            vals = []
            for line, items in to_pay.items():
                cents = -capital.to_cents(sum(items.mapped("amount_residual")))
                vals.append(
                    {
                        "payment_type": "outbound",
                        "partner_type": "supplier",
                        "partner_id": line.partner_id.id,
                        "journal_id": bank.id,
                        "company_id": company.id,
                        "currency_id": company.currency_id.id,
                        "amount": capital.from_cents(cents),
                        "date": date,
                        "memo": self.env._(
                            "Patronage %(year)s, cash part - %(who)s",
                            year=rec.date_to.year,
                            who=line.partner_id.name,
                        ),
                        "destination_account_id": company.coop_account_patronage_payable_id.id,
                    }
                )
            payments = Payment.sudo().create(vals)
            payments.action_post()
            payments.move_id._coop_owner_write({"coop_capital": True})
            plans = []
            for (line, items), payment in zip(to_pay.items(), payments, strict=True):
                debit = payment.move_id.line_ids.filtered(
                    lambda item, a=company.coop_account_patronage_payable_id: item.account_id == a
                )
                plans.append(items | debit)
                line._coop_owner_write({"payment_id": payment.id, "date_cash_paid": date})
            self.env["account.move.line"].sudo()._reconcile_plan(plans)
            rec.sudo().line_ids.invalidate_recordset(["cash_paid"])
            rec.invalidate_recordset(["cash_paid_total", "cash_state"])
            rec._message_log(
                body=self.env._(
                    "Cash parts paid on %(date)s from %(journal)s: %(count)s payments.",
                    date=date,
                    journal=bank.display_name,
                    count=len(payments),
                )
            )
            Payment |= payments
        self._coop_cash_activities_done()
        return Payment

    # ------------------------------------------------------------------
    # The accountant's to-do before the payment deadline
    # ------------------------------------------------------------------
    @api.model
    def _coop_accountant_user(self, company):
        """Who pays the cash parts: an accountant of ``company``, else its
        co-op manager."""
        accountants = self.env.ref("account.group_account_manager").users.filtered(
            lambda u: company in u.company_ids and not u.share and u.active
        )
        return accountants.sorted("id")[:1] or company._coop_manager_user()

    def _coop_cash_activities(self):
        activity_type = self.env.ref("coop_capital.mail_activity_type_patronage_cash")
        return (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        )

    def _coop_cash_activities_done(self):
        done = self._coop_cash_activities().filtered(
            lambda a: self.browse(a.res_id).cash_state in ("paid", "none")
        )
        done.action_done()

    @api.model
    def _cron_cash_payment_activities(self):
        """Daily, per company: an activity for the accountant on each posted
        allocation whose cash parts are not all paid, from
        ``CASH_REMINDER_DAYS`` before the payment deadline (found again by its
        type and record: never twice); marked done once they are paid."""
        activity_type = self.env.ref("coop_capital.mail_activity_type_patronage_cash")
        today = fields.Date.context_today(self)
        posted = self.sudo().search([("state", "=", "posted")])
        for company, group in posted.grouped("company_id").items():
            allocations = group.with_company(company)
            allocations._coop_cash_activities_done()
            pending = allocations.filtered(
                lambda a: (
                    a.cash_state in ("to_pay", "partial")
                    and today >= a.payment_deadline - relativedelta(days=CASH_REMINDER_DAYS)
                )
            )
            has_activity = set(pending._coop_cash_activities().mapped("res_id"))
            user = self._coop_accountant_user(company)
            for rec in pending.filtered(lambda a, h=has_activity: a.id not in h):
                left = format(rec.cash_total - rec.cash_paid_total, ".2f")
                # No assignment email: the to-do shows in the accountant's activities.
                rec.with_context(mail_activity_quick_update=True).activity_schedule(
                    activity_type_id=activity_type.id,
                    date_deadline=rec.payment_deadline,
                    note=self.env._(
                        "Pay the cash parts of %(name)s (%(left)s left) by %(date)s, the "
                        "15th day of the 9th month after the year end (26 CFR 1.1382-4).",
                        name=rec.name,
                        left=left,
                        date=rec.payment_deadline,
                    ),
                    user_id=user.id,
                )
        return True

    # ------------------------------------------------------------------
    # Notices of allocation
    # ------------------------------------------------------------------
    def action_print_notices(self):
        """The notices of allocation of the year, one page per member."""
        self._coop_check_posted(self.env._("notices of allocation"))
        return self.env.ref("coop_capital.action_report_patronage_notice").report_action(
            self.sudo().line_ids
        )

    def action_send_notices(self):
        """Email each member their notice of allocation (the PDF attached, in
        the member's language) in one batch. Members already sent theirs are
        left out: sending again is :meth:`action_resend_notices`."""
        return self._coop_send_notices(again=False)

    def action_hand_over_notices(self):
        """Record that the members without an email address were handed
        their printed notice today: their notices are issued."""
        self.check_access("write")
        self._coop_check_posted(self.env._("notices of allocation"))
        today = fields.Date.context_today(self)
        handed = self.env["coop.patronage.line"]
        for rec in self:
            lines = rec.sudo().line_ids.filtered(
                lambda line: not line.notice_issue_date and not line.partner_id.email
            )
            if not lines:
                continue
            lines._coop_owner_write({"notice_issue_date": today})
            rec._message_log(
                body=self.env._(
                    "Notices of allocation handed over on paper on %(date)s: %(names)s.",
                    date=today,
                    names=", ".join(lines.mapped("partner_id.name")),
                )
            )
            handed |= lines
        return handed

    def action_resend_notices(self):
        """Email every member their notice again, including those already sent."""
        return self._coop_send_notices(again=True)

    def _coop_send_notices(self, again):
        self.check_access("write")
        self._coop_check_posted(self.env._("notices of allocation"))
        template = self.env.ref("coop_capital.mail_template_patronage_notice")
        sent = self.env["coop.patronage.line"]
        for rec in self:
            lines = rec.sudo().line_ids
            if not again:
                lines = lines.filtered(lambda line: not line.notice_sent_count)
            no_email = lines.filtered(lambda line: not line.partner_id.email)
            lines -= no_email
            if no_email:
                rec._message_log(
                    body=self.env._(
                        "No email address, notice not sent (print it and hand it over): %(names)s.",
                        names=", ".join(no_email.mapped("partner_id.name")),
                    )
                )
            if not lines:
                continue
            template.sudo().send_mail_batch(lines.ids)
            now = fields.Datetime.now()
            today = fields.Date.context_today(self)
            for line in lines:
                line._coop_owner_write(
                    {
                        "notice_sent_date": now,
                        "notice_sent_count": line.notice_sent_count + 1,
                        # Issued the first time it is sent; a resend issues nothing new.
                        "notice_issue_date": line.notice_issue_date or today,
                    }
                )
            rec._message_log(
                body=self.env._(
                    "Notices of allocation sent by email to %(count)s members.",
                    count=len(lines),
                )
            )
            sent |= lines
        return sent

    @api.depends("date_to", "company_id.name", "corrected_allocation_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for rec in self:
            values = {
                "year": rec.date_to.year if rec.date_to else "",
                "company": rec.sudo().company_id.name or "",
            }
            if rec.corrected_allocation_id:
                rec.display_name = self.env._(
                    "Patronage %(year)s \u2013 %(company)s (correction)", **values
                )
            else:
                rec.display_name = self.env._("Patronage %(year)s \u2013 %(company)s", **values)
