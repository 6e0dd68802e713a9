from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDecisionTypes(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.DecisionType = cls.env["coop.decision.type"]
        cls.company = cls.env["res.company"].create({"name": "Bylaw Co-op"})

    def _types(self):
        return self.DecisionType.search([("company_id", "=", self.company.id)])

    def test_new_company_starts_with_the_california_sample(self):
        types = self._types()
        self.assertEqual(
            sorted(types.mapped("code")), ["admission", "director_removal", "expulsion", "ordinary"]
        )
        self.assertEqual(set(types.mapped("bylaw_set")), {"ca"})
        ordinary = types.filtered(lambda t: t.code == "ordinary")
        self.assertTrue(ordinary.consensus)
        self.assertEqual(ordinary.consensus_fallback_ratio, 0.75)
        # Written ballots sent at least 10 days before the closing date.
        self.assertEqual(set(types.mapped("ballot_min_days")), {10})
        # Expulsion: 75% of members at a meeting with quorum.
        expulsion = types.filtered(lambda t: t.code == "expulsion")
        self.assertTrue(expulsion.meeting_required)
        self.assertEqual(expulsion.threshold_basis, "present")

    def test_main_company_has_its_bylaws(self):
        main = self.env.ref("base.main_company")
        bylaws = self.DecisionType.search([("company_id", "=", main.id), ("bylaw_set", "=", "ca")])
        self.assertEqual(
            sorted(bylaws.mapped("code")),
            ["admission", "director_removal", "expulsion", "ordinary"],
        )

    def test_loading_the_uk_model_updates_and_adds(self):
        self.DecisionType._coop_load_bylaw_set(self.company, "uk")
        types = {t.code: t for t in self._types()}
        self.assertEqual(types["ordinary"].bylaw_set, "uk")
        self.assertEqual(types["ordinary"].proxy_cap, 5)
        self.assertFalse(types["ordinary"].consensus)
        self.assertEqual(types["entrenched"].threshold_ratio, 1.0)
        self.assertEqual(types["expulsion"].notice_min_days, 21)
        # Loading twice changes nothing.
        count = len(self._types())
        self.DecisionType._coop_load_bylaw_set(self.company, "uk")
        self.assertEqual(len(self._types()), count)

    def test_bad_rules_are_refused(self):
        ordinary = self._types().filtered(lambda t: t.code == "ordinary")
        cases = [
            ({"quorum_ratio": 50}, "share between 0 and 1"),
            ({"threshold_ratio": -0.1}, "share between 0 and 1"),
            ({"notice_min_days": 30, "notice_max_days": 20}, "shorter than the shortest"),
            ({"proxies_allowed": True, "proxy_cap": 0}, "how many one member may hold"),
            ({"consensus": True, "consensus_fallback_ratio": 0}, "fallback vote"),
            ({"min_member_days": -3}, "cannot be negative"),
        ]
        for vals, message in cases:
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
                self.env.cr.savepoint(),
            ):
                ordinary.write(vals)
        self.assertEqual(ordinary.quorum_ratio, 0.5)
        self.assertEqual(ordinary.notice_min_days, 10)

    def test_members_read_the_bylaws_but_do_not_change_them(self):
        member = new_test_user(self.env, login="bylaw_reader", groups="base.group_user")
        ordinary = self.DecisionType.search(
            [("company_id", "=", self.env.ref("base.main_company").id), ("code", "=", "ordinary")]
        )
        self.assertEqual(ordinary.with_user(member).quorum_ratio, 0.5)
        with self.assertRaises(AccessError):
            ordinary.with_user(member).write({"quorum_ratio": 0.1})
        manager = new_test_user(
            self.env, login="bylaw_keeper", groups="coop_governance.group_governance_manager"
        )
        ordinary.with_user(manager).write({"notice_min_days": 12})
        self.assertEqual(ordinary.notice_min_days, 12)
