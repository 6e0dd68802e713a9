from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib import candidacy, capital, lifecycle
from .coop_guard_mixin import CHAR_LIMIT

REGISTER_SEQUENCE_CODE = "coop.membership.register"


class CoopMembership(models.Model):
    """One person's membership in one co-op (company).

    The membership follows the worker from associate to former member. The
    state only changes through :meth:`_coop_transition`, which checks the
    allowed transitions and keeps a history of who did what and when.
    """

    _name = "coop.membership"
    _description = "Co-op membership"
    _inherit = ["mail.thread", "mail.activity.mixin", "coop.guard.mixin"]
    _order = "name, id"
    # Written only by the transitions (and the register sequence they draw
    # from); a new membership is an associate or a licensed clinician.
    _coop_protected_fields = (
        "state",
        "date_state",
        "date_member",
        "date_exit",
        "exit_reason",
        "exit_note",
        "register_number",
    )
    _coop_initial_values = {"state": lifecycle.INITIAL_STATES, "date_state": None}

    name = fields.Char(related="partner_id.name", store=True, readonly=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    employee_id = fields.Many2one(
        "hr.employee",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    user_id = fields.Many2one(
        "res.users", compute="_compute_user_id", string="Login", compute_sudo=True
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    state = fields.Selection(
        lifecycle.STATES,
        default="associate",
        required=True,
        index=True,
        tracking=True,
        group_expand="_group_expand_states",
        help="Changes only through the buttons on the membership, which check "
        "the co-op's rules and keep the history.",
    )
    date_state = fields.Date(
        string="In this state since",
        readonly=True,
        default=fields.Date.context_today,
        copy=False,
    )
    date_work_start = fields.Date(
        string="Work started",
        default=fields.Date.context_today,
        tracking=True,
        help="First day of work at the co-op; counts for the candidacy rule.",
    )
    date_member = fields.Date(string="Member-owner since", readonly=True, copy=False)
    date_exit = fields.Date(string="Left on", readonly=True, copy=False, tracking=True)
    exit_reason = fields.Selection(lifecycle.EXIT_REASONS, readonly=True, copy=False, tracking=True)
    exit_note = fields.Text(string="Exit details", readonly=True, copy=False)
    register_number = fields.Char(
        readonly=True,
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="Assigned from the co-op's register sequence when the person "
        "becomes a member-owner; never reused.",
    )
    suspended = fields.Boolean(tracking=True, copy=False)
    suspension_date_start = fields.Date(string="Suspended from", tracking=True, copy=False)
    suspension_date_end = fields.Date(string="Suspended until", tracking=True, copy=False)
    suspension_reason = fields.Char(tracking=True, copy=False)
    is_suspended_today = fields.Boolean(
        compute="_compute_is_suspended_today", string="Suspended today"
    )
    transition_ids = fields.One2many(
        "coop.membership.transition", "membership_id", string="History", readonly=True
    )
    candidacy_hours_manual = fields.Float(
        string="Hours worked (entered)",
        tracking=True,
        help="Hours worked so far, entered by hand. Other sources (sessions, "
        "timesheets) add to the hours counted for candidacy.",
    )
    candidacy_hours = fields.Float(
        compute="_compute_candidacy", string="Hours counted for candidacy"
    )
    candidacy_min_hours = fields.Float(related="company_id.coop_candidacy_min_hours")
    candidacy_min_months = fields.Integer(related="company_id.coop_candidacy_min_months")
    candidacy_date = fields.Date(
        compute="_compute_candidacy",
        string="Time condition met on",
    )
    candidacy_rule_met = fields.Boolean(compute="_compute_candidacy")
    candidacy_summary = fields.Char(compute="_compute_candidacy", string="Candidacy rule")
    color = fields.Integer()

    # Member capital
    currency_id = fields.Many2one(related="company_id.currency_id")
    subscription_ids = fields.One2many("coop.share.subscription", "membership_id")
    holding_ids = fields.One2many("coop.share.holding", "membership_id", string="Shares held")
    redemption_ids = fields.One2many("coop.share.redemption", "membership_id")
    is_paid_up = fields.Boolean(
        string="Paid up",
        compute="_compute_is_paid_up",
        store=True,
        help="The membership share is fully paid, or every installment due so far is paid.",
    )
    share_capital = fields.Monetary(compute="_compute_capital", string="Share capital")
    capital_due = fields.Monetary(compute="_compute_capital", string="Still to pay")
    redemption_payable = fields.Monetary(compute="_compute_capital")

    _sql_constraints = [
        (
            "register_number_company_uniq",
            "UNIQUE (company_id, register_number)",
            "This register number is already used in this co-op.",
        ),
        # The database itself guarantees one open (not former) membership per
        # person and per employee in a company. Deferred to the end of the
        # transaction so that the ORM's own check (below) speaks first, with
        # a readable sentence.
        (
            "one_open_per_partner",
            "EXCLUDE USING btree (partner_id WITH =, company_id WITH =) "
            "WHERE (state <> 'former') DEFERRABLE INITIALLY DEFERRED",
            "A person can have only one open membership in a co-op.",
        ),
        (
            "one_open_per_employee",
            "EXCLUDE USING btree (employee_id WITH =) "
            "WHERE (state <> 'former' AND employee_id IS NOT NULL) "
            "DEFERRABLE INITIALLY DEFERRED",
            "An employee can have only one open membership.",
        ),
        (
            "suspension_dates",
            "CHECK (suspension_date_end IS NULL OR suspension_date_start IS NULL "
            "OR suspension_date_end >= suspension_date_start)",
            "A suspension cannot end before it starts.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("partner_id")
    def _compute_user_id(self):
        for rec in self:
            rec.user_id = rec.partner_id.user_ids[:1]

    @api.depends("suspended", "suspension_date_start", "suspension_date_end")
    def _compute_is_suspended_today(self):
        today = fields.Date.context_today(self)
        for rec in self:
            rec.is_suspended_today = rec.is_suspended_on(today)

    def is_suspended_on(self, day):
        self.ensure_one()
        return lifecycle.suspended_on(
            self._coop_date_arg(day, default_today=False),
            self.suspended,
            self.suspension_date_start,
            self.suspension_date_end or None,
        )

    def _coop_hours_worked(self):
        """Hours worked that count toward the candidacy rule, by membership id.

        The source is pluggable: the hours entered on the membership plus the
        hours of the worker's signed licensure weeks (an hour is entered once
        and counts for both); modules that log sessions or timesheets extend
        it and add their own hours.
        """
        hours = {rec.id: rec.candidacy_hours_manual for rec in self}
        employees = self.employee_id
        if employees:
            logged = dict(
                self.env["coop.hour.log"]
                .sudo()
                ._read_group(
                    [("associate_id", "in", employees.ids), ("week_state", "=", "signed")],
                    ["associate_id"],
                    ["hours:sum"],
                )
            )
            for rec in self:
                hours[rec.id] += logged.get(rec.employee_id, 0.0)
        return hours

    @api.depends(
        "candidacy_hours_manual",
        "date_work_start",
        "company_id.coop_candidacy_min_hours",
        "company_id.coop_candidacy_min_months",
    )
    def _compute_candidacy(self):
        today = fields.Date.context_today(self)
        hours = self._coop_hours_worked()
        for rec in self:
            status = candidacy.candidacy_status(
                rec.date_work_start or None,
                max(0.0, hours.get(rec.id, 0.0)),
                today,
                rec.company_id.coop_candidacy_min_hours,
                rec.company_id.coop_candidacy_min_months,
            )
            rec.candidacy_hours = status.hours
            rec.candidacy_date = status.months_date
            rec.candidacy_rule_met = status.met
            rec.candidacy_summary = status.summary()

    def _coop_paid_up_on(self, day):
        """Whether the membership share is paid up on ``day``."""
        self.ensure_one()
        return self._coop_paid_up_map(day)[self.id]

    def _coop_paid_up_map(self, day):
        """``{membership id: paid up on day}`` for many memberships in three
        queries (subscriptions, installments, payments), whatever their number."""
        subscriptions = (
            self.env["coop.share.subscription"]
            .sudo()
            .search_read(
                [
                    ("membership_id", "in", self.ids),
                    ("kind", "=", "membership"),
                    ("state", "in", ("confirmed", "closed")),
                    ("date", "<=", day),
                ],
                ["membership_id", "amount"],
                load=None,
            )
        )
        ids = [s["id"] for s in subscriptions]
        schedules = {i: [] for i in ids}
        for row in (
            self.env["coop.share.installment"]
            .sudo()
            .search_read(
                [("subscription_id", "in", ids)],
                ["subscription_id", "due_date", "amount"],
                order="due_date, id",
                load=None,
            )
        ):
            schedules[row["subscription_id"]].append(
                (row["due_date"], capital.to_cents(row["amount"]))
            )
        paid = dict.fromkeys(ids, 0)
        for subscription, amount in (
            self.env["coop.share.payment"]
            .sudo()
            ._read_group(
                [("subscription_id", "in", ids), ("state", "=", "posted"), ("date", "<=", day)],
                ["subscription_id"],
                ["amount:sum"],
            )
        ):
            paid[subscription.id] = capital.to_cents(amount)
        result = dict.fromkeys(self.ids, False)
        for row in subscriptions:
            result[row["membership_id"]] = capital.is_paid_up(
                schedules[row["id"]], paid[row["id"]], day
            )
        return result

    @api.depends(
        "subscription_ids.state",
        "subscription_ids.amount_paid",
        "subscription_ids.installment_ids.due_date",
    )
    def _compute_is_paid_up(self):
        paid_up = self._coop_paid_up_map(fields.Date.context_today(self))
        for rec in self:
            rec.is_paid_up = paid_up.get(rec.id, False)

    def _coop_update_paid_up(self):
        """Recompute "paid up" (installments fall due as days pass)."""
        self.env.add_to_compute(self._fields["is_paid_up"], self)
        self.flush_recordset(["is_paid_up"])

    @api.depends("holding_ids", "subscription_ids.amount_remaining", "redemption_ids.state")
    def _compute_capital(self):
        self._coop_refresh_holdings()
        for rec in self:
            rec.share_capital = sum(rec.holding_ids.mapped("amount"))
            rec.capital_due = sum(
                rec.subscription_ids.filtered(lambda s: s.state == "confirmed").mapped(
                    "amount_remaining"
                )
            )
            rec.redemption_payable = sum(
                rec.redemption_ids.filtered(lambda r: r.state == "scheduled").mapped("amount")
            )

    @api.model
    def _group_expand_states(self, _states, _domain):
        return [key for key, _label in lifecycle.STATES]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("partner_id", "employee_id", "company_id", "state")
    def _check_one_open_membership(self):
        open_recs = self.filtered(lambda m: m.state != "former")
        if not open_recs:
            return
        others = self.search(
            [
                ("id", "not in", open_recs.ids),
                ("state", "!=", "former"),
                "|",
                ("partner_id", "in", open_recs.partner_id.ids),
                ("employee_id", "in", open_recs.employee_id.ids),
            ]
        )
        for rec in open_recs:
            clash = (others | open_recs - rec).filtered(
                lambda o, rec=rec: (
                    (o.partner_id == rec.partner_id and o.company_id == rec.company_id)
                    or (rec.employee_id and o.employee_id == rec.employee_id)
                )
            )
            if clash:
                raise ValidationError(
                    self.env._(
                        "%(person)s already has an open membership in %(company)s "
                        "(%(state)s). A person can have only one open membership "
                        "per co-op; end the other one first.",
                        person=rec.partner_id.display_name,
                        company=rec.company_id.name,
                        state=clash[0]._state_label(),
                    )
                )

    @api.constrains("partner_id", "employee_id", "company_id")
    def _check_person_company(self):
        for rec in self:
            partner_company = rec.partner_id.company_id
            if partner_company and partner_company != rec.company_id:
                raise ValidationError(
                    self.env._(
                        "%(person)s belongs to the company %(other)s, so they "
                        "cannot be registered as a member of %(company)s. Use a "
                        "contact of %(company)s or a contact shared by all "
                        "companies.",
                        person=rec.partner_id.display_name,
                        other=partner_company.name,
                        company=rec.company_id.name,
                    )
                )
            if rec.employee_id and rec.employee_id.company_id != rec.company_id:
                raise ValidationError(
                    self.env._(
                        "The employee %(employee)s works for %(other)s, not for %(company)s.",
                        employee=rec.employee_id.name,
                        other=rec.employee_id.company_id.name,
                        company=rec.company_id.name,
                    )
                )

    @api.constrains("suspended", "suspension_date_start", "suspension_date_end")
    def _check_suspension(self):
        for rec in self:
            if rec.suspended and not rec.suspension_date_start:
                raise ValidationError(self.env._("A suspension needs the date it starts."))
            if (
                rec.suspension_date_start
                and rec.suspension_date_end
                and rec.suspension_date_end < rec.suspension_date_start
            ):
                raise ValidationError(self.env._("A suspension cannot end before it starts."))

    @api.constrains("partner_id")
    def _check_name_length(self):
        for rec in self:
            if len(rec.partner_id.name or "") > CHAR_LIMIT:
                raise ValidationError(
                    self.env._(
                        "The person's name is %(length)s characters long; at most "
                        "%(limit)s are allowed.",
                        length=len(rec.partner_id.name),
                        limit=CHAR_LIMIT,
                    )
                )

    @api.constrains("candidacy_hours_manual")
    def _check_hours(self):
        for rec in self:
            if rec.candidacy_hours_manual < 0:
                raise ValidationError(self.env._("Hours worked cannot be negative."))

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("register_number"):
                raise UserError(self._register_number_message())
            state = vals.get("state", "associate")
            if state not in lifecycle.INITIAL_STATES:
                raise UserError(
                    self.env._(
                        "A new membership cannot start as %(state)s: it starts as an "
                        "associate or a licensed clinician, and its state changes only "
                        "through the buttons on the membership (candidacy and admission "
                        "by co-op managers, the exit button to end it).",
                        state=lifecycle.STATE_LABELS.get(state, state),
                    )
                )
            if vals.get("employee_id") and not vals.get("partner_id"):
                employee = self.env["hr.employee"].browse(vals["employee_id"])
                vals["partner_id"] = employee.work_contact_id.id
        records = super().create(vals_list)
        note = self.env._("Registered")
        self.env["coop.membership.transition"].sudo()._coop_owner_create(
            [
                {
                    "membership_id": rec.id,
                    "from_state": False,
                    "to_state": rec.state,
                    "date": rec.date_state,
                    "note": note,
                }
                for rec in records
            ]
        )
        return records

    def _coop_refuse(self, name):
        if name == "register_number":
            raise UserError(self._register_number_message())
        return super()._coop_refuse(name)

    def write(self, vals):
        if "company_id" in vals and any(
            rec.register_number and rec.company_id.id != vals["company_id"] for rec in self
        ):
            raise UserError(
                self.env._(
                    "This person is on the member register of their co-op; "
                    "the membership cannot be moved to another company."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never_registered(self):
        for rec in self:
            if rec.register_number or len(rec.transition_ids) > 1:
                raise UserError(
                    self.env._(
                        "%(person)s's membership has a history on the register "
                        "and cannot be deleted. End it with the exit button "
                        "instead.",
                        person=rec.partner_id.display_name,
                    )
                )

    @api.onchange("employee_id")
    def _onchange_employee_id(self):
        if self.employee_id and not self.partner_id:
            self.partner_id = self.employee_id.work_contact_id

    # ------------------------------------------------------------------
    # Lifecycle
    # ------------------------------------------------------------------
    def _state_label(self):
        self.ensure_one()
        return lifecycle.STATE_LABELS[self.state]

    @api.model
    def _register_number_message(self):
        return self.env._(
            "The register number changes only through the co-op's register "
            "sequence, when someone becomes a member-owner; it cannot be typed "
            "or changed by hand."
        )

    def _coop_register_sequence(self):
        self.ensure_one()
        return self.company_id._coop_sequence(
            REGISTER_SEQUENCE_CODE, self.env._("Member register"), "M-"
        )

    def _coop_new_register_numbers(self):
        """``{membership id: new register number}``, one query per company."""
        numbers = {}
        for company in self.company_id:
            records = self.filtered(lambda m, c=company: m.company_id == c)
            sequence = records[0]._coop_register_sequence()
            numbers.update(zip(records.ids, sequence._coop_next_batch(len(records)), strict=True))
        return numbers

    def _coop_check_transition(self, to_state, reason=False):
        if not (self.env.su or self.env.user.has_group("coop_therapy.group_coop_manager")):
            raise AccessError(
                self.env._(
                    "Only co-op managers admit members, end memberships and "
                    "change membership states."
                )
            )
        for rec in self:
            error = lifecycle.transition_error(rec.state, to_state)
            if error:
                raise UserError(self.env._("%(person)s: %(error)s", person=rec.name, error=error))
            if to_state == "former" and not reason:
                raise UserError(
                    self.env._("Say why the membership ends (resigned, expelled or deceased).")
                )
            if to_state == "member" and not rec.candidacy_rule_met:
                raise UserError(
                    self.env._(
                        "%(person)s does not meet the co-op's candidacy rule yet "
                        "(%(min_hours)s hours and %(min_months)s months of work): "
                        "%(summary)s",
                        person=rec.name,
                        min_hours=rec.candidacy_min_hours,
                        min_months=rec.candidacy_min_months,
                        summary=rec.candidacy_summary,
                    )
                )
            if to_state == "member" and not rec.subscription_ids.filtered(
                lambda s: s.kind == "membership" and s.state == "confirmed"
            ):
                raise UserError(
                    self.env._(
                        "%(person)s has no confirmed membership share subscription: "
                        "a member-owner holds the co-op's voting share.",
                        person=rec.name,
                    )
                )

    def _coop_transition(self, to_state, date=None, reason=False, note=False):
        """Move the memberships to ``to_state`` on ``date`` (today by default).

        Everything is checked before anything is written: either all
        memberships move, or none does.
        """
        date = date or fields.Date.context_today(self)
        self._coop_check_transition(to_state, reason=reason)
        transitions = []
        numbers = {}
        if to_state == "member":
            numbers = self.filtered(lambda m: not m.register_number)._coop_new_register_numbers()
        for rec in self:
            vals = {"state": to_state, "date_state": date}
            if to_state == "member":
                vals["date_member"] = date
                if rec.id in numbers:
                    vals["register_number"] = numbers[rec.id]
            if to_state == "former":
                vals.update(date_exit=date, exit_reason=reason, exit_note=note or False)
            transitions.append(
                {
                    "membership_id": rec.id,
                    "from_state": rec.state,
                    "to_state": to_state,
                    "date": date,
                    "user_id": self.env.user.id,
                    "reason": reason or False,
                    "note": note or False,
                }
            )
            rec._coop_owner_write(vals)
        self.env["coop.membership.transition"].sudo()._coop_owner_create(transitions)
        return True

    def action_to_licensed(self):
        return self._coop_transition("licensed")

    def action_to_candidate(self):
        return self._coop_transition("candidate")

    def action_to_member(self):
        return self._coop_transition("member")

    def action_withdraw_candidacy(self):
        return self._coop_transition("licensed", note=self.env._("Candidacy withdrawn"))

    def action_open_exit_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("End membership"),
            "res_model": "coop.membership.exit.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_membership_id": self.id},
        }

    # ------------------------------------------------------------------
    # Member capital: transfers, redemptions and exit
    # ------------------------------------------------------------------
    def _coop_refresh_holdings(self):
        """Holdings are a view over the register: write pending register rows
        and forget cached holdings before reading them."""
        self.env["coop.share.operation"].flush_model()
        self.env["coop.share.holding"].invalidate_model()
        self.invalidate_recordset(["holding_ids"])

    def _coop_held(self, share_class):
        self.ensure_one()
        self._coop_refresh_holdings()
        holding = self.holding_ids.filtered(lambda h: h.share_class_id == share_class)
        return sum(holding.mapped("quantity")), sum(holding.mapped("amount"))

    def _coop_transfer_shares(self, to_membership, share_class, quantity, date=None):
        """Transfer investment shares to another member: register and entry."""
        self.ensure_one()
        date = date or fields.Date.context_today(self)
        if quantity <= 0:
            raise UserError(self.env._("Transfer at least one share."))
        if share_class.kind == "membership":
            raise UserError(
                self.env._("The membership share is personal and cannot be transferred.")
            )
        if to_membership == self:
            raise UserError(self.env._("A member cannot transfer shares to themselves."))
        if to_membership.state not in ("candidate", "member"):
            raise UserError(
                self.env._(
                    "%(who)s is a %(state)s and cannot receive shares.",
                    who=to_membership.name,
                    state=to_membership._state_label().lower(),
                )
            )
        if to_membership.company_id != self.company_id or share_class.company_id != self.company_id:
            raise UserError(self.env._("Shares move only between members of the same co-op."))
        held, amount = self._coop_held(share_class)
        if quantity > held:
            raise UserError(
                self.env._(
                    "%(who)s holds %(held)s %(cls)s, fewer than the %(qty)s to transfer.",
                    who=self.name,
                    held=held,
                    cls=share_class.name,
                    qty=quantity,
                )
            )
        received, _amount = to_membership._coop_held(share_class)
        if share_class.max_per_member and received + quantity > share_class.max_per_member:
            raise UserError(
                self.env._(
                    "%(who)s would hold %(after)s %(cls)s; the maximum per member is %(max)s.",
                    who=to_membership.name,
                    after=received + quantity,
                    cls=share_class.name,
                    max=share_class.max_per_member,
                )
            )
        unit_price = amount / held
        value = unit_price * quantity
        label = self.env._(
            "Transfer of %(qty)s %(cls)s: %(src)s to %(dst)s",
            qty=quantity,
            cls=share_class.name,
            src=self.name,
            dst=to_membership.name,
        )
        move = self._coop_post_move(
            label,
            date,
            [
                (share_class._coop_account(), self.partner_id, value, 0.0),
                (share_class._coop_account(), to_membership.partner_id, 0.0, value),
            ],
        )
        return (
            self.env["coop.share.operation"]
            .sudo()
            ._coop_create(
                [
                    {
                        "kind": "transfer",
                        "date": date,
                        "company_id": self.company_id.id,
                        "share_class_id": share_class.id,
                        "quantity": quantity,
                        "unit_price": unit_price,
                        "membership_from_id": self.id,
                        "membership_to_id": to_membership.id,
                        "move_id": move.id,
                    }
                ]
            )
        )

    def _coop_post_move(self, label, date, lines, journal=None):
        """Post a member-capital entry: ``lines`` are (account, partner,
        debit, credit)."""
        self.ensure_one()
        company = self.company_id
        company._coop_check_open_period(date)
        move = (
            self.env["account.move"]
            .sudo()
            ._coop_owner_create(
                {
                    "move_type": "entry",
                    "journal_id": (journal or company.coop_capital_journal_id).id,
                    "company_id": company.id,
                    "date": date,
                    "ref": label,
                    "partner_id": self.partner_id.id,
                    "coop_capital": True,
                    "line_ids": [
                        fields.Command.create(
                            {
                                "name": label,
                                "account_id": account.id,
                                "partner_id": partner.id,
                                "debit": debit,
                                "credit": credit,
                            }
                        )
                        for account, partner, debit, credit in lines
                        if debit or credit
                    ],
                }
            )
        )
        move._coop_post()
        return move

    def _coop_redeem_shares(self, share_class, quantity, date=None):
        """Redeem paid investment shares of a member who stays: Dr the class
        account / Cr 2310, and schedule the payout."""
        self.ensure_one()
        date = date or fields.Date.context_today(self)
        if quantity <= 0:
            raise UserError(self.env._("Redeem at least one share."))
        if share_class.kind == "membership":
            raise UserError(
                self.env._("The membership share is redeemed only when the membership ends.")
            )
        held, amount = self._coop_held(share_class)
        if quantity > held:
            raise UserError(
                self.env._(
                    "%(who)s holds %(held)s %(cls)s; %(qty)s cannot be redeemed.",
                    who=self.name,
                    held=held,
                    cls=share_class.name,
                    qty=quantity,
                )
            )
        if any(
            s.state == "confirmed" and s.amount_remaining
            for s in self.subscription_ids.filtered(lambda s: s.share_class_id == share_class)
        ):
            raise UserError(
                self.env._("%s still owes on these shares; they are redeemed once paid.", self.name)
            )
        if (
            share_class.min_per_member
            and self.state != "former"
            and held - quantity < share_class.min_per_member
        ):
            raise UserError(
                self.env._(
                    "%(who)s must keep at least %(min)s %(cls)s.",
                    who=self.name,
                    min=share_class.min_per_member,
                    cls=share_class.name,
                )
            )
        unit_price = amount / held
        value = unit_price * quantity
        company = self.company_id
        label = self.env._(
            "Redemption of %(qty)s %(cls)s - %(who)s",
            qty=quantity,
            cls=share_class.name,
            who=self.name,
        )
        move = self._coop_post_move(
            label,
            date,
            [
                (share_class._coop_account(), self.partner_id, value, 0.0),
                (company.coop_account_redemption_payable_id, self.partner_id, 0.0, value),
            ],
        )
        self.env["coop.share.operation"].sudo()._coop_create(
            [
                {
                    "kind": "redemption",
                    "date": date,
                    "company_id": company.id,
                    "share_class_id": share_class.id,
                    "quantity": quantity,
                    "unit_price": unit_price,
                    "membership_from_id": self.id,
                    "move_id": move.id,
                }
            ]
        )
        return (
            self.env["coop.share.redemption"]
            .sudo()
            ._coop_owner_create(
                self.env["coop.share.redemption"]._coop_schedule_vals(self, value, date, move)
            )
        )

    def _coop_exit_retained_lines(self, _date):
        """Retained patronage moved to 2310 on exit, as (account, amount);
        the patronage module adds the member's tranches."""
        return []

    def _coop_exit_capital(self, date, set_off=True):
        """On exit: move the member's share capital and retained patronage to
        2310 (Dr 3100, Dr 3200/3210 / Cr 2310), cancel what is still unpaid on
        their subscriptions (Cr 3105), set off other debts they owe the co-op,
        and schedule the payout under the bylaws."""
        self.ensure_one()
        company = self.company_id
        self._coop_refresh_holdings()
        holdings = self.holding_ids
        retained = self._coop_exit_retained_lines(date)
        if not holdings and not retained:
            return self.env["coop.share.redemption"]
        subscriptions = self.subscription_ids.filtered(lambda s: s.state == "confirmed")
        unpaid = sum(subscriptions.mapped("amount_remaining"))
        capital_total = sum(holdings.mapped("amount"))
        retained_total = sum(amount for _account, amount in retained)
        payable = capital_total + retained_total - unpaid
        debts = self.env["account.move.line"]
        if set_off:
            debts = (
                self.env["account.move.line"]
                .sudo()
                .search(
                    [
                        ("company_id", "=", company.id),
                        ("partner_id", "=", self.partner_id.id),
                        ("account_id.account_type", "=", "asset_receivable"),
                        ("parent_state", "=", "posted"),
                        ("reconciled", "=", False),
                        ("amount_residual", ">", 0),
                    ]
                )
            )
        set_off_amount = min(max(payable, 0.0), sum(debts.mapped("amount_residual")))
        label = self.env._("Exit of %s: capital to redemption payable", self.name)
        lines = [
            (h.share_class_id._coop_account(), self.partner_id, h.amount, 0.0) for h in holdings
        ]
        lines += [(account, self.partner_id, amount, 0.0) for account, amount in retained]
        lines.append((company.coop_account_subscription_id, self.partner_id, 0.0, unpaid))
        lines.append((company.coop_account_redemption_payable_id, self.partner_id, 0.0, payable))
        if set_off_amount:
            lines.append(
                (company.coop_account_redemption_payable_id, self.partner_id, set_off_amount, 0.0)
            )
            receivable_accounts = debts.account_id
            left = set_off_amount
            for account in receivable_accounts:
                part = min(
                    left,
                    sum(
                        debts.filtered(lambda d, a=account: d.account_id == a).mapped(
                            "amount_residual"
                        )
                    ),
                )
                if part:
                    lines.append((account, self.partner_id, 0.0, part))
                    left -= part
        move = self._coop_post_move(label, date, lines)
        receivables = (subscriptions.receivable_line_id | move.line_ids).filtered(
            lambda line: (
                line.account_id == company.coop_account_subscription_id and not line.reconciled
            )
        )
        if unpaid and receivables:
            receivables.reconcile()
        for account in debts.account_id:
            (debts | move.line_ids).filtered(
                lambda line, a=account: line.account_id == a and not line.reconciled
            ).reconcile()
        self.env["coop.share.operation"].sudo()._coop_create(
            [
                {
                    "kind": "redemption",
                    "date": date,
                    "company_id": company.id,
                    "share_class_id": h.share_class_id.id,
                    "quantity": h.quantity,
                    "unit_price": h.amount / h.quantity,
                    "membership_from_id": self.id,
                    "move_id": move.id,
                    "note": self.env._("Exit"),
                }
                for h in holdings
            ]
        )
        subscriptions._coop_owner_write({"state": "closed"})
        net = payable - set_off_amount
        if net <= 0:
            return self.env["coop.share.redemption"]
        return (
            self.env["coop.share.redemption"]
            .sudo()
            ._coop_owner_create(
                self.env["coop.share.redemption"]._coop_schedule_vals(self, net, date, move)
            )
        )

    def action_new_subscription(self):
        self.ensure_one()
        share_class = self.env["coop.share.class"]._coop_membership_class(self.company_id)
        holds_membership_share = self.subscription_ids.filtered(
            lambda s: s.kind == "membership" and s.state != "draft"
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New subscription"),
            "res_model": "coop.share.subscription",
            "view_mode": "form",
            "context": {
                "default_membership_id": self.id,
                "default_company_id": self.company_id.id,
                "default_share_class_id": False if holds_membership_share else share_class.id,
            },
        }

    def action_transfer_shares(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Transfer or redeem shares"),
            "res_model": "coop.share.transfer.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_membership_id": self.id},
        }
