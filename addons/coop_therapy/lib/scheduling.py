"""Therapy scheduling rules as plain functions (no ORM): conflicts between
sessions, availability inside working hours and outside time off, caseload
limits and CPT time bands (shared/domain/scheduling.md).

Intervals are half-open ``(start, end)`` pairs of any ordered values
(datetimes in the models, numbers in the tests): a session ending at 10:00
and one starting at 10:00 do not overlap. A buffer is added to both sides of
a proposed interval (a ``timedelta`` for datetimes, a number for numbers).

Checking a new series of ``k`` sessions against ``n`` busy intervals of a
resource costs ``O(k log n)`` once the index is built: the busy intervals are
sorted by start with a running maximum of their ends, so one ``bisect``
finds whether any of them overlaps a proposed interval.
"""

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytz

# Conflict codes (the models render them as sentences).
DOUBLE_BOOKED = "double_booked"  # a busy interval of the resource overlaps
BUFFER = "buffer"  # only the buffer around the session overlaps
SERIES = "series"  # two sessions of the proposed set overlap each other
OUTSIDE_HOURS = "outside_hours"
TIME_OFF = "time_off"

WARN = "warn"
BLOCK = "block"


@dataclass(frozen=True, order=True)
class Conflict:
    index: int  # position of the proposed interval
    resource: object  # e.g. ("clinician", 7)
    code: str
    other: object = None  # the busy interval's reference, or the other index


@dataclass(frozen=True, order=True)
class Finding:
    """A caseload finding: ``level`` is WARN or BLOCK; ``key`` the week or
    day it is about; ``figure`` what it would be; ``limit`` the limit."""

    code: str
    level: str
    key: object
    figure: float
    limit: float


class BusyIndex:
    """Busy intervals of one resource, sorted by start, with the running
    maximum of their ends (they may overlap one another, e.g. old data)."""

    __slots__ = ("items", "max_ends", "starts")

    def __init__(self, intervals):
        self.items = sorted(intervals, key=lambda i: (i[0], i[1]))
        self.starts = [i[0] for i in self.items]
        self.max_ends = []
        running = None
        for item in self.items:
            running = item[1] if running is None or item[1] > running else running
            self.max_ends.append(running)

    def __len__(self):
        return len(self.items)

    def first_overlap(self, start, end):
        """The first busy item overlapping ``[start, end)`` (None if none):
        among the items starting before ``end``, the first whose running
        maximum of ends passes ``start``. Two bisections."""
        if end <= start:
            return None
        before = bisect_left(self.starts, end)
        if not before:
            return None
        first = bisect_right(self.max_ends, start, 0, before)
        return self.items[first] if first < before else None


def _widen(start, end, buffer):
    if buffer:
        return start - buffer, end + buffer
    return start, end


def find_conflicts(proposed, busy, buffer=None, buffered=()):
    """Conflicts of a whole set of proposed sessions (e.g. every session of
    a recurring series) at once.

    :param proposed: list of ``(start, end, resources)``; ``resources`` is an
        iterable of hashable resource keys (clinician, room, clients).
    :param busy: ``{resource: BusyIndex or list of (start, end, ref)}``.
    :param buffer: the gap required around a session of a ``buffered``
        resource (e.g. the clinicians); None or 0 for none.
    :param buffered: a predicate or collection: the resources the buffer
        applies to.
    :return: a sorted list of :class:`Conflict`, at most one per proposed
        interval and resource. The result does not depend on the order of
        ``proposed`` beyond the indexes it reports.
    """
    indexes = {
        resource: (items if isinstance(items, BusyIndex) else BusyIndex(items))
        for resource, items in busy.items()
    }
    needs_buffer = buffered if callable(buffered) else (lambda r, s=frozenset(buffered): r in s)
    conflicts = []
    per_resource = defaultdict(list)
    for index, (start, end, resources) in enumerate(proposed):
        for resource in set(resources):
            gap = buffer if buffer and needs_buffer(resource) else None
            per_resource[resource].append((start, end, index))
            found = None
            tree = indexes.get(resource)
            if tree is not None and len(tree):
                hit = tree.first_overlap(start, end)
                if hit is not None:
                    found = Conflict(index, resource, DOUBLE_BOOKED, _ref(hit))
                elif gap:
                    hit = tree.first_overlap(*_widen(start, end, gap))
                    if hit is not None:
                        found = Conflict(index, resource, BUFFER, _ref(hit))
            if found:
                conflicts.append(found)
    # The proposed sessions among themselves, per resource: sorted by start,
    # each one against the furthest end seen so far.
    for resource, items in per_resource.items():
        gap = buffer if buffer and needs_buffer(resource) else None
        items.sort()
        furthest = None  # (end, index)
        for start, end, index in items:
            if furthest is not None:
                reach = furthest[0] + gap if gap else furthest[0]
                if reach > start:
                    conflicts.append(Conflict(index, resource, SERIES, furthest[1]))
            if furthest is None or end > furthest[0]:
                furthest = (end, index)
    return sorted(set(conflicts), key=lambda c: (c.index, repr(c.resource), c.code))


def _ref(item):
    return item[2] if len(item) > 2 else (item[0], item[1])


def merge(intervals):
    """Sorted, merged copy of intervals (touching ones joined)."""
    merged = []
    for start, end in sorted((i[0], i[1]) for i in intervals):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def check_availability(proposed, working, leaves):
    """Which proposed intervals fall outside the working intervals or touch
    time off: ``[(index, OUTSIDE_HOURS | TIME_OFF)]``.

    ``working`` and ``leaves`` are lists of ``(start, end)``; a session must
    lie inside one merged working interval and overlap no leave. Time off is
    reported first (it is the reason the hours are missing)."""
    work = merge(working)
    work_starts = [w[0] for w in work]
    off = BusyIndex([(s, e) for s, e in merge(leaves)])
    result = []
    for index, (start, end, *_rest) in enumerate(proposed):
        if off.first_overlap(start, end) is not None:
            result.append((index, TIME_OFF))
            continue
        pos = bisect_right(work_starts, start) - 1
        if pos < 0 or work[pos][1] < end:
            result.append((index, OUTSIDE_HOURS))
    return result


@dataclass(frozen=True)
class Limits:
    """A clinician's caseload limits (scheduling.md defaults). ``None``
    means no limit; ``associate_extra_unit_above`` is set for associates
    only (10 in California: more direct hours in a week need a second
    supervision unit), ``week_cap`` too (40 credited hours a week)."""

    direct_warn: float | None = 25
    direct_block: float | None = 30
    sessions_per_day: int | None = 6
    active_clients: int | None = 25
    accepting_new: bool = True
    associate_extra_unit_above: float | None = None
    associate_base_units: float = 1
    week_cap: float | None = None


def pick_limits(own, company, rule=None):
    """A clinician's :class:`Limits`: their own limits where set (not 0 or
    empty), else the company's; 0 or empty there means no limit.

    :param own: ``(direct warn, direct block, sessions a day, active
        clients, accepting new clients)`` of the clinician.
    :param company: ``(direct warn, direct block, sessions a day, active
        clients)`` of their company (more items are ignored).
    :param rule: for associates, ``(direct hours above which a second
        supervision unit is needed, weekly units, credited hours a week at
        most)`` of their licensure rule; None otherwise.
    """

    def pick(mine, default):
        return (mine or default) or None

    extra, units, cap = rule if rule else (None, 1, None)
    return Limits(
        direct_warn=pick(own[0], company[0]),
        direct_block=pick(own[1], company[1]),
        sessions_per_day=pick(own[2], company[2]),
        active_clients=pick(own[3], company[3]),
        accepting_new=bool(own[4]),
        associate_extra_unit_above=(extra or None) if rule else None,
        associate_base_units=units if rule else 1,
        week_cap=(cap or None) if rule else None,
    )


def caseload_findings(
    limits,
    booked_week_direct,
    booked_day_sessions,
    new_sessions,
    active_clients=(),
    new_clients=(),
    week_units=None,
    week_other_hours=None,
    active_total=None,
):
    """What booking ``new_sessions`` on top of what is booked would do to a
    clinician's caseload.

    :param booked_week_direct: ``{week: direct hours already booked}``.
    :param booked_day_sessions: ``{day: sessions already booked}``.
    :param new_sessions: list of ``(day, week, direct_hours, credited_hours)``
        (credited: hours that count toward licensure for an associate).
    :param active_clients: the clinician's active clients' keys.
    :param new_clients: the clients of the new sessions.
    :param week_units: ``{week: supervision units}`` (associates).
    :param week_other_hours: ``{week: credited hours already booked or logged}``.
    :param active_total: how many clients are active, when ``active_clients``
        holds only those of ``new_clients`` that are (None: all of them are
        in ``active_clients``).
    :return: sorted list of :class:`Finding` (one per code and key).
    """
    week_direct = defaultdict(float, booked_week_direct)
    day_sessions = defaultdict(int, booked_day_sessions)
    week_credit = defaultdict(float, week_other_hours or {})
    new_weeks, new_days = set(), set()
    for day, week, direct, credited in new_sessions:
        week_direct[week] += direct
        day_sessions[day] += 1
        week_credit[week] += credited
        new_weeks.add(week)
        new_days.add(day)
    findings = []
    for week in sorted(new_weeks):
        hours = round(week_direct[week], 6)
        if limits.direct_block is not None and hours > limits.direct_block:
            findings.append(Finding("direct_block", BLOCK, week, hours, limits.direct_block))
        elif limits.direct_warn is not None and hours > limits.direct_warn:
            findings.append(Finding("direct_warn", WARN, week, hours, limits.direct_warn))
        if limits.associate_extra_unit_above is not None:
            units = (week_units or {}).get(week, 0)
            needed = limits.associate_base_units + 1
            if hours > limits.associate_extra_unit_above and units < needed:
                findings.append(Finding("supervision_unit", WARN, week, hours, needed))
        if limits.week_cap is not None and round(week_credit[week], 6) > limits.week_cap:
            findings.append(
                Finding("week_cap", WARN, week, round(week_credit[week], 6), limits.week_cap)
            )
    if limits.sessions_per_day is not None:
        for day in sorted(new_days):
            if day_sessions[day] > limits.sessions_per_day:
                findings.append(
                    Finding("sessions_day", BLOCK, day, day_sessions[day], limits.sessions_per_day)
                )
    active = set(active_clients)
    arriving = set(new_clients) - active
    if arriving and not limits.accepting_new:
        findings.append(Finding("not_accepting", BLOCK, None, len(arriving), 0))
    if limits.active_clients is not None and arriving:
        total = (len(active) if active_total is None else active_total) + len(arriving)
        if total > limits.active_clients:
            findings.append(Finding("active_clients", BLOCK, None, total, limits.active_clients))
    return findings


def blocking(findings):
    return [f for f in findings if f.level == BLOCK]


# CPT psychotherapy codes by face-to-face minutes (scheduling.md):
# (lowest, highest or None).
CPT_BANDS = {
    "90832": (16, 37),
    "90834": (38, 52),
    "90837": (53, None),
    "90846": (26, None),
    "90847": (26, None),
}


def cpt_band_check(code, minutes):
    """None when ``minutes`` fit the CPT code's time band (or the code has
    none: intake 90791, group 90853), else ``"cpt_too_short"`` or
    ``"cpt_too_long"``."""
    band = CPT_BANDS.get((code or "").strip())
    if not band:
        return None
    low, high = band
    if minutes < low:
        return "cpt_too_short"
    if high is not None and minutes > high:
        return "cpt_too_long"
    return None


# ---------------------------------------------------------------------------
# Working hours laid out from a resource calendar's attendances, as Odoo's
# ``resource.calendar._attendance_intervals_batch`` does (Odoo 18), without
# the ORM: only the days around the sessions checked, not a whole year.


@dataclass(frozen=True)
class Attendance:
    """One line of a working-hours calendar: ``dayofweek`` 0 (Monday) to 6,
    hours as floats (24 is the end of the day), ``week_type`` 0 or 1 (two-week
    calendars; None counts as 0 there, as in Odoo), optional first and last
    days (inclusive)."""

    dayofweek: int
    hour_from: float
    hour_to: float
    week_type: int | None = None
    date_from: date | None = None
    date_to: date | None = None


def week_type(day):
    """0 or 1: the parity of the week counted from 1 January of year 1, as
    ``resource.calendar.attendance.get_week_type`` (an even week always
    follows an odd one, across years)."""
    return ((day.toordinal() - 1) // 7) % 2


def _half_up(value):
    """Rounded to the unit, half up, as Odoo's ``float_round`` (which nudges
    the value by one unit of its last binary digit first)."""
    if value == 0:
        return 0
    nudge = math.copysign(2 ** (math.log2(abs(value)) - 52), value)
    return round(value + nudge)


def float_to_time(hours):
    """The time of day of ``hours`` (8.5: 8:30), as Odoo's ``float_to_time``:
    24 is the last microsecond of the day; minutes rounded half up. Raises
    ValueError where Odoo's would (e.g. 8.9999: minute 60)."""
    if hours == 24.0:
        return time.max
    fractional, integral = math.modf(hours)
    return time(int(integral), int(_half_up(60 * fractional)), 0)


def layout_is_exact(attendances):
    """Whether :func:`working_intervals` can lay these attendances out (each
    hour between 0 and 24, each a valid time of day); when not, the caller
    asks Odoo's own method."""
    try:
        for att in attendances:
            if not (0 <= att.hour_from <= 24 and 0 <= att.hour_to <= 24):
                return False
            if not 0 <= att.dayofweek <= 6:
                return False
            float_to_time(att.hour_from)
            float_to_time(att.hour_to)
    except (TypeError, ValueError):
        return False
    return True


def day_attendances(attendances, day, two_weeks=False):
    """The working ``(from, to)`` naive local datetimes of one day."""
    weekday = day.weekday()
    parity = week_type(day) if two_weeks else None
    result = []
    for att in attendances:
        if att.dayofweek != weekday:
            continue
        if two_weeks and (att.week_type or 0) != parity:
            continue
        if (att.date_from and day < att.date_from) or (att.date_to and att.date_to < day):
            continue
        result.append(
            (
                datetime.combine(day, float_to_time(att.hour_from)),
                datetime.combine(day, float_to_time(att.hour_to)),
            )
        )
    return result


_DAY = timedelta(days=1)


def to_utc(local, tz):
    """A naive local datetime in ``tz`` (a pytz zone) as naive UTC, localized
    as Odoo does (``tz.localize``: in a DST gap or overlap, standard time).

    Read from the zone's table of transitions, as ``tz.localize`` does first:
    the offsets in force a day before and a day after that fit the local
    time (that local time less the offset is an instant where that offset is
    in force). When exactly one fits, it is the answer; in a gap or an
    overlap (none or two), ``tz.localize`` decides. Several times faster
    than ``tz.localize`` (which builds and normalizes aware datetimes for
    each candidate), and the same (a property test compares them)."""
    times = getattr(tz, "_utc_transition_times", None)
    if times:
        infos = tz._transition_info
        try:
            fits = set()
            for probe in (local - _DAY, local + _DAY):
                offset = infos[max(0, bisect_right(times, probe) - 1)][0]
                if infos[max(0, bisect_right(times, local - offset) - 1)][0] == offset:
                    fits.add(offset)
        except OverflowError:
            fits = ()
        if len(fits) == 1:
            return local - fits.pop()
    return tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)


def to_local(utc, tz):
    """A naive UTC datetime as naive local time in ``tz`` (a pytz zone), as
    ``astimezone`` gives it (the offset in force at that instant, from the
    zone's table of transitions)."""
    times = getattr(tz, "_utc_transition_times", None)
    if times:
        return utc + tz._transition_info[max(0, bisect_right(times, utc) - 1)][0]
    return pytz.utc.localize(utc).astimezone(tz).replace(tzinfo=None)


def working_intervals(attendances, tz, first_day, last_day, two_weeks=False):
    """The working intervals of the local days ``first_day`` to ``last_day``
    (inclusive) as naive UTC ``(start, end)`` pairs, each day's local hours
    turned to UTC on that date (daylight saving time moves them)."""
    result = []
    day = first_day
    while day <= last_day:
        for start, end in day_attendances(attendances, day, two_weeks):
            result.append((to_utc(start, tz), to_utc(end, tz)))
        day += timedelta(days=1)
    return result


def working_intervals_around(proposed, attendances, tz, two_weeks=False):
    """The working intervals of the local days each proposed ``(start, end,
    ...)`` (naive UTC) touches: all that :func:`check_availability` needs to
    decide (an attendance lies inside its day), however long the series."""
    days = set()
    for start, end, *_rest in proposed:
        first = to_local(start, tz).date()
        last = to_local(end, tz).date()
        while first <= last:
            days.add(first)
            first += timedelta(days=1)
    result = []
    for day in sorted(days):
        for start, end in day_attendances(attendances, day, two_weeks):
            result.append((to_utc(start, tz), to_utc(end, tz)))
    return result
