import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..lib import bylaw_sets, eligibility

STATES = ["associate", "licensed", "candidate", "member", "former"]
dates = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2040, 12, 31))
D = datetime.date


@tagged("post_install", "-at_install", "coop_pure")
class TestEligibilityPure(BaseCase):
    history = [
        (D(2020, 1, 1), 1, "associate"),
        (D(2021, 1, 1), 2, "licensed"),
        (D(2021, 6, 1), 3, "candidate"),
        (D(2022, 1, 1), 4, "member"),
        (D(2025, 1, 1), 5, "former"),
    ]

    def test_state_on_a_record_date(self):
        self.assertIsNone(eligibility.state_on(self.history, D(2019, 12, 31)))
        self.assertEqual(eligibility.state_on(self.history, D(2021, 12, 31)), "candidate")
        self.assertEqual(eligibility.state_on(self.history, D(2022, 1, 1)), "member")
        self.assertEqual(eligibility.state_on(self.history, D(2024, 12, 31)), "member")
        self.assertEqual(eligibility.state_on(self.history, D(2025, 1, 1)), "former")

    def test_same_day_changes_follow_their_order(self):
        history = [(D(2024, 1, 1), 2, "member"), (D(2024, 1, 1), 1, "candidate")]
        self.assertEqual(eligibility.state_on(history, D(2024, 1, 1)), "member")

    def test_member_since(self):
        self.assertEqual(eligibility.member_since(self.history, D(2023, 1, 1)), D(2022, 1, 1))
        self.assertIsNone(eligibility.member_since(self.history, D(2025, 2, 1)))

    def test_voter_status_reasons(self):
        day = D(2024, 1, 1)
        self.assertEqual(
            eligibility.voter_status("member", D(2022, 1, 1), False, day), (True, None)
        )
        self.assertEqual(
            eligibility.voter_status("candidate", None, False, day),
            (False, {"code": "not_member"}),
        )
        self.assertEqual(
            eligibility.voter_status("member", D(2022, 1, 1), True, day),
            (False, {"code": "suspended"}),
        )
        self.assertEqual(
            eligibility.voter_status("member", D(2023, 12, 1), False, day, min_member_days=90),
            (False, {"code": "too_recent", "days": 31, "required": 90}),
        )
        self.assertEqual(
            eligibility.voter_status("member", D(2022, 1, 1), False, day, paid_up=False),
            (False, {"code": "not_paid_up"}),
        )
        with self.assertRaises(ValueError):
            eligibility.voter_status("member", D(2022, 1, 1), False, day, min_member_days=-1)

    @settings(database=None, deadline=None, max_examples=300)
    @given(
        st.lists(st.tuples(dates, st.integers(0, 10**6), st.sampled_from(STATES)), max_size=8),
        dates,
        st.booleans(),
        st.integers(0, 400),
        st.sampled_from([None, True, False]),
    )
    def test_only_unsuspended_members_of_long_enough_vote(
        self, history, day, suspended, min_days, paid_up
    ):
        state = eligibility.state_on(history, day)
        since = eligibility.member_since(history, day)
        eligible, reason = eligibility.voter_status(state, since, suspended, day, min_days, paid_up)
        self.assertEqual(eligible, reason is None)
        if eligible:
            self.assertEqual(state, "member")
            self.assertFalse(suspended)
            self.assertIsNot(paid_up, False)
            self.assertGreaterEqual((day - since).days, min_days)
        # Changes after the record date never change the answer.
        later = [*history, (day + datetime.timedelta(days=1), 0, "former")]
        self.assertEqual(eligibility.state_on(later, day), state)


@tagged("post_install", "-at_install", "coop_pure")
class TestBylawSetsPure(BaseCase):
    def test_sets_hold_the_documented_numbers(self):
        ca = {t["code"]: t for t in bylaw_sets.CA}
        uk = {t["code"]: t for t in bylaw_sets.UK}
        # governance.md, California sample: majority quorum, 3/4 fallback,
        # expulsion 75% with 15 days' notice, notice 10 to 90 days, no proxies.
        self.assertEqual(ca["ordinary"]["quorum_ratio"], 0.5)
        self.assertTrue(ca["ordinary"]["quorum_strict"])
        self.assertEqual(ca["ordinary"]["consensus_fallback_ratio"], 0.75)
        self.assertEqual(ca["expulsion"]["threshold_ratio"], 0.75)
        self.assertEqual(ca["expulsion"]["notice_min_days"], 15)
        self.assertEqual({t["proxies_allowed"] for t in bylaw_sets.CA}, {False})
        self.assertEqual(
            {(t["notice_min_days"], t["notice_max_days"]) for t in bylaw_sets.CA},
            {(10, 90), (15, 90)},
        )
        # UK model: >50% ordinary, 75% special, 100% entrenched, 14 days, 5 proxies.
        self.assertTrue(uk["ordinary"]["threshold_strict"])
        self.assertEqual(uk["special"]["threshold_ratio"], 0.75)
        self.assertEqual(uk["entrenched"]["threshold_ratio"], 1.0)
        self.assertEqual(uk["expulsion"]["notice_min_days"], 21)
        self.assertEqual({t["proxy_cap"] for t in bylaw_sets.UK}, {5})
        self.assertEqual({t["quorum_min_members"] for t in bylaw_sets.UK}, {2})
