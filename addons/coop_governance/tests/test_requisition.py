import datetime
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from hypothesis import given
from hypothesis import strategies as st

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import BaseCase, tagged

from ..lib import tally
from .test_proposal import ProposalCase


@tagged("post_install", "-at_install", "coop_pure")
class TestSignaturesNeeded(BaseCase):
    def test_bylaw_shares_rounded_up(self):
        # California sample: 5% call a special meeting, 20% force a written ballot.
        self.assertEqual(tally.signatures_needed(40, 0.05), 2)
        self.assertEqual(tally.signatures_needed(41, 0.05), 3)
        self.assertEqual(tally.signatures_needed(10, 0.2), 2)
        self.assertEqual(tally.signatures_needed(3, 0.05), 1)
        self.assertEqual(tally.signatures_needed(0, 0.2), 1)

    @given(st.integers(1, 5000), st.sampled_from([0.05, 0.1, 0.2, 0.25, 1 / 3, 0.5, 1.0]))
    def test_the_fewest_signatures_that_reach_the_share(self, eligible, ratio):
        needed = tally.signatures_needed(eligible, ratio)
        self.assertGreaterEqual(needed, 1)
        self.assertGreaterEqual(needed / eligible, ratio - 1e-9)
        if needed > 1:
            self.assertLess((needed - 1) / eligible, ratio)


@tagged("post_install", "-at_install")
class TestRequisitions(ProposalCase):
    def setUp(self):
        super().setUp()
        self.types["ordinary"].requisition_meeting_ratio = 0.5  # 2 of the 4 members
        self.Requisition = self.env["coop.requisition"]

    def test_members_call_a_meeting(self):
        requisition = self.Requisition.browse(
            self.Requisition.with_user(self.users[0]).coop_start("Discuss the lease")
        )
        self.assertEqual((requisition.signed_count, requisition.needed_count), (1, 2))
        self.assertEqual(requisition.requested_by_id, self.members[0])
        with self.assertRaisesRegex(UserError, "signed this requisition already"):
            requisition.with_user(self.users[0]).coop_sign()
        with self.assertRaisesRegex(AccessError, "Only a member who may vote today"):
            requisition.with_user(self.outsider).coop_sign()
        with self.assertRaisesRegex(UserError, "You have not signed"):
            requisition.with_user(self.users[1]).coop_withdraw_signature()
        requisition.with_user(self.users[1]).coop_sign()
        self.assertEqual(requisition.state, "reached")
        # The day the threshold was reached, as the signer's calendar shows it.
        signer_today = fields.Date.context_today(self.Requisition.with_user(self.users[1]))
        self.assertEqual(requisition.date_reached, signer_today)
        activity = requisition.activity_ids
        self.assertIn(self.manager, activity.user_id)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("coop_governance.mail_activity_type_requisition_meeting"),
        )
        with self.assertRaisesRegex(UserError, "already has the signatures"):
            requisition.with_user(self.users[2]).coop_sign()
        with self.assertRaisesRegex(UserError, "can no longer be withdrawn"):
            requisition.with_user(self.users[0]).coop_withdraw_signature()

        with self.assertRaisesRegex(UserError, "Link the meeting called"):
            requisition.with_user(self.manager).action_answer()
        meeting = self.env["coop.meeting"].create(
            {
                "name": "Requisitioned meeting",
                "company_id": self.company.id,
                "decision_type_id": self.types["ordinary"].id,
                "date_start": fields.Datetime.now() + relativedelta(days=20),
            }
        )
        meeting.action_send_notice()
        requisition.with_user(self.manager).write({"meeting_id": meeting.id})
        requisition.with_user(self.manager).action_answer()
        self.assertEqual(requisition.state, "answered")
        self.assertFalse(requisition.activity_ids)

    def test_the_reached_date_is_the_day_of_the_signers_time_zone(self):
        """Half an hour before and after midnight, west and east of UTC, the
        requisition is reached on the signer's calendar day, not UTC's."""
        day = datetime.date.today()
        # As in a request, where the context's zone is the caller's: the
        # case's shared zone (tests/common.py) is taken off the context.
        Requisition = self.Requisition.with_context(tz=None)
        cases = [
            ("America/Los_Angeles", datetime.time(23, 30), day),
            ("America/Los_Angeles", datetime.time(0, 30), day),
            ("Pacific/Auckland", datetime.time(23, 30), day),
            ("Pacific/Auckland", datetime.time(0, 30), day),
        ]
        for index, (tz, clock, local_day) in enumerate(cases):
            instant = datetime.datetime.combine(local_day, clock, ZoneInfo(tz))
            utc = instant.astimezone(datetime.UTC).replace(tzinfo=None)
            with self.subTest(tz=tz, clock=clock), freeze_time(utc):
                for user in self.users[:2]:
                    user.tz = tz
                requisition = Requisition.browse(
                    Requisition.with_user(self.users[0]).coop_start(f"Meeting {index}")
                )
                requisition.with_user(self.users[1]).coop_sign()
                self.assertEqual(requisition.state, "reached")
                self.assertEqual(requisition.date_reached, local_day)

    def test_a_signature_can_be_withdrawn_while_collecting(self):
        requisition = self.Requisition.browse(
            self.Requisition.with_user(self.users[0]).coop_start("Ballot on fees", "ballot")
        )
        self.assertEqual(requisition.needed_count, 1)  # UK default: 20% of 4, rounded up
        self.assertEqual(requisition.state, "reached")
        self.assertEqual(
            requisition.activity_ids.activity_type_id.name,
            "Put the question to a written ballot, as the members require",
        )
        meeting_call = self.Requisition.browse(
            self.Requisition.with_user(self.users[2]).coop_start("Spring meeting")
        )
        meeting_call.with_user(self.users[2]).coop_withdraw_signature()
        self.assertEqual(meeting_call.signed_count, 0)

    def test_non_members_cannot_start_one_and_nothing_is_written(self):
        before = self.Requisition.search_count([])
        with self.assertRaisesRegex(AccessError, "Only a member who may vote today"):
            self.Requisition.with_user(self.outsider).coop_start("Take over")
        with self.assertRaisesRegex(UserError, "Say what"):
            self.Requisition.with_user(self.users[0]).coop_start("  ")
        self.assertEqual(self.Requisition.search_count([]), before)
        # Members read requisitions but only sign through the workflow.
        requisition = self.Requisition.browse(
            self.Requisition.with_user(self.users[0]).coop_start("Discuss the lease")
        )
        with self.assertRaises(AccessError):
            requisition.with_user(self.users[1]).write({"state": "answered"})
