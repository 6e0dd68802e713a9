"""Form 1099-PATR, the pure part: hand cases from the rules of
shared/domain/capital.md ("Form 1099-PATR") and properties over many ledgers."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..lib import form1099
from ..lib.form1099 import CASH, NONQUALIFIED_REDEEMED, QUALIFIED, LedgerItem

D = datetime.date


@tagged("post_install", "-at_install", "coop_pure")
class TestForm1099Pure(BaseCase):
    def test_boxes_per_recipient(self):
        items = [
            LedgerItem("ann", QUALIFIED, 2_240_000, D(2025, 12, 31), allocation_entry=True),
            LedgerItem("ann", CASH, 560_000, D(2026, 3, 15)),
            LedgerItem("bob", NONQUALIFIED_REDEEMED, 100_000, D(2026, 6, 30)),
            LedgerItem("bob", CASH, 196_000, D(2026, 3, 15)),
        ]
        rows_2025 = form1099.patr_rows(items, 2025)
        self.assertEqual(
            [(r.partner, r.box1, r.box4, r.box5) for r in rows_2025], [("ann", 2_240_000, 0, 0)]
        )
        rows_2026 = form1099.patr_rows(items, 2026, withholding={"bob": 2_400})
        self.assertEqual(
            [(r.partner, r.box1, r.box4, r.box5) for r in rows_2026],
            [("ann", 560_000, 0, 0), ("bob", 196_000, 2_400, 100_000)],
        )

    def test_allocation_entries_and_reversals(self):
        year_end = D(2026, 12, 31)
        items = [
            # The allocation entry credits 2300: not paid yet.
            LedgerItem("ann", CASH, -50_000, year_end, allocation_entry=True),
            # Its reversal debits 2300 and 3210.
            LedgerItem("ann", CASH, 50_000, year_end, reversal=True, allocation_entry=True),
            LedgerItem("ann", NONQUALIFIED_REDEEMED, 9_000, year_end, allocation_entry=True),
            LedgerItem("ann", NONQUALIFIED_REDEEMED, 8_000, year_end, reversal=True),
            # A qualified notice not issued yet counts in no year.
            LedgerItem("ann", QUALIFIED, 7_000, None, allocation_entry=True),
        ]
        self.assertEqual(form1099.patr_rows(items, 2026), [])
        self.assertEqual(form1099.patr_rows(items, 2027), [])
        # A cash payment reversed takes its cash back.
        paid = [
            LedgerItem("bob", CASH, 5_000, D(2026, 3, 1)),
            LedgerItem("bob", CASH, -5_000, D(2026, 3, 2), reversal=True),
        ]
        self.assertEqual(form1099.patr_rows(paid, 2026), [])

    def test_qualified_notice_counts_in_the_year_it_is_issued(self):
        # capital.md: the calendar year in which the notice or cash is issued.
        # The 2025 allocation posted on 31 December 2025, its notice issued in
        # February 2026 and its cash paid in March 2026: all of box 1 in 2026.
        items = [
            *form1099.notice_items("ann", [(2_240_000, D(2026, 2, 10))]),
            LedgerItem("ann", CASH, -560_000, D(2025, 12, 31), allocation_entry=True),
            LedgerItem("ann", CASH, 560_000, D(2026, 3, 15)),
        ]
        self.assertEqual(form1099.patr_rows(items, 2025), [])
        self.assertEqual(
            [(r.partner, r.cash, r.qualified, r.box1) for r in form1099.patr_rows(items, 2026)],
            [("ann", 560_000, 2_240_000, 2_800_000)],
        )

    def test_corrected_notices_count_what_they_change(self):
        issued = [(100_000, D(2026, 2, 1)), (120_000, D(2026, 9, 1)), (90_000, D(2027, 2, 1))]
        self.assertEqual(
            [(i.cents, i.date) for i in form1099.notice_items("ann", issued)],
            [(100_000, D(2026, 2, 1)), (20_000, D(2026, 9, 1)), (-30_000, D(2027, 2, 1))],
        )
        # Over the years, the last notice issued is counted once.
        total = sum(i.cents for i in form1099.notice_items("ann", issued))
        self.assertEqual(total, 90_000)
        # A notice corrected before it was issued counts nothing; one never
        # issued counts nothing; a non-qualified correction takes it back.
        self.assertEqual(
            [
                (i.cents, i.date)
                for i in form1099.notice_items("ann", [(100_000, None), (80_000, D(2026, 3, 1))])
            ],
            [(80_000, D(2026, 3, 1))],
        )
        self.assertEqual(form1099.notice_items("ann", [(100_000, None)]), [])
        self.assertEqual(
            [
                i.cents
                for i in form1099.notice_items("ann", [(5_000, D(2026, 1, 5)), (0, D(2026, 4, 5))])
            ],
            [5_000, -5_000],
        )

    def test_nonqualified_redemption_counts_once_when_paid(self):
        items = [
            # An exit moves 3210 to 2310 in 2026: not a redemption yet.
            LedgerItem("dee", NONQUALIFIED_REDEEMED, 784_000, D(2026, 6, 30), to_payable=True),
            # The payouts carry it, paid in 2026 and 2027.
            LedgerItem("dee", NONQUALIFIED_REDEEMED, 392_000, D(2026, 9, 30)),
            LedgerItem("dee", NONQUALIFIED_REDEEMED, 392_000, D(2027, 3, 31)),
        ]
        boxes = {
            year: [(r.partner, r.box5) for r in form1099.patr_rows(items, year)]
            for year in (2026, 2027)
        }
        self.assertEqual(boxes, {2026: [("dee", 392_000)], 2027: [("dee", 392_000)]})

    def test_nonqualified_parts_of_payouts(self):
        self.assertEqual(
            form1099.nonqualified_parts([442_000, 442_000], 784_000), [392_000, 392_000]
        )
        self.assertEqual(form1099.nonqualified_parts([1, 1, 1], 2), [1, 1, 0])
        self.assertEqual(form1099.nonqualified_parts([300, 700], 5_000), [300, 700])
        self.assertEqual(form1099.nonqualified_parts([300, 700], 0), [0, 0])
        self.assertEqual(form1099.nonqualified_parts([], 100), [])
        self.assertEqual(form1099.nonqualified_parts([333, 333, 334], 100), [33, 33, 34])

    @settings(max_examples=300)
    @given(
        st.lists(st.integers(min_value=0, max_value=10**7), max_size=12),
        st.integers(min_value=-(10**6), max_value=10**8),
    )
    def test_nonqualified_parts_are_exact_and_proportional(self, amounts, nonqualified):
        parts = form1099.nonqualified_parts(amounts, nonqualified)
        total = sum(amounts)
        self.assertEqual(sum(parts), max(0, min(nonqualified, total)))
        for amount, part in zip(amounts, parts, strict=True):
            self.assertTrue(0 <= part <= amount)
            if total:
                # Within a cent of the exact proportion.
                self.assertLess(abs(part * total - amount * sum(parts)), total)

    def test_ten_dollar_threshold(self):
        items = [
            LedgerItem("under", CASH, 999, D(2026, 1, 5)),
            LedgerItem("at", CASH, 600, D(2026, 1, 5)),
            LedgerItem("at", NONQUALIFIED_REDEEMED, 400, D(2026, 2, 5)),
        ]
        self.assertEqual([r.partner for r in form1099.patr_rows(items, 2026)], ["at"])
        # Anything withheld is reported whatever the amount.
        rows = form1099.patr_rows(items, 2026, withholding={"under": 240})
        self.assertEqual([r.partner for r in rows], ["at", "under"])

    def test_efile_threshold_and_calendar(self):
        self.assertFalse(form1099.efile_required(5, 4))
        self.assertTrue(form1099.efile_required(5, 5))
        self.assertTrue(form1099.efile_required(0, 10))
        self.assertEqual(
            form1099.deadlines(2026),
            {
                "recipients": D(2027, 1, 31),
                "irs_paper": D(2027, 2, 28),
                "irs_electronic": D(2027, 3, 31),
            },
        )

    def test_texts(self):
        self.assertEqual(
            [form1099.cents_text(c) for c in (0, 5, 1000, 123456, -250)],
            ["0.00", "0.05", "10.00", "1234.56", "-2.50"],
        )
        self.assertEqual(form1099.mask_tin("123-45-6789"), "***-**-6789")
        self.assertEqual(form1099.mask_tin(False), "")

    @settings(max_examples=300)
    @given(
        st.lists(
            st.tuples(
                st.sampled_from(["a", "b", "c"]),
                st.sampled_from([CASH, QUALIFIED, NONQUALIFIED_REDEEMED]),
                st.integers(min_value=0, max_value=10**6),
                st.sampled_from([2025, 2026]),
                st.booleans(),
                st.booleans(),
                st.booleans(),
            ),
            max_size=40,
        )
    )
    def test_rows_add_up_to_what_counts(self, raw):
        items = [
            LedgerItem(
                p, kind, cents, D(year, 6, 1), reversal=rev, allocation_entry=alloc, to_payable=pay
            )
            for p, kind, cents, year, rev, alloc, pay in raw
        ]
        rows = form1099.patr_rows(items, 2026)
        for row in rows:
            counted = [i for i in items if i.partner == row.partner and form1099.counts(i, 2026)]
            self.assertEqual(row.box1 + row.box5, sum(i.cents for i in counted))
            self.assertGreaterEqual(row.box1 + row.box5, form1099.THRESHOLD_CENTS)
        self.assertEqual([r.partner for r in rows], sorted(r.partner for r in rows))
        # Order of the ledger does not matter.
        again = form1099.patr_rows(list(reversed(items)), 2026)
        self.assertEqual(
            [(r.partner, r.box1, r.box5) for r in again],
            [(r.partner, r.box1, r.box5) for r in rows],
        )
