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

    def test_meetings_of_many_dates_read_the_paid_up_shares_once(self):
        """Each meeting's roll asks for the share paid up on its own date,
        and a list of 50 meetings reads the shares as 2 meetings do."""
        subscription = self.unpaid.subscription_ids
        paid_on = self.today - relativedelta(days=40)
        self._pay(subscription, subscription.amount / 2, date=paid_on - relativedelta(days=30))
        self._pay(subscription, subscription.amount / 2, date=paid_on)
        rules = self.env["coop.decision.type"].search(
            [("company_id", "=", self.company.id), ("code", "=", "ordinary")]
        )
        Meeting = self.env["coop.meeting"]
        meetings = Meeting.create(
            [
                {
                    "name": f"Meeting {index}",
                    "company_id": self.company.id,
                    "decision_type_id": rules.id,
                    "date_start": fields.Datetime.to_datetime(
                        self.today - relativedelta(days=3 * index)
                    )
                    + relativedelta(hours=12),
                }
                for index in range(50)
            ]
        )

        def count(records):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            values = Meeting.browse(records.ids).read(["eligible_count"])
            return self.env.cr.sql_log_count - before, values

        count(meetings[-2:])  # warm the caches
        few, _values = count(meetings[:2])
        many, values = count(meetings)
        self.assertEqual(many, few, f"2 meetings: {few} queries; 50 meetings: {many}")
        for row, meeting in zip(values, meetings, strict=True):
            paid_up = meeting.date_start.date() >= paid_on
            self.assertEqual(row["eligible_count"], len(self.voters) + paid_up, meeting.name)
