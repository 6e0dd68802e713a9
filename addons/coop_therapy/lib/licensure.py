"""Progress toward licensure: which logged hours a board would accept under a
license path's rules, which it would not (and why), and what is still missing.

The rules are data (a dated rule version per path, shipped as module data
from shared/domain/licensure.md); this module only applies them, in this
order, and returns data (numbers and reason codes; the models word them):

1. each supervision session is what it was: "individual" (or triadic)
   supervision with more associates than the rule allows counts as group;
   a group larger than the rule allows does not count;
2. at most ``max_supervisors`` supervisors count in one week (Texas: up to
   two supervisors at one time);
3. hours outside the window before the application (6 years), worked while
   no registration was valid (post-degree hours), or logged after ``as_of``
   are not credited. They stay part of their week: the week's supervision
   rule is judged on everything that happened in it;
4. group supervision above ``max_group_share`` of all supervision (Texas:
   50 % of the total hours of supervision) is not credited;
5. a calendar month with less supervision than ``monthly_supervision_hours``
   (Texas: 4 hours) credits nothing;
6. per work setting and week (California): at least ``weekly_units`` units of
   supervision, or the setting's week credits nothing; with a single unit,
   direct counseling is credited up to ``extra_unit_above_direct`` hours;
7. per week, all settings together: at most ``max_supervision_per_week``
   hours of supervision and ``max_hours_per_week`` hours in all. Hours are
   credited in this order, and a cap cuts from the end: direct counseling up
   to the single-unit threshold, other clinical, supervision (individual and
   triadic before group), non-clinical, then direct counseling above the
   threshold (which only the second unit unlocks, so unlocking it never
   pushes out hours that were already credited);
8. hours before the degree: at most ``predegree_max`` in all, credited week
   by week from the oldest, after the week's caps; a week never counts less
   than nothing;
9. bucket maxima (e.g. at most 1,250 non-clinical hours).
"""

import datetime
from dataclasses import dataclass, field

DIRECT = "direct"
CLINICAL = "clinical"
NONCLINICAL = "nonclinical"
SUP_INDIVIDUAL = "sup_individual"
SUP_TRIADIC = "sup_triadic"
SUP_GROUP = "sup_group"
SUPERVISION_KINDS = (SUP_INDIVIDUAL, SUP_TRIADIC, SUP_GROUP)
INDIVIDUAL_KINDS = (SUP_INDIVIDUAL, SUP_TRIADIC)
KINDS = (DIRECT, CLINICAL, NONCLINICAL, *SUPERVISION_KINDS)

# Why logged hours are not credited (``Progress.excluded`` keys), in the
# order the rules apply.
GROUP_SIZE = "group_size"
SUPERVISORS = "supervisors"
WINDOW = "window"
UNREGISTERED = "unregistered"
GROUP_SHARE = "group_share"
MONTHLY_SUPERVISION = "monthly_supervision"
WEEKLY_SUPERVISION = "weekly_supervision"
EXTRA_UNIT = "extra_unit"
SUPERVISION_CAP = "supervision_cap"
WEEK_CAP = "week_cap"
PREDEGREE = "predegree"
BUCKET_MAX = "bucket_max"
REASONS = (
    GROUP_SIZE,
    SUPERVISORS,
    WINDOW,
    UNREGISTERED,
    GROUP_SHARE,
    MONTHLY_SUPERVISION,
    WEEKLY_SUPERVISION,
    EXTRA_UNIT,
    SUPERVISION_CAP,
    WEEK_CAP,
    PREDEGREE,
    BUCKET_MAX,
)

EPSILON = 1e-9

# Crediting order inside a week (rule 7): lower first.
_TIER_DIRECT, _TIER_CLINICAL, _TIER_SUPERVISION, _TIER_NONCLINICAL, _TIER_EXTRA = range(5)
_KIND_TIER = {
    DIRECT: _TIER_DIRECT,
    CLINICAL: _TIER_CLINICAL,
    SUP_INDIVIDUAL: _TIER_SUPERVISION,
    SUP_TRIADIC: _TIER_SUPERVISION,
    SUP_GROUP: _TIER_SUPERVISION,
    NONCLINICAL: _TIER_NONCLINICAL,
}


@dataclass(frozen=True)
class Rule:
    total_hours: float
    buckets: dict  # code -> (min hours, max hours or None)
    categories: dict  # category code -> (kind, tuple of bucket codes it counts toward)
    # Hours before the degree: None, no limit; 0, they never count.
    predegree_max: float | None = None
    min_weeks: int = 0
    # Months from the first to the last credited hour (both days included).
    min_months: int = 0
    max_hours_per_week: float | None = None
    window_years: int | None = None
    # Weekly supervision (per work setting); 0 units: no weekly rule.
    weekly_units: float = 0
    extra_unit_above_direct: float | None = None
    group_hours_per_unit: float = 2.0
    max_supervision_per_week: float | None = None
    min_individual_weeks: int = 0
    # Monthly supervision (e.g. Texas: 4 hours a month); 0: no monthly rule.
    monthly_supervision_hours: float = 0
    # Per supervision session: "individual" means at most this many
    # associates (more: group); a group of more than ``group_max_size``
    # associates does not count. 0: no rule.
    individual_max_supervisees: int = 0
    group_max_size: int = 0
    # Over all the supervision of the experience: at most this share of it
    # as group (Texas 0.5). None: no limit.
    max_group_share: float | None = None
    # Per week: at most this many supervisors count. 0: no limit.
    max_supervisors: int = 0
    # Over the whole experience: at least ``min_weeks_supervisor_title``
    # counted weeks with supervision by a supervisor holding this license
    # (California ASW: 13 weeks by an LCSW).
    supervisor_title: str = ""
    min_weeks_supervisor_title: int = 0


@dataclass(frozen=True)
class Line:
    date: datetime.date
    setting: str
    category: str
    hours: float
    predegree: bool = False
    supervisor: object = None  # any key naming the supervisor (supervision lines)
    supervisees: int = 1  # associates in the supervision session
    supervisor_title: str = ""  # license the supervisor holds, e.g. "LCSW"


@dataclass
class Progress:
    logged: dict = field(default_factory=dict)  # bucket -> hours logged
    valid: dict = field(default_factory=dict)  # bucket -> hours valid
    total_logged: float = 0.0
    total_valid: float = 0.0
    excluded: dict = field(default_factory=dict)  # reason -> hours logged, not credited
    regrouped_hours: float = 0.0  # "individual" supervision counted as group
    weeks_counted: int = 0
    weeks_individual: int = 0
    weeks_supervisor_title: int = 0
    weeks_unsupervised: list = field(default_factory=list)  # (week start, setting)
    week_credit: dict = field(default_factory=dict)  # week start -> {category: hours}
    missing: dict = field(default_factory=dict)  # what -> how much
    percent: float = 0.0
    projected_completion: datetime.date | None = None
    first_valid_date: datetime.date | None = None  # first credited hour
    last_valid_date: datetime.date | None = None  # last credited hour
    months_elapsed: int = 0  # whole months from the first to the last credited hour

    @property
    def complete(self):
        return not self.missing

    @property
    def expired_hours(self):
        """Logged hours older than the window."""
        return self.excluded.get(WINDOW, 0.0)


def week_start(day):
    return day - datetime.timedelta(days=day.weekday())


def add_months(day, months):
    """``day`` plus ``months`` calendar months (the 31st becomes the month's last day)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has 28 days


def whole_months(first, last):
    """Whole months of experience from ``first`` to ``last``, both days
    worked: 1 January to 30 June is 6 months; 30 January to 30 June is 5
    months and a day, so 5."""
    end = last + datetime.timedelta(days=1)
    months = (end.year - first.year) * 12 + end.month - first.month
    while months > 0 and add_months(first, months) > end:
        months -= 1
    return max(months, 0)


def registration_end(issued, years, renewals, renewal_years=0, max_months=0):
    """Last day a registration can run to: ``years`` plus ``renewals``
    renewals or extensions of ``renewal_years`` each (the registration's
    length when 0), and never beyond ``max_months`` after ``issued``
    (e.g. California: 1 year + 5 renewals; New York limited permit: 2 years
    + two 1-year extensions; Texas: 60 months). None when unlimited."""
    ends = []
    if years:
        ends.append(add_months(issued, 12 * (years + (renewals or 0) * (renewal_years or years))))
    if max_months:
        ends.append(add_months(issued, max_months))
    return min(ends) - datetime.timedelta(days=1) if ends else None


def _window_start(rule, as_of):
    if not rule.window_years:
        return None
    return add_months(as_of, -12 * rule.window_years)


def supervision_units(hours_by_kind, group_hours_per_unit=2.0):
    """Units of supervision: 1 per hour individual or triadic, 1 per
    ``group_hours_per_unit`` hours of group."""
    return (
        hours_by_kind.get(SUP_INDIVIDUAL, 0.0)
        + hours_by_kind.get(SUP_TRIADIC, 0.0)
        + hours_by_kind.get(SUP_GROUP, 0.0) / (group_hours_per_unit or 2.0)
    )


def session_kind(kind, supervisees, individual_max=0, group_max=0):
    """What a supervision session counts as: ``kind``, group when it had more
    associates than "individual" allows, None when the group was too large."""
    if kind not in SUPERVISION_KINDS:
        return kind
    if kind in INDIVIDUAL_KINDS and individual_max and supervisees > individual_max:
        kind = SUP_GROUP
    if kind == SUP_GROUP and group_max and supervisees > group_max:
        return None
    return kind


class _Item:
    """One line's way through the rules: what it counts as, how much of it
    is still credited, and the hours it lost, by reason."""

    __slots__ = ("credit", "key", "kind", "line", "lost", "received", "tier", "week")

    def __init__(self, line, kind, tier=None):
        self.line = line
        self.kind = kind
        self.credit = line.hours
        self.received = True  # counts as supervision received (rules 1-2)
        self.lost = {}
        self.tier = _KIND_TIER.get(kind, _TIER_NONCLINICAL) if tier is None else tier
        self.week = week_start(line.date)
        self.key = None  # crediting order, see _sort_key

    def cut(self, hours, reason):
        hours = min(hours, self.credit)
        if hours > 0:
            self.credit -= hours
            self.lost[reason] = self.lost.get(reason, 0.0) + hours
        return hours

    def drop(self, reason):
        return self.cut(self.credit, reason)


def _sort_key(rule, item):
    """Crediting order inside a week (rule 7): tier, then the categories
    that count toward more buckets, then post-degree before pre-degree;
    the rest only makes the order total (results do not depend on it)."""
    if item.key is None:
        item.key = _make_sort_key(rule, item)
    return item.key


def _make_sort_key(rule, item):
    line = item.line
    buckets = rule.categories[line.category][1]
    kind_order = (
        (SUP_INDIVIDUAL, SUP_TRIADIC, SUP_GROUP).index(item.kind)
        if (item.kind in SUPERVISION_KINDS)
        else 0
    )
    return (
        item.tier,
        kind_order,
        -len(buckets),
        line.category,
        line.predegree,
        line.date,
        line.setting,
        -line.hours,
        str(line.supervisor),
        line.supervisees,
        line.supervisor_title,
    )


def _fill(items, cap, reason, key):
    """Credit ``items`` in ``key`` order up to ``cap`` hours; cut the rest."""
    if sum(item.credit for item in items) <= cap:
        return
    room = cap
    for item in sorted(items, key=key):
        keep = min(item.credit, max(room, 0.0))
        item.cut(item.credit - keep, reason)
        room -= keep


def _registered(day, registrations):
    return any(start <= day <= end for start, end in registrations)


def _apply_supervisors(rule, items):
    """Rule 2: the ``max_supervisors`` supervisors with the most hours of a
    week count; the others' hours do not."""
    weeks = {}
    for item in items:
        if item.kind in SUPERVISION_KINDS and item.received:
            by_supervisor = weeks.setdefault(item.week, {})
            by_supervisor.setdefault(item.line.supervisor, []).append(item)
    for by_supervisor in weeks.values():
        if len(by_supervisor) <= rule.max_supervisors:
            continue
        ranked = sorted(
            by_supervisor.items(),
            key=lambda pair: (-sum(i.line.hours for i in pair[1]), str(pair[0])),
        )
        for _supervisor, extra in ranked[rule.max_supervisors :]:
            for item in extra:
                item.received = False
                item.drop(SUPERVISORS)


def _apply_group_share(rule, items):
    """Rule 4: group supervision is credited up to ``max_group_share`` of the
    supervision that counts (inside the window, while registered), the
    oldest first."""
    share = rule.max_group_share
    if share is None or share >= 1:
        return
    individual = sum(i.credit for i in items if i.kind in INDIVIDUAL_KINDS)
    allowed = individual * share / (1 - share)
    group = [i for i in items if i.kind == SUP_GROUP and i.credit > 0]
    _fill(group, allowed, GROUP_SHARE, lambda i: (i.line.date, _sort_key(rule, i)))


def _apply_monthly(rule, items):
    """Rule 5: a month with too little supervision credits nothing."""
    months = {}
    for item in items:
        if item.kind in SUPERVISION_KINDS and item.received:
            month = (item.line.date.year, item.line.date.month)
            months[month] = months.get(month, 0.0) + item.line.hours
    for item in items:
        month = (item.line.date.year, item.line.date.month)
        if months.get(month, 0.0) < rule.monthly_supervision_hours - EPSILON:
            item.drop(MONTHLY_SUPERVISION)


def _apply_setting_week(rule, setting_items, result, week, setting):
    """Rule 6 for one work setting's week."""
    received = {}
    for item in setting_items:
        if item.received:
            received[item.kind] = received.get(item.kind, 0.0) + item.line.hours
    units = supervision_units(received, rule.group_hours_per_unit)
    if units < rule.weekly_units - EPSILON:
        if any(item.credit > 0 for item in setting_items):
            result.weeks_unsupervised.append((week, setting))
        for item in setting_items:
            item.drop(WEEKLY_SUPERVISION)
        return
    threshold = rule.extra_unit_above_direct
    direct = [i for i in setting_items if i.kind == DIRECT]
    if threshold is None or sum(i.credit for i in direct) <= threshold:
        return
    direct.sort(key=lambda i: _sort_key(rule, i))
    single_unit = (
        received.get(DIRECT, 0.0) > threshold + EPSILON and units < rule.weekly_units + 1 - EPSILON
    )
    room = threshold
    for item in direct:
        within = min(item.credit, max(room, 0.0))
        room -= within
        if item.credit - within <= EPSILON:
            continue
        if single_unit:
            item.cut(item.credit - within, EXTRA_UNIT)
        else:
            # Split: the part above the threshold is credited last (tier 4).
            extra = _Item(item.line, DIRECT, _TIER_EXTRA)
            extra.received = False
            extra.credit = item.credit - within
            item.credit = within
            setting_items.append(extra)


def _apply_week_caps(rule, week_items):
    """Rule 7: the week's supervision and total caps, all settings together."""
    key = lambda item: _sort_key(rule, item)  # noqa: E731
    if rule.max_supervision_per_week is not None:
        supervision = [i for i in week_items if i.kind in SUPERVISION_KINDS]
        _fill(supervision, rule.max_supervision_per_week, SUPERVISION_CAP, key)
    if rule.max_hours_per_week is not None:
        _fill(week_items, rule.max_hours_per_week, WEEK_CAP, key)


def _classify(rule, lines, as_of, result):
    """Rule 1: the lines that count as logged, and what each session counts as."""
    items = []
    for line in lines:
        if line.date > as_of or line.category not in rule.categories:
            continue
        result.total_logged += line.hours
        for bucket in rule.categories[line.category][1]:
            result.logged[bucket] = result.logged.get(bucket, 0.0) + line.hours
        logged_kind = rule.categories[line.category][0]
        kind = session_kind(
            logged_kind, line.supervisees, rule.individual_max_supervisees, rule.group_max_size
        )
        item = _Item(line, kind or logged_kind)
        if kind is None:
            item.received = False
            item.drop(GROUP_SIZE)
        elif kind != logged_kind:
            result.regrouped_hours += line.hours
        items.append(item)
    return items


def _apply_dates(rule, items, as_of, registrations):
    """Rule 3: the window and the registration (the week keeps its supervision)."""
    window = _window_start(rule, as_of)
    for item in items:
        if window and item.line.date < window:
            item.drop(WINDOW)
        elif (
            registrations is not None
            and not item.line.predegree
            and not _registered(item.line.date, registrations)
        ):
            item.drop(UNREGISTERED)


def _apply_weeks(rule, items, result):
    """Rules 6 and 7, week by week; ``[(week start, items)]`` in date order."""
    weeks = {}
    for item in items:
        week = weeks.setdefault(item.week, {})
        week.setdefault(item.line.setting, []).append(item)
    credited_weeks = []
    for week in sorted(weeks):
        week_items = []
        for setting in sorted(weeks[week]):
            setting_items = weeks[week][setting]
            if rule.weekly_units:
                _apply_setting_week(rule, setting_items, result, week, setting)
            week_items += setting_items
        _apply_week_caps(rule, week_items)
        credited_weeks.append((week, week_items))
    return credited_weeks


def _apply_predegree(rule, credited_weeks):
    """Rule 8: hours before the degree, oldest weeks first, after the caps."""
    left = rule.predegree_max
    if left is None:
        return
    for _week, week_items in credited_weeks:
        before = [i for i in week_items if i.line.predegree and i.credit > 0]
        _fill(before, left, PREDEGREE, lambda item: _sort_key(rule, item))
        left -= sum(i.credit for i in before)


def _count_week(rule, result, week, week_items):
    """Add one week's credit to ``result``; its credited hours, or 0."""
    credit = {}
    for item in week_items:
        if item.credit > EPSILON:
            credit[item.line.category] = credit.get(item.line.category, 0.0) + item.credit
            day = item.line.date
            if result.first_valid_date is None or day < result.first_valid_date:
                result.first_valid_date = day
            if result.last_valid_date is None or day > result.last_valid_date:
                result.last_valid_date = day
        for reason, hours in item.lost.items():
            result.excluded[reason] = result.excluded.get(reason, 0.0) + hours
    total = sum(credit.values())
    if total <= EPSILON:
        return 0.0
    result.week_credit[week] = credit
    result.weeks_counted += 1
    # Supervision received in the week (inside the window, while registered).
    received = [
        i
        for i in week_items
        if i.received
        and i.kind in SUPERVISION_KINDS
        and WINDOW not in i.lost
        and UNREGISTERED not in i.lost
    ]
    if sum(i.line.hours for i in received if i.kind in INDIVIDUAL_KINDS) >= 1.0 - EPSILON:
        result.weeks_individual += 1
    if rule.supervisor_title and any(
        i.kind in SUPERVISION_KINDS and i.line.supervisor_title == rule.supervisor_title
        for i in received
    ):
        result.weeks_supervisor_title += 1
    return total


def progress(rule, lines, as_of, pace_weeks=12, registrations=None):
    """Apply ``rule`` to the log ``lines`` on ``as_of`` (today, or the date of
    the application). ``registrations``: the (first day, last day) periods
    in which the associate's registration was valid; None: not checked.
    Pure: no database, same inputs give the same result."""
    result = Progress()
    for code in rule.buckets:
        result.logged[code] = 0.0
        result.valid[code] = 0.0
    items = _classify(rule, lines, as_of, result)
    if rule.max_supervisors:
        _apply_supervisors(rule, items)
    _apply_dates(rule, items, as_of, registrations)
    _apply_group_share(rule, items)
    if rule.monthly_supervision_hours:
        _apply_monthly(rule, items)
    credited_weeks = _apply_weeks(rule, items, result)
    _apply_predegree(rule, credited_weeks)

    per_week_total = []
    for week, week_items in credited_weeks:
        total = _count_week(rule, result, week, week_items)
        if total:
            per_week_total.append((week, total))
    by_category = {}
    for credit in result.week_credit.values():
        for category, hours in credit.items():
            by_category[category] = by_category.get(category, 0.0) + hours
    for category, hours in by_category.items():
        for bucket in rule.categories[category][1]:
            result.valid[bucket] = result.valid.get(bucket, 0.0) + hours
    # Rule 9: bucket maxima (e.g. at most 1,250 hours of non-clinical experience).
    overflow = 0.0
    for code, (_minimum, maximum) in rule.buckets.items():
        if maximum is not None and result.valid.get(code, 0.0) > maximum:
            overflow += result.valid[code] - maximum
            result.valid[code] = maximum
    if overflow > EPSILON:
        result.excluded[BUCKET_MAX] = overflow
    result.total_valid = max(0.0, sum(by_category.values()) - overflow)

    _missing(rule, result)
    result.percent = (
        min(100.0, 100.0 * result.total_valid / rule.total_hours) if rule.total_hours else 100.0
    )
    result.projected_completion = _projection(rule, result, per_week_total, as_of, pace_weeks)
    return result


def _missing(rule, result):
    for code, (minimum, _maximum) in rule.buckets.items():
        if minimum and result.valid.get(code, 0.0) < minimum - EPSILON:
            result.missing[code] = round(minimum - result.valid[code], 2)
    if result.total_valid < rule.total_hours - EPSILON:
        result.missing["total"] = round(rule.total_hours - result.total_valid, 2)
    if result.weeks_counted < rule.min_weeks:
        result.missing["weeks"] = rule.min_weeks - result.weeks_counted
    if result.weeks_individual < rule.min_individual_weeks:
        result.missing["weeks_individual"] = rule.min_individual_weeks - result.weeks_individual
    if rule.supervisor_title and result.weeks_supervisor_title < rule.min_weeks_supervisor_title:
        result.missing["weeks_supervisor_title"] = (
            rule.min_weeks_supervisor_title - result.weeks_supervisor_title
        )
    if result.first_valid_date:
        result.months_elapsed = whole_months(result.first_valid_date, result.last_valid_date)
    if result.months_elapsed < rule.min_months:
        result.missing["months"] = rule.min_months - result.months_elapsed


def _projection(rule, result, per_week_total, as_of, pace_weeks):
    """When the associate will be done at their pace of the last weeks."""
    if result.complete:
        return as_of
    since = week_start(as_of) - datetime.timedelta(weeks=pace_weeks)
    recent = [total for week, total in per_week_total if week >= since]
    pace_hours = sum(recent) / pace_weeks
    pace_weeks_share = len(recent) / pace_weeks
    if pace_hours <= 0:
        return None
    needed_weeks = result.missing.get("total", 0.0) / pace_hours
    for code, missing in result.missing.items():
        if code in rule.buckets:
            share = result.valid.get(code, 0.0) / max(result.total_valid, EPSILON)
            if share <= 0:
                return None
            needed_weeks = max(needed_weeks, missing / (pace_hours * share))
    for key in ("weeks", "weeks_individual", "weeks_supervisor_title"):
        if key in result.missing:
            needed_weeks = max(needed_weeks, result.missing[key] / max(pace_weeks_share, EPSILON))
    if "months" in result.missing:
        needed_weeks = max(needed_weeks, result.missing["months"] * 52 / 12)
    if needed_weeks > 52 * 100:
        return None  # not at this pace in a lifetime
    return as_of + datetime.timedelta(weeks=needed_weeks)


def beyond_registration(projected, registration_end):
    """Whether a projected completion falls after the registration ends
    (the associate must renew, or log more hours a week, to finish in time).
    No projection or no registration end: nothing to say."""
    return bool(projected and registration_end and projected > registration_end)


def alerts(today, registration_end, unsupervised_weeks, projected, complete=False):
    """The badges of a licensure card, in display order: ``expiring`` when
    the registration ends within 90 days (or has ended), ``supervision`` when
    recent weeks lack the required supervision, ``pace`` when the projection
    falls after the registration's end. A file whose requirements are met
    has no pace to keep."""
    found = []
    if registration_end and (registration_end - today).days <= 90:
        found.append("expiring")
    if unsupervised_weeks:
        found.append("supervision")
    if not complete and beyond_registration(projected, registration_end):
        found.append("pace")
    return found
