"""The payroll provider's file of member share deductions withheld."""

import csv
import io
from decimal import Decimal, InvalidOperation

from .capital import to_cents


def parse_deductions_csv(text):
    """``{identifier: cents}`` from CSV text of ``identifier, amount`` rows
    (a header row, blank lines and repeated identifiers are allowed: repeats
    add up). Raises ``ValueError`` naming the first bad row."""
    totals = {}
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if len(cells) < 2 or not cells[0]:
            raise ValueError(f"Row {number} needs a member identifier and an amount.")
        try:
            amount = Decimal(cells[1].replace(",", "").replace("$", ""))
        except InvalidOperation:
            if number == 1:
                continue  # the header
            raise ValueError(f"Row {number}: {cells[1]!r} is not an amount.") from None
        if not amount.is_finite() or amount <= 0:
            raise ValueError(f"Row {number}: the amount must be a number more than zero.")
        totals[cells[0]] = totals.get(cells[0], 0) + to_cents(amount)
    if not totals:
        raise ValueError("The file lists no deductions.")
    return totals
