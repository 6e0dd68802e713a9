from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.misc import format_date, formatLang

from ..lib import candidacy, lifecycle
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
    _check_company_auto = True
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
    exit_reason = fields.Selection(
        lifecycle.EXIT_REASONS, readonly=True, copy=False, tracking=True, string="Exit reason"
    )
    exit_note = fields.Text(string="Exit details", readonly=True, copy=False)
    register_number = fields.Char(
        readonly=True,
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="Assigned from the co-op's register sequence when the person "
        "becomes a member-owner; never reused.",
        string="Register number",
    )
    suspended = fields.Boolean(tracking=True, copy=False)
    suspension_date_start = fields.Date(string="Suspended from", tracking=True, copy=False)
    suspension_date_end = fields.Date(string="Suspended until", tracking=True, copy=False)
    suspension_reason = fields.Char(tracking=True, copy=False, string="Suspension reason")
    is_suspended_today = fields.Boolean(
        compute="_compute_is_suspended_today", string="Suspended today"
    )
    transition_ids = fields.One2many(
        "coop.membership.transition", "membership_id", string="History", readonly=True
    )
    transition_count = fields.Integer(compute="_compute_transition_count", string="Changes")
    candidacy_hours_manual = fields.Float(
        string="Hours before dated entries",
        tracking=True,
        help="Opening balance: the hours worked before the register kept dated "
        "entries of hours. It counts toward the candidacy rule, never toward "
        "the hours of a year (patronage); hours worked since are entered as "
        "dated entries.",
    )
    hour_entry_ids = fields.One2many(
        "coop.hour.entry", "membership_id", string="Hours worked (entries)"
    )
    hour_entry_count = fields.Integer(compute="_compute_hour_entry_count", string="Hour entries")
    document_count = fields.Integer(
        compute="_compute_document_count",
        string="Documents",
        help="Files attached to the membership (its partner's own files stay on the contact).",
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
    candidacy_rule_met = fields.Boolean(compute="_compute_candidacy", string="Candidacy rule met")
    candidacy_summary = fields.Char(compute="_compute_candidacy", string="Candidacy rule")
    color = fields.Integer()

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
    @api.depends("partner_id.name")
    @api.depends_context("coop_membership_title", "lang")
    def _compute_display_name(self):
        """The person's name, as a field pointing to the membership shows
        it; "Membership \u2013 Grace Kim" as the title of the record itself (the
        register's and "My membership" actions ask for it)."""
        title = self.env.context.get("coop_membership_title")
        for rec in self:
            name = rec.partner_id.name or ""
            rec.display_name = (
                self.env._("Membership \u2013 %(person)s", person=name) if title else name
            )

    @api.depends("transition_ids")
    def _compute_transition_count(self):
        for rec in self:
            rec.transition_count = len(rec.transition_ids)

    def action_view_transitions(self):
        """The membership's history, newest first (the smart button)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("History of %(person)s", person=self.name),
            "res_model": "coop.membership.transition",
            "view_mode": "list",
            "domain": [("membership_id", "=", self.id)],
            "context": {"create": False},
        }

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

    def _coop_hour_sources(self, date_from=None, date_to=None):
        """Hours worked by each membership, per source of hours:
        ``{source: {membership id: hours}}``, counting work between the two
        dates when given (None: no bound).

        The register's own source, "entered", is the dated hour entries
        (:class:`coop.hour.entry`) inside the dates, plus, only when no start
        date bounds the count (the candidacy's count since work start), the
        opening balance of hours worked before the register kept dated
        entries: that balance has no date, so it belongs to no year. The
        sources themselves are read by :meth:`_coop_hour_sources_in`.
        """
        sources = self._coop_hour_sources_in({rec.id: (date_from, date_to) for rec in self})
        if not date_from:
            entered = sources["entered"]
            for rec in self:
                entered[rec.id] += rec.candidacy_hours_manual
        return sources

    def _coop_hour_sources_in(self, periods):
        """Hours worked by each membership of ``self`` in its own period, per
        source of hours: ``{source: {membership id: hours}}``, where
        ``periods`` maps each membership id to its ``(first day, last day)``
        (None: no bound).

        Each source is read with one query for all the memberships and their
        periods, however many members and distinct periods there are (year-end
        patronage counts each member's hours over the part of the year they
        were a member). The register's own source is "entered", the dated
        hour entries. Modules that record work (signed licensure weeks,
        scheduled sessions, timesheets) extend this method and add their
        source; an hour is recorded in one source only.
        """
        self.env["coop.hour.entry"].flush_model(["membership_id", "date", "hours"])
        rows = SQL(
            "SELECT membership_id AS key_id, date AS day, hours AS amount FROM coop_hour_entry"
        )
        return {"entered": self._coop_sum_in_periods(periods, lambda rec: rec._origin.id, rows)}

    def _coop_sum_in_periods(self, periods, key, rows):
        """``{membership id: sum}``: for each membership of ``self``, the sum
        of the ``amount`` of the ``rows`` (an SQL query of ``key_id``, ``day``,
        ``amount``) whose ``key_id`` is ``key(membership)`` (its id, its
        employee's...) and whose ``day`` is inside the membership's period in
        ``periods`` (``{membership id: (first day, last day)}``, None: no
        bound). One query whatever the number of memberships and periods: the
        periods go in as a list of values joined to the rows. The callers
        flush the fields they read."""
        totals = dict.fromkeys(self.ids, 0.0)
        values, by_index = [], {}
        for index, rec in enumerate(self):
            key_id = key(rec)
            if key_id:
                date_from, date_to = periods[rec.id]
                values.append(
                    SQL("(%s, %s, %s::date, %s::date)", index, key_id, date_from, date_to)
                )
                by_index[index] = rec.id
        if not values:
            return totals
        self.env.cr.execute(
            SQL(
                """SELECT p.idx, SUM(r.amount)
                     FROM (VALUES %s) AS p (idx, key_id, date_from, date_to)
                     JOIN (%s) AS r
                       ON r.key_id = p.key_id
                      AND r.day >= COALESCE(p.date_from, '-infinity'::date)
                      AND r.day <= COALESCE(p.date_to, 'infinity'::date)
                 GROUP BY p.idx""",
                SQL(", ").join(values),
                rows,
            )
        )
        for index, amount in self.env.cr.fetchall():
            totals[by_index[index]] = float(amount or 0.0)
        return totals

    @api.model
    def _coop_hour_source_labels(self):
        """The name of each source of :meth:`_coop_hour_sources`, as a person
        reads it on a patronage line; modules adding a source add its name."""
        return {"entered": self.env._("Hours entered")}

    @api.depends("hour_entry_ids")
    def _compute_hour_entry_count(self):
        counts = {
            membership.id: count
            for membership, count in self.env["coop.hour.entry"]
            .sudo()
            ._read_group([("membership_id", "in", self.ids)], ["membership_id"], ["__count"])
        }
        for rec in self:
            rec.hour_entry_count = counts.get(rec._origin.id, 0)

    def action_view_hour_entries(self):
        """The membership's dated hours worked (the smart button)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Hours worked by %(person)s", person=self.name),
            "res_model": "coop.hour.entry",
            "view_mode": "list,form",
            "domain": [("membership_id", "=", self.id)],
            "context": {"default_membership_id": self.id},
        }

    def _compute_document_count(self):
        """Attachments the current user may read: those of the memberships
        they may read (Odoo's attachment access follows the record's)."""
        counts = dict(
            self.env["ir.attachment"]._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self._origin.ids)],
                ["res_id"],
                ["__count"],
            )
        )
        for rec in self:
            rec.document_count = counts.get(rec._origin.id, 0)

    def action_view_documents(self):
        """The membership's documents (the smart button); files added there
        are attached to the membership."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("base.action_attachment")
        action.update(
            {
                "name": self.env._("Documents of %(person)s", person=self.name),
                "view_mode": "kanban,list,form",
                "views": [(False, "kanban"), (False, "list"), (False, "form")],
                "domain": [("res_model", "=", self._name), ("res_id", "=", self.id)],
                "context": {"default_res_model": self._name, "default_res_id": self.id},
            }
        )
        return action

    def _coop_hours_worked(self, date_from=None, date_to=None):
        """Hours that count toward the candidacy rule, by membership id: the
        sum of every source of :meth:`_coop_hour_sources`."""
        hours = dict.fromkeys(self.ids, 0.0)
        for by_membership in self._coop_hour_sources(date_from, date_to).values():
            for membership_id, amount in by_membership.items():
                hours[membership_id] = hours.get(membership_id, 0.0) + amount
        return hours

    @api.depends(
        "candidacy_hours_manual",
        "hour_entry_ids.hours",
        "hour_entry_ids.date",
        "date_work_start",
        "company_id.coop_candidacy_min_hours",
        "company_id.coop_candidacy_min_months",
    )
    @api.depends_context("lang")
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
            rec.candidacy_summary = rec._coop_candidacy_text(status)

    @api.model
    def _coop_hours_text(self, hours):
        """Hours in the user's number format: "650", "1,234.5"."""
        digits = 0 if float(hours).is_integer() else 1
        return formatLang(self.env, hours, digits=digits)

    def _coop_candidacy_text(self, status):
        """The candidacy rule's state (``candidacy.CandidacyStatus``) in words."""
        if status.met:
            return self.env._("Candidacy rule met.")
        parts = []
        if status.hours_missing > 0:
            hours = self._coop_hours_text(status.hours_missing)
            parts.append(self.env._("%(hours)s more hours", hours=hours))
        if status.months_date is None:
            parts.append(self.env._("a work start date"))
        elif status.days_missing > 0:
            parts.append(
                self.env._(
                    "%(days)s more days (until %(date)s)",
                    days=status.days_missing,
                    date=format_date(self.env, status.months_date),
                )
            )
        return self.env._("Needs %(what)s.", what=self.env._(" and ").join(parts))

    def _coop_paid_up_map(self, _day):
        """``{membership id: whether the membership share is paid up on
        day}``, for the voter roll; None where the co-op keeps no record of
        member shares. The register alone keeps none: a module that keeps
        member shares overrides this."""
        return dict.fromkeys(self.ids, None)

    def _coop_paid_up_by_day(self, days):
        """``{day: {membership id: paid up on day}}`` for many days at once
        (the record dates of a list of meetings), see :meth:`_coop_paid_up_map`.
        A module that keeps member shares reads them once for all the days."""
        return {day: self._coop_paid_up_map(day) for day in days}

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
                        state=self._state_labels().get(state, state),
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
        records._coop_set_member_landing()
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
    @api.model
    def _state_labels(self):
        """``{state: label}`` in the user's language."""
        return dict(self._fields["state"]._description_selection(self.env))

    def _state_label(self):
        self.ensure_one()
        return self._state_labels()[self.state]

    @api.model
    def _coop_transition_error_text(self, error):
        """A ``lifecycle.transition_error`` in words."""
        labels = self._state_labels()
        if error["code"] == "unknown_state":
            return self.env._(
                "Unknown membership state: %(from_state)r -> %(to_state)r.",
                from_state=error["from_state"],
                to_state=error["to_state"],
            )
        if error["code"] == "ended":
            return self.env._(
                "This membership has ended. Someone who comes back to the co-op "
                "gets a new membership record."
            )
        return self.env._(
            "A membership cannot go from %(from_state)s to %(to_state)s. From "
            "%(from_state)s it can go to: %(allowed)s.",
            from_state=labels[error["from_state"]],
            to_state=labels[error["to_state"]],
            allowed=", ".join(labels[s] for s in error["allowed"]),
        )

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
        if not (self.env.su or self.env.user.has_group("coop_membership.group_coop_manager")):
            raise AccessError(
                self.env._(
                    "Only co-op managers admit members, end memberships and "
                    "change membership states."
                )
            )
        for rec in self:
            error = lifecycle.transition_error(rec.state, to_state)
            if error:
                raise UserError(
                    self.env._(
                        "%(title)s. %(person)s: %(error)s",
                        title=rec._coop_refusal_title(to_state),
                        person=rec.name,
                        error=self._coop_transition_error_text(error),
                    )
                )
            if to_state == "former" and not reason:
                raise UserError(
                    self.env._("Say why the membership ends (resigned, expelled or deceased).")
                )
            if to_state == "member" and not rec.candidacy_rule_met:
                raise UserError(
                    self.env._(
                        "Admission refused: %(person)s does not meet the co-op's "
                        "candidacy rule yet (%(min_hours)s hours and %(min_months)s months "
                        "of work): %(summary)s",
                        person=rec.name,
                        min_hours=self._coop_hours_text(rec.candidacy_min_hours),
                        min_months=rec.candidacy_min_months,
                        summary=rec.candidacy_summary,
                    )
                )

    def _coop_transition(self, to_state, date=None, reason=False, note=False):
        """Move the memberships to ``to_state`` on ``date`` (today by default).

        Everything is checked before anything is written: either all
        memberships move, or none does.
        """
        date = self._coop_date_arg(date)
        self._coop_check_transition(to_state, reason=reason)
        self._coop_check_effective_date(to_state, date)
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

    def _coop_refusal_title(self, to_state):
        """What a refused change of state was, as the first words of its
        error ("Admission refused")."""
        titles = {
            "licensed": self.env._("License not recorded"),
            "candidate": self.env._("Candidacy not opened"),
            "member": self.env._("Admission refused"),
            "former": self.env._("Membership not ended"),
        }
        return titles.get(to_state) or self.env._("Change of state refused")

    def _coop_check_effective_date(self, to_state, date):
        """Refuse a change of state dated in the future or before the
        membership's last change, whoever asks. (The confirmations people
        use also refuse dates more than a year back; the register's own
        history, written by server code, may go further.)"""
        today = fields.Date.context_today(self)
        for rec in self:
            error = lifecycle.effective_date_error(
                date, today, rec.date_state or None, max_days_back=None
            )
            if error:
                raise UserError(
                    self.env._(
                        "%(title)s. %(person)s: %(error)s",
                        title=rec._coop_refusal_title(to_state),
                        person=rec.name,
                        error=rec._coop_effective_date_text(error),
                    )
                )

    def _coop_end_membership(self, date, reason, note=False, **_settlement):
        """End the memberships on ``date`` for ``reason``: they become former
        members, with the history. Modules that keep something of the member
        extend this to settle it on exit (the keyword arguments carry their
        options, from the exit wizard) and may return an action showing what
        is left to do."""
        self._coop_transition("former", date=date, reason=reason, note=note)
        return False

    def action_to_licensed(self):
        return self._coop_transition("licensed")

    def action_to_candidate(self):
        return self._coop_transition("candidate")

    def action_to_member(self):
        return self._coop_transition("member")

    def action_withdraw_candidacy(self):
        return self._coop_transition("licensed", note=self.env._("Candidacy withdrawn"))

    # ------------------------------------------------------------------
    # A member's own record
    # ------------------------------------------------------------------
    @api.model
    def action_my_membership(self):
        """The logged-in person's own membership, read-only with its history
        (their open membership in the current co-op first, else their latest
        one); a help page when they have none."""
        mine = self.search(
            [("partner_id", "=", self.env.user.partner_id.id)],
            order="date_exit desc nulls first, id desc",
        )
        mine = mine.sorted(lambda m: (m.company_id != self.env.company, m.state == "former"))
        action = {
            "type": "ir.actions.act_window",
            "name": self.env._("My membership"),
            "res_model": "coop.membership",
            "views": [(self.env.ref("coop_membership.view_coop_membership_form_my").id, "form")],
            "context": {
                "create": False,
                "edit": False,
                "delete": False,
                "coop_membership_title": True,
            },
        }
        if mine:
            action["res_id"] = mine[0].id
            return action
        return dict(
            action,
            views=[(False, "list")],
            domain=[("id", "=", 0)],
            help=self.env._(
                "<p class='o_view_nocontent_empty_folder'>You have no membership in "
                "this co-op.</p><p>The co-op's managers register its workers.</p>"
            ),
        )

    # ------------------------------------------------------------------
    # The managers' overview (coop.overview.tile)
    # ------------------------------------------------------------------
    @api.model
    def _coop_overview_members(self):
        """Open memberships, and how many are in each state (one query)."""
        domain = [("state", "!=", "former")]
        labels = dict(self._fields["state"]._description_selection(self.env))
        counts = dict(self._read_group(domain, ["state"], ["__count"]))
        parts = [
            f"{labels[state]}: {counts[state]}"
            for state, _label in lifecycle.STATES
            if counts.get(state)
        ]
        return {
            "domain": domain,
            "value": sum(counts.values()),
            "note": " \u00b7 ".join(parts),
            "action": "coop_membership.action_coop_membership",
        }

    @api.model
    def _coop_overview_candidates(self):
        """Candidates waiting for their admission."""
        domain = [("state", "=", "candidate")]
        count = self.search_count(domain)
        return {
            "domain": domain,
            "value": count,
            "note": self.env._("waiting for admission") if count else "",
            "tone": "warning" if count else "ok",
            "action": "coop_membership.action_coop_membership",
            "context": {"coop_membership_title": True},
        }

    @api.model
    def action_coop_home(self):
        """Where the Co-op app opens: the member register for the co-op's
        users, one's own membership for everyone else."""
        if self.env.user.has_group("coop_membership.group_coop_user"):
            return self.env["ir.actions.act_window"]._for_xml_id(
                "coop_membership.action_coop_membership"
            )
        return self.action_my_membership()

    def _coop_set_member_landing(self):
        """Members who log in as internal users and do not run the register
        (no Co-op / User) land on their own membership, unless they already
        chose a home page."""
        action = self.env.ref("coop_membership.action_coop_my_membership", False)
        if not action:
            return
        users = self.sudo().partner_id.user_ids.filtered(
            lambda u: (
                not u.share
                and not u.action_id
                and not u.has_group("coop_membership.group_coop_user")
            )
        )
        if users:
            users.write({"action_id": action.id})

    def _coop_effective_date_text(self, error):
        """A ``lifecycle.effective_date_error`` in words, with local dates."""
        if error["code"] == "future":
            return self.env._("A change of state cannot take effect in the future.")
        if error["code"] == "before_previous":
            return self.env._(
                "The effective date cannot be before the membership's last change, on %(date)s.",
                date=format_date(self.env, error["previous"]),
            )
        return self.env._(
            "The effective date can be at most %(days)s days back; older changes are "
            "corrected by the co-op's managers with a note, not back-dated.",
            days=error["days"],
        )

    def _coop_open_transition_wizard(self, to_state, title):
        self.ensure_one()
        self._coop_check_transition(to_state)
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": "coop.membership.transition.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_membership_id": self.id, "default_to_state": to_state},
        }

    def action_confirm_license(self):
        """Record the license of an associate: asks for its effective date
        (and, with licensure, the license itself) and shows the checks."""
        return self._coop_open_transition_wizard("licensed", self.env._("Record license"))

    def action_confirm_candidacy(self):
        """Open a candidacy: asks for its effective date and shows the checks."""
        return self._coop_open_transition_wizard("candidate", self.env._("Open candidacy"))

    def action_confirm_admission(self):
        """Admit as member-owner: asks for the effective date and shows the
        checks (and, with governance, the vote the bylaws ask for)."""
        return self._coop_open_transition_wizard("member", self.env._("Admit as member-owner"))

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
