"""/my/sessions over HTTP: a clinician's own week, an opted-in client's
upcoming sessions and their cancel button (outside the late-cancel window
only, checked on the server), nothing of anyone else's."""

import json
import re
from datetime import datetime, timedelta

from odoo.tests import HttpCase, new_test_user, tagged

from .test_scheduling import SchedulingCase


@tagged("post_install", "-at_install")
class TestSessionPortal(SchedulingCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_p = cls.env["coop.client"].create(
            {
                "name": "Pat Portalclient",
                "clinician_id": cls.clinician.id,
                "reminder_channel": "portal",
                "email": "pat@example.org",
            }
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="sess_portal",
            password="sess_portal_pw",
            groups="base.group_portal",
            partner_id=cls.client_p.partner_id.id,
        )
        cls.company.phone = "+1 555 0100"

    def _page(self, url, status=200):
        response = self.url_open(url)
        self.assertEqual(response.status_code, status, url)
        return response.text

    def _post(self, url, status=200):
        # The portal layout's token (the cancel form carries the same one).
        token = re.search(r'csrf_token: "([^"]+)"', self._page("/my/sessions"))
        response = self.url_open(url, data={"csrf_token": token.group(1)})
        self.assertEqual(response.status_code, status, url)
        return response.text

    def test_clinician_sees_their_own_week(self):
        own = self.book(self.at(self.next_monday, 9))
        other = self.book(
            self.at(self.next_monday, 9), clinician=self.associate, clients=self.client_a
        )
        self.authenticate("sch_clinician", "sch_clinician")
        week = self.next_monday.isoformat()
        page = self._page(f"/my/sessions?week={(self.next_monday + timedelta(days=3)).isoformat()}")
        self.assertIn(f"Week of <span>{week}</span>", page)
        self.assertIn(f"/my/sessions/{own.id}", page)
        self.assertIn(self.client_b.code, page)
        self.assertNotIn(f"/my/sessions/{other.id}", page)
        self.assertNotIn(self.client_a.code, page)
        for name in ("Blair Client", "Alex Client"):
            self.assertNotIn(name, page)
        self.assertIn(f"week={(self.next_monday - timedelta(days=7)).isoformat()}", page)
        self.assertIn(f"week={(self.next_monday + timedelta(days=7)).isoformat()}", page)
        # The previous week does not show it.
        page = self._page(f"/my/sessions?week={(self.next_monday - timedelta(days=7)).isoformat()}")
        self.assertNotIn(f"/my/sessions/{own.id}", page)
        # Their own session opens; another clinician's is not found.
        self.assertIn(self.client_b.code, self._page(f"/my/sessions/{own.id}"))
        self._page(f"/my/sessions/{other.id}", status=404)

    def test_client_gets_404_for_another_clients_session(self):
        mine = self.book(self.at(self.next_monday, 9), clients=self.client_p)
        theirs = self.book(self.at(self.next_monday, 11))
        self.authenticate("sess_portal", "sess_portal_pw")
        page = self._page("/my/sessions")
        self.assertIn(f"/my/sessions/{mine.id}", page)
        self.assertNotIn(f"/my/sessions/{theirs.id}", page)
        self._page(f"/my/sessions/{theirs.id}", status=404)
        self._page("/my/sessions/999999999", status=404)
        self._post(f"/my/sessions/{theirs.id}/cancel", status=404)
        self.assertEqual(theirs.coop_state, "scheduled")
        # A client who did not choose the portal sees nothing.
        self.client_p.reminder_channel = "email"
        self._page(f"/my/sessions/{mine.id}", status=404)

    def test_client_cancels_outside_the_window(self):
        session = self.book(self.at(self.next_monday, 9), clients=self.client_p)
        self.authenticate("sess_portal", "sess_portal_pw")
        page = self._page(f"/my/sessions/{session.id}")
        self.assertIn(f'action="/my/sessions/{session.id}/cancel"', page)
        page = self._post(f"/my/sessions/{session.id}/cancel")
        self.assertIn("Your appointment is cancelled.", page)
        session.invalidate_recordset()
        self.assertEqual((session.coop_state, session.fee_charged), ("cancelled", 0.0))
        self.assertEqual(session.coop_state_user_id, self.portal_user)
        self.assertNotIn(f"/my/sessions/{session.id}", self._page("/my/sessions"))

    def test_client_cannot_cancel_inside_the_window(self):
        self.clinician.resource_calendar_id = False  # a session in two hours
        soon = datetime.now().replace(second=0, microsecond=0) + timedelta(hours=2)
        session = self.book(soon, clients=self.client_p)
        self.authenticate("sess_portal", "sess_portal_pw")
        page = self._page(f"/my/sessions/{session.id}")
        self.assertNotIn("/cancel", page)
        self.assertIn("please call the practice at +1 555 0100", page)
        # Posting anyway is refused on the server.
        page = self._post(f"/my/sessions/{session.id}/cancel")
        self.assertIn("can no longer be cancelled here", page)
        session.invalidate_recordset()
        self.assertEqual((session.coop_state, session.fee_charged), ("scheduled", 0.0))

    def test_client_pages_show_no_service_type_nor_other_clients(self):
        family = self.env.ref("coop_therapy.session_type_90847")
        session = self.book(
            self.at(self.next_monday, 9),
            clients=self.client_b | self.client_p,
            session_type_id=family.id,
            room=self.room1,
        )
        self.authenticate("sess_portal", "sess_portal_pw")
        for url in ("/my/sessions", f"/my/sessions/{session.id}"):
            page = self._page(url)
            self.assertIn("Room 1", page)
            self.assertIn("Lee Licensed", page)
            for leak in (
                family.name,
                "Family",
                "Psychotherapy",
                "90847",
                self.client_b.name,
                self.client_b.code,
                self.client_p.code,
                session.name,
            ):
                self.assertNotIn(leak, page, url)
        # Leaving a group session keeps it for the others.
        self._post(f"/my/sessions/{session.id}/cancel")
        session.invalidate_recordset()
        self.assertEqual(session.coop_state, "scheduled")
        self.assertEqual(session.client_ids, self.client_b)

    def test_portal_home_counts_sessions(self):
        self.book(self.at(self.next_monday, 9), clients=self.client_p)
        self.book(self.at(self.next_monday, 11), clients=self.client_p)
        self.book(self.at(self.next_monday, 13))
        self.authenticate("sess_portal", "sess_portal_pw")
        self.assertIn('href="/my/sessions"', self._page("/my"))
        response = self.url_open(
            "/my/counters",
            data=json.dumps({"params": {"counters": ["coop_session_count"]}}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.json()["result"], {"coop_session_count": 2})
