from dateutil.relativedelta import relativedelta

from odoo.tests import new_test_user, tagged

from odoo.addons.coop_membership.tests.common import CoopCase


@tagged("post_install", "-at_install")
class TestVoterRoll(CoopCase):
    @classmethod
    def _coop_company(cls):
        return cls.env["res.company"].create({"name": "Roll Call Co-op"})

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.record_date = cls.today - relativedelta(days=30)
        long_ago = cls.today - relativedelta(years=2)

        def member(name, since, **vals):
            return cls._membership(
                name, state="member", company=cls.company, date_state=since, **vals
            )

        cls.ann = member("Ann Voter", long_ago)
        cls.bo = member("Bo Left Later", long_ago)
        cls.bo._coop_transition("former", date=cls.today - relativedelta(days=5), reason="resigned")
        cls.cy = member("Cy Left Before", long_ago)
        cls.cy._coop_transition(
            "former", date=cls.record_date - relativedelta(days=1), reason="resigned"
        )
        cls.di = member(
            "Di Suspended",
            long_ago,
            suspended=True,
            suspension_date_start=cls.record_date - relativedelta(days=10),
        )
        cls.ed = member("Ed Newcomer", cls.record_date - relativedelta(days=20))
        cls.fi = cls._membership("Fi Candidate", state="candidate", company=cls.company)
        cls.gus = member("Gus Joined After", cls.today - relativedelta(days=2))

    def test_roll_comes_from_the_register_on_the_record_date(self):
        roll = self.Membership._coop_voter_roll(self.record_date, company=self.company)
        self.assertEqual(roll, self.ann | self.bo | self.ed)

    def test_minimum_membership_days_of_the_decision_type(self):
        decision_type = self.env["coop.decision.type"].search(
            [("company_id", "=", self.company.id), ("code", "=", "ordinary")]
        )
        decision_type.min_member_days = 90
        roll = self.Membership._coop_voter_roll(self.record_date, decision_type=decision_type)
        self.assertEqual(roll, self.ann | self.bo)
        status = self.ed._coop_voter_status(self.record_date, decision_type)[self.ed.id]
        self.assertEqual(status, (False, {"code": "too_recent", "days": 20, "required": 90}))

    def test_voters_today(self):
        Membership = self.Membership.with_context(allowed_company_ids=[self.company.id])
        voters = Membership.search(
            [("is_voter_today", "=", True), ("company_id", "=", self.company.id)]
        )
        self.assertEqual(voters, self.ann | self.ed | self.gus)
        self.assertFalse(self.fi.is_voter_today)
        self.assertEqual(self.fi.voter_note, "not a member-owner on the record date")
        self.assertTrue(self.gus.is_voter_today)
        self.assertFalse(self.di.is_voter_today)
        others = Membership.search(
            [("is_voter_today", "=", False), ("company_id", "=", self.company.id)]
        )
        self.assertIn(self.fi, others)
        self.assertNotIn(self.ann, others)

    def _roll_with_query_count(self):
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        roll = self.Membership._coop_voter_roll(self.record_date, company=self.company)
        roll.mapped("name")
        return roll, self.env.cr.sql_log_count - before

    def test_the_roll_is_read_in_a_fixed_number_of_queries(self):
        roll, queries = self._roll_with_query_count()
        for index in range(10):
            self._membership(
                f"Extra {index}",
                state="member",
                company=self.company,
                date_state=self.today - relativedelta(years=1),
            )
        bigger_roll, bigger_queries = self._roll_with_query_count()
        self.assertEqual(len(bigger_roll), len(roll) + 10)
        self.assertEqual(bigger_queries, queries, "the roll's queries grow with its size")
        self.assertLessEqual(queries, 8)

    def test_a_member_reads_their_own_voting_status(self):
        user = new_test_user(
            self.env, login="roll_member", groups="base.group_user", company_id=self.company.id
        )
        user.partner_id = self.ann.partner_id
        mine = self.ann.with_user(user)
        self.assertTrue(mine.is_voter_today)
