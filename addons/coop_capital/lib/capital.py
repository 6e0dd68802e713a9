"""Member share capital: schedules, payments, solvency and pay equity.

Money is handled in integer cents so that the same inputs give the same
entries, to the cent (shared/domain/capital.md).
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from odoo.addons.coop_membership.lib.candidacy import add_months


def to_cents(amount):
    """``amount`` (float, str or Decimal, in currency units) as integer cents."""
    return int((Decimal(str(amount)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def from_cents(cents):
    return cents / 100.0


def split_evenly(total_cents, count):
    """``count`` amounts in cents that sum exactly to ``total_cents``; the
    leftover cents go to the first ones."""
    if count < 1:
        raise ValueError("An installment plan needs at least one installment.")
    if total_cents <= 0:
        raise ValueError("The amount must be positive.")
    if count > total_cents:
        raise ValueError("More installments than cents to pay.")
    base, extra = divmod(total_cents, count)
    return [base + (1 if index < extra else 0) for index in range(count)]


def installment_schedule(total_cents, count, first_due, interval_months=1):
    """``[(due date, cents)]``: ``count`` installments, ``interval_months``
    apart, summing exactly to ``total_cents``."""
    amounts = split_evenly(total_cents, count)
    return [
        (add_months(first_due, index * interval_months), amount)
        for index, amount in enumerate(amounts)
    ]


def payroll_schedule(total_cents, per_period_cents, first_date, period_days):
    """Deductions of ``per_period_cents`` each pay period until the total is
    reached (the last one smaller); ``period_days`` apart (14 for bi-weekly,
    0 for monthly)."""
    if per_period_cents <= 0:
        raise ValueError("The deduction per pay period must be positive.")
    if total_cents <= 0:
        raise ValueError("The amount must be positive.")
    count = -(-total_cents // per_period_cents)
    schedule = []
    remaining = total_cents
    for index in range(count):
        amount = min(per_period_cents, remaining)
        remaining -= amount
        if period_days:
            due = first_date + datetime.timedelta(days=index * period_days)
        else:
            due = add_months(first_date, index)
        schedule.append((due, amount))
    return schedule


def schedule_error(total_cents, amounts):
    """None when the installment ``amounts`` are positive and sum to the
    total, else what is wrong, as data: ``{"code": "not_positive"}`` or
    ``{"code": "sum_mismatch", "sum_cents", "total_cents",
    "difference_cents"}``."""
    if any(a <= 0 for a in amounts):
        return {"code": "not_positive"}
    difference = sum(amounts) - total_cents
    if difference:
        return {
            "code": "sum_mismatch",
            "sum_cents": sum(amounts),
            "total_cents": total_cents,
            "difference_cents": difference,
        }
    return None


def allocate(schedule, paid_cents):
    """Pay the installments oldest first: ``[paid cents per installment]``."""
    allocation = []
    left = paid_cents
    for _due, amount in schedule:
        part = min(amount, max(left, 0))
        allocation.append(part)
        left -= part
    return allocation


def due_so_far(schedule, day):
    return sum(amount for due, amount in schedule if due <= day)


def is_paid_up(schedule, paid_cents, day):
    """Paid up: the whole amount paid, or every installment due by ``day``."""
    total = sum(amount for _due, amount in schedule)
    return paid_cents >= total or paid_cents >= due_so_far(schedule, day)


def next_due(schedule, paid_cents):
    """``(due date, cents still to pay on it)`` of the oldest unpaid
    installment, or None when all is paid."""
    for (due, amount), paid in zip(schedule, allocate(schedule, paid_cents), strict=True):
        if paid < amount:
            return due, amount - paid
    return None


def overdue_cents(schedule, paid_cents, day):
    """What should have been paid by ``day`` and was not."""
    return max(0, due_so_far(schedule, day) - paid_cents)


def solvency_shortfall(assets_cents, liabilities_cents, member_claims_cents, payout_cents):
    """How far a payout to a member would leave the co-op unable to pay its
    debts (0 when it can pay).

    Conn. Gen. Stat. §33-418m(b); Cal. Corp. Code §§12317(d), 12453: no
    redemption may leave the co-op's assets below its liabilities. Members'
    own redemption claims (2310) rank after the co-op's other debts, so they
    are left out of the liabilities; the payout itself leaves the assets.
    """
    other_liabilities = liabilities_cents - member_claims_cents
    return max(0, other_liabilities - (assets_cents - payout_cents))


def balance_differences(register_cents, ledger_cents):
    """Where the register and the ledger disagree, key by key.

    ``register_cents`` and ``ledger_cents``: ``{key: cents}`` (a key is e.g.
    a member; a missing key counts as 0). Returns ``[(key, register,
    ledger, ledger - register)]`` for each key whose two amounts differ,
    keys sorted by ``repr`` so that the same inputs give the same rows."""
    keys = set(register_cents) | set(ledger_cents)
    rows = []
    for key in sorted(keys, key=repr):
        register = register_cents.get(key, 0)
        ledger = ledger_cents.get(key, 0)
        if register != ledger:
            rows.append((key, register, ledger, ledger - register))
    return rows


def hourly_rate(monthly_wage, weekly_hours):
    """Base pay per contracted hour from a monthly wage (52 weeks / 12 months)."""
    if weekly_hours <= 0:
        raise ValueError("Contracted hours must be positive to compare pay per hour.")
    return monthly_wage * 12 / (weekly_hours * 52)


def pay_ratio(rates):
    """``max(rate) / min(rate)`` over the workers compared (capital.md, pay
    equity); 1.0 with fewer than two workers."""
    rates = [r for r in rates if r is not None]
    if len(rates) < 2:
        return 1.0
    if min(rates) <= 0:
        raise ValueError("Every compared worker needs a positive rate of pay.")
    return max(rates) / min(rates)


def redemption_schedule(total_cents, years, installments, start):
    """Payout plan of a leaving member's capital: at once (``years`` = 0) or
    in ``installments`` yearly payments, the last one ``years`` after
    ``start``."""
    if total_cents <= 0:
        return []
    if years <= 0:
        return [(start, total_cents)]
    count = max(1, min(installments, total_cents))
    months = 12 * years
    amounts = split_evenly(total_cents, count)
    return [
        (add_months(start, months * (index + 1) // count), amount)
        for index, amount in enumerate(amounts)
    ]


def pay_period_key(day):
    """The pay period a dated amount falls in when nothing names one: its
    month, ``YYYY-MM`` (the payroll batch's default period key)."""
    return day.strftime("%Y-%m")


def payroll_deduction_rows(deducted, credited):
    """Compare, per pay period, the share deductions the co-op recorded with
    what payroll credited to wages payable.

    ``deducted`` and ``credited`` map ``(period, member)`` to cents; a member
    of ``None`` is an amount that names nobody. A period in which any amount
    names nobody can only be compared as a whole (one row, member ``None``);
    otherwise it is compared member by member. Returns one dict per compared
    key with any amount (``period``, ``member``, ``deducted``, ``credited``,
    ``difference`` = deducted - credited: what payroll has not credited, a
    negative amount what it credited beyond the deductions), sorted by period
    then member.
    """
    whole = {period for period, member in (*deducted, *credited) if member is None}

    def totals(amounts):
        summed = {}
        for (period, member), amount in amounts.items():
            key = (period, None if period in whole else member)
            summed[key] = summed.get(key, 0) + amount
        return summed

    ours, theirs = totals(deducted), totals(credited)
    rows = []
    for period, member in sorted(
        set(ours) | set(theirs), key=lambda key: (key[0], key[1] is not None, key[1] or 0)
    ):
        mine, paid = ours.get((period, member), 0), theirs.get((period, member), 0)
        if mine or paid:
            rows.append(
                {
                    "period": period,
                    "member": member,
                    "deducted": mine,
                    "credited": paid,
                    "difference": mine - paid,
                }
            )
    return rows
