"""Share certificates and the register on a date, from the append-only
operations (lib.certificates): hand cases and properties."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..lib.certificates import Move, Status, certificate_status, holdings_on, register_totals

D = datetime.date
pure = settings(database=None, deadline=None, max_examples=300)

# Steps of a register: (kind, member, other member, class, shares, day offset).
steps = st.lists(
    st.tuples(
        st.sampled_from(["issue", "transfer", "redemption", "correction"]),
        st.integers(0, 3),
        st.integers(0, 3),
        st.integers(0, 1),
        st.integers(1, 9),
        st.integers(0, 3),
    ),
    max_size=40,
)


def replay(raw):
    """A valid register from random steps: shares leave only a member who
    holds them, a transfer goes to another member, a correction gives back
    the shares of an earlier issue or transfer that its receiver still holds;
    dates never go back."""
    moves = []
    held = {}
    day = D(2025, 1, 1)
    for key, (kind, member, other, share_class, quantity, offset) in enumerate(raw, start=1):
        day += datetime.timedelta(days=offset)
        have = held.get((member, share_class), 0)
        if kind == "issue":
            move = Move(key, day, None, member, share_class, quantity, quantity * 100)
        elif kind == "correction":
            earlier = [m for m in moves if m.to is not None and m.corrects is None]
            if not earlier:
                continue
            target = earlier[quantity % len(earlier)]
            if held.get((target.to, target.share_class), 0) < target.quantity:
                continue
            move = Move(
                key,
                day,
                target.to,
                target.frm,
                target.share_class,
                target.quantity,
                target.cents,
                target.key,
            )
        else:
            moved = min(quantity, have)
            if not moved or (kind == "transfer" and other == member):
                continue
            to = other if kind == "transfer" else None
            move = Move(key, day, member, to, share_class, moved, moved * 100)
        for who, sign in ((move.to, 1), (move.frm, -1)):
            if who is not None:
                held[(who, move.share_class)] = held.get((who, move.share_class), 0) + sign * (
                    move.quantity
                )
        moves.append(move)
    return moves


@tagged("post_install", "-at_install", "coop_pure")
class TestCertificatesPure(BaseCase):
    def test_shares_leave_the_oldest_certificate_first(self):
        moves = [
            Move(1, D(2025, 1, 1), None, "ann", "inv", 5, 500),
            Move(2, D(2025, 2, 1), None, "ann", "inv", 3, 300),
            Move(3, D(2025, 3, 1), "ann", "bob", "inv", 6, 600),
        ]
        self.assertEqual(
            certificate_status(moves),
            {1: Status(0, 3), 2: Status(2, None), 3: Status(6, None)},
        )

    def test_a_correction_cancels_the_certificate_it_corrects(self):
        moves = [
            Move(1, D(2025, 1, 1), None, "ann", "inv", 5, 500),
            Move(2, D(2025, 2, 1), None, "ann", "inv", 3, 300),
            Move(3, D(2025, 3, 1), "ann", None, "inv", 3, 300, 2),
        ]
        status = certificate_status(moves)
        self.assertEqual(status[1], Status(5, None))
        self.assertEqual(status[2], Status(0, 3))

    def test_same_day_operations_in_the_order_recorded(self):
        day = D(2025, 5, 5)
        moves = [
            Move(2, day, "ann", None, "m", 1, 100000),
            Move(1, day, None, "ann", "m", 1, 100000),
        ]
        self.assertEqual(certificate_status(moves), {1: Status(0, 2)})
        self.assertEqual(holdings_on(moves, day), {})
        self.assertEqual(holdings_on(moves, day - datetime.timedelta(days=1)), {})

    def test_register_on_a_date(self):
        moves = [
            Move(1, D(2025, 1, 10), None, "ann", "m", 1, 100000),
            Move(2, D(2025, 1, 10), None, "ann", "inv", 4, 40000),
            Move(3, D(2025, 3, 1), None, "bob", "m", 1, 100000),
            Move(4, D(2025, 3, 2), "ann", "bob", "inv", 1, 10000),
        ]
        on_feb = holdings_on(moves, D(2025, 2, 28))
        self.assertEqual(on_feb, {("ann", "m"): (1, 100000), ("ann", "inv"): (4, 40000)})
        self.assertEqual(
            register_totals(on_feb),
            ({"ann": (5, 140000)}, {"m": (1, 100000), "inv": (4, 40000)}),
        )
        on_march = holdings_on(moves, D(2025, 3, 2))
        self.assertEqual(
            register_totals(on_march),
            (
                {"ann": (4, 130000), "bob": (2, 110000)},
                {"m": (2, 200000), "inv": (4, 40000)},
            ),
        )

    @pure
    @given(steps)
    def test_certificates_cover_exactly_the_shares_held(self, raw):
        moves = replay(raw)
        status = certificate_status(moves)
        held = holdings_on(moves, D(2100, 1, 1))
        covered = {}
        for move in moves:
            if move.to is None:
                continue
            remaining, cancelled_by = status[move.key]
            self.assertTrue(0 <= remaining <= move.quantity)
            self.assertEqual(cancelled_by is not None, remaining == 0)
            key = (move.to, move.share_class)
            covered[key] = covered.get(key, 0) + remaining
        self.assertEqual(
            {k: v for k, v in covered.items() if v},
            {k: shares for k, (shares, _cents) in held.items() if shares},
        )

    @pure
    @given(steps, st.integers(0, 200))
    def test_the_register_on_a_day_ignores_later_operations(self, raw, days):
        moves = replay(raw)
        day = D(2025, 1, 1) + datetime.timedelta(days=days)
        earlier = [m for m in moves if m.date <= day]
        self.assertEqual(holdings_on(moves, day), holdings_on(earlier, day))
        # Issues add to the co-op's capital, redemptions take from it,
        # transfers between members leave each class's total as it is.
        expected = {}
        for move in earlier:
            sign = (move.to is not None) - (move.frm is not None)
            shares, cents = expected.get(move.share_class, (0, 0))
            expected[move.share_class] = (shares + sign * move.quantity, cents + sign * move.cents)
        per_member, per_class = register_totals(holdings_on(moves, day))
        self.assertEqual(per_class, {k: v for k, v in expected.items() if v != (0, 0)})
        self.assertEqual(
            sum(s for s, _c in per_member.values()), sum(s for s, _c in per_class.values())
        )
