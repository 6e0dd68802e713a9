"""Year-end patronage: the pure calculation (shared/domain/capital.md,
"Year-end patronage allocation" and "More rules the allocation must follow").

Money is in integer cents; measures (hours, wages, blends) are exact numbers
(``int``, ``Fraction`` or ``Decimal``), never floats, so that the same inputs
give the same entries to the cent. Nothing here reads the database: the
models gather the inputs, call :func:`allocate_year` and post what it returns.

Errors are :class:`PatronageError` with a ``code`` and parameters; the models
turn them into sentences in the user's language.
"""

import dataclasses
import math
from decimal import Decimal
from fractions import Fraction

#: IRC §1388(c): at least 20% of a qualified notice is paid in cash.
MIN_CASH_RATE = Fraction(1, 5)

LOSS_POLICIES = ("reserve", "split", "startup")


class PatronageError(ValueError):
    """A bad input, as a code the models translate (``params`` fill it in)."""

    def __init__(self, code, **params):
        self.code = code
        self.params = params
        super().__init__(f"{code}: {params}" if params else code)


def exact(value):
    """``value`` as a Fraction; floats are refused (they are not exact)."""
    if isinstance(value, float):
        raise TypeError("patronage figures are exact numbers, not floats")
    if isinstance(value, Decimal):
        return Fraction(value)
    return Fraction(value)


def round_half_away(value):
    """``value`` (a Fraction of cents) to whole cents, halves away from zero, so
    that a loss is rounded like the surplus of the same size."""
    value = exact(value)
    sign = -1 if value < 0 else 1
    return sign * math.floor(abs(value) + Fraction(1, 2))


def largest_remainder(total_cents, weights):
    """Split ``total_cents`` over ``weights`` ({key: weight >= 0}) in proportion,
    summing exactly to the total: each key gets its quota rounded down, and the
    cents left go one each to the largest remainders; equal remainders are
    broken by the key, smallest first (a stable member key, e.g. the register
    number). A negative total (a loss) is split like its opposite, negated.
    Every share is within one cent of its exact quota."""
    if not weights:
        raise PatronageError("no_patrons")
    weights = {key: exact(weight) for key, weight in weights.items()}
    if any(weight < 0 for weight in weights.values()):
        raise PatronageError("negative_measure")
    whole = sum(weights.values())
    if whole == 0:
        raise PatronageError("no_patronage")
    sign, total = (-1, -total_cents) if total_cents < 0 else (1, total_cents)
    keys = sorted(weights)
    quotas = {key: total * weights[key] / whole for key in keys}
    shares = {key: math.floor(quotas[key]) for key in keys}
    left = total - sum(shares.values())
    by_remainder = sorted(keys, key=lambda key: -(quotas[key] - shares[key]))  # stable: ties by key
    for key in by_remainder[:left]:
        shares[key] += 1
    return {key: sign * shares[key] for key in keys}


def cash_part(allocation_cents, cash_rate=MIN_CASH_RATE):
    """The cash part of a member's allocation: ``cash_rate`` of it rounded *up*
    to the cent, so that the 20% test never fails by rounding. Nothing is paid
    in cash on a loss."""
    cash_rate = exact(cash_rate)
    if not 0 <= cash_rate <= 1:
        raise PatronageError("cash_rate_out_of_range", rate=cash_rate)
    if allocation_cents <= 0:
        return 0
    return math.ceil(allocation_cents * cash_rate)


def blend(hours, wages, hours_weight):
    """Each member's measure ``w·h/H + (1-w)·g/G`` ({key: Fraction}); keys
    missing from one side count zero there. ``w = 1`` is hours alone, ``w = 0``
    wages alone."""
    w = exact(hours_weight)
    if not 0 <= w <= 1:
        raise PatronageError("blend_weight_out_of_range", weight=w)
    hours = {key: exact(value) for key, value in hours.items()}
    wages = {key: exact(value) for key, value in wages.items()}
    if any(value < 0 for value in (*hours.values(), *wages.values())):
        raise PatronageError("negative_measure")
    total_hours, total_wages = sum(hours.values()), sum(wages.values())
    if w and not total_hours:
        raise PatronageError("no_hours")
    if w != 1 and not total_wages:
        raise PatronageError("no_wages")
    measures = {}
    for key in sorted(set(hours) | set(wages)):
        measure = Fraction(0)
        if w:
            measure += w * hours.get(key, 0) / total_hours
        if w != 1:
            measure += (1 - w) * wages.get(key, 0) / total_wages
        measures[key] = measure
    return measures


@dataclasses.dataclass(frozen=True)
class MemberLine:
    key: object
    measure: Fraction
    allocation: int  # cents; negative on a loss shared by members
    cash: int  # paid by the end of the payment period (2300)
    retained: int  # allocation - cash (3200 or 3210); negative on a loss
    qualified: bool
    deficit_offset: int  # part of ``retained`` that pays down an earlier deficit
    tranche: int  # retained - deficit_offset: the new tranche of the year


@dataclasses.dataclass(frozen=True)
class Allocation:
    net_margin: int  # after adjustments, before patronage
    member_margin: int  # the part earned by member labour
    non_member_margin: int  # to the reserve (not patronage)
    startup_paydown: int  # surplus used to pay down the start-up loss account
    startup_charge: int  # loss carried to the start-up loss account
    reserve: int  # to 3300 (negative: charged to the reserve), non-member part included
    pool: int  # to the members (negative: a loss charged to their accounts)
    lines: tuple

    @property
    def cash(self):
        return sum(line.cash for line in self.lines)

    @property
    def retained(self):
        return sum(line.retained for line in self.lines)


def member_margin(net_margin_cents, member_hours, all_hours, member_share=None):
    """The part of the net margin earned by member labour: ``member_share`` (a
    bylaw rate) or, by default, member hours over all hours worked. A worker
    co-op's non-member labour (associates not yet members, contractors) is not
    member patronage (26 CFR 1.1388-1(a)(2))."""
    if member_share is None:
        member_hours, all_hours = exact(member_hours), exact(all_hours)
        if all_hours <= 0 or member_hours < 0 or member_hours > all_hours:
            raise PatronageError("member_hours_out_of_range", member=member_hours, all=all_hours)
        member_share = member_hours / all_hours
    member_share = exact(member_share)
    if not 0 <= member_share <= 1:
        raise PatronageError("member_share_out_of_range", share=member_share)
    return round_half_away(net_margin_cents * member_share)


def allocate_year(
    net_margin_cents,
    measures,
    reserve_rate,
    *,
    member_hours=None,
    all_hours=None,
    member_share=None,
    cash_rate=MIN_CASH_RATE,
    qualified=None,
    loss_policy="reserve",
    reserve_balance_cents=None,
    cap_loss_at_reserve=False,
    startup_balance_cents=0,
    balances=None,
    loss_reserve_rate=None,
):
    """The year's allocation.

    ``net_margin_cents``: the net margin after the accountant's adjustments
    (negative for a loss). ``measures``: {member key: patronage measure} over
    the part of the year each was a member (see :func:`blend`). ``reserve_rate``:
    the collective reserve's share. The member / non-member split comes from
    ``member_share`` or ``member_hours`` / ``all_hours`` (all hours when neither
    is given). ``qualified``: {key: bool} (default all qualified); a qualified
    notice needs ``cash_rate`` >= 20%. ``balances``: {key: cents} of each
    member's retained patronage so far; a deficit is paid down first by the
    retained part of later allocations. ``startup_balance_cents``: what is left
    on the start-up loss account (positive), paid down by a surplus before any
    allocation.

    A loss follows ``loss_policy``: ``reserve`` (all to the reserve), ``split``
    (the reserve takes ``loss_reserve_rate`` of it, by default ``reserve_rate``,
    capped at ``reserve_balance_cents`` when ``cap_loss_at_reserve``; the rest is
    charged to members by patronage), or ``startup`` (carried on the start-up
    loss account).

    A member's deficit is netted against the *retained* part only: the cash
    part stays at least ``cash_rate`` of the allocation, so that a qualified
    notice keeps its 20% cash (IRC §1388(c)); the netted part never exceeds
    the deficit nor the retained part, so no tranche goes below zero.
    """
    reserve_rate, cash_rate = exact(reserve_rate), exact(cash_rate)
    loss_reserve_rate = reserve_rate if loss_reserve_rate is None else exact(loss_reserve_rate)
    if not 0 <= reserve_rate <= 1:
        raise PatronageError("reserve_rate_out_of_range", rate=reserve_rate)
    if not 0 <= loss_reserve_rate <= 1:
        raise PatronageError("loss_reserve_rate_out_of_range", rate=loss_reserve_rate)
    if loss_policy not in LOSS_POLICIES:
        raise PatronageError("unknown_loss_policy", policy=loss_policy)
    if startup_balance_cents < 0:
        raise PatronageError("negative_startup_balance")
    qualified = dict.fromkeys(measures, True) if qualified is None else dict(qualified)
    if set(qualified) != set(measures):
        raise PatronageError("qualified_keys_mismatch")
    if any(qualified.values()) and cash_rate < MIN_CASH_RATE:
        raise PatronageError("cash_rate_below_minimum", rate=cash_rate, minimum=MIN_CASH_RATE)
    balances = balances or {}
    net = int(net_margin_cents)
    split = _split(
        net,
        reserve_rate,
        member_hours=member_hours,
        all_hours=all_hours,
        member_share=member_share,
        loss_policy=loss_policy,
        reserve_balance_cents=reserve_balance_cents,
        cap_loss_at_reserve=cap_loss_at_reserve,
        startup_balance_cents=startup_balance_cents,
        loss_reserve_rate=loss_reserve_rate,
    )
    pool = split["pool"]
    shares = largest_remainder(pool, measures) if pool else dict.fromkeys(sorted(measures), 0)
    lines = []
    for key in sorted(measures):
        allocation = shares[key]
        is_qualified = bool(qualified[key]) and allocation > 0
        cash = cash_part(allocation, cash_rate)
        retained = allocation - cash
        deficit = max(0, -int(balances.get(key, 0)))
        offset = min(max(retained, 0), deficit)
        lines.append(
            MemberLine(
                key=key,
                measure=exact(measures[key]),
                allocation=allocation,
                cash=cash,
                retained=retained,
                qualified=is_qualified,
                deficit_offset=offset,
                tranche=retained - offset,
            )
        )
    return Allocation(net_margin=net, lines=tuple(lines), **split)


def _split(net, reserve_rate, **bylaws):
    """The year's margin between the start-up loss account, the reserve and the
    members' pool (see :func:`allocate_year`)."""
    paydown = charge = non_member = 0
    if net >= 0:
        paydown = min(net, bylaws["startup_balance_cents"])
        remaining = net - paydown
        if bylaws["member_hours"] is None and bylaws["member_share"] is None:
            members_part = remaining
        else:
            members_part = member_margin(
                remaining, bylaws["member_hours"], bylaws["all_hours"], bylaws["member_share"]
            )
        non_member = remaining - members_part
        own_reserve = round_half_away(members_part * reserve_rate)
        reserve, pool = non_member + own_reserve, members_part - own_reserve
    else:
        loss, members_part = -net, net
        if bylaws["loss_policy"] == "reserve":
            reserve, pool = -loss, 0
        elif bylaws["loss_policy"] == "startup":
            reserve, pool, charge = 0, 0, loss
        else:
            to_reserve = round_half_away(loss * bylaws["loss_reserve_rate"])
            if bylaws["cap_loss_at_reserve"]:
                if bylaws["reserve_balance_cents"] is None:
                    raise PatronageError("reserve_balance_needed")
                to_reserve = min(to_reserve, max(0, int(bylaws["reserve_balance_cents"])))
            reserve, pool = -to_reserve, -(loss - to_reserve)
    return {
        "member_margin": members_part,
        "non_member_margin": non_member,
        "startup_paydown": paydown,
        "startup_charge": charge,
        "reserve": reserve,
        "pool": pool,
    }


def net_deficits(deficits, offset_cents):
    """Spread ``offset_cents`` (what a new allocation nets against a member's
    deficit) over that member's deficit tranches, the oldest first.

    ``deficits``: ``[(key, remaining cents)]`` in order, oldest first; only
    negative remainders are deficits. Returns ``{key: cents netted}`` (each
    positive, never more than the deficit of its tranche). Refuses an offset
    larger than the deficits."""
    left = int(offset_cents)
    if left < 0:
        raise PatronageError("negative_offset")
    netted = {}
    for key, remaining in deficits:
        if left == 0:
            break
        if remaining >= 0:
            continue
        take = min(left, -int(remaining))
        netted[key] = take
        left -= take
    if left:
        raise PatronageError("offset_beyond_deficit", left=left)
    return netted


def payment_deadline(year_end):
    """The last day to pay the cash parts: the 15th day of the 9th month after
    the year end (26 CFR 1.1382-4)."""
    month = year_end.month + 9
    year = year_end.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return year_end.replace(year=year, month=month, day=15)
