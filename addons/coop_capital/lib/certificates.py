"""Share certificates and the share register on a date, from the register's
append-only operations (plain Python, no ORM).

An operation is a :class:`Move`: ``quantity`` shares of ``share_class`` (and
their amount in cents) given to ``to`` and/or taken from ``frm`` (member
keys; one of them may be None). Every operation that gives shares to a
member carries a certificate for them.
"""

from collections import namedtuple

Move = namedtuple(
    "Move",
    "key date frm to share_class quantity cents corrects",
    defaults=(None,),
)
Move.__doc__ = """One register operation. ``key`` orders operations of the
same date (the record id); ``corrects`` is the key of the operation a
correction cancels, if any."""

Status = namedtuple("Status", "remaining cancelled_by")
Status.__doc__ = """What is left of a certificate: the shares it still stands
for, and the key of the operation that took its last share (None while any
remain)."""


def _ordered(moves):
    return sorted(moves, key=lambda m: (m.date, m.key))


def certificate_status(moves):
    """``{key: Status}`` for the certificate of every operation that gives
    shares to a member.

    A member's shares of a class leave (transfer, redemption, correction) from
    their certificates oldest first; a correction of the operation that issued
    a certificate takes that certificate's shares first. A certificate none of
    whose shares remain is cancelled by the operation that took the last one.
    """
    remaining = {}
    cancelled_by = {}
    # Open certificates per (member, class), oldest first.
    open_certs = {}
    for move in _ordered(moves):
        if move.frm is not None:
            left = move.quantity
            pool = open_certs.get((move.frm, move.share_class), [])
            if move.corrects in remaining and move.corrects in pool:
                pool.remove(move.corrects)
                pool.insert(0, move.corrects)
            while left and pool:
                cert = pool[0]
                taken = min(left, remaining[cert])
                remaining[cert] -= taken
                left -= taken
                if not remaining[cert]:
                    cancelled_by[cert] = move.key
                    pool.pop(0)
        if move.to is not None:
            remaining[move.key] = move.quantity
            open_certs.setdefault((move.to, move.share_class), []).append(move.key)
    return {key: Status(left, cancelled_by.get(key)) for key, left in remaining.items()}


def holdings_on(moves, day):
    """The register on ``day``: ``{(member, class): (shares, cents)}`` from
    the operations dated up to and including ``day``; members and classes
    whose shares all left are omitted."""
    held = {}
    for move in moves:
        if move.date > day:
            continue
        for member, sign in ((move.to, 1), (move.frm, -1)):
            if member is None:
                continue
            shares, cents = held.get((member, move.share_class), (0, 0))
            held[(member, move.share_class)] = (
                shares + sign * move.quantity,
                cents + sign * move.cents,
            )
    return {key: value for key, value in held.items() if value != (0, 0)}


def register_totals(holdings):
    """Totals of :func:`holdings_on`: ``({member: (shares, cents)},
    {class: (shares, cents)})``."""
    per_member = {}
    per_class = {}
    for (member, share_class), (shares, cents) in holdings.items():
        for totals, key in ((per_member, member), (per_class, share_class)):
            old_shares, old_cents = totals.get(key, (0, 0))
            totals[key] = (old_shares + shares, old_cents + cents)
    return per_member, per_class
