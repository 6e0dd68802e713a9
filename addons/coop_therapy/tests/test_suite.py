from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import new_test_user, tagged

from odoo.addons.coop_capital.tests.common import CapitalCase


@tagged("post_install", "-at_install")
class TestGovernanceWithCapital(CapitalCase):
    """The app installs the three generic addons together: where the co-op
    keeps its member capital in Odoo, the voter roll asks for the paid-up
    membership share, and an expulsion voted by the members starts the exit
    of the member's capital."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["coop.decision.type"]._coop_load_bylaw_set(cls.company, "uk")
        since = cls.today - relativedelta(years=1)
        cls.voters = cls.env["coop.membership"]
        cls.users = []
        for name in ("Ana Paid", "Ben Paid", "Cai Paid"):
            member = cls._member(name, date_state=since, paid=True)
            user = new_test_user(cls.env, login=name.split()[0].lower(), groups="base.group_user")
            user.partner_id = member.partner_id
            cls.voters |= member
            cls.users.append(user)
        cls.unpaid = cls._member("Una Unpaid", date_state=since, subscribed=True)

    def test_the_roll_asks_for_the_paid_up_share(self):
        roll = self.env["coop.membership"]._coop_voter_roll(self.today, company=self.company)
        self.assertEqual(roll, self.voters)
        status = self.unpaid._coop_voter_status(self.today)[self.unpaid.id]
        self.assertEqual(status, (False, {"code": "not_paid_up"}))
        self.assertEqual(self.unpaid.voter_note, "membership share not paid up")

    def test_an_expulsion_voted_by_the_members_schedules_the_payout(self):
        target = self.voters[2]
        expulsion = self.env["coop.decision.type"].search(
            [("company_id", "=", self.company.id), ("code", "=", "expulsion")]
        )
        proposal = self.env["coop.proposal"].create(
            {
                "name": "Expel Cai",
                "company_id": self.company.id,
                "decision_type_id": expulsion.id,
                "action": "expulsion",
                "subject_membership_id": target.id,
                "date_close": fields.Datetime.now() + relativedelta(days=7),
                "notice_date": self.today - relativedelta(days=30),
                "notice_reasons": "Reasons.",
                "hearing_date": self.today - relativedelta(days=1),
            }
        )
        proposal.action_open()
        for user in self.users[:2]:
            proposal.with_user(user).action_cast(choice="yes")
        proposal.action_close(reason="everyone voted")
        self.assertTrue(proposal.adopted)
        self.assertEqual((target.state, target.exit_reason), ("former", "expelled"))
        self.assertEqual(target.redemption_ids.mapped("amount"), [self.share_class.price])
        self.assert_capital_matches_ledger()
