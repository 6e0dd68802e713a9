from collections import defaultdict
from datetime import datetime, time, timedelta

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
    client_codes = fields.Char(compute="_compute_client_codes", store=True)
    session_type_id = fields.Many2one("coop.session.type", index=True, tracking=True)
    room_id = fields.Many2one(
        "resource.resource",
        index=True,
        domain="[('resource_type', '=', 'material')]",
        tracking=True,
    )
    video_link = fields.Char()
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
    fee_charged = fields.Monetary(currency_field="coop_currency_id", readonly=True, copy=False)
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
        # The sessions' time ranges, for the conflict check (_coop_busy_rows).
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS calendar_event_coop_session_range_idx ON calendar_event"
            " USING gist (tsrange(start, stop)) WHERE coop_session"
        )
        # The conflict query itself: each proposed interval one probe of that
        # index. PostgreSQL overestimates the probes' cost, and compiling the
        # plan (JIT) would take ten times longer than running it: the
        # function turns JIT off for itself alone, without a SET and RESET
        # around the query.
        self.env.cr.execute(
            """
            CREATE OR REPLACE FUNCTION coop_therapy_busy_sessions(
                p_starts timestamp[], p_stops timestamp[], p_clinicians integer[],
                p_rooms integer[], p_clients integer[], p_states text[], p_ids integer[])
            RETURNS TABLE (id integer, start timestamp, stop timestamp, clinician_id integer,
                           room_id integer, client_ids integer[])
            LANGUAGE sql STABLE SET jit = off AS $$
                SELECT DISTINCT ON (e.id) e.id, e.start, e.stop, e.clinician_id, e.room_id,
                       ARRAY(SELECT r.client_id FROM calendar_event_coop_client_rel r
                              WHERE r.event_id = e.id)
                  FROM unnest(p_starts, p_stops) AS p(p_start, p_stop)
                  JOIN calendar_event e
                    ON tsrange(e.start, e.stop) && tsrange(p.p_start, p.p_stop)
                   AND e.coop_session
                 WHERE e.active AND e.coop_state = ANY(p_states) AND e.id != ALL(p_ids)
                   AND (e.clinician_id = ANY(p_clinicians) OR e.room_id = ANY(p_rooms)
                        OR EXISTS (SELECT 1 FROM calendar_event_coop_client_rel r
                                    WHERE r.event_id = e.id AND r.client_id = ANY(p_clients)))
                 ORDER BY e.id
            $$
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
        time off and caseload limits of these sessions, all at once: one
        query for the other sessions of their clinicians, rooms and clients
        that overlap one of them, one for each clinician's booked hours and
        sessions a day around them, then the pure rules of lib/scheduling.
        The queries do not grow with the sessions kept (bench/scheduling.py)."""
        if not self:
            return
        sessions = self.sudo()
        # Only what the rules read, not every column of the events and
        # employees (a calendar event has about sixty).
        sessions.fetch(
            ["start", "stop", "clinician_id", "room_id", "client_ids", "session_type_id"]
        )
        sessions.clinician_id.fetch(
            [
                "name",
                "tz",
                "company_id",
                "resource_id",
                "resource_calendar_id",
                "coop_direct_hours_warn",
                "coop_direct_hours_block",
                "coop_sessions_per_day",
                "coop_active_clients_max",
                "coop_accepting_clients",
            ]
        )
        sessions.session_type_id.fetch(["name", "group_capacity", "cpt_code", "counts_direct"])
        # Each session's (active) clients once: every read of a many2many
        # filters out the archived ones again.
        client_ids = {rec.id: rec.client_ids.ids for rec in sessions}
        for rec in sessions:
            if not rec.clinician_id:
                raise ValidationError(self.env._("A session has a clinician."))
            if rec.stop <= rec.start:
                raise ValidationError(self.env._("A session ends after it starts."))
            if not client_ids[rec.id]:
                raise ValidationError(self.env._("A session has at least one client."))
            capacity = rec.session_type_id.group_capacity or 1
            if len(client_ids[rec.id]) > capacity:
                raise ValidationError(
                    self.env._(
                        "%(type)s has room for %(capacity)s clients, not %(count)s.",
                        type=rec.session_type_id.name,
                        capacity=capacity,
                        count=len(client_ids[rec.id]),
                    )
                )
        # The company's limits only, not its hundred-odd fields.
        sessions.clinician_id.company_id.fetch(
            [
                "coop_session_buffer",
                "coop_direct_hours_warn",
                "coop_direct_hours_block",
                "coop_sessions_per_day",
                "coop_active_clients_max",
            ]
        )
        buffer_minutes = max(sessions.clinician_id.company_id.mapped("coop_session_buffer") or [0])
        buffer = timedelta(minutes=buffer_minutes) if buffer_minutes else None
        ordered = sessions.sorted(lambda s: (s.start, s.id))

        def keys(clinician, room, clients):
            out = [("clinician", clinician)]
            if room:
                out.append(("room", room))
            out.extend(("client", c) for c in clients)
            return out

        proposed = [
            (s.start, s.stop, keys(s.clinician_id.id, s.room_id.id, client_ids[s.id]))
            for s in ordered
        ]
        busy = defaultdict(list)
        for row in self._coop_busy_rows(sessions, proposed, buffer):
            for key in keys(row["clinician_id"], row["room_id"], row["client_ids"]):
                busy[key].append((row["start"], row["stop"], row["id"]))
        conflicts = scheduling.find_conflicts(
            proposed, busy, buffer, buffered=lambda r: r[0] == "clinician"
        )
        if conflicts:
            raise ValidationError(self._coop_conflict_sentence(ordered, conflicts[0]))
        by_clinician = defaultdict(list)
        for s in ordered:
            by_clinician[s.clinician_id].append(s)
        facts = {
            clinician: self._coop_clinician_facts(clinician, items)
            for clinician, items in by_clinician.items()
        }
        for clinician, items in by_clinician.items():
            self._coop_check_availability(clinician, items, facts[clinician]["leaves"])
        warnings = {}
        for clinician, items in by_clinician.items():
            warnings.update(
                self._coop_check_caseload(
                    clinician, items, facts[clinician]["licensure"], client_ids
                )
            )
        for s in ordered:
            minutes = round((s.stop - s.start).total_seconds() / 60)
            if scheduling.cpt_band_check(s.session_type_id.cpt_code, minutes):
                warnings.setdefault(s.id, []).append(
                    self.env._(
                        "%(minutes)s minutes do not fit the time band of CPT %(code)s.",
                        minutes=minutes,
                        code=s.session_type_id.cpt_code,
                    )
                )
        if warnings:
            self._coop_post_warnings(ordered, warnings)

    def _coop_busy_rows(self, sessions, proposed, buffer):
        """The other booked sessions of these clinicians, rooms and clients
        that overlap one of the proposed intervals widened by the buffer
        (the only ones that can conflict): one query (the function made in
        :meth:`init`), each proposed interval looked up in the index of the
        sessions' time ranges, so it reads the sessions at those hours, not
        all of those of the clinician, room or clients."""
        gap = buffer or timedelta(0)
        self.env["calendar.event"].flush_model(
            ["start", "stop", "clinician_id", "room_id", "client_ids", "coop_state", "active"]
        )
        self.env.cr.execute(
            SQL(
                "SELECT * FROM coop_therapy_busy_sessions(%s::timestamp[], %s::timestamp[],"
                " %s::integer[], %s::integer[], %s::integer[], %s::text[], %s::integer[])",
                [p[0] - gap for p in proposed],
                [p[1] + gap for p in proposed],
                sessions.clinician_id.ids,
                sessions.room_id.ids,
                sessions.client_ids.ids,
                list(BOOKED_STATES),
                sessions.ids,
            )
        )
        return self.env.cr.dictfetchall()

    def _coop_clinician_facts(self, clinician, items):
        """``{"leaves": [(from, to)], "licensure": coop.licensure}``: the
        clinician's validated time off overlapping the sessions, and their
        licensure file (the first in its order, or empty). One query."""
        self.env["hr.leave"].flush_model(["employee_id", "state", "date_from", "date_to"])
        self.env["coop.licensure"].flush_model(["employee_id", "percent"])
        self.env.cr.execute(
            SQL(
                """
                SELECT (SELECT f.id FROM coop_licensure f WHERE f.employee_id = %(clinician)s
                         ORDER BY f.percent DESC, f.id LIMIT 1),
                       ARRAY(SELECT l.date_from FROM hr_leave l
                              WHERE l.employee_id = %(clinician)s AND l.state = 'validate'
                                AND l.date_from < %(stop)s AND l.date_to > %(start)s
                              ORDER BY l.date_from DESC, l.id),
                       ARRAY(SELECT l.date_to FROM hr_leave l
                              WHERE l.employee_id = %(clinician)s AND l.state = 'validate'
                                AND l.date_from < %(stop)s AND l.date_to > %(start)s
                              ORDER BY l.date_from DESC, l.id)
                """,
                clinician=clinician.id,
                start=min(s.start for s in items),
                stop=max(s.stop for s in items),
            )
        )
        licensure_id, leave_from, leave_to = self.env.cr.fetchone()
        return {
            "leaves": list(zip(leave_from, leave_to, strict=True)),
            "licensure": self.env["coop.licensure"].sudo().browse(licensure_id or ()),
        }

    def _coop_booked_days(self, clinician, tz, start, stop, since=None):
        """``({(local day, session type id): (sessions, hours, counts
        direct)}, active clients)`` of the clinician's other booked sessions:
        those starting in ``[start, stop)`` grouped by day and type, and the
        clients of those starting from ``since`` (None: not read). One
        query."""
        self.env["calendar.event"].flush_model(
            [
                "start",
                "stop",
                "clinician_id",
                "session_type_id",
                "client_ids",
                "coop_state",
                "active",
            ]
        )
        self.env["coop.session.type"].flush_model(["counts_direct"])
        self.env.cr.execute(
            SQL(
                """
                WITH ev AS (
                    SELECT e.id, e.start, e.stop, e.session_type_id
                      FROM calendar_event e
                     WHERE e.clinician_id = %(clinician)s AND e.coop_session AND e.active
                       AND e.coop_state = ANY(%(states)s) AND e.id != ALL(%(ids)s)
                       AND e.start >= LEAST(%(start)s, %(since)s)
                       AND (e.start < %(stop)s OR %(since)s IS NOT NULL)
                )
                SELECT (ev.start AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date AS day,
                       ev.session_type_id, count(*) AS sessions,
                       sum(extract(epoch FROM ev.stop - ev.start)) / 3600.0 AS hours,
                       coalesce(t.counts_direct, false), NULL::integer AS client_id
                  FROM ev
                  LEFT JOIN coop_session_type t ON t.id = ev.session_type_id
                 WHERE ev.start >= %(start)s AND ev.start < %(stop)s
                 GROUP BY 1, 2, 5
                 UNION ALL
                SELECT DISTINCT NULL::date, NULL::integer, NULL::bigint, NULL::numeric,
                       NULL::boolean,
                       unnest(ARRAY(SELECT r.client_id FROM calendar_event_coop_client_rel r
                                     WHERE r.event_id = ev.id))
                  FROM ev
                 WHERE ev.start >= %(since)s
                """,
                tz=tz.zone,
                clinician=clinician.id,
                states=list(BOOKED_STATES),
                ids=self.ids,
                start=start,
                stop=stop,
                since=since,
            )
        )
        booked, active = {}, set()
        for day, type_id, n, hours, direct, client_id in self.env.cr.fetchall():
            if day is None:
                active.add(client_id)
            else:
                booked[(day, type_id)] = (n, hours, direct)
        return booked, active

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

    def _coop_check_availability(self, clinician, items, leave_intervals):
        """Inside the clinician's working hours (their resource calendar)
        and outside their validated time off (``leave_intervals``)."""
        clinician = clinician.sudo()
        calendar = clinician.resource_calendar_id
        start = min(s.start for s in items)
        stop = max(s.stop for s in items)
        if calendar and not calendar.flexible_hours:
            # Only the weekdays the sessions fall on (in the time zone of
            # the attendances): a weekly series does not make Odoo lay out
            # every working day of its year.
            resource_tz = self._coop_zone(clinician.resource_id.tz or calendar.tz)
            weekdays = {
                str(self._coop_local(dt, resource_tz).weekday())
                for s in items
                for dt in (s.start, s.stop)
            }
            attendance = calendar._attendance_intervals_batch(
                pytz.utc.localize(start - timedelta(days=1)),
                pytz.utc.localize(stop + timedelta(days=1)),
                resources=clinician.resource_id,
                domain=[("dayofweek", "in", sorted(weekdays))],
            )[clinician.resource_id.id]
            working = [
                (
                    a_start.astimezone(pytz.utc).replace(tzinfo=None),
                    a_stop.astimezone(pytz.utc).replace(tzinfo=None),
                )
                for a_start, a_stop, _att in attendance
            ]
        else:
            working = [(start, stop)]
        proposed = [(s.start, s.stop) for s in items]
        problems = scheduling.check_availability(proposed, working, leave_intervals)
        if problems:
            index, code = problems[0]
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

    def _coop_direct_hours(self, session_type, start, stop):
        if not session_type or not session_type.counts_direct:
            return 0.0
        return (stop - start).total_seconds() / 3600.0

    def _coop_check_caseload(self, clinician, items, licensure_file, client_ids):
        """Caseload findings for the clinician; refuses a blocking one
        unless every session concerned carries a manager's override reason.
        ``client_ids``: ``{session id: its client ids}``. Returns
        ``{session id: [warning sentences]}``."""
        clinician = clinician.sudo()
        tz = self._coop_tz(clinician)
        first_day = self._coop_local(min(s.start for s in items), tz).date()
        rule = licensure_file._coop_rule(first_day) if licensure_file else None
        limits = clinician._coop_limits(rule)
        # Active clients: a session in the last 30 days or one booked. Read
        # only when a limit on them can be met (new clients, and a cap or
        # a clinician not accepting new clients).
        new_clients = {c for s in items for c in client_ids[s.id]}
        since = None
        if new_clients and (limits.active_clients is not None or not limits.accepting_new):
            today = self._coop_local(fields.Datetime.now(), tz).date()  # the clinician's
            since = datetime.combine(today - timedelta(days=30), time.min)
        # Whole weeks around the sessions: the caseload is counted per week.
        booked, active = self._coop_booked_days(
            clinician,
            tz,
            min(s.start for s in items) - timedelta(days=8),
            max(s.stop for s in items) + timedelta(days=8),
            since,
        )
        direct_types = {type_id for (_day, type_id), row in booked.items() if row[2]}

        def day_week(dt):
            day = self._coop_local(dt, tz).date()
            return day, licensure.week_start(day)

        week_direct, day_count = defaultdict(float), defaultdict(int)
        for (day, type_id), (count, hours, _direct) in booked.items():
            week_direct[licensure.week_start(day)] += hours if type_id in direct_types else 0.0
            day_count[day] += count
        new_sessions = []
        keys = {}
        for s in items:
            day, week = day_week(s.start)
            direct = self._coop_direct_hours(s.session_type_id, s.start, s.stop)
            new_sessions.append((day, week, direct, direct))
            keys.setdefault(("week", week), []).append(s)
            keys.setdefault(("day", day), []).append(s)
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
