"""Revolving redemption and interest on internal capital accounts, the pure
calculation (lib.revolving): hand cases, and properties that follow from the
rules (shared/domain/capital.md, rules 8 and 10): the budget is never
exceeded, the oldest tranches go first, a member with a negative balance is
never revolved, and interest is exact to half a cent per member and kind."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..lib import revolving
from ..lib.revolving import Tranche

many = settings(max_examples=400)


def tranche(key, member, year, cents, due=True):
    return Tranche(key=key, member=member, order=(year, key), remaining=cents, due=due)


@st.composite
def tranche_sets(draw):
    count = draw(st.integers(min_value=0, max_value=30))
    items = []
    for key in range(count):
        items.append(
            tranche(
                key,
                draw(st.integers(min_value=1, max_value=6)),
                draw(st.integers(min_value=2010, max_value=2026)),
                draw(
                    st.one_of(
                        st.integers(min_value=1, max_value=10**7),
                        st.integers(min_value=-(10**7), max_value=0),
                    )
                ),
                draw(st.booleans()),
            )
        )
    return items


budgets = st.one_of(st.none(), st.integers(min_value=0, max_value=5 * 10**7))


@tagged("post_install", "-at_install", "coop_pure")
class TestRevolvingPure(BaseCase):
    def test_oldest_first_with_a_partial_tranche_at_the_budget(self):
        items = [
            tranche(3, "A", 2021, 70_000, due=False),
            tranche(2, "A", 2020, 50_000),
            tranche(1, "A", 2019, 100_000),
            tranche(4, "B", 2020, 30_000),
        ]
        result = revolving.propose(items, budget=120_000)
        self.assertEqual(result.lines, [(1, "A", 100_000), (2, "A", 20_000)])
        self.assertEqual(result.total, 120_000)
        result = revolving.propose(items)
        self.assertEqual(result.lines, [(1, "A", 100_000), (2, "A", 50_000), (4, "B", 30_000)])
        self.assertEqual((result.skipped, result.capped), ({}, {}))

    def test_negative_member_skipped_and_a_younger_loss_caps(self):
        items = [
            tranche(1, "C", 2019, 40_000),
            tranche(2, "C", 2022, -90_000, due=False),
            tranche(3, "D", 2019, 60_000),
            tranche(4, "D", 2023, -25_000, due=False),
        ]
        result = revolving.propose(items)
        self.assertEqual(result.lines, [(3, "D", 35_000)])
        self.assertEqual(result.skipped, {"C": -50_000})
        self.assertEqual(result.capped, {"D": 35_000})

    def test_a_younger_tranche_never_jumps_ahead(self):
        items = [tranche(1, "A", 2019, 50_000), tranche(2, "B", 2020, 100)]
        result = revolving.propose(items, budget=30_000)
        self.assertEqual(result.lines, [(1, "A", 30_000)])

    def test_interest_hand_case(self):
        balances = {
            ("A", True): 100_000,
            ("A", False): 33_333,
            ("B", True): 10_001,
            ("C", True): 40_000,
            ("C", False): -90_000,
            ("E", False): 20_000,
            ("E", True): -5_000,
        }
        result = revolving.interest(balances, Fraction(25, 1000))
        # 333.33 x 2.5% = 8.33325 -> 8.33; 100.01 x 2.5% = 2.50025 -> 2.50;
        # E: 200.00 less the 50.00 loss = 150.00 x 2.5% = 3.75; C is negative.
        self.assertEqual(
            result,
            {("A", True): 2_500, ("A", False): 833, ("B", True): 250, ("E", False): 375},
        )
        self.assertEqual(revolving.interest(balances, 0), {})
        self.assertEqual(revolving.as_rate(2.5), Fraction(1, 40))

    @many
    @given(tranche_sets(), budgets)
    def test_budget_never_exceeded_and_lines_bounded(self, items, budget):
        result = revolving.propose(items, budget)
        by_key = {t.key: t for t in items}
        if budget is not None:
            self.assertLessEqual(result.total, budget)
        self.assertEqual(result.total, sum(cents for _k, _m, cents in result.lines))
        balance = {}
        for t in items:
            balance[t.member] = balance.get(t.member, 0) + t.remaining
        taken = {}
        for key, member, cents in result.lines:
            t = by_key[key]
            self.assertTrue(t.due)
            self.assertEqual(t.member, member)
            self.assertTrue(0 < cents <= t.remaining)
            self.assertNotIn(member, result.skipped)
            taken[member] = taken.get(member, 0) + cents
        for member, cents in taken.items():
            self.assertLessEqual(cents, balance[member])
        for member, value in result.skipped.items():
            self.assertLess(value, 0)
            self.assertEqual(value, balance[member])

    @many
    @given(tranche_sets(), budgets)
    def test_oldest_first(self, items, budget):
        result = revolving.propose(items, budget)
        taken = {key: cents for key, _m, cents in result.lines}
        keys = [key for key, _m, _c in result.lines]
        order = {t.key: t.order for t in items}
        self.assertEqual(keys, sorted(keys, key=order.get))
        if not result.lines:
            return
        youngest = max(order[key] for key in keys)
        for t in items:
            eligible = (
                t.due
                and t.remaining > 0
                and t.member not in result.skipped
                and t.member not in result.capped
            )
            if eligible and t.order < youngest:
                # Every older eligible tranche is taken whole.
                self.assertEqual(taken.get(t.key), t.remaining)

    @many
    @given(tranche_sets())
    def test_without_budget_each_member_gets_min_of_due_and_balance(self, items):
        result = revolving.propose(items)
        balance, due = {}, {}
        for t in items:
            balance[t.member] = balance.get(t.member, 0) + t.remaining
            if t.due and t.remaining > 0:
                due[t.member] = due.get(t.member, 0) + t.remaining
        expected = {m: min(cents, balance[m]) for m, cents in due.items() if balance[m] > 0}
        got = {}
        for _key, member, cents in result.lines:
            got[member] = got.get(member, 0) + cents
        self.assertEqual(got, {m: c for m, c in expected.items() if c})

    @many
    @given(
        st.dictionaries(
            st.tuples(st.integers(min_value=1, max_value=20), st.booleans()),
            st.integers(min_value=-(10**8), max_value=10**8),
            max_size=40,
        ),
        st.fractions(min_value=0, max_value=Fraction(1, 4), max_denominator=100_000),
    )
    def test_interest_exact_to_half_a_cent_on_the_net_balance(self, balances, rate):
        result = revolving.interest(balances, rate)
        members = {member for member, _kind in balances}
        for member in members:
            net = sum(c for (m, _k), c in balances.items() if m == member)
            paid = sum(c for (m, _k), c in result.items() if m == member)
            kinds = sum(1 for (m, _k) in balances if m == member)
            if net <= 0:
                self.assertEqual(paid, 0)
                continue
            # Within half a cent per kind of the exact interest on the net balance.
            self.assertLessEqual(abs(paid - net * rate), Fraction(kinds, 2))
        for key, cents in result.items():
            self.assertGreater(cents, 0)
            self.assertGreater(balances[key], 0)
            self.assertLessEqual(cents, balances[key] * rate + Fraction(1, 2))
