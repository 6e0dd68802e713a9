"""Pure comparison of recorded payroll deductions with payroll's credits."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..lib import capital, payroll

pure = settings(database=None, deadline=None, max_examples=300)
periods = st.sampled_from(["2026-01", "2026-02", "2026-03"])
members = st.integers(1, 4)
amounts = st.integers(-(10**6), 10**7)
by_member = st.dictionaries(st.tuples(periods, members), amounts, max_size=8)
by_anyone = st.dictionaries(st.tuples(periods, st.one_of(st.none(), members)), amounts, max_size=8)


def _nonzero(amounts):
    return {key: value for key, value in amounts.items() if value}


def _per_period(amounts):
    totals = {}
    for (period, _member), value in amounts.items():
        totals[period] = totals.get(period, 0) + value
    return _nonzero(totals)


@tagged("post_install", "-at_install", "coop_pure")
class TestPayrollCheckPure(BaseCase):
    def test_period_key_is_the_month(self):
        self.assertEqual(capital.pay_period_key(datetime.date(2026, 3, 31)), "2026-03")

    def test_no_payroll_entry_flags_every_deduction(self):
        rows = capital.payroll_deduction_rows({("2026-01", 1): 5000, ("2026-01", 2): 2500}, {})
        self.assertEqual(
            [(r["member"], r["deducted"], r["credited"], r["difference"]) for r in rows],
            [(1, 5000, 0, 5000), (2, 2500, 0, 2500)],
        )

    def test_short_credit_is_the_members_shortfall(self):
        rows = capital.payroll_deduction_rows(
            {("2026-01", 1): 5000, ("2026-01", 2): 2500, ("2026-02", 1): 5000},
            {("2026-01", 1): 5000, ("2026-01", 2): 2000, ("2026-02", 1): 5000},
        )
        self.assertEqual(
            [(r["period"], r["member"], r["difference"]) for r in rows],
            [("2026-01", 1, 0), ("2026-01", 2, 500), ("2026-02", 1, 0)],
        )

    def test_credit_naming_nobody_compares_its_period_as_a_whole(self):
        rows = capital.payroll_deduction_rows(
            {("2026-01", 1): 5000, ("2026-01", 2): 2500, ("2026-02", 1): 5000},
            {("2026-01", None): 7500, ("2026-02", 1): 4000, ("2026-03", 3): 100},
        )
        self.assertEqual(
            [
                (r["period"], r["member"], r["deducted"], r["credited"], r["difference"])
                for r in rows
            ],
            [
                ("2026-01", None, 7500, 7500, 0),
                ("2026-02", 1, 5000, 4000, 1000),
                ("2026-03", 3, 0, 100, -100),
            ],
        )

    def test_reversed_deduction_leaves_no_row(self):
        self.assertEqual(capital.payroll_deduction_rows({("2026-01", 1): 0}, {}), [])

    @pure
    @given(by_member, by_member)
    def test_no_difference_iff_equal_per_member(self, deducted, credited):
        rows = capital.payroll_deduction_rows(deducted, credited)
        self.assertEqual(
            all(r["difference"] == 0 for r in rows), _nonzero(deducted) == _nonzero(credited)
        )

    @pure
    @given(by_anyone, by_anyone)
    def test_sums_are_kept_per_period(self, deducted, credited):
        rows = capital.payroll_deduction_rows(deducted, credited)
        for side, given_amounts in (("deducted", deducted), ("credited", credited)):
            kept = {}
            for r in rows:
                kept[r["period"]] = kept.get(r["period"], 0) + r[side]
            self.assertEqual(_nonzero(kept), _per_period(given_amounts))
        for r in rows:
            self.assertEqual(r["difference"], r["deducted"] - r["credited"])
            self.assertTrue(r["deducted"] or r["credited"])
        self.assertEqual(len({(r["period"], r["member"]) for r in rows}), len(rows))

    @pure
    @given(by_anyone, by_anyone)
    def test_symmetric(self, deducted, credited):
        rows = capital.payroll_deduction_rows(deducted, credited)
        swapped = capital.payroll_deduction_rows(credited, deducted)
        self.assertEqual(
            [
                (r["period"], r["member"], r["credited"], r["deducted"], -r["difference"])
                for r in rows
            ],
            [
                (r["period"], r["member"], r["deducted"], r["credited"], r["difference"])
                for r in swapped
            ],
        )

    @pure
    @given(by_anyone, by_anyone, st.randoms(use_true_random=False))
    def test_periods_do_not_mix_and_order_does_not_matter(self, deducted, credited, rnd):
        rows = capital.payroll_deduction_rows(deducted, credited)
        items = list(credited.items())
        rnd.shuffle(items)
        self.assertEqual(capital.payroll_deduction_rows(deducted, dict(items)), rows)
        for period in {p for p, _m in (*deducted, *credited)}:
            alone = capital.payroll_deduction_rows(
                {k: v for k, v in deducted.items() if k[0] == period},
                {k: v for k, v in credited.items() if k[0] == period},
            )
            self.assertEqual(alone, [r for r in rows if r["period"] == period])
            whole = any(m is None for p, m in (*deducted, *credited) if p == period)
            if whole:
                self.assertLessEqual(len(alone), 1)
                self.assertTrue(all(r["member"] is None for r in alone))


@tagged("post_install", "-at_install", "coop_pure")
class TestPayrollFilePure(BaseCase):
    def test_rows_with_header_and_repeats(self):
        text = 'Employee ID,Share deduction\nM-0001,400.00\n\nM-0002,"$1,250.5"\nM-0001,0.01\n'
        self.assertEqual(payroll.parse_deductions_csv(text), {"M-0001": 40001, "M-0002": 125050})

    def test_bad_rows_are_named(self):
        for text, message in (
            ("M-1,400\nM-2,lots\n", "Row 2"),
            ("M-1,400\nM-2\n", "Row 2 needs"),
            ("M-1,-5\n", "more than zero"),
            ("M-1,NaN\n", "more than zero"),
            ("id,amount\n", "no deductions"),
        ):
            with self.assertRaisesRegex(ValueError, message):
                payroll.parse_deductions_csv(text)

    @pure
    @given(
        st.lists(
            st.tuples(st.sampled_from(["M-1", "M-2", "E 7"]), st.integers(1, 10**8)), min_size=1
        )
    )
    def test_file_total_is_the_sum_of_its_rows(self, rows):
        text = "id,amount\n" + "".join(
            f"{who},{cents // 100}.{cents % 100:02d}\n" for who, cents in rows
        )
        parsed = payroll.parse_deductions_csv(text)
        self.assertEqual(sum(parsed.values()), sum(cents for _who, cents in rows))
        self.assertEqual(set(parsed), {who for who, _cents in rows})
