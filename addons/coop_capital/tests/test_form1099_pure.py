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
            # Its reversal debits 2300 and 3210, credits nothing to 3200.
            LedgerItem("ann", CASH, 50_000, year_end, reversal=True, allocation_entry=True),
            LedgerItem("ann", QUALIFIED, 70_000, year_end, reversal=True, allocation_entry=True),
            LedgerItem("ann", NONQUALIFIED_REDEEMED, 9_000, year_end, allocation_entry=True),
            LedgerItem("ann", NONQUALIFIED_REDEEMED, 8_000, year_end, reversal=True),
            # A qualified credit outside an allocation entry (e.g. interest).
            LedgerItem("ann", QUALIFIED, 7_000, year_end),
        ]
        self.assertEqual(form1099.patr_rows(items, 2026), [])
        # A cash payment reversed takes its cash back.
        paid = [
            LedgerItem("bob", CASH, 5_000, D(2026, 3, 1)),
            LedgerItem("bob", CASH, -5_000, D(2026, 3, 2), reversal=True),
        ]
        self.assertEqual(form1099.patr_rows(paid, 2026), [])

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
            ),
            max_size=40,
        )
    )
    def test_rows_add_up_to_what_counts(self, raw):
        items = [
            LedgerItem(p, kind, cents, D(year, 6, 1), reversal=rev, allocation_entry=alloc)
            for p, kind, cents, year, rev, alloc in raw
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
