"""Pure capital calculations: schedules, allocation, paid-up, solvency, pay."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..lib import capital

D = datetime.date
dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2060, 12, 31))
cents = st.integers(min_value=1, max_value=10**9)
pure = settings(database=None, deadline=None, max_examples=300)


@tagged("post_install", "-at_install", "coop_pure")
class TestCapitalPure(BaseCase):
    def test_cents(self):
        self.assertEqual(capital.to_cents(1000), 100000)
        self.assertEqual(capital.to_cents("0.005"), 1)  # half up
        self.assertEqual(capital.to_cents(333.33), 33333)
        self.assertEqual(capital.from_cents(12345), 123.45)

    def test_installments_sum_to_the_cent(self):
        schedule = capital.installment_schedule(100000, 3, D(2026, 1, 31))
        self.assertEqual(
            schedule, [(D(2026, 1, 31), 33334), (D(2026, 2, 28), 33333), (D(2026, 3, 31), 33333)]
        )

    @pure
    @given(cents, st.integers(1, 60), dates, st.integers(1, 12))
    def test_schedule_property(self, total, count, first, interval):
        count = min(count, total)  # never more installments than cents
        schedule = capital.installment_schedule(total, count, first, interval)
        amounts = [a for _d, a in schedule]
        self.assertEqual(sum(amounts), total)
        self.assertLessEqual(max(amounts) - min(amounts), 1)
        self.assertEqual([d for d, _a in schedule], sorted(d for d, _a in schedule))
        self.assertIsNone(capital.schedule_error(total, amounts))

    def test_payroll_schedule(self):
        schedule = capital.payroll_schedule(100000, 30000, D(2026, 1, 15), 14)
        self.assertEqual([a for _d, a in schedule], [30000, 30000, 30000, 10000])
        self.assertEqual(schedule[-1][0], D(2026, 2, 26))
        monthly = capital.payroll_schedule(10000, 5000, D(2026, 1, 31), 0)
        self.assertEqual([d for d, _a in monthly], [D(2026, 1, 31), D(2026, 2, 28)])
        with self.assertRaises(ValueError):
            capital.payroll_schedule(10000, 0, D(2026, 1, 1), 0)

    def test_schedule_errors(self):
        self.assertEqual(
            capital.schedule_error(100000, [50000, 40000]),
            {
                "code": "sum_mismatch",
                "sum_cents": 90000,
                "total_cents": 100000,
                "difference_cents": -10000,
            },
        )
        self.assertEqual(capital.schedule_error(100000, [110000, -10000]), {"code": "not_positive"})
        with self.assertRaises(ValueError):
            capital.split_evenly(100, 0)
        with self.assertRaises(ValueError):
            capital.split_evenly(0, 2)
        with self.assertRaises(ValueError):
            capital.split_evenly(2, 3)

    def test_paid_up_and_overdue(self):
        schedule = [(D(2026, 1, 1), 25000), (D(2026, 2, 1), 25000), (D(2026, 3, 1), 50000)]
        self.assertTrue(capital.is_paid_up(schedule, 25000, D(2026, 1, 15)))
        self.assertFalse(capital.is_paid_up(schedule, 25000, D(2026, 2, 1)))
        self.assertEqual(capital.overdue_cents(schedule, 25000, D(2026, 2, 1)), 25000)
        self.assertEqual(capital.next_due(schedule, 30000), (D(2026, 2, 1), 20000))
        self.assertIsNone(capital.next_due(schedule, 100000))
        self.assertTrue(capital.is_paid_up(schedule, 100000, D(2025, 1, 1)))
        self.assertEqual(capital.allocate(schedule, 60000), [25000, 25000, 10000])

    @pure
    @given(
        st.lists(st.tuples(dates, cents), min_size=1, max_size=12), st.integers(0, 10**10), dates
    )
    def test_allocation_property(self, schedule, paid, day):
        schedule = sorted(schedule)
        allocation = capital.allocate(schedule, paid)
        total = sum(a for _d, a in schedule)
        self.assertEqual(sum(allocation), min(paid, total))
        self.assertTrue(all(0 <= p <= a for p, (_d, a) in zip(allocation, schedule, strict=True)))
        # Oldest first: an installment is touched only when the earlier ones are paid.
        for index, part in enumerate(allocation):
            if part:
                self.assertTrue(all(allocation[i] == schedule[i][1] for i in range(index)))
        # Paid up (installments current): what fell due by ``day`` is paid.
        due = sum(a for d, a in schedule if d <= day)
        self.assertEqual(capital.overdue_cents(schedule, paid, day), max(0, due - paid))
        self.assertEqual(capital.is_paid_up(schedule, paid, day), paid >= due)
        # Paying more never makes a member less paid up.
        if capital.is_paid_up(schedule, paid, day):
            self.assertTrue(capital.is_paid_up(schedule, paid + 1, day))

    def test_solvency(self):
        # Assets 1,000; other debts 5,000; member claims 750: any payout fails by
        # the whole gap.
        self.assertEqual(capital.solvency_shortfall(100000, 575000, 75000, 75000), 475000)
        self.assertEqual(capital.solvency_shortfall(1000000, 575000, 75000, 75000), 0)
        self.assertEqual(capital.solvency_shortfall(575000, 575000, 75000, 75000), 0)

    @pure
    @given(
        st.integers(0, 10**9), st.integers(0, 10**9), st.integers(0, 10**9), st.integers(0, 10**9)
    )
    def test_solvency_property(self, assets, liabilities, claims, payout):
        claims = min(claims, liabilities)
        short = capital.solvency_shortfall(assets, liabilities, claims, payout)
        self.assertGreaterEqual(short, 0)
        self.assertEqual(short == 0, assets - payout >= liabilities - claims)
        # A larger payout never leaves the co-op better off.
        self.assertGreaterEqual(
            capital.solvency_shortfall(assets, liabilities, claims, payout + 1), short
        )

    def test_pay(self):
        self.assertAlmostEqual(capital.hourly_rate(5200, 40), 30.0)
        self.assertAlmostEqual(capital.pay_ratio([30.0, 60.0, 45.0]), 2.0)
        self.assertEqual(capital.pay_ratio([30.0]), 1.0)
        with self.assertRaises(ValueError):
            capital.hourly_rate(5000, 0)
        with self.assertRaises(ValueError):
            capital.pay_ratio([0.0, 10.0])

    @pure
    @given(
        st.lists(st.floats(min_value=1, max_value=1000, allow_nan=False), min_size=2, max_size=50)
    )
    def test_pay_ratio_property(self, rates):
        ratio = capital.pay_ratio(rates)
        self.assertGreaterEqual(ratio, 1.0)
        # The order of the workers and the currency unit do not matter.
        self.assertAlmostEqual(capital.pay_ratio(list(reversed(rates))), ratio)
        self.assertAlmostEqual(capital.pay_ratio([r * 3 for r in rates]), ratio)
        # A worker paid between the lowest and the highest changes nothing;
        # equal pay is a ratio of one.
        self.assertAlmostEqual(capital.pay_ratio([*rates, min(rates)]), ratio)
        self.assertAlmostEqual(capital.pay_ratio([rates[0]] * len(rates)), 1.0)
        # Every worker's rate is within the ratio of every other's.
        self.assertTrue(all(a <= b * ratio * (1 + 1e-9) for a in rates for b in rates))

    def test_redemption_schedule(self):
        self.assertEqual(
            capital.redemption_schedule(90000, 0, 1, D(2026, 3, 31)), [(D(2026, 3, 31), 90000)]
        )
        self.assertEqual(
            capital.redemption_schedule(90000, 3, 3, D(2026, 3, 31)),
            [(D(2027, 3, 31), 30000), (D(2028, 3, 31), 30000), (D(2029, 3, 31), 30000)],
        )
        self.assertEqual(
            capital.redemption_schedule(100001, 5, 2, D(2026, 1, 1)),
            [(D(2028, 7, 1), 50001), (D(2031, 1, 1), 50000)],
        )
        self.assertEqual(capital.redemption_schedule(0, 5, 2, D(2026, 1, 1)), [])

    @pure
    @given(cents, st.integers(0, 10), st.integers(1, 10), dates)
    def test_redemption_property(self, total, years, installments, start):
        schedule = capital.redemption_schedule(total, years, installments, start)
        self.assertEqual(sum(a for _d, a in schedule), total)
        self.assertLessEqual(schedule[-1][0], capital.add_months(start, 12 * years))
        self.assertTrue(all(d >= start for d, _a in schedule))

    def test_balance_differences(self):
        register = {"ana": 60000, "ben": 30000, "cy": 0}
        ledger = {"ana": 65000, "ben": 30000, "dee": 1200}
        self.assertEqual(
            capital.balance_differences(register, ledger),
            [("ana", 60000, 65000, 5000), ("dee", 0, 1200, 1200)],
        )
        self.assertEqual(capital.balance_differences(register, dict(register)), [])
        self.assertEqual(capital.balance_differences({}, {}), [])

    @pure
    @given(
        st.dictionaries(st.integers(0, 20), st.integers(-(10**9), 10**9)),
        st.dictionaries(st.integers(0, 20), st.integers(-(10**9), 10**9)),
    )
    def test_balance_differences_property(self, register, ledger):
        rows = capital.balance_differences(register, ledger)
        differing = {
            k for k in set(register) | set(ledger) if register.get(k, 0) != ledger.get(k, 0)
        }
        # Exactly the members whose two amounts differ, each once.
        self.assertEqual([key for key, *_rest in rows], sorted(differing, key=repr))
        # The rows explain the whole difference between the two totals.
        self.assertEqual(
            sum(diff for *_rest, diff in rows), sum(ledger.values()) - sum(register.values())
        )
        # Seen from the other side, the same rows with the sign turned.
        swapped = capital.balance_differences(ledger, register)
        self.assertEqual([(k, led, reg, -d) for k, reg, led, d in rows], swapped)
