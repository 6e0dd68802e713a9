"""Revolving redemption of retained patronage, and interest on members'
internal capital accounts (shared/domain/capital.md, rules 8 and 10, "More
rules the allocation must follow"; Conn. Gen. Stat. §33-418m(c)).

Money is in integer cents; rates are exact numbers (``Fraction``,
``Decimal`` or ``int``), never floats. Nothing here reads the database.
"""

import dataclasses
from decimal import Decimal
from fractions import Fraction

from .patronage import round_half_away


@dataclasses.dataclass(frozen=True)
class Tranche:
    """What the proposal needs of one open tranche: ``key`` identifies it
    (e.g. its id), ``member`` its member (any hashable), ``order`` sorts the
    tranches oldest first (e.g. ``(planned revolving date, year, id)``),
    ``remaining`` the cents still retained (negative for a loss), ``due``
    whether its planned revolving date has passed."""

    key: object
    member: object
    order: tuple
    remaining: int
    due: bool


@dataclasses.dataclass(frozen=True)
class Proposal:
    """``lines``: ``[(tranche key, member, cents)]``, oldest first;
    ``skipped``: ``{member: balance cents}`` of the members with a due
    tranche who are not revolved because their balance is negative;
    ``capped``: ``{member: balance cents}`` of those revolved only up to
    their balance (a younger loss tranche nets against an older surplus);
    ``total``: the cents proposed."""

    lines: list
    skipped: dict
    capped: dict
    total: int


def propose(tranches, budget=None):
    """The tranches to revolve now, the oldest first (capital.md rule 10).

    * Only due tranches with something left (``remaining > 0``) are taken.
    * A member whose balance (the sum of the remaining cents of all their
      open tranches, due or not, losses included) is negative is not
      revolved at all (capital.md rule 8); a member is never paid more than
      that balance, so a younger loss tranche nets against older surpluses:
      the tranche that reaches the balance is redeemed partly, younger ones
      not at all.
    * ``budget`` (cents, None: no limit) is never exceeded. Oldest first
      across all members: the tranche at which the budget runs out is
      redeemed partly (the rest stays retained with its planned date), and
      no younger tranche is taken even if it would fit, so that a younger
      year never jumps ahead of an older one.

    Tranches with equal ``order`` keep the order given by their ``order``
    tuple alone, so callers end it with a unique key (the tranche id).
    """
    if budget is not None and budget < 0:
        raise ValueError("The budget cannot be negative.")
    tranches = list(tranches)
    balance = {}
    for tranche in tranches:
        balance[tranche.member] = balance.get(tranche.member, 0) + tranche.remaining
    candidates = sorted((t for t in tranches if t.due and t.remaining > 0), key=lambda t: t.order)
    left_per_member = {member: max(0, cents) for member, cents in balance.items()}
    skipped = {t.member: balance[t.member] for t in candidates if balance[t.member] < 0}
    capped = {}
    lines, total = [], 0
    for tranche in candidates:
        member = tranche.member
        if member in skipped:
            continue
        amount = min(tranche.remaining, left_per_member[member])
        if amount < tranche.remaining:
            capped[member] = balance[member]
        if budget is not None:
            amount = min(amount, budget - total)
        if amount > 0:
            lines.append((tranche.key, member, amount))
            total += amount
            left_per_member[member] -= amount
        if budget is not None and total >= budget:
            break
    return Proposal(lines=lines, skipped=skipped, capped=capped, total=total)


def as_rate(percent):
    """A yearly rate given in percent (a float of a form, e.g. 2.5) as the
    exact fraction it shows (0.025), to six decimals."""
    if isinstance(percent, float):
        percent = Decimal(str(round(percent, 6)))
    return Fraction(percent) / 100


def interest(balances, rate):
    """Interest of one year on members' internal capital accounts, in cents.

    ``balances``: ``{(member, kind): cents}`` retained at the year end, by
    kind (qualified or not; a negative balance is a loss charged to the
    member); ``rate``: the yearly rate as an exact fraction (0.03 for 3%).

    A member whose total balance is zero or negative earns nothing (no
    interest is ever charged). A negative kind nets against the member's
    positive kinds first, in the order of the kinds (``sorted`` by
    ``repr``), so interest is paid on the net balance only. Each member and
    kind is rounded on its own to the cent, halves away from zero
    (:func:`patronage.round_half_away`): the result is within half a cent
    of the exact interest for each entry.

    Returns ``{(member, kind): cents}`` for the entries with interest > 0.
    """
    rate = Fraction(rate)
    if rate < 0:
        raise ValueError("The interest rate cannot be negative.")
    by_member = {}
    for (member, kind), cents in balances.items():
        kinds = by_member.setdefault(member, {})
        kinds[kind] = kinds.get(kind, 0) + int(cents)
    result = {}
    for member, kinds in by_member.items():
        if sum(kinds.values()) <= 0 or not rate:
            continue
        deficit = -sum(cents for cents in kinds.values() if cents < 0)
        for kind in sorted(kinds, key=repr):
            base = kinds[kind]
            if base <= 0:
                continue
            taken = min(base, deficit)
            base -= taken
            deficit -= taken
            cents = round_half_away(base * rate)
            if cents > 0:
                result[member, kind] = cents
    return result
