from datetime import datetime, time, timedelta

import pytz

from odoo import Command, api, fields, models

from ..lib import licensure


class CoopSchedulingDemo(models.AbstractModel):
    """Builds the demo week of sessions (demo/coop_scheduling_demo.xml)
    through the same create and state methods a scheduler uses, so that the
    demo passes every check a booking meets."""

    _name = "coop.scheduling.demo"
    _description = "Demo schedule"

    @api.model
    def _coop_demo_week(self, plan, no_show_client_ids=(), late_cancel_client_ids=(), weeks=8):
        """``plan``: ``(clinician, client, room, session type, weekday, hour,
        minute)`` rows, each a weekly series from last week's Monday for
        ``weeks`` weeks in the clinician's time zone. Last week's sessions
        are marked attended, but the no-show and late-cancel clients'."""
        Event = self.env["calendar.event"]
        employees = self.env["hr.employee"].browse({row[0] for row in plan})
        tzs = {e.id: pytz.timezone(e.tz or "UTC") for e in employees}
        monday = licensure.week_start(fields.Date.context_today(self)) - timedelta(weeks=1)
        types = self.env["coop.session.type"].browse({row[3] for row in plan})
        minutes = {t.id: t.minutes for t in types}
        days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        series = Event
        for clinician, client, room, session_type, weekday, hour, minute in plan:
            tz = tzs[clinician]
            local = tz.localize(
                datetime.combine(monday + timedelta(days=weekday), time(hour, minute))
            )
            start = local.astimezone(pytz.utc).replace(tzinfo=None)
            series |= Event.with_context(tz=tz.zone).create(
                {
                    "clinician_id": clinician,
                    "client_ids": [Command.set([client])],
                    "room_id": room,
                    "session_type_id": session_type,
                    "start": start,
                    "stop": start + timedelta(minutes=minutes[session_type]),
                    "recurrency": True,
                    "rrule_type": "weekly",
                    "interval": 1,
                    "end_type": "count",
                    "count": weeks,
                    days[weekday]: True,
                    "event_tz": tz.zone,
                }
            )
        now = fields.Datetime.now()
        past = Event.search(
            [
                ("recurrence_id", "in", series.recurrence_id.ids),
                ("stop", "<=", now),
                ("coop_state", "=", "scheduled"),
            ]
        )
        # Early in January, last week may be in the year the demo closed
        # (its patronage posted): those sessions stay as scheduled.
        past = past.filtered(
            lambda e: not e.clinician_id.company_id._coop_hours_closed({e.start.date()})
        )
        late = past.filtered(lambda e: set(e.client_ids.ids) & set(late_cancel_client_ids))
        missed = past.filtered(lambda e: set(e.client_ids.ids) & set(no_show_client_ids))
        late.action_cancel_by_client()
        missed.action_mark_no_show()
        (past - late - missed).action_mark_attended()
        return True

    @api.model
    def _coop_demo_invoices(self):
        """The demo week's self-pay sessions invoiced through the batch a
        scheduler runs (the self-pay invoicing wizard): draft customer
        invoices for the accountant to check and post."""
        company = self.env.ref("base.main_company")
        company.coop_self_pay_invoicing = True
        monday = licensure.week_start(fields.Date.context_today(self)) - timedelta(weeks=1)
        wizard = (
            self.env["coop.session.invoice.wizard"]
            .with_company(company)
            .create(
                {
                    "company_id": company.id,
                    "date_from": monday,
                    "date_to": monday + timedelta(days=6),
                }
            )
        )
        if wizard.journal_id:
            wizard.action_invoice()
        return True
