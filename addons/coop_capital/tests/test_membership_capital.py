from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from odoo.addons.coop_membership.tests.common import CoopCase

from .common import CapitalCase


@tagged("post_install", "-at_install")
class TestRegisterAsksForCapital(CapitalCase):
    """Where the co-op keeps its member capital in Odoo, the register asks
    for it: admission needs the membership share, voting needs it paid up,
    and ending a membership schedules the payout."""

    def test_admission_needs_a_membership_share(self):
        membership = self._membership("Ike Unsubscribed", state="candidate", subscribed=False)
        with self.assertRaisesRegex(UserError, "no confirmed membership share subscription"):
            membership.action_to_member()
        draft = self._subscribe(membership, confirm=False)
        with self.assertRaisesRegex(UserError, "no confirmed membership share subscription"):
            membership.action_to_member()
        draft.action_confirm()
        membership.action_to_member()
        self.assertEqual(membership.state, "member")

    def test_paid_up_on_a_day(self):
        paid = self._member("Kai Paid", paid=True)
        unpaid = self._member("Lou Unpaid", subscribed=True)
        unsubscribed = self._member("Mo Unsubscribed")
        day = self.today
        self.assertEqual(
            (paid | unpaid | unsubscribed)._coop_paid_up_map(day),
            {paid.id: True, unpaid.id: False, unsubscribed.id: False},
        )
        before_paying = paid.subscription_ids.date - relativedelta(days=1)
        self.assertFalse(paid._coop_paid_up_map(before_paying)[paid.id])

    def test_ending_the_membership_schedules_the_payout(self):
        member = self._member("Ned Leaving", paid=True)
        wizard = Form(
            self.env["coop.membership.exit.wizard"].with_context(default_membership_id=member.id)
        )
        wizard.reason = "resigned"
        self.assertEqual(wizard.share_capital, self.share_class.price)
        action = wizard.save().action_confirm()
        self.assertEqual(member.state, "former")
        self.assertEqual(action["res_model"], "coop.share.redemption")
        self.assertEqual(member.redemption_ids.ids, action["domain"][0][2])
        self.assertAlmostEqual(member.redemption_payable, self.share_class.price)


@tagged("post_install", "-at_install")
class TestCoopWithoutCapital(CoopCase):
    """A co-op that keeps no member capital in Odoo (no chart of accounts,
    no membership share class): the register does not ask about capital."""

    def test_admission_and_voting_do_not_ask_for_capital(self):
        self.assertFalse(
            self.env["coop.share.class"].search([("company_id", "=", self.company.id)])
        )
        membership = self._membership("Oona Candidate", state="candidate")
        membership.action_to_member()
        self.assertEqual(membership.state, "member")
        self.assertEqual(membership._coop_paid_up_map(self.today), {membership.id: None})
        self.assertFalse(membership.is_paid_up)
