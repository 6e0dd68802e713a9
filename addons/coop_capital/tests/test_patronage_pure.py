"""Year-end patronage, the pure calculation: the worked examples of
shared/domain/capital.md to the cent, and properties that follow from the
rules themselves (exact sums, the 20% cash test, monotone, order and scale
independence), not from the code."""

import datetime
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..lib import patronage
from ..lib.patronage import PatronageError

D = datetime.date
keys = st.integers(min_value=1, max_value=10**6)
measures = st.dictionaries(
    keys, st.integers(min_value=0, max_value=10**5), min_size=1, max_size=60
).filter(lambda m: sum(m.values()) > 0)
totals = st.integers(min_value=-(10**10), max_value=10**10)
# Thousands of cases in all: each property runs 500 examples.
many = settings(max_examples=500)
rates = st.fractions(min_value=0, max_value=1, max_denominator=1000)


@tagged("post_install", "-at_install", "coop_pure")
class TestPatronagePure(BaseCase):
    # capital.md, worked example: FY2025, margin 120,000, reserve 30%, hours
    # A 2,000, B 1,800, C 1,500, D 700.
    HOURS = {"A": 2000, "B": 1800, "C": 1500, "D": 700}

    def test_worked_example_to_the_cent(self):
        result = patronage.allocate_year(12_000_000, self.HOURS, Fraction(3, 10))
        self.assertEqual((result.reserve, result.pool), (3_600_000, 8_400_000))
        table = {line.key: (line.allocation, line.cash, line.retained) for line in result.lines}
        self.assertEqual(
            table,
            {
                "A": (2_800_000, 560_000, 2_240_000),
                "B": (2_520_000, 504_000, 2_016_000),
                "C": (2_100_000, 420_000, 1_680_000),
                "D": (980_000, 196_000, 784_000),
            },
        )
        self.assertEqual((result.cash, result.retained), (1_680_000, 6_720_000))
        self.assertTrue(all(line.qualified for line in result.lines))

    def test_worked_loss_split(self):
        # A loss of 30,000 split with a 30% reserve share: Dr 3300 9,000,
        # Dr 3200 21,000 by hours.
        result = patronage.allocate_year(
            -3_000_000, self.HOURS, Fraction(3, 10), loss_policy="split"
        )
        self.assertEqual((result.reserve, result.pool), (-900_000, -2_100_000))
        self.assertEqual(
            {line.key: line.allocation for line in result.lines},
            {"A": -700_000, "B": -630_000, "C": -525_000, "D": -245_000},
        )
        self.assertEqual({line.cash for line in result.lines}, {0})
        self.assertEqual({line.qualified for line in result.lines}, {False})

    def test_loss_all_to_reserve_and_startup(self):
        to_reserve = patronage.allocate_year(-500_000, self.HOURS, Fraction(3, 10))
        self.assertEqual((to_reserve.reserve, to_reserve.pool), (-500_000, 0))
        self.assertEqual({line.allocation for line in to_reserve.lines}, {0})
        startup = patronage.allocate_year(
            -500_000, self.HOURS, Fraction(3, 10), loss_policy="startup"
        )
        self.assertEqual((startup.reserve, startup.pool, startup.startup_charge), (0, 0, 500_000))
        # The next surplus pays the start-up loss account down first.
        later = patronage.allocate_year(
            1_200_000, self.HOURS, Fraction(3, 10), startup_balance_cents=500_000
        )
        self.assertEqual(
            (later.startup_paydown, later.reserve, later.pool), (500_000, 210_000, 490_000)
        )
        smaller = patronage.allocate_year(
            300_000, self.HOURS, Fraction(3, 10), startup_balance_cents=500_000
        )
        self.assertEqual((smaller.startup_paydown, smaller.reserve, smaller.pool), (300_000, 0, 0))

    def test_loss_capped_at_the_reserve(self):
        # The reserve's share (30% of 30,000 = 9,000) is capped at its balance of
        # 4,000; the members carry the other 26,000.
        result = patronage.allocate_year(
            -3_000_000,
            self.HOURS,
            Fraction(3, 10),
            loss_policy="split",
            cap_loss_at_reserve=True,
            reserve_balance_cents=400_000,
        )
        self.assertEqual((result.reserve, result.pool), (-400_000, -2_600_000))
        with self.assertRaises(PatronageError) as caught:
            patronage.allocate_year(
                -3_000_000,
                self.HOURS,
                Fraction(3, 10),
                loss_policy="split",
                cap_loss_at_reserve=True,
            )
        self.assertEqual(caught.exception.code, "reserve_balance_needed")

    def test_non_member_margin_goes_to_the_reserve(self):
        # 8,000 hours in all, 6,000 by members: a quarter of 120,000 was earned
        # by non-member labour and goes to the reserve with 30% of the rest.
        result = patronage.allocate_year(
            12_000_000, self.HOURS, Fraction(3, 10), member_hours=6000, all_hours=8000
        )
        self.assertEqual((result.member_margin, result.non_member_margin), (9_000_000, 3_000_000))
        self.assertEqual((result.reserve, result.pool), (3_000_000 + 2_700_000, 6_300_000))
        self.assertEqual(result.lines[0].allocation, 2_100_000)  # A: 2,000 of 6,000 hours

    def test_rounding_ties_by_key(self):
        # One cent over three equal members: the smallest key gets it, whatever
        # the order they come in.
        self.assertEqual(patronage.largest_remainder(1, {3: 1, 1: 1, 2: 1}), {1: 1, 2: 0, 3: 0})
        self.assertEqual(
            patronage.largest_remainder(2, {"b": 1, "a": 1, "c": 1}), {"a": 1, "b": 1, "c": 0}
        )
        self.assertEqual(patronage.largest_remainder(-1, {2: 1, 1: 1}), {1: -1, 2: 0})
        # Largest remainder, not the first ones: 100 cents over 1/3, 1/3, 1/3 + bigger
        self.assertEqual(
            patronage.largest_remainder(100, {1: 1, 2: 1, 3: 1}), {1: 34, 2: 33, 3: 33}
        )
        self.assertEqual(patronage.largest_remainder(10, {1: 1, 2: 2, 3: 7}), {1: 1, 2: 2, 3: 7})
        self.assertEqual(patronage.largest_remainder(10, {1: 15, 2: 15, 3: 70}), {1: 2, 2: 1, 3: 7})

    def test_cash_part_rounds_up(self):
        self.assertEqual(patronage.cash_part(1), 1)
        self.assertEqual(patronage.cash_part(11), 3)
        self.assertEqual(patronage.cash_part(10), 2)
        self.assertEqual(patronage.cash_part(0), 0)
        self.assertEqual(patronage.cash_part(-500), 0)
        self.assertEqual(patronage.cash_part(1001, Fraction(1, 2)), 501)

    def test_blend(self):
        measures = patronage.blend({1: 3, 2: 1}, {1: 100, 2: 300}, Fraction(1, 2))
        self.assertEqual(measures, {1: Fraction(1, 2), 2: Fraction(1, 2)})
        self.assertEqual(
            patronage.blend({1: 3, 2: 1}, {}, 1), {1: Fraction(3, 4), 2: Fraction(1, 4)}
        )
        self.assertEqual(
            patronage.blend({1: 3}, {1: Decimal("50000.00"), 2: Decimal("50000.00")}, 0),
            {1: Fraction(1, 2), 2: Fraction(1, 2)},
        )

    def test_deficit_is_netted_before_a_new_tranche(self):
        result = patronage.allocate_year(
            1_000_000, {1: 1, 2: 1}, 0, balances={1: -300_000, 2: 50_000}
        )
        first, second = result.lines
        self.assertEqual(
            (first.allocation, first.cash, first.retained), (500_000, 100_000, 400_000)
        )
        self.assertEqual((first.deficit_offset, first.tranche), (300_000, 100_000))
        self.assertEqual((second.deficit_offset, second.tranche), (0, 400_000))

    def test_non_qualified_members(self):
        result = patronage.allocate_year(1_000_000, {1: 1, 2: 1}, 0, qualified={1: True, 2: False})
        self.assertEqual([line.qualified for line in result.lines], [True, False])
        # A qualified notice needs 20% in cash; a lower rate is refused unless no
        # notice is qualified.
        with self.assertRaises(PatronageError) as caught:
            patronage.allocate_year(1_000_000, {1: 1}, 0, cash_rate=Fraction(1, 10))
        self.assertEqual(caught.exception.code, "cash_rate_below_minimum")
        none_qualified = patronage.allocate_year(
            1_000_000, {1: 1}, 0, cash_rate=0, qualified={1: False}
        )
        self.assertEqual(
            (none_qualified.lines[0].cash, none_qualified.lines[0].retained), (0, 1_000_000)
        )

    def test_bad_inputs_are_codes(self):
        cases = [
            (lambda: patronage.largest_remainder(100, {}), "no_patrons"),
            (lambda: patronage.largest_remainder(100, {1: 0, 2: 0}), "no_patronage"),
            (lambda: patronage.largest_remainder(100, {1: -1, 2: 3}), "negative_measure"),
            (lambda: patronage.allocate_year(100, {1: 1}, 2), "reserve_rate_out_of_range"),
            (
                lambda: patronage.allocate_year(-100, {1: 1}, 0, loss_policy="x"),
                "unknown_loss_policy",
            ),
            (lambda: patronage.blend({1: 1}, {}, Fraction(1, 2)), "no_wages"),
            (lambda: patronage.blend({}, {1: 1}, 1), "no_hours"),
            (
                lambda: patronage.allocate_year(100, {1: 1}, 0, member_hours=5, all_hours=4),
                "member_hours_out_of_range",
            ),
            (
                lambda: patronage.allocate_year(100, {1: 1}, 0, qualified={2: True}),
                "qualified_keys_mismatch",
            ),
        ]
        for call, code in cases:
            with self.subTest(code=code), self.assertRaises(PatronageError) as caught:
                call()
            self.assertEqual(caught.exception.code, code)
        with self.assertRaises(TypeError):
            patronage.largest_remainder(100, {1: 0.5})

    def test_payment_deadline(self):
        self.assertEqual(patronage.payment_deadline(D(2025, 12, 31)), D(2026, 9, 15))
        self.assertEqual(patronage.payment_deadline(D(2026, 6, 30)), D(2027, 3, 15))
        self.assertEqual(patronage.payment_deadline(D(2026, 3, 31)), D(2026, 12, 15))

    # Properties ----------------------------------------------------------

    @many
    @given(totals, measures)
    def test_shares_sum_exactly_and_stay_within_a_cent(self, total, weights):
        shares = patronage.largest_remainder(total, weights)
        self.assertEqual(sum(shares.values()), total)
        whole = sum(weights.values())
        for key, share in shares.items():
            quota = Fraction(total * weights[key], whole)
            self.assertLess(abs(share - quota), 1)
            # On a surplus nobody goes below zero; on a loss nobody above.
            self.assertGreaterEqual(share * (1 if total >= 0 else -1), 0)

    @many
    @given(totals, measures, st.randoms(use_true_random=False))
    def test_order_of_the_members_does_not_matter(self, total, weights, rnd):
        items = list(weights.items())
        rnd.shuffle(items)
        self.assertEqual(
            patronage.largest_remainder(total, dict(items)),
            patronage.largest_remainder(total, weights),
        )

    @many
    @given(totals, measures, st.integers(min_value=2, max_value=1000))
    def test_scale_of_the_measure_does_not_matter(self, total, weights, factor):
        # Hours or minutes, dollars or cents: the same shares.
        scaled = {key: value * factor for key, value in weights.items()}
        self.assertEqual(
            patronage.largest_remainder(total, scaled), patronage.largest_remainder(total, weights)
        )

    @many
    @given(st.integers(min_value=0, max_value=10**10), measures, st.data())
    def test_monotone_in_the_measure(self, total, weights, data):
        shares = patronage.largest_remainder(total, weights)
        # More patronage never means less.
        for a in weights:
            for b in weights:
                if weights[a] > weights[b]:
                    self.assertGreaterEqual(shares[a], shares[b])
        # Raising one member's measure never lowers their share.
        key = data.draw(st.sampled_from(sorted(weights)))
        more = {**weights, key: weights[key] + data.draw(st.integers(1, 10**5))}
        self.assertGreaterEqual(patronage.largest_remainder(total, more)[key], shares[key])

    @many
    @given(
        st.integers(min_value=-(10**10), max_value=10**10),
        measures,
        rates,
        st.fractions(min_value=Fraction(1, 5), max_value=1, max_denominator=100),
        st.sampled_from(patronage.LOSS_POLICIES),
    )
    def test_the_year_balances(self, net, weights, reserve_rate, cash_rate, policy):
        result = patronage.allocate_year(
            net, weights, reserve_rate, cash_rate=cash_rate, loss_policy=policy
        )
        # Every cent of the margin goes somewhere: reserve, members, start-up account.
        self.assertEqual(
            result.reserve + result.pool + result.startup_paydown - result.startup_charge, net
        )
        self.assertEqual(sum(line.allocation for line in result.lines), result.pool)
        for line in result.lines:
            self.assertEqual(line.cash + line.retained, line.allocation)
            if line.allocation > 0:
                # IRC §1388(c): at least 20% in cash, never lost to rounding, and
                # never more than the allocation or one cent above the rate.
                self.assertGreaterEqual(Fraction(line.cash, line.allocation), Fraction(1, 5))
                self.assertGreaterEqual(Fraction(line.cash), line.allocation * cash_rate)
                self.assertLess(line.cash - line.allocation * cash_rate, 1)
            else:
                self.assertEqual(line.cash, 0)
        if net >= 0:
            self.assertGreaterEqual(result.pool, 0)
            # The reserve takes its rate of the margin, to the nearest cent.
            self.assertLessEqual(abs(result.reserve - net * reserve_rate), Fraction(1, 2))

    @many
    @given(measures, st.data())
    def test_deficits_are_paid_down_before_new_tranches(self, weights, data):
        balances = {
            key: data.draw(st.integers(min_value=-(10**7), max_value=10**7)) for key in weights
        }
        result = patronage.allocate_year(10**8, weights, Fraction(1, 4), balances=balances)
        for line in result.lines:
            deficit = max(0, -balances[line.key])
            self.assertEqual(line.deficit_offset, min(deficit, line.retained))
            self.assertEqual(line.tranche + line.deficit_offset, line.retained)
            self.assertGreaterEqual(line.tranche, 0)

    # Losses (capital.md rule 8, "Loss policy parameters") ------------------

    def test_loss_reserve_share_differs_from_the_surplus_rate(self):
        # One Ontario co-op: 80% of a loss to the reserve, while a surplus
        # sends 30% there. A loss of 30,000: 24,000 to the reserve, 6,000 to
        # the members by hours (1.00 an hour).
        result = patronage.allocate_year(
            -3_000_000,
            self.HOURS,
            Fraction(3, 10),
            loss_policy="split",
            loss_reserve_rate=Fraction(4, 5),
        )
        self.assertEqual((result.reserve, result.pool), (-2_400_000, -600_000))
        self.assertEqual(
            {line.key: (line.allocation, line.cash, line.retained) for line in result.lines},
            {
                "A": (-200_000, 0, -200_000),
                "B": (-180_000, 0, -180_000),
                "C": (-150_000, 0, -150_000),
                "D": (-70_000, 0, -70_000),
            },
        )
        # Capped at a reserve that is itself in deficit: the members carry it all.
        capped = patronage.allocate_year(
            -3_000_000,
            self.HOURS,
            Fraction(3, 10),
            loss_policy="split",
            loss_reserve_rate=Fraction(4, 5),
            cap_loss_at_reserve=True,
            reserve_balance_cents=-100,
        )
        self.assertEqual((capped.reserve, capped.pool), (0, -3_000_000))
        with self.assertRaises(PatronageError) as caught:
            patronage.allocate_year(
                -100, self.HOURS, 0, loss_policy="split", loss_reserve_rate=Fraction(3, 2)
            )
        self.assertEqual(caught.exception.code, "loss_reserve_rate_out_of_range")

    def test_a_surplus_keeps_its_cash_part_when_netted(self):
        # A has a deficit of 5,000.00; allocation 28,000: cash 5,600 stays,
        # 5,000 of the retained 22,400 clears the deficit, 17,400 is the tranche.
        result = patronage.allocate_year(
            12_000_000, self.HOURS, Fraction(3, 10), balances={"A": -500_000, "B": 0}
        )
        line_a = next(line for line in result.lines if line.key == "A")
        self.assertEqual(
            (line_a.allocation, line_a.cash, line_a.deficit_offset, line_a.tranche),
            (2_800_000, 560_000, 500_000, 1_740_000),
        )

    def test_net_deficits_oldest_first(self):
        self.assertEqual(
            patronage.net_deficits([(1, -300), (2, 50), (3, -500)], 600), {1: 300, 3: 300}
        )
        self.assertEqual(patronage.net_deficits([(1, -300)], 0), {})
        for deficits, offset, code in (
            ([(1, -300)], 301, "offset_beyond_deficit"),
            ([(1, -300)], -1, "negative_offset"),
        ):
            with self.assertRaises(PatronageError) as caught:
                patronage.net_deficits(deficits, offset)
            self.assertEqual(caught.exception.code, code)

    @many
    @given(
        st.integers(min_value=1, max_value=10**10),
        measures,
        rates,
        st.one_of(st.none(), st.integers(min_value=-(10**9), max_value=10**10)),
        st.randoms(use_true_random=False),
    )
    def test_a_split_loss_is_charged_exactly(self, loss, weights, rate, balance, rnd):
        kwargs = {"loss_policy": "split", "loss_reserve_rate": rate}
        if balance is not None:
            kwargs.update(cap_loss_at_reserve=True, reserve_balance_cents=balance)
        result = patronage.allocate_year(-loss, weights, Fraction(1, 2), **kwargs)
        # Every cent of the loss is charged, nobody gains from it.
        self.assertEqual(result.reserve + result.pool, -loss)
        self.assertLessEqual(result.reserve, 0)
        self.assertLessEqual(abs(result.reserve), round(loss * rate) + 1)
        if balance is not None:
            self.assertLessEqual(-result.reserve, max(balance, 0))
        self.assertEqual(sum(line.allocation for line in result.lines), result.pool)
        by_key = {line.key: line for line in result.lines}
        for line in result.lines:
            self.assertLessEqual(line.allocation, 0)
            self.assertEqual((line.cash, line.retained), (0, line.allocation))
            self.assertEqual(line.tranche, line.allocation)
        # More patronage carries at least as much of the loss.
        for a in weights:
            for b in weights:
                if weights[a] > weights[b]:
                    self.assertLessEqual(by_key[a].allocation, by_key[b].allocation)
        # The order of the members does not matter.
        items = list(weights.items())
        rnd.shuffle(items)
        again = patronage.allocate_year(-loss, dict(items), Fraction(1, 2), **kwargs)
        self.assertEqual(again, result)

    @many
    @given(
        st.integers(min_value=0, max_value=10**10),
        st.integers(min_value=0, max_value=10**10),
        measures,
    )
    def test_the_startup_account_is_cleared_first(self, net, balance, weights):
        result = patronage.allocate_year(
            net, weights, Fraction(3, 10), startup_balance_cents=balance
        )
        self.assertEqual(result.startup_paydown, min(net, balance))
        self.assertEqual(result.reserve + result.pool, net - result.startup_paydown)
        if result.pool:
            self.assertEqual(result.startup_paydown, balance)
        self.assertGreaterEqual(result.pool, 0)

    @many
    @given(
        st.lists(st.integers(min_value=-(10**6), max_value=10**6), min_size=1, max_size=20),
        st.data(),
    )
    def test_net_deficits_never_beyond_a_tranche(self, remainders, data):
        deficits = list(enumerate(remainders))
        whole = sum(-r for r in remainders if r < 0)
        offset = data.draw(st.integers(min_value=0, max_value=whole))
        netted = patronage.net_deficits(deficits, offset)
        self.assertEqual(sum(netted.values()), offset)
        for key, cents in netted.items():
            self.assertGreater(cents, 0)
            self.assertLessEqual(cents, -remainders[key])
        # Oldest first: a tranche is netted only when all older deficits are cleared.
        keys = sorted(netted)
        for key in keys[:-1]:
            self.assertEqual(netted[key], -remainders[key])
