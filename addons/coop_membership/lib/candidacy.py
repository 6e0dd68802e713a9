"""Candidacy rule: when a worker may become a candidate for membership.

The rule is a bylaw parameter per company. Default (see
shared/domain/governance.md, California worker co-op sample): 650 hours or
6 months of work, *whichever is longer* -- both must be reached.
"""

import calendar
import datetime
from dataclasses import dataclass


def add_months(day, months):
    """``day`` moved by ``months`` calendar months, clamped to the month's end
    (31 January + 1 month = 28/29 February)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


@dataclass(frozen=True)
class CandidacyStatus:
    """The rule's state on a day, as numbers and dates: the models put it
    in words in the user's language."""

    hours: float
    min_hours: float
    hours_missing: float
    months_date: datetime.date | None  # the day the time condition is met
    days_missing: int
    met: bool


def candidacy_status(work_start, hours, today, min_hours, min_months):
    """Evaluate the candidacy rule on ``today``.

    :param work_start: date work at the co-op began (None if unknown)
    :param hours: hours worked so far (from whatever source the co-op uses)
    :param min_hours: hours required (bylaw parameter)
    :param min_months: months of work required (bylaw parameter)
    """
    if hours < 0 or min_hours < 0 or min_months < 0:
        raise ValueError("Hours and months cannot be negative.")
    hours_missing = max(0.0, float(min_hours) - float(hours))
    if work_start is None:
        months_date, days_missing = None, 0
    else:
        months_date = add_months(work_start, int(min_months))
        days_missing = max(0, (months_date - today).days)
    met = hours_missing == 0 and months_date is not None and days_missing == 0
    return CandidacyStatus(
        hours=float(hours),
        min_hours=float(min_hours),
        hours_missing=hours_missing,
        months_date=months_date,
        days_missing=days_missing,
        met=met,
    )
