"""Self-pay and portal rules (lib/selfpay.py) by hand cases and properties."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..lib import selfpay

DT = datetime.datetime
MON = DT(2026, 3, 2, 9, 0)


def charge(session, client, fee=100.0, state="attended", hours=0):
    return selfpay.Charge(session, client, fee, state, MON + datetime.timedelta(hours=hours))


@tagged("post_install", "-at_install", "coop_pure")
class TestSelfPayCases(BaseCase):
    def test_one_group_per_client_in_order_of_start(self):
        charges = [
            charge(2, "b", 60.0, "no_show", hours=2),
            charge(1, "a", hours=1),
            charge(3, "a", 40.0, "late_cancelled"),
        ]
        groups = selfpay.invoice_groups(charges, set())
        self.assertEqual(list(groups), ["a", "b"])
        self.assertEqual([c.session for c in groups["a"]], [3, 1])
        self.assertEqual([c.fee for c in groups["b"]], [60.0])

    def test_not_billed(self):
        charges = [
            charge(1, "a", state="cancelled"),
            charge(2, "a", state="scheduled"),
            charge(3, "a", fee=0.0, state="late_cancelled"),
            charge(4, "a"),
            charge(4, "a"),  # given twice
        ]
        self.assertEqual(selfpay.invoice_groups(charges, {(4, "a")}), {})
        self.assertEqual(len(selfpay.invoice_groups(charges, set())["a"]), 1)

    def test_a_group_session_bills_each_client(self):
        groups = selfpay.invoice_groups([charge(1, "a"), charge(1, "b")], {(1, "a")})
        self.assertEqual(list(groups), ["b"])

    def test_cancel_window(self):
        window = 24
        self.assertTrue(selfpay.client_may_cancel(MON, MON - datetime.timedelta(hours=24), window))
        self.assertFalse(
            selfpay.client_may_cancel(MON, MON - datetime.timedelta(hours=23, minutes=59), window)
        )
        self.assertFalse(selfpay.client_may_cancel(MON, MON + datetime.timedelta(hours=1), 24))

    def test_week_of(self):
        today = datetime.date(2026, 3, 5)  # a Thursday
        self.assertEqual(selfpay.week_of(None, today), datetime.date(2026, 3, 2))
        self.assertEqual(selfpay.week_of("2026-03-15", today), datetime.date(2026, 3, 9))
        self.assertEqual(selfpay.week_of("not a date", today), datetime.date(2026, 3, 2))
        self.assertEqual(selfpay.week_of("2026-02-30", today), datetime.date(2026, 3, 2))


STATES = st.sampled_from(["scheduled", "attended", "cancelled", "late_cancelled", "no_show"])


@tagged("post_install", "-at_install", "coop_pure")
class TestSelfPayProperties(BaseCase):
    @given(
        st.lists(
            st.tuples(
                st.integers(0, 20),
                st.integers(0, 4),
                st.floats(0, 500, allow_nan=False),
                STATES,
                st.integers(0, 100),
            ),
            max_size=60,
        ),
        st.sets(st.tuples(st.integers(0, 20), st.integers(0, 4)), max_size=10),
    )
    def test_each_pair_once_never_invoiced_twice(self, rows, invoiced):
        charges = [charge(s, c, fee, state, hours) for s, c, fee, state, hours in rows]
        groups = selfpay.invoice_groups(charges, invoiced)
        pairs = [(c.session, c.client) for items in groups.values() for c in items]
        self.assertEqual(len(pairs), len(set(pairs)))
        self.assertFalse(set(pairs) & invoiced)
        for client, items in groups.items():
            for item in items:
                self.assertEqual(item.client, client)
                self.assertIn(item.state, selfpay.BILLED_STATES)
                self.assertGreater(item.fee, 0)
        # Everything billable and not invoiced is in some group.
        billable = {
            (c.session, c.client) for c in charges if c.state in selfpay.BILLED_STATES and c.fee > 0
        }
        self.assertEqual(set(pairs), billable - invoiced)

    @given(st.integers(-2000, 2000), st.sampled_from([24, 48, 72]))
    def test_cancel_exactly_outside_the_window(self, minutes, window):
        now = MON - datetime.timedelta(minutes=minutes)
        self.assertEqual(selfpay.client_may_cancel(MON, now, window), minutes >= window * 60)

    @given(st.dates(datetime.date(2000, 1, 1), datetime.date(2100, 1, 1)))
    def test_week_starts_on_the_monday_before(self, day):
        monday = selfpay.week_of(day.isoformat(), datetime.date(2026, 1, 1))
        self.assertEqual(monday.weekday(), 0)
        self.assertTrue(0 <= (day - monday).days <= 6)
