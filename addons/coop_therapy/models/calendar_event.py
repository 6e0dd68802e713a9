from bisect import bisect_right
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

import pytz
from markupsafe import Markup, escape

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..lib import licensure, scheduling

SESSION_STATES = [
    ("scheduled", "Scheduled"),
    ("attended", "Attended"),
    ("cancelled", "Cancelled"),
    ("late_cancelled", "Late-cancelled"),
    ("no_show", "No-show"),
]
# States that hold the slot: the others free it.
BOOKED_STATES = ("scheduled", "attended")
# Set only by the session's own methods (action_mark_*), never by a caller.
STATE_FIELDS = frozenset(
    {
        "coop_session",
        "coop_state",
        "coop_state_user_id",
        "coop_state_date",
        "fee_charged",
        "coop_hour_log_id",
        "coop_warning",
    }
)
# A change to one of these re-checks conflicts and caseload.
SCHEDULE_FIELDS = frozenset(
    {"start", "stop", "clinician_id", "room_id", "client_ids", "session_type_id", "duration"}
)
# A change to one of these is refused inside a signed licensure week.
LOCKED_IN_SIGNED_WEEK = SCHEDULE_FIELDS | {"coop_state", "active"}
MANAGER_GROUP = "coop_membership.group_coop_manager"
SCHEDULER_GROUP = "coop_therapy.group_coop_scheduler"


class _SessionRow(NamedTuple):
    """A session as the scheduling rules read it (one query, no ORM)."""

    id: int
    start: datetime
    stop: datetime
    clinician_id: int
    room_id: int
    type_id: int
    capacity: int
    cpt_code: str
    counts_direct: bool
    clients: list
    override_reason: str


def _array(values):
    """A list of datetimes or integers as PostgreSQL's array text, for a
    parameter cast to ``timestamp[]`` or ``integer[]``: read as the list
    itself, and several times faster to send than the list adapted value by
    value (the check sends hundreds)."""
    return (
        "{"
        + ",".join(v.isoformat(" ") if isinstance(v, datetime) else str(v) for v in values)
        + "}"
    )


def _num(value):
    """A figure as a sentence shows it: 26, 2.5, 3.33."""
    return f"{round(value, 2):g}"


class _Batch:
    """The sessions created or changed by one outer create/write, checked
    together once at its end: Odoo's recurrence makes a series' events with
    inner creates and writes, so checking each of those would cost O(n^2).

    Kept on the database cursor (not in the context, which a caller could
    set): only the outermost call of a transaction opens a batch."""

    ATTR = "_coop_session_batch"

    def __init__(self, cr):
        self.cr = cr
        self.outer = getattr(cr, self.ATTR, None) is None
        if self.outer:
            setattr(cr, self.ATTR, set())

    @property
    def ids(self):
        return getattr(self.cr, self.ATTR)

    def close(self):
        if self.outer:
            setattr(self.cr, self.ATTR, None)


class CalendarEvent(models.Model):
    """A therapy session is a calendar event (recurring through Odoo's
    ``calendar.recurrence``) with a clinician, clients, a session type, a
    room or video link, and a state changed only by its methods.

    Titles are neutral ("Session \N{EN DASH} C-0142"), privacy confidential, no
    description; a client is an attendee only when they chose reminders.
    Conflicts, working hours, time off, the buffer and the caseload limits
    are checked for all the sessions a create or write makes at once."""

    _inherit = "calendar.event"

    coop_session = fields.Boolean(string="Therapy session", readonly=True, index=True, copy=True)
    clinician_id = fields.Many2one("hr.employee", index=True, tracking=True)
    clinician_user_id = fields.Many2one(
        related="clinician_id.user_id", store=True, string="Clinician (user)"
    )
    client_ids = fields.Many2many(
        "coop.client",
        "calendar_event_coop_client_rel",
        "event_id",
        "client_id",
    )
    client_codes = fields.Char(compute="_compute_client_codes", store=True, string="Client codes")
    session_type_id = fields.Many2one(
        "coop.session.type", index=True, tracking=True, string="Session type"
    )
    room_id = fields.Many2one(
        "resource.resource",
        index=True,
        domain="[('resource_type', '=', 'material')]",
        tracking=True,
    )
    video_link = fields.Char(string="Video link")
    coop_state = fields.Selection(
        SESSION_STATES,
        string="Session state",
        default="scheduled",
        readonly=True,
        index=True,
        copy=False,
        tracking=True,
    )
    coop_state_user_id = fields.Many2one(
        "res.users", string="State set by", readonly=True, copy=False
    )
    coop_state_date = fields.Datetime(string="State set on", readonly=True, copy=False)
    coop_currency_id = fields.Many2one(related="clinician_id.company_id.currency_id")
    fee_charged = fields.Monetary(
        currency_field="coop_currency_id", readonly=True, copy=False, string="Fee charged"
    )
    override_reason = fields.Text(
        string="Caseload override",
        help="A manager's written reason for booking above a caseload limit.",
        tracking=True,
    )
    coop_warning = fields.Text(string="Caseload warnings", readonly=True, copy=False)
    coop_hour_log_id = fields.Many2one(
        "coop.hour.log", string="Licensure hour log", readonly=True, copy=False, index=True
    )
    # Self-pay invoicing (wizards/coop_session_invoice_wizard.py): the lines
    # that bill the session, one per self-pay client, set only by the batch.
    coop_invoice_line_ids = fields.One2many(
        "account.move.line",
        "coop_session_id",
        string="Invoice lines",
        readonly=True,
        copy=False,
        groups="account.group_account_invoice",
    )

    def init(self):
        result = super().init()
        # The conflict query probes these per proposed session (from its
        # start less the longest session kept: the last index), and the
        # caseload reads a clinician's sessions by start.
        self.env.cr.execute(
            """
            DROP INDEX IF EXISTS calendar_event_coop_session_range_idx;
            CREATE INDEX IF NOT EXISTS calendar_event_coop_clinician_start_idx
                ON calendar_event (clinician_id, start) WHERE coop_session;
            CREATE INDEX IF NOT EXISTS calendar_event_coop_room_start_idx
                ON calendar_event (room_id, start) WHERE coop_session;
            CREATE INDEX IF NOT EXISTS calendar_event_coop_length_idx
                ON calendar_event ((stop - start)) WHERE coop_session;
            DROP FUNCTION IF EXISTS coop_therapy_busy_sessions(
                timestamp[], timestamp[], integer[], integer[], integer[], text[], integer[]);
            DROP FUNCTION IF EXISTS coop_therapy_busy_sessions(
                timestamp[], timestamp[], interval, integer[], integer[], integer[], text[],
                integer[]);
            """
        )
        return result

    @api.depends("client_ids.code")
    def _compute_client_codes(self):
        for rec in self:
            rec.client_codes = ", ".join(rec.sudo().client_ids.mapped("code"))

    # ------------------------------------------------------------------
    # create / write / unlink

    def _coop_check_caller(self, vals_list, batch):
        """What a caller may not set, whatever the context. On a write
        (``self`` not empty) none of these fields may be given at all:
        erasing the hour log or the session flag, or putting a cancelled
        session back to scheduled, is changing them too."""
        if self.env.su or not batch.outer:
            return
        for vals in vals_list:
            if "coop_invoice_line_ids" in vals:
                raise AccessError(
                    self.env._("Only the self-pay invoicing batch links sessions to invoices.")
                )
            if self:
                refused = STATE_FIELDS & set(vals)
            else:
                harmless = {"coop_session"} | (
                    {"coop_state"} if vals.get("coop_state", "scheduled") == "scheduled" else set()
                )
                refused = {name for name in STATE_FIELDS & set(vals) if vals[name]} - harmless
            if refused:
                raise AccessError(
                    self.env._(
                        "A session's state, fee and hour log change only through its "
                        "buttons (attended, cancelled, late-cancelled, no-show)."
                    )
                )
            if vals.get("override_reason") and not self.env.user.has_group(MANAGER_GROUP):
                raise AccessError(self.env._("Only a co-op manager can override a caseload limit."))

    def _coop_check_booker(self, clinicians):
        """Sessions are booked by schedulers, or by a clinician for themself."""
        if self.env.su or self.env.user.has_group(SCHEDULER_GROUP):
            return
        for clinician in clinicians:
            if clinician.sudo().user_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only a scheduler can book sessions for %(who)s.", who=clinician.name
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        batch = _Batch(self.env.cr)
        try:
            self._coop_check_caller(vals_list, batch)
            clinician_ids = {v["clinician_id"] for v in vals_list if v.get("clinician_id")}
            if batch.outer and clinician_ids:
                self._coop_check_booker(self.env["hr.employee"].browse(clinician_ids))
            for vals in vals_list:
                # A therapy session is an event with a clinician; nothing else is.
                vals["coop_session"] = bool(vals.get("clinician_id"))
                if vals["coop_session"]:
                    vals["name"] = self.env._("Session")  # made neutral below
                    vals["privacy"] = "confidential"
                    vals["description"] = False
            records = super().create(vals_list)
            batch.ids.update(records.filtered("coop_session").ids)
            if batch.outer:
                self.browse(batch.ids).exists()._coop_after_batch()
        finally:
            batch.close()
        return records

    def write(self, vals):
        batch = _Batch(self.env.cr)
        try:
            sessions = self.filtered("coop_session")
            self._coop_check_caller([vals], batch)
            if sessions and batch.outer and not self.env.su:
                if "clinician_id" in vals:
                    self._coop_check_booker(self.env["hr.employee"].browse(vals["clinician_id"]))
                self._coop_check_booker(sessions.clinician_id)
                if vals.get("description"):
                    raise ValidationError(
                        self.env._("A session has no description: no clinical content here.")
                    )
            if sessions and LOCKED_IN_SIGNED_WEEK & set(vals):
                sessions._coop_check_week_open()
                sessions._coop_check_year_open()
            result = super().write(vals)
            if sessions and LOCKED_IN_SIGNED_WEEK & set(vals):
                # Nor does a session move into a closed year.
                sessions.exists()._coop_check_year_open()
            if sessions and SCHEDULE_FIELDS & set(vals):
                batch.ids.update(sessions.exists().ids)
            if batch.outer and batch.ids:
                self.browse(batch.ids).exists()._coop_after_batch()
        finally:
            batch.close()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_session(self):
        sessions = self.filtered("coop_session")
        if sessions:
            self._coop_check_booker(sessions.sudo().clinician_id)
        sessions._coop_check_week_open()
        sessions._coop_check_year_open()
        if sessions.filtered(lambda s: s.coop_state != "scheduled") and not self.env.su:
            raise UserError(
                self.env._(
                    "A session that took place, was cancelled or missed is kept; "
                    "cancel it instead of deleting it."
                )
            )
        invoiced = sessions.sudo().filtered("coop_invoice_line_ids")
        if invoiced:
            raise UserError(
                self.env._(
                    "%(sessions)s is on a customer invoice and is kept: "
                    "cancel or credit the invoice first.",
                    sessions=", ".join(invoiced.mapped("name")),
                )
            )

    def _coop_after_batch(self):
        """Once per outer create/write: neutral titles and attendees, then
        the checks of every new or moved session together, then the hour
        logs of attended sessions that moved."""
        sessions = self.filtered("coop_session")
        if not sessions:
            return
        sessions._coop_neutralise()
        booked = sessions.filtered(lambda s: s.coop_state in BOOKED_STATES and s.active)
        booked._coop_check_schedule()
        attended = sessions.filtered(lambda s: s.coop_state == "attended")
        if attended:
            attended._coop_sync_hour_logs()

    def _coop_neutralise(self):
        """Neutral title, confidential, no description; attendees are the
        clinician and the clients who chose reminders. Written in one call
        per distinct value."""
        groups = defaultdict(list)
        for rec in self.sudo():
            partners = rec.clinician_id.user_id.partner_id | rec.clinician_id.work_contact_id
            partners = partners[:1]
            for client in rec.client_ids:
                if client.reminder_channel != "none" and client.partner_id:
                    partners |= client.partner_id
            codes = rec.client_ids.mapped("code")
            name = self.env._("Session \N{EN DASH} %(codes)s", codes=", ".join(codes) or "?")
            key = (name, tuple(sorted(partners.ids)), rec.clinician_id.user_id.id)
            if (
                rec.name != name
                or rec.privacy != "confidential"
                or rec.description
                or set(rec.partner_ids.ids) != set(key[1])
                or (key[2] and rec.user_id.id != key[2])
            ):
                groups[key].append(rec.id)
        for (name, partner_ids, user_id), ids in groups.items():
            values = {
                "name": name,
                "privacy": "confidential",
                "description": False,
                "partner_ids": [Command.set(list(partner_ids))],
            }
            if user_id:
                values["user_id"] = user_id
            self.sudo().with_context(no_mail_to_attendees=True).browse(ids).write(values)

    # ------------------------------------------------------------------
    # checks

    def _coop_local(self, dt, tz):
        return pytz.utc.localize(dt).astimezone(tz)

    def _coop_check_schedule(self):
        """Conflicts (clinician, room, clients; the buffer), working hours,
        time off and caseload limits of these sessions, all at once, in a
        number of queries that does not grow with the sessions kept
        (bench/scheduling.py): one for the sessions themselves and their
        clinicians (limits, working hours, time off, licensure file), one for
        the other sessions that can conflict and each clinician's caseload
        around them (for an associate, two more for their licensure weeks);
        then the pure rules of lib/scheduling."""
        if not self:
            return
        sessions, facts = self._coop_session_rows()
        for s in sessions:
            if not s.clinician_id:
                raise ValidationError(self.env._("A session has a clinician."))
            if s.stop <= s.start:
                raise ValidationError(self.env._("A session ends after it starts."))
            if not s.clients:
                raise ValidationError(self.env._("A session has at least one client."))
            capacity = s.capacity or 1
            if len(s.clients) > capacity:
                raise ValidationError(
                    self.env._(
                        "%(type)s has room for %(capacity)s clients, not %(count)s.",
                        type=self.env["coop.session.type"].sudo().browse(s.type_id).name,
                        capacity=capacity,
                        count=len(s.clients),
                    )
                )
        ordered = sorted(sessions, key=lambda s: (s.start, s.id))
        records = self.sudo().browse([s.id for s in ordered])
        buffer_minutes = max((f["buffer"] or 0 for f in facts.values()), default=0)
        buffer = timedelta(minutes=buffer_minutes) if buffer_minutes else None

        def keys(clinician, room, clients):
            out = [("clinician", clinician)]
            if room:
                out.append(("room", room))
            out.extend(("client", c) for c in clients)
            return out

        proposed = [(s.start, s.stop, keys(s.clinician_id, s.room_id, s.clients)) for s in ordered]
        by_clinician = defaultdict(list)
        for s in ordered:
            by_clinician[s.clinician_id].append(s)
        plans = {
            clinician_id: self._coop_caseload_plan(facts[clinician_id], items)
            for clinician_id, items in by_clinician.items()
        }
        busy_rows, booked = self._coop_busy_and_booked(
            ordered, buffer, max(f["longest"] for f in facts.values()), plans
        )
        busy = defaultdict(list)
        for row in busy_rows:
            for key in keys(row[3], row[4], row[5]):
                busy[key].append((row[1], row[2], row[0]))
        conflicts = scheduling.find_conflicts(
            proposed, busy, buffer, buffered=lambda r: r[0] == "clinician"
        )
        if conflicts:
            raise ValidationError(self._coop_conflict_sentence(records, conflicts[0]))
        for clinician_id, items in by_clinician.items():
            self._coop_check_availability(facts[clinician_id], items)
        warnings = {}
        for clinician_id, plan in plans.items():
            warnings.update(self._coop_check_caseload(plan, booked[clinician_id]))
        for s in ordered:
            minutes = round((s.stop - s.start).total_seconds() / 60)
            if scheduling.cpt_band_check(s.cpt_code, minutes):
                warnings.setdefault(s.id, []).append(
                    self.env._(
                        "%(minutes)s minutes do not fit the time band of CPT %(code)s.",
                        minutes=minutes,
                        code=s.cpt_code,
                    )
                )
        if warnings:
            self._coop_post_warnings(records, warnings)

    def _coop_session_rows(self):
        """These sessions as the rules read them (:class:`_SessionRow`), with
        their session type's capacity, CPT code and whether it counts as
        direct hours, and their active clients; and the facts of their
        clinicians (:meth:`_coop_clinician_facts`), on the first session of
        each. One query: ``(sessions, {clinician id: facts})``."""
        self._coop_flush_facts()
        self.env["coop.session.type"].flush_model(["group_capacity", "cpt_code", "counts_direct"])
        self.env["coop.client"].flush_model(["active"])
        self.env.cr.execute(
            SQL(
                """
                WITH s AS MATERIALIZED (
                    SELECT e.id, e.start, e.stop, e.clinician_id, e.room_id, e.session_type_id,
                           t.group_capacity, t.cpt_code, coalesce(t.counts_direct, false),
                           ARRAY(SELECT r.client_id FROM calendar_event_coop_client_rel r
                                   JOIN coop_client c ON c.id = r.client_id AND c.active
                                  WHERE r.event_id = e.id ORDER BY r.client_id),
                           e.override_reason,
                           row_number() OVER (PARTITION BY e.clinician_id ORDER BY e.id) AS nth
                      FROM calendar_event e
                      LEFT JOIN coop_session_type t ON t.id = e.session_type_id
                     WHERE e.id = ANY(%(ids)s)
                ),
                f AS MATERIALIZED (%(facts)s)
                SELECT s.*, f.* FROM s LEFT JOIN f ON f.emp_id = s.clinician_id AND s.nth = 1
                """,
                ids=list(self.ids),
                facts=self._coop_facts_query(
                    SQL("SELECT clinician_id FROM s"),
                    SQL("(SELECT min(start) FROM s)"),
                    SQL("(SELECT max(stop) FROM s)"),
                ),
            )
        )
        sessions, facts = [], {}
        width = len(_SessionRow._fields)
        for row in self.env.cr.fetchall():
            sessions.append(_SessionRow(*row[:width]))
            if row[width + 1] is not None:
                facts[row[width + 1]] = self._coop_facts_of(row[width + 1 :])
        return sessions, facts

    def _coop_flush_facts(self):
        for model, names in (
            ("hr.employee", ["resource_id", "resource_calendar_id", "company_id"]),
            ("resource.resource", ["tz", "calendar_id", "company_id"]),
            ("resource.calendar", ["tz", "flexible_hours", "two_weeks_calendar"]),
            (
                "resource.calendar.attendance",
                [
                    "calendar_id",
                    "resource_id",
                    "display_type",
                    "day_period",
                    "dayofweek",
                    "hour_from",
                    "hour_to",
                    "week_type",
                    "date_from",
                    "date_to",
                ],
            ),
            ("resource.calendar.leaves", ["resource_id", "calendar_id", "date_from", "date_to"]),
            ("hr.leave", ["employee_id", "state", "date_from", "date_to"]),
            ("coop.licensure", ["employee_id", "percent"]),
        ):
            self.env[model].flush_model(names)
        self.env["calendar.event"].flush_model(
            [
                "start",
                "stop",
                "clinician_id",
                "room_id",
                "client_ids",
                "session_type_id",
                "override_reason",
                "coop_session",
            ]
        )

    def _coop_clinician_facts(self, sessions):
        """``{clinician id: facts}`` of the sessions' clinicians (anything
        with ``clinician_id``, ``start`` and ``stop``), in one query: their
        own and their company's limits, their time zone, their working hours
        (the calendar and its attendances for their resource or for all),
        their validated time off (time off requests, and the calendar's
        leaves for their resource or for everyone) around the sessions, their
        licensure file (the first in its order, or none), and the longest
        session kept (how far back a session overlapping another can start)."""
        self._coop_flush_facts()
        self.env.cr.execute(
            self._coop_facts_query(
                SQL("SELECT unnest(%s::integer[])", sorted({s.clinician_id for s in sessions})),
                SQL("%s::timestamp", min(s.start for s in sessions)),
                SQL("%s::timestamp", max(s.stop for s in sessions)),
            )
        )
        return {row[0]: self._coop_facts_of(row) for row in self.env.cr.fetchall()}

    @api.model
    def _coop_facts_query(self, clinicians, start, stop):
        """The query of :meth:`_coop_clinician_facts`: ``clinicians`` a
        query of employee ids, ``start`` and ``stop`` the span of their
        sessions (SQL expressions)."""
        return SQL(
            """
            SELECT emp.id AS emp_id, emp.name, res.tz, cal.id, cal.tz, cal.flexible_hours,
                   cal.two_weeks_calendar,
                   emp.coop_direct_hours_warn, emp.coop_direct_hours_block,
                   emp.coop_sessions_per_day, emp.coop_active_clients_max,
                   emp.coop_accepting_clients,
                   co.coop_direct_hours_warn, co.coop_direct_hours_block,
                   co.coop_sessions_per_day, co.coop_active_clients_max,
                   co.coop_session_buffer,
                   (SELECT f.id FROM coop_licensure f WHERE f.employee_id = emp.id
                     ORDER BY f.percent DESC, f.id LIMIT 1),
                   ARRAY(SELECT ARRAY[l.date_from, l.date_to] FROM hr_leave l
                          WHERE l.employee_id = emp.id AND l.state = 'validate'
                            AND l.date_from < %(stop)s AND l.date_to > %(start)s
                          UNION ALL
                         SELECT ARRAY[l.date_from, l.date_to]
                           FROM resource_calendar_leaves l
                          WHERE l.time_type = 'leave'
                            AND l.date_from < %(stop)s AND l.date_to > %(start)s
                            AND (l.resource_id = res.id
                                 OR (l.resource_id IS NULL
                                     AND l.company_id IS NOT DISTINCT FROM res.company_id))
                            AND (l.calendar_id IS NULL OR l.calendar_id = cal.id)),
                   ARRAY(SELECT ARRAY[a.dayofweek::float, a.hour_from, a.hour_to,
                                      a.week_type::float,
                                      a.date_from - DATE '2000-01-01',
                                      a.date_to - DATE '2000-01-01']
                           FROM resource_calendar_attendance a
                          WHERE a.calendar_id = cal.id AND a.display_type IS NULL
                            AND a.day_period IS DISTINCT FROM 'lunch'
                            AND (a.resource_id IS NULL OR a.resource_id = res.id)),
                   (SELECT max(e.stop - e.start) FROM calendar_event e WHERE e.coop_session)
              FROM hr_employee emp
              JOIN resource_resource res ON res.id = emp.resource_id
              JOIN res_company co ON co.id = emp.company_id
              LEFT JOIN resource_calendar cal ON cal.id = emp.resource_calendar_id
             WHERE emp.id IN (%(clinicians)s)
            """,
            clinicians=clinicians,
            start=start,
            stop=stop,
        )

    @api.model
    def _coop_facts_of(self, row):
        """The facts of one clinician from a row of :meth:`_coop_facts_query`."""
        epoch = date(2000, 1, 1)

        def day(offset):
            return None if offset is None else epoch + timedelta(days=int(offset))

        (emp_id, name, res_tz, cal_id, cal_tz, flexible, two_weeks) = row[:7]
        own, company = row[7:12], row[12:17]
        licensure_id, leaves, attendances, longest = row[17:21]
        return {
            "id": emp_id,
            "name": name,
            "tz": res_tz,
            "calendar_id": cal_id,
            "calendar_tz": cal_tz,
            "flexible": bool(flexible),
            "two_weeks": bool(two_weeks),
            "own": own,
            "company": company,
            "buffer": company[4],
            "licensure_id": licensure_id,
            "leaves": [(f, t) for f, t in leaves],
            "attendances": [
                scheduling.Attendance(
                    int(a[0]),
                    a[1],
                    a[2],
                    None if a[3] is None else int(a[3]),
                    day(a[4]),
                    day(a[5]),
                )
                for a in attendances
            ],
            "longest": longest or timedelta(0),
        }

    def _coop_busy_and_booked(self, sessions, buffer, longest, plans):
        """What the other booked sessions make of these: the sessions that
        can conflict (:meth:`_coop_busy_query`) as ``(id, start, stop,
        clinician, room, clients)`` rows by id, and each clinician's booked
        caseload (:meth:`_coop_caseload_query`, for the ``plans`` of
        :meth:`_coop_caseload_plan`) as ``{clinician id: (sessions a day,
        direct hours a week, new clients already active, active clients)}``.
        One query: their parts side by side (the first column says whose)."""
        self.env["calendar.event"].flush_model(
            [
                "start",
                "stop",
                "clinician_id",
                "room_id",
                "session_type_id",
                "client_ids",
                "coop_state",
                "active",
                "coop_session",
            ]
        )
        self.env["coop.session.type"].flush_model(["counts_direct"])
        parts = [
            SQL(
                """SELECT 0, b.id, b.start, b.stop, b.clinician_id, b.room_id, b.clients,
                          NULL::bigint, NULL::numeric FROM (%s) b""",
                self._coop_busy_query(sessions, buffer, longest),
            )
        ]
        layouts = {}
        for index, plan in enumerate(plans.values(), start=1):
            query, layouts[index] = self._coop_caseload_query(*plan["args"])
            parts.append(
                SQL(
                    """SELECT %s, c.bucket, NULL::timestamp, NULL::timestamp, c.client_id,
                              NULL::integer, NULL::integer[], c.n, c.hours
                         FROM (%s) AS c(bucket, n, hours, client_id)""",
                    index,
                    query,
                )
            )
        self.env.cr.execute(SQL(" UNION ALL ").join(parts))
        busy, rows = [], defaultdict(list)
        for row in self.env.cr.fetchall():
            if row[0] == 0:
                busy.append(row[1:7])
            else:
                rows[row[0]].append((row[1], row[7], row[8], row[4]))
        busy.sort()
        booked = {
            clinician_id: self._coop_caseload_parse(layouts[index], rows[index])
            for index, clinician_id in enumerate(plans, start=1)
        }
        return busy, booked

    def _coop_busy_query(self, sessions, buffer, longest):
        """The other booked sessions of these clinicians, rooms and clients
        that overlap one of the sessions widened by the buffer (the only
        ones that can conflict): ``(id, start, stop, clinician_id, room_id,
        clients)``. Each session one probe of the (clinician,
        start) and (room, start) indexes, from its start less the longest
        session kept (made in :meth:`init`; a lateral subquery the planner
        cannot flatten), so it reads the sessions at those hours, not all
        those of the clinician, room or clients. Sent with its values, so
        planned for them (a generic plan, blind to the longest session,
        could scan a table per probe)."""
        gap = buffer or timedelta(0)
        return SQL(
            """
                WITH p AS (
                    SELECT * FROM unnest(%(starts)s::timestamp[], %(stops)s::timestamp[])
                        AS p(p_start, p_stop)
                ),
                hit AS (
                    SELECT x.* FROM p CROSS JOIN LATERAL (
                        SELECT e.id, e.start, e.stop, e.clinician_id, e.room_id
                          FROM calendar_event e
                         WHERE e.clinician_id = ANY(%(clinicians)s::integer[])
                           AND e.coop_session AND e.start < p.p_stop
                           AND e.start > p.p_start - %(longest)s::interval
                           AND e.stop > p.p_start AND e.active
                           AND e.coop_state = ANY(%(states)s) AND e.id != ALL(%(ids)s::integer[])
                        OFFSET 0) x
                    UNION
                    SELECT x.* FROM p CROSS JOIN LATERAL (
                        SELECT e.id, e.start, e.stop, e.clinician_id, e.room_id
                          FROM calendar_event e
                         WHERE e.room_id = ANY(%(rooms)s::integer[])
                           AND e.coop_session AND e.start < p.p_stop
                           AND e.start > p.p_start - %(longest)s::interval
                           AND e.stop > p.p_start AND e.active
                           AND e.coop_state = ANY(%(states)s) AND e.id != ALL(%(ids)s::integer[])
                        OFFSET 0) x
                    UNION
                    SELECT e.id, e.start, e.stop, e.clinician_id, e.room_id
                      FROM calendar_event_coop_client_rel r
                      JOIN calendar_event e ON e.id = r.event_id
                     WHERE r.client_id = ANY(%(clients)s::integer[])
                       AND e.coop_session AND e.active
                       AND e.coop_state = ANY(%(states)s) AND e.id != ALL(%(ids)s::integer[])
                       AND tsrange(e.start, e.stop) && (
                            SELECT range_agg(tsrange(p.p_start, p.p_stop)) FROM p)
                )
                SELECT hit.*, ARRAY(SELECT r.client_id FROM calendar_event_coop_client_rel r
                                     WHERE r.event_id = hit.id) AS clients
                  FROM hit
                """,
            starts=_array([s.start - gap for s in sessions]),
            stops=_array([s.stop + gap for s in sessions]),
            longest=longest,
            clinicians=sorted({s.clinician_id for s in sessions}),
            rooms=sorted({s.room_id for s in sessions if s.room_id}),
            clients=sorted({c for s in sessions for c in s.clients}),
            states=list(BOOKED_STATES),
            ids=_array([s.id for s in sessions]),
        )

    def _coop_caseload_query(self, clinician_id, tz, days, weeks, new_clients, since):
        """The query of what the clinician's other booked sessions already
        make of the caseload, for the local ``days`` and ``weeks`` (Mondays)
        given, and for the active clients (a session from ``since``; None:
        not read, and the count only when a new client is not active yet):
        ``(query, layout)``, the rows of the query and the layout for
        :meth:`_coop_caseload_parse`.

        One range of the (clinician, start) index: the first
        and last instants of those days and weeks are laid out here in UTC
        (with daylight saving time), and each session falls between two of
        them by a binary search in SQL (``width_bucket``), so no time zone
        arithmetic is done per session."""
        instants = {}

        def utc(day):
            if day not in instants:
                instants[day] = scheduling.to_utc(datetime.combine(day, time.min), tz)
            return instants[day]

        week_of, day_of = {}, {}
        for week in weeks:
            week_of[utc(week)] = week
            utc(week + timedelta(days=7))
        for day in days:
            day_of[(utc(day), utc(day + timedelta(days=1)))] = day
        bounds = sorted(set(instants.values()))
        query = SQL(
            """
                WITH active AS (
                    SELECT c.client_id FROM unnest(%(clients)s::integer[]) AS c(client_id)
                     WHERE %(since)s::timestamp IS NOT NULL AND EXISTS (
                        SELECT 1 FROM calendar_event_coop_client_rel r
                          JOIN calendar_event e ON e.id = r.event_id
                         WHERE r.client_id = c.client_id AND e.clinician_id = %(clinician)s
                           AND e.coop_session AND e.active AND e.coop_state = ANY(%(states)s)
                           AND e.id != ALL(%(ids)s::integer[]) AND e.start >= %(since)s)
                )
                SELECT width_bucket(e.start, %(bounds)s::timestamp[]), count(*),
                       coalesce(sum(extract(epoch FROM e.stop - e.start))
                                FILTER (WHERE t.counts_direct), 0) / 3600.0,
                       NULL::integer
                  FROM calendar_event e
                  LEFT JOIN coop_session_type t ON t.id = e.session_type_id
                 WHERE e.clinician_id = %(clinician)s AND e.coop_session
                   AND e.start >= %(first)s AND e.start < %(last)s AND e.active
                   AND e.coop_state = ANY(%(states)s) AND e.id != ALL(%(ids)s::integer[])
                 GROUP BY 1
                 UNION ALL
                SELECT NULL, NULL, NULL, active.client_id FROM active
                 UNION ALL
                SELECT NULL, (SELECT count(DISTINCT r.client_id) FROM calendar_event e
                                JOIN calendar_event_coop_client_rel r ON r.event_id = e.id
                               WHERE e.clinician_id = %(clinician)s AND e.coop_session
                                 AND e.active AND e.coop_state = ANY(%(states)s)
                                 AND e.id != ALL(%(ids)s::integer[]) AND e.start >= %(since)s),
                       NULL, NULL
                 WHERE (SELECT count(*) FROM active) < cardinality(%(clients)s::integer[])
                """,
            bounds=_array(bounds),
            first=bounds[0],
            last=bounds[-1],
            clinician=clinician_id,
            states=list(BOOKED_STATES),
            ids=_array(self.ids),
            clients=sorted(new_clients) if since else [],
            since=since,
        )
        return query, (bounds, day_of, week_of, instants)

    @api.model
    def _coop_caseload_parse(self, layout, rows):
        """``(sessions a day, direct hours a week, the new clients already
        active, how many clients are active)`` from the ``rows`` of
        :meth:`_coop_caseload_query` ``(bucket, count, hours, client)``."""
        bounds, day_of, week_of, instants = layout
        # Bucket k holds the sessions starting in [bounds[k - 1], bounds[k]):
        # a day asked for is one bucket; a week the buckets from its Monday.
        week_starts = sorted(week_of)
        day_count, week_direct, active, total = {}, defaultdict(float), set(), None
        for bucket, count, hours, client_id in rows:
            if bucket is not None:
                if not 0 < bucket < len(bounds):
                    continue
                start, stop = bounds[bucket - 1], bounds[bucket]
                if (start, stop) in day_of:
                    day_count[day_of[(start, stop)]] = count
                monday = week_starts[bisect_right(week_starts, start) - 1]
                if start >= monday and start < instants[week_of[monday] + timedelta(days=7)]:
                    week_direct[week_of[monday]] += float(hours)
            elif client_id is not None:
                active.add(client_id)
            else:
                total = count
        return day_count, dict(week_direct), active, total

    def _coop_when(self, dt, tz):
        return self._coop_local(dt, tz).strftime("%Y-%m-%d %H:%M")

    def _coop_tz(self, clinician=None):
        return self._coop_zone((clinician and clinician.sudo().tz) or self.env.user.tz)

    def _coop_zone(self, name):
        try:
            return pytz.timezone(name or "UTC")
        except pytz.UnknownTimeZoneError:
            return pytz.utc

    def _coop_conflict_sentence(self, ordered, conflict):
        session = ordered[conflict.index]
        tz = self._coop_tz(session.clinician_id)
        kind, res_id = conflict.resource
        if kind == "clinician":
            who = session.clinician_id.name
        elif kind == "room":
            who = session.room_id.name
        else:
            who = self.env["coop.client"].sudo().browse(res_id).code
        when = self._coop_when(session.start, tz)
        if conflict.code == scheduling.SERIES:
            other = ordered[conflict.other]
            return self.env._(
                "%(who)s would be in two of these sessions at once: %(when)s and %(other)s.",
                who=who,
                when=self._coop_when(other.start, tz),
                other=when,
            )
        other = self.env["calendar.event"].sudo().browse(conflict.other)
        if conflict.code == scheduling.BUFFER:
            return self.env._(
                "%(who)s needs %(minutes)s minutes between sessions: the session of "
                "%(when)s is too close to the one of %(other)s.",
                who=who,
                minutes=session.clinician_id.company_id.coop_session_buffer,
                when=when,
                other=self._coop_when(other.start, tz),
            )
        return self.env._(
            "%(who)s is already booked at %(other)s; the session of %(when)s cannot "
            "take place at the same time.",
            who=who,
            other=self._coop_when(other.start, tz),
            when=when,
        )

    def _coop_check_availability(self, facts, items):
        """Inside the clinician's working hours (their resource calendar,
        laid out by lib/scheduling for the days of the sessions only; Odoo's
        own method where that layout cannot be sure) and outside their
        validated time off. No working-hour limit on a flexible-hours
        calendar or without a calendar."""
        proposed = [(s.start, s.stop) for s in items]
        if facts["calendar_id"] and not facts["flexible"]:
            zone = self._coop_zone(facts["tz"] or facts["calendar_tz"])
            if zone.zone == (facts["tz"] or facts["calendar_tz"]) and scheduling.layout_is_exact(
                facts["attendances"]
            ):
                working = scheduling.working_intervals_around(
                    proposed, facts["attendances"], zone, facts["two_weeks"]
                )
            else:
                working = self._coop_odoo_working_intervals(facts, items)
        else:
            working = [(min(p[0] for p in proposed), max(p[1] for p in proposed))]
        problems = scheduling.check_availability(proposed, working, facts["leaves"])
        if problems:
            index, code = problems[0]
            clinician = self.env["hr.employee"].sudo().browse(facts["id"])
            tz = self._coop_tz(clinician)
            when = self._coop_when(items[index].start, tz)
            if code == scheduling.TIME_OFF:
                raise ValidationError(
                    self.env._(
                        "%(who)s is on approved time off at %(when)s.",
                        who=clinician.name,
                        when=when,
                    )
                )
            raise ValidationError(
                self.env._(
                    "The session of %(when)s is outside %(who)s's working hours.",
                    who=clinician.name,
                    when=when,
                )
            )

    def _coop_odoo_working_intervals(self, facts, items):
        """The clinician's working intervals around the sessions by Odoo's
        ``_attendance_intervals_batch`` (naive UTC): the fallback of
        :meth:`_coop_check_availability`."""
        clinician = self.env["hr.employee"].sudo().browse(facts["id"])
        calendar = self.env["resource.calendar"].sudo().browse(facts["calendar_id"])
        start = min(s.start for s in items)
        stop = max(s.stop for s in items)
        attendance = calendar._attendance_intervals_batch(
            pytz.utc.localize(start - timedelta(days=1)),
            pytz.utc.localize(stop + timedelta(days=1)),
            resources=clinician.resource_id,
        )[clinician.resource_id.id]
        return [
            (
                a_start.astimezone(pytz.utc).replace(tzinfo=None),
                a_stop.astimezone(pytz.utc).replace(tzinfo=None),
            )
            for a_start, a_stop, _att in attendance
        ]

    def _coop_caseload_plan(self, facts, items):
        """What the caseload check of the clinician's sessions ``items``
        needs: their limits, their days and weeks, their new clients, and
        the arguments of :meth:`_coop_caseload_query`."""
        clinician = self.env["hr.employee"].sudo().browse(facts["id"])
        tz = self._coop_zone(facts["tz"] or self.env.user.tz)
        first_day = scheduling.to_local(items[0].start, tz).date()
        licensure_file = self.env["coop.licensure"].sudo().browse(facts["licensure_id"] or ())
        rule = licensure_file._coop_rule(first_day) if licensure_file else None
        limits = scheduling.pick_limits(
            facts["own"],
            facts["company"],
            (rule.extra_unit_above_direct, rule.weekly_units, rule.max_hours_per_week)
            if rule
            else None,
        )
        # Active clients: a session in the last 30 days or one booked. Read
        # only when a limit on them can be met (new clients, and a cap or
        # a clinician not accepting new clients).
        new_clients = {c for s in items for c in s.clients}
        since = None
        if new_clients and (limits.active_clients is not None or not limits.accepting_new):
            today = self._coop_local(fields.Datetime.now(), tz).date()  # the clinician's
            since = datetime.combine(today - timedelta(days=30), time.min)
        new_sessions = []
        keys = {}
        for s in items:
            day = scheduling.to_local(s.start, tz).date()
            week = licensure.week_start(day)
            hours = (s.stop - s.start).total_seconds() / 3600.0
            direct = hours if s.type_id and s.counts_direct else 0.0
            new_sessions.append((day, week, direct, direct))
            keys.setdefault(("week", week), []).append(s)
            keys.setdefault(("day", day), []).append(s)
        return {
            "clinician": clinician,
            "licensure_file": licensure_file,
            "limits": limits,
            "items": items,
            "new_clients": new_clients,
            "new_sessions": new_sessions,
            "keys": keys,
            "args": (
                facts["id"],
                tz,
                {n[0] for n in new_sessions},
                {n[1] for n in new_sessions},
                new_clients,
                since,
            ),
        }

    def _coop_check_caseload(self, plan, booked):
        """Caseload findings for the clinician of ``plan``
        (:meth:`_coop_caseload_plan`) with what is ``booked`` already
        (:meth:`_coop_caseload_parse`); refuses a blocking one unless every
        session concerned carries a manager's override reason. Returns
        ``{session id: [warning sentences]}``."""
        clinician, licensure_file = plan["clinician"], plan["licensure_file"]
        limits, items, new_clients = plan["limits"], plan["items"], plan["new_clients"]
        new_sessions, keys = plan["new_sessions"], plan["keys"]
        day_count, week_direct, active, active_total = booked
        week_units, week_other = {}, {}
        if licensure_file:
            for week in (
                self.env["coop.hour.week"]
                .sudo()
                .search(
                    [
                        ("licensure_id", "=", licensure_file.id),
                        ("week_start", "in", list(week_direct) + [n[1] for n in new_sessions]),
                    ]
                )
            ):
                week_units[week.week_start] = (
                    week_units.get(week.week_start, 0) + week.supervision_units
                )
            for week, hours in week_direct.items():
                week_other[week] = hours
            for log in (
                self.env["coop.hour.log"]
                .sudo()
                .search_read(
                    [
                        ("licensure_id", "=", licensure_file.id),
                        ("source", "=", "manual"),
                        ("date", ">=", min(n[1] for n in new_sessions)),
                        ("date", "<=", max(n[1] for n in new_sessions) + timedelta(days=6)),
                    ],
                    ["date", "hours"],
                )
            ):
                week = licensure.week_start(log["date"])
                week_other[week] = week_other.get(week, 0.0) + log["hours"]
        findings = scheduling.caseload_findings(
            limits,
            week_direct,
            day_count,
            new_sessions,
            active,
            new_clients,
            week_units,
            week_other if licensure_file else None,
            active_total=active_total,
        )
        warnings = defaultdict(list)
        for finding in findings:
            scope = "day" if finding.code == "sessions_day" else "week"
            concerned = keys.get((scope, finding.key), items)
            sentence = self._coop_finding_sentence(clinician, finding)
            if finding.level == scheduling.BLOCK and not all(s.override_reason for s in concerned):
                raise ValidationError(
                    self.env._(
                        "%(sentence)s A co-op manager can book it anyway with a written reason.",
                        sentence=sentence,
                    )
                )
            for s in concerned:
                warnings[s.id].append(sentence)
        return warnings

    def _coop_finding_sentence(self, clinician, finding):
        messages = {
            "direct_warn": self.env._(
                "%(who)s would have %(figure)s direct hours in the week of %(key)s "
                "(the co-op warns above %(limit)s).",
                who=clinician.name,
                figure=_num(finding.figure),
                key=finding.key,
                limit=_num(finding.limit),
            ),
            "direct_block": self.env._(
                "%(who)s would have %(figure)s direct hours in the week of %(key)s; "
                "the co-op's limit is %(limit)s.",
                who=clinician.name,
                figure=_num(finding.figure),
                key=finding.key,
                limit=_num(finding.limit),
            ),
            "sessions_day": self.env._(
                "%(who)s would have %(figure)s sessions on %(key)s; the co-op's limit "
                "is %(limit)s a day.",
                who=clinician.name,
                figure=int(finding.figure),
                key=finding.key,
                limit=int(finding.limit),
            ),
            "active_clients": self.env._(
                "%(who)s would have %(figure)s active clients; the co-op's limit is %(limit)s.",
                who=clinician.name,
                figure=int(finding.figure),
                limit=int(finding.limit),
            ),
            "not_accepting": self.env._(
                "%(who)s is not accepting new clients.", who=clinician.name
            ),
            "supervision_unit": self.env._(
                "%(who)s would have %(figure)s direct hours in the week of %(key)s: more "
                "than 10 need %(limit)s units of supervision that week, and they are not "
                "logged yet.",
                who=clinician.name,
                figure=_num(finding.figure),
                key=finding.key,
                limit=_num(finding.limit),
            ),
            "week_cap": self.env._(
                "%(who)s would have %(figure)s licensure hours in the week of %(key)s; at "
                "most %(limit)s a week are credited.",
                who=clinician.name,
                figure=_num(finding.figure),
                key=finding.key,
                limit=_num(finding.limit),
            ),
        }
        return messages[finding.code]

    def _coop_post_warnings(self, ordered, warnings):
        """Warnings are kept on each session concerned and posted once on
        the first session of the batch."""
        by_text = defaultdict(list)
        for session_id, sentences in warnings.items():
            by_text["\n".join(dict.fromkeys(sentences))].append(session_id)
        for text, ids in by_text.items():
            self.sudo().browse(ids).write({"coop_warning": text})
        first = ordered.filtered(lambda s: s.id in warnings)[:1]
        lines = dict.fromkeys(s for sentences in warnings.values() for s in sentences)
        if first:
            first.sudo().message_post(
                body=Markup("<ul>%s</ul>")
                % Markup("").join(Markup("<li>%s</li>") % escape(line) for line in lines),
                subject=self.env._("Caseload warnings"),
            )

    # ------------------------------------------------------------------
    # signed weeks

    def _coop_check_week_open(self):
        """A session in a week the supervisor signed is locked."""
        sessions = self.sudo().filtered("coop_session")
        if not sessions:
            return
        if any(s.coop_hour_log_id.week_state == "signed" for s in sessions):
            raise UserError(
                self.env._(
                    "This session is in a licensure week signed by the supervisor; it is "
                    "locked and cannot be changed."
                )
            )
        files = {
            f.employee_id.id: f
            for f in self.env["coop.licensure"]
            .sudo()
            .search([("employee_id", "in", sessions.clinician_id.ids)])
        }
        if not files:
            return
        weeks = set()
        for s in sessions:
            if s.clinician_id.id in files:
                day = self._coop_local(s.start, self._coop_tz(s.clinician_id)).date()
                weeks.add((files[s.clinician_id.id].id, licensure.week_start(day)))
        signed = (
            self.env["coop.hour.week"]
            .sudo()
            .search(
                [
                    ("licensure_id", "in", [w[0] for w in weeks]),
                    ("week_start", "in", [w[1] for w in weeks]),
                    ("state", "=", "signed"),
                ]
            )
        )
        for week in signed:
            if (week.licensure_id.id, week.week_start) in weeks:
                raise UserError(
                    self.env._(
                        "The licensure week of %(week)s is signed by the supervisor; its "
                        "sessions are locked.",
                        week=week.week_start,
                    )
                )

    def _coop_check_year_open(self):
        """A session dated in a year whose hours are closed (its patronage
        allocation is posted) keeps its state and its time: attended
        sessions are hours worked of that year (on the session's day, as the
        "sessions" hour source counts them)."""
        sessions = self.sudo().filtered("coop_session")
        for company in sessions.clinician_id.company_id:
            company._coop_check_hours_open(
                {
                    s.start.date()
                    for s in sessions
                    if s.start and s.clinician_id.company_id == company
                }
            )

    # ------------------------------------------------------------------
    # state changes

    def _coop_check_state_caller(self):
        if self.env.su or self.env.user.has_group(SCHEDULER_GROUP):
            return
        for rec in self:
            if rec.sudo().clinician_id.user_id != self.env.user:
                raise AccessError(
                    self.env._("Only the clinician or a scheduler can record what happened.")
                )

    def _coop_set_state(self, state, allowed_from, fee=None):
        sessions = self.filtered("coop_session")
        if sessions != self:
            raise UserError(self.env._("Only therapy sessions have a session state."))
        sessions._coop_check_state_caller()
        sessions._coop_check_week_open()
        sessions._coop_check_year_open()
        now = fields.Datetime.now()
        for rec in sessions:
            if rec.coop_state not in allowed_from:
                raise UserError(
                    self.env._(
                        "The session of %(when)s is %(state)s; it cannot become %(new)s.",
                        when=rec._coop_when(rec.start, rec._coop_tz(rec.clinician_id)),
                        state=dict(SESSION_STATES)[rec.coop_state],
                        new=dict(SESSION_STATES)[state],
                    )
                )
            if state in ("attended", "no_show") and rec.start > now:
                raise UserError(
                    self.env._(
                        "The session of %(when)s has not started yet.",
                        when=rec._coop_when(rec.start, rec._coop_tz(rec.clinician_id)),
                    )
                )
        for rec in sessions:
            values = {
                "coop_state": state,
                "coop_state_user_id": self.env.uid,
                "coop_state_date": now,
                "fee_charged": fee(rec) if fee else 0.0,
            }
            rec.sudo().write(values)
        sessions._coop_sync_hour_logs()
        return True

    def action_mark_attended(self):
        """The session took place: its fee, and for associates the
        licensure hour log of its week."""
        return self._coop_set_state(
            "attended",
            ("scheduled", "no_show"),
            fee=lambda rec: (
                rec.session_type_id._coop_fee(rec.clinician_id.sudo().coop_credential_grade)
                if rec.session_type_id
                else 0.0
            ),
        )

    def action_mark_no_show(self):
        return self._coop_set_state(
            "no_show",
            ("scheduled", "attended"),
            fee=lambda rec: rec.clinician_id.sudo().company_id.coop_no_show_fee,
        )

    def action_cancel_session(self):
        """Cancelled by the practice, or by the client in time: no fee."""
        return self._coop_set_state("cancelled", ("scheduled", "attended"))

    def action_cancel_by_client(self):
        """Cancelled by the client: late (with the late-cancel fee) inside
        the co-op's window before the start."""
        now = fields.Datetime.now()
        late = self.browse()
        for rec in self:
            window = int(rec.clinician_id.sudo().company_id.coop_late_cancel_hours or 24)
            if rec.start - now < timedelta(hours=window):
                late |= rec
        on_time = self - late
        if on_time:
            on_time._coop_set_state("cancelled", ("scheduled",))
        if late:
            late._coop_set_state(
                "late_cancelled",
                ("scheduled",),
                fee=lambda rec: rec.clinician_id.sudo().company_id.coop_late_cancel_fee,
            )
        return True

    # ------------------------------------------------------------------
    # log once, count twice

    def _coop_sync_hour_logs(self):
        """Keep the associates' licensure hour logs in step with their
        attended sessions: one log per associate, day, work setting and
        category, its hours the sum of that day's attended sessions (no
        client identifier goes across). A session no longer attended, or
        moved, leaves its old log, which is corrected or removed."""
        sessions = self.sudo().filtered("coop_session")
        Log = self.env["coop.hour.log"].sudo()
        old_logs = sessions.coop_hour_log_id
        touched = old_logs.licensure_id.sudo()
        files = {
            f.employee_id.id: f
            for f in self.env["coop.licensure"]
            .sudo()
            .search([("employee_id", "in", sessions.clinician_id.ids)])
        }
        targets = {}
        for rec in sessions:
            target = False
            file = files.get(rec.clinician_id.id)
            if rec.coop_state == "attended" and file and rec.session_type_id.counts_direct:
                day = rec._coop_local(rec.start, rec._coop_tz(rec.clinician_id)).date()
                category = rec._coop_category(file, day)
                if category:
                    setting = rec._coop_setting(file, day)
                    target = (file.id, day, setting, category.id, rec._coop_telehealth())
            targets[rec] = target
        wanted = {t for t in targets.values() if t}
        found = {}
        for key in wanted:
            log = Log.search(
                [
                    ("licensure_id", "=", key[0]),
                    ("date", "=", key[1]),
                    ("setting", "=", key[2]),
                    ("category_id", "=", key[3]),
                    ("telehealth", "=", key[4]),
                    ("source", "=", "session"),
                ],
                limit=1,
            )
            found[key] = log
        for rec, key in targets.items():
            log = found.get(key) if key else Log
            if key and not log:
                log = Log.create(
                    {
                        "licensure_id": key[0],
                        "date": key[1],
                        "setting": key[2],
                        "category_id": key[3],
                        "telehealth": key[4],
                        "hours": (rec.stop - rec.start).total_seconds() / 3600,
                        "source": "session",
                    }
                )
                found[key] = log
            if rec.coop_hour_log_id != log:
                rec.sudo().write({"coop_hour_log_id": log.id or False})
        (old_logs | Log.browse([log.id for log in found.values()]))._coop_recompute_from_sessions()
        # The associates' stored progress (logged hours, hours in unsigned
        # weeks) follows at once, not at the next nightly refresh.
        touched |= touched.browse({key[0] for key in wanted})
        touched.exists()._coop_update_progress()

    def _coop_telehealth(self):
        return self.session_type_id.modality in ("video", "phone")

    def _coop_category(self, file, day):
        """The direct-counseling category of the associate's rules for the
        session type's bucket (couples/families/children when the path has
        one), else the first direct one, else the first clinical one."""
        rule = file._coop_rule(day)
        if not rule:
            return None
        categories = rule.category_ids.sorted("sequence")
        if self.session_type_id.licensure_bucket == "cfc":
            cfc = categories.filtered(lambda c: c.kind == "direct" and "cfc" in (c.code or ""))
            if cfc:
                return cfc[:1]
        direct = categories.filtered(
            lambda c: c.kind == "direct" and "cfc" not in (c.code or "")
        ) or categories.filtered(lambda c: c.kind == "direct")
        return direct[:1] or categories.filtered(lambda c: c.kind == "clinical")[:1]

    def _coop_setting(self, file, day):
        """The work setting of the associate's supervision agreement on the
        day (the company's name when none)."""
        agreements = (
            self.env["coop.supervision.agreement"]
            .sudo()
            .search([("associate_id", "=", file.employee_id.id)], order="date_from desc")
        )
        for agreement in agreements:
            if agreement._coop_covers(day):
                return agreement.setting
        return file.company_id.name
