from itertools import pairwise

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSchedulerTour(HttpCase):
    """A scheduler books a weekly series in the browser, meets the room
    conflict of a second series at the same time and books it in another
    room."""

    def test_scheduler_books_a_series_and_meets_a_room_conflict(self):
        env = self.env
        company = env.company
        company.coop_session_buffer = 0
        new_test_user(
            env,
            login="tour_scheduler",
            password="tour_scheduler_pw",
            groups="coop_therapy.group_coop_scheduler",
            tz="UTC",
        )
        # Flexible hours: the browser's time zone cannot put a session
        # outside the clinicians' working hours.
        hours = env["resource.calendar"].create(
            {"name": "Tour hours", "flexible_hours": True, "company_id": company.id}
        )
        one, two = env["hr.employee"].create(
            [
                {"name": name, "resource_calendar_id": hours.id, "tz": "UTC"}
                for name in ("Tour Clinician One", "Tour Clinician Two")
            ]
        )
        room_a, room_b = env["resource.resource"].create(
            [
                {"name": name, "resource_type": "material", "company_id": company.id}
                for name in ("Tour Room A", "Tour Room B")
            ]
        )
        client_1, client_2 = env["coop.client"].create(
            [
                {"name": "Tour Client One", "code": "T-TOUR-1", "clinician_id": one.id},
                {"name": "Tour Client Two", "code": "T-TOUR-2", "clinician_id": two.id},
            ]
        )
        self.start_tour(
            "/web#action=coop_therapy.coop_session_action_room",
            "coop_scheduler_series_tour",
            login="tour_scheduler",
        )
        Event = env["calendar.event"]
        first = Event.search([("clinician_id", "=", one.id)], order="start")
        second = Event.search([("clinician_id", "=", two.id)], order="start")
        self.assertEqual(len(first), 6)
        self.assertEqual(len(second), 6)
        self.assertEqual(len(first.recurrence_id), 1)
        self.assertEqual(len(second.recurrence_id), 1)
        self.assertEqual(set(first.room_id.ids), {room_a.id})
        self.assertEqual(set(second.room_id.ids), {room_b.id})
        self.assertEqual(set(first.client_ids.ids), {client_1.id})
        self.assertEqual(set(second.client_ids.ids), {client_2.id})
        # Both weekly on Mondays at the same hour, as typed.
        self.assertEqual(first.mapped("start"), second.mapped("start"))
        self.assertEqual({s.weekday() for s in first.mapped("start")}, {0})
        starts = first.mapped("start")
        self.assertEqual([(b - a).days for a, b in pairwise(starts)], [7] * 5)
        self.assertEqual(set(first.mapped("name")), {"Session \N{EN DASH} T-TOUR-1"})
