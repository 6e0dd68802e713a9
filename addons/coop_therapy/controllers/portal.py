from datetime import datetime, time, timedelta

import pytz
from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..lib import selfpay


class CoopTherapyPortal(CustomerPortal):
    """/my/sessions: a clinician's own week, and an opted-in client's
    upcoming sessions with a cancel button outside the late-cancel window.

    Everything is read as the system after finding who is asking: the
    clinician's sessions by their employee, the client's by their contact;
    any other session is not found. The pages show codes, times, rooms and
    the clinician, never a client's name or the type of service."""

    # ------------------------------------------------------------------
    # who is asking

    def _coop_clinicians(self):
        return request.env["hr.employee"].sudo().search([("user_id", "=", request.env.uid)])

    def _coop_portal_clients(self):
        return (
            request.env["coop.client"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", request.env.user.partner_id.id),
                    ("reminder_channel", "=", "portal"),
                ]
            )
        )

    def _coop_upcoming(self, clients):
        if not clients:
            return request.env["calendar.event"].sudo()
        return (
            request.env["calendar.event"]
            .sudo()
            .search(
                [
                    ("coop_session", "=", True),
                    ("client_ids", "in", clients.ids),
                    ("coop_state", "=", "scheduled"),
                    ("start", ">=", fields.Datetime.now()),
                ],
                order="start, id",
            )
        )

    def _coop_week_sessions(self, clinicians, monday, tz):
        if not clinicians:
            return request.env["calendar.event"].sudo()
        start = tz.localize(datetime.combine(monday, time.min)).astimezone(pytz.utc)
        stop = tz.localize(datetime.combine(monday + timedelta(days=7), time.min)).astimezone(
            pytz.utc
        )
        return (
            request.env["calendar.event"]
            .sudo()
            .search(
                [
                    ("coop_session", "=", True),
                    ("clinician_id", "in", clinicians.ids),
                    ("start", ">=", start.replace(tzinfo=None)),
                    ("start", "<", stop.replace(tzinfo=None)),
                ],
                order="start, id",
            )
        )

    def _coop_tz(self, clinicians):
        return request.env["calendar.event"]._coop_tz(clinicians[:1])

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "coop_session_count" in counters:
            clinicians = self._coop_clinicians()
            tz = self._coop_tz(clinicians)
            today = datetime.now(pytz.utc).astimezone(tz).date()
            week = self._coop_week_sessions(clinicians, selfpay.week_start(today), tz)
            upcoming = self._coop_upcoming(self._coop_portal_clients())
            values["coop_session_count"] = len(week | upcoming)
        return values

    # ------------------------------------------------------------------
    # pages

    def _coop_find_session(self, session_id):
        """The session ``session_id`` when the person is its clinician or
        one of its opted-in clients; not found otherwise."""
        session = request.env["calendar.event"].sudo().browse(session_id).exists()
        if not session or not session.coop_session:
            raise NotFound()
        clients = self._coop_portal_clients() & session.client_ids
        if not clients and not (self._coop_clinicians() & session.clinician_id):
            raise NotFound()
        return session, clients

    def _coop_session_values(self, session, clients, message=None):
        tz = self._coop_tz(session.clinician_id)
        company = session.clinician_id.company_id
        window = int(company.coop_late_cancel_hours or 24)
        may_cancel = bool(
            clients
            and session.coop_state == "scheduled"
            and selfpay.client_may_cancel(session.start, fields.Datetime.now(), window)
        )
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="coop_session",
            session=session,
            is_client=bool(clients),
            when=session._coop_when(session.start, tz),
            may_cancel=may_cancel,
            window=window,
            practice=company,
            message=message,
        )
        return values

    @http.route("/my/sessions", type="http", auth="user", website=True)
    def portal_my_sessions(self, week=None, **_kw):
        clinicians = self._coop_clinicians()
        tz = self._coop_tz(clinicians)
        today = datetime.now(pytz.utc).astimezone(tz).date()
        monday = selfpay.week_of(week, today)
        sessions = self._coop_week_sessions(clinicians, monday, tz)
        clients = self._coop_portal_clients()
        upcoming = self._coop_upcoming(clients)
        days = []
        for offset in range(7):
            day = monday + timedelta(days=offset)
            days.append(
                (
                    day,
                    [
                        (s, s._coop_local(s.start, tz).strftime("%H:%M"))
                        for s in sessions
                        if s._coop_local(s.start, tz).date() == day
                    ],
                )
            )
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="coop_sessions",
            is_clinician=bool(clinicians),
            monday=monday,
            sunday=monday + timedelta(days=6),
            prev_week=(monday - timedelta(days=7)).isoformat(),
            next_week=(monday + timedelta(days=7)).isoformat(),
            days=days,
            is_client=bool(clients),
            upcoming=[(s, s._coop_when(s.start, self._coop_tz(s.clinician_id))) for s in upcoming],
        )
        return request.render("coop_therapy.portal_my_sessions", values)

    @http.route(
        "/my/sessions/<int:session_id>", type="http", auth="user", methods=["GET"], website=True
    )
    def portal_my_session(self, session_id, **_kw):
        session, clients = self._coop_find_session(session_id)
        return request.render(
            "coop_therapy.portal_my_session", self._coop_session_values(session, clients)
        )

    @http.route(
        "/my/sessions/<int:session_id>/cancel",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_cancel_session(self, session_id, **_kw):
        """The client cancels: only a client of the session, only while it
        is scheduled and outside the co-op's late-cancel window (checked
        here, whatever the page showed). In a group session the client
        leaves it; alone, the session is cancelled without a fee."""
        session, clients = self._coop_find_session(session_id)
        values = self._coop_session_values(session, clients)
        if not values["may_cancel"]:
            values["message"] = "refused"
            return request.render("coop_therapy.portal_my_session", values)
        if session.client_ids - clients:
            session.write({"client_ids": [(3, client.id) for client in clients]})
        else:
            session._coop_set_state("cancelled", ("scheduled",))
        return request.render(
            "coop_therapy.portal_my_session",
            self._coop_session_values(session, clients, message="cancelled"),
        )
