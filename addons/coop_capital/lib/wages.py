"""Gross wages of a patronage year: the payroll provider's file, and the
estimate from the members' contracts."""

import calendar
import csv
import datetime
import io
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from .capital import to_cents


def parse_wages_csv(text):
    """``(rows, problems)`` from CSV text of ``identifier, gross wages`` rows:
    ``rows`` is ``[(row number, identifier, cents)]``; ``problems`` is
    ``[(row number, kind, cell)]`` with kind ``"identifier"`` (no identifier
    or no amount), ``"amount"`` (not an amount, or more than two decimals) or
    ``"negative"``. A first row whose amount is no number is the header;
    blank rows are skipped."""
    rows, problems = [], []
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            problems.append((number, "identifier", ",".join(cells)))
            continue
        try:
            amount = Decimal(cells[1].replace(",", "").replace("$", "").strip())
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite():
            if number == 1:
                continue  # the header
            problems.append((number, "amount", cells[1]))
        elif amount != amount.quantize(Decimal("0.01")):
            problems.append((number, "amount", cells[1]))
        elif amount < 0:
            problems.append((number, "negative", cells[1]))
        else:
            rows.append((number, cells[0], to_cents(amount)))
    return rows, problems


def months_between(first, last):
    """The calendar months from ``first`` to ``last`` (both included), each
    month counted by its share of days: 1 January to 31 March is 3, 16 April
    to 30 April is 1/2. Empty (0) when ``last`` is before ``first``."""
    months = Fraction(0)
    day = first
    while day <= last:
        days_in_month = calendar.monthrange(day.year, day.month)[1]
        month_end = datetime.date(day.year, day.month, days_in_month)
        end = min(month_end, last)
        months += Fraction((end - day).days + 1, days_in_month)
        day = month_end + datetime.timedelta(days=1)
    return months


def estimate_wages(contracts, first, last):
    """Gross wages estimated, in cents, for the days ``first`` to ``last``
    from ``contracts`` ``[(monthly wage, start, end or None)]``: each
    contract's wage times the months it covers of those days, rounded to the
    cent (halves up)."""
    total = Fraction(0)
    for wage, start, end in contracts:
        months = months_between(max(start, first), min(end or last, last))
        total += Fraction(str(wage)) * 100 * months
    return int(total + Fraction(1, 2)) if total >= 0 else -int(-total + Fraction(1, 2))
