from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .test_proposal import ProposalCase


@tagged("post_install", "-at_install")
class TestMeetings(ProposalCase):
    def _meeting(self, days, code="ordinary", **vals):
        values = {
            "name": "Annual general assembly",
            "company_id": self.company.id,
            "decision_type_id": self.types[code].id,
            "date_start": fields.Datetime.now() + relativedelta(days=days, hours=1),
            "item_ids": [
                (0, 0, {"name": "Approve the accounts"}),
                (0, 0, {"name": "Elect the board"}),
            ],
        }
        values.update(vals)
        return self.env["coop.meeting"].create(values)

    def test_notice_period_of_the_bylaws(self):
        # UK model: 14 clear days' notice.
        with self.assertRaisesRegex(UserError, "at least 14 days' notice"):
            self._meeting(5).action_send_notice()
        self.types["ordinary"].notice_max_days = 60
        with self.assertRaisesRegex(UserError, "at most 60 days before"):
            self._meeting(90).action_send_notice()
        self.types["ordinary"].emergency_notice_allowed = True
        urgent = self._meeting(2, emergency=True)
        urgent.action_send_notice()
        self.assertEqual(urgent.state, "noticed")

    def test_notice_puts_the_meeting_on_the_calendar_and_writes_to_members(self):
        meeting = self._meeting(20)
        meeting.action_send_notice()
        self.assertEqual(meeting.event_id.partner_ids, self.members.partner_id)
        self.assertIn("Elect the board", meeting.event_id.description)
        notice = self.env["mail.message"].search(
            [
                ("model", "=", "coop.meeting"),
                ("res_id", "=", meeting.id),
                ("subject", "=like", "Notice of%"),
            ]
        )
        self.assertEqual(notice.partner_ids, self.members.partner_id)

    def test_attendance_proxies_and_live_quorum(self):
        meeting = self._meeting(20)
        self.assertEqual(meeting.eligible_count, 4)
        Attendance = self.env["coop.meeting.attendance"]
        Attendance.create({"meeting_id": meeting.id, "membership_id": self.members[0].id})
        self.assertFalse(meeting.quorum_met)  # UK: 50% and at least 2 members
        Attendance.create(
            {"meeting_id": meeting.id, "membership_id": self.members[1].id, "mode": "online"}
        )
        self.assertTrue(meeting.quorum_met)
        self.assertIn("Quorum met: 2 of 4", meeting.quorum_text)
        proxy = Attendance.create(
            {
                "meeting_id": meeting.id,
                "membership_id": self.members[2].id,
                "mode": "proxy",
                "proxy_holder_id": self.members[0].id,
                "proxy_directed": True,
            }
        )
        self.assertEqual(meeting.attending_count, 3)
        self.types["ordinary"].proxy_cap = 1
        with (
            self.assertRaisesRegex(ValidationError, "would hold 2 proxies"),
            self.env.cr.savepoint(),
        ):
            Attendance.create(
                {
                    "meeting_id": meeting.id,
                    "membership_id": self.members[3].id,
                    "mode": "proxy",
                    "proxy_holder_id": self.members[0].id,
                }
            )
        with (
            self.assertRaisesRegex(ValidationError, "member who may vote"),
            self.env.cr.savepoint(),
        ):
            Attendance.create(
                {
                    "meeting_id": meeting.id,
                    "membership_id": self.members[3].id,
                    "mode": "proxy",
                    "proxy_holder_id": self.candidate.id,
                }
            )
        proxy.action_revoke()
        self.assertEqual(meeting.attending_count, 2)
        meeting.action_send_notice()
        meeting.action_open()
        with self.assertRaisesRegex(UserError, "until the meeting opens"):
            proxy.action_revoke()

    def test_proxies_refused_where_the_bylaws_bar_them(self):
        self.types["ordinary"].write({"proxies_allowed": False, "proxy_cap": 0})
        meeting = self._meeting(20)
        with (
            self.assertRaisesRegex(ValidationError, "do not allow proxies"),
            self.env.cr.savepoint(),
        ):
            self.env["coop.meeting.attendance"].create(
                {
                    "meeting_id": meeting.id,
                    "membership_id": self.members[1].id,
                    "mode": "proxy",
                    "proxy_holder_id": self.members[0].id,
                }
            )

    def test_conflict_of_interest_and_minutes_approved_by_vote(self):
        meeting = self._meeting(20, minutes="<p>We agreed to meet again.</p>")
        pay = self._proposal(name="Raise Voter 0's pay")
        meeting.item_ids[0].write(
            {"proposal_id": pay.id, "conflict_ids": [(6, 0, self.members[0].ids)]}
        )
        pay.action_open()
        self.assertNotIn(self.members[0], pay.roll_ids.membership_id)
        self.assertEqual(pay.conflict_ids, self.members[0])
        with self.assertRaises(AccessError):
            self._cast(pay, 0, choice="yes")
        for index in (1, 2):
            self._cast(pay, index, choice="yes")
        pay.with_user(self.manager).action_close(reason="done")
        self.assertIn("Recused for a conflict of interest", pay.result_summary)
        self.assertIn("Quorum met: 2 of 3", pay.result_summary)

        approval = self._proposal(
            name="Approve the minutes", action="minutes", meeting_id=meeting.id
        )
        approval.action_open()
        for index in range(4):
            self._cast(approval, index, choice="yes")
        approval.with_user(self.manager).action_close(reason="done")
        self.assertEqual(meeting.minutes_state, "approved")
        self.assertEqual(len(meeting.minutes_hash), 64)
        with self.assertRaisesRegex(UserError, "Approved minutes are locked"):
            meeting.minutes = "<p>Rewritten</p>"
        pdf, _kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("coop_governance.action_report_minutes", meeting.ids)
        )
        self.assertTrue(pdf.startswith(b"%PDF"))
        html = self.env["ir.actions.report"]._render_qweb_html(
            "coop_governance.action_report_minutes", meeting.ids
        )[0]
        self.assertIn(b"conflict of interest declared", html)
        self.assertIn(b"Approved by the members", html)
