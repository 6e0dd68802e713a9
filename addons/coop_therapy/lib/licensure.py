"""Progress toward licensure: which logged hours are valid under a license
path's rules, and what is still missing.

The rules are data (a dated rule version per path, shipped as module data
from shared/domain/licensure.md); this module only applies them. California
(BBS) supervision rules, per work setting and week: at least one unit of
supervision in every week hours are claimed, one more unit in a week with
more than 10 hours of direct counseling; a unit is 1 hour of individual or
triadic supervision or 2 hours of group supervision; at most 6 hours of
supervision credited per week; at most 40 hours credited per week; all hours
within the window (6 years) before the application.
"""

import datetime
from dataclasses import dataclass, field

DIRECT = "direct"
NONCLINICAL = "nonclinical"
SUP_INDIVIDUAL = "sup_individual"
SUP_TRIADIC = "sup_triadic"
SUP_GROUP = "sup_group"
SUPERVISION_KINDS = (SUP_INDIVIDUAL, SUP_TRIADIC, SUP_GROUP)
KINDS = (DIRECT, "clinical", NONCLINICAL, *SUPERVISION_KINDS)


@dataclass(frozen=True)
class Rule:
    total_hours: float
    buckets: dict  # code -> (min hours, max hours or None)
    categories: dict  # category code -> (kind, tuple of bucket codes it counts toward)
    predegree_max: float | None = None
    min_weeks: int = 0
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


@dataclass(frozen=True)
class Line:
    date: datetime.date
    setting: str
    category: str
    hours: float
    predegree: bool = False


@dataclass
class Progress:
    logged: dict = field(default_factory=dict)  # bucket -> hours logged
    valid: dict = field(default_factory=dict)  # bucket -> hours valid
    total_logged: float = 0.0
    total_valid: float = 0.0
    weeks_counted: int = 0
    weeks_individual: int = 0
    weeks_unsupervised: list = field(default_factory=list)  # (week start, setting)
    missing: dict = field(default_factory=dict)  # what -> how much
    percent: float = 0.0
    projected_completion: datetime.date | None = None
    expired_hours: float = 0.0  # logged but older than the window
    first_valid_date: datetime.date | None = None

    @property
    def complete(self):
        return not self.missing


def week_start(day):
    return day - datetime.timedelta(days=day.weekday())


def _window_start(rule, as_of):
    if not rule.window_years:
        return None
    try:
        return as_of.replace(year=as_of.year - rule.window_years)
    except ValueError:  # 29 February
        return as_of.replace(year=as_of.year - rule.window_years, day=28)


def supervision_units(hours_by_kind, group_hours_per_unit=2.0):
    """Units of supervision: 1 per hour individual or triadic, 1 per
    ``group_hours_per_unit`` hours of group."""
    return (
        hours_by_kind.get(SUP_INDIVIDUAL, 0.0)
        + hours_by_kind.get(SUP_TRIADIC, 0.0)
        + hours_by_kind.get(SUP_GROUP, 0.0) / group_hours_per_unit
    )


def _credit_setting_week(rule, lines):
    """Credited hours of one work setting's week: ``{category: hours}``."""
    by_kind = {}
    by_category = {}
    for line in lines:
        kind = rule.categories[line.category][0]
        by_kind[kind] = by_kind.get(kind, 0.0) + line.hours
        by_category[line.category] = by_category.get(line.category, 0.0) + line.hours
    if not rule.weekly_units:
        return by_category
    units = supervision_units(by_kind, rule.group_hours_per_unit)
    direct = by_kind.get(DIRECT, 0.0)
    if units < rule.weekly_units:
        return {}  # a week without the required supervision counts for nothing
    credited = dict(by_category)
    threshold = rule.extra_unit_above_direct
    if threshold is not None and direct > threshold and units < rule.weekly_units + 1:
        # Only one unit: direct counseling is credited up to the threshold.
        scale = threshold / direct
        for category in credited:
            if rule.categories[category][0] == DIRECT:
                credited[category] *= scale
    return credited


def _cap(credited, rule, cap, kinds_in_cut_order):
    """Trim ``credited`` (category -> hours) to ``cap`` hours, taking from the
    kinds in ``kinds_in_cut_order`` first."""
    excess = sum(credited.values()) - cap
    for kind in kinds_in_cut_order:
        for category in sorted(credited):
            if excess <= 1e-9:
                return credited
            if rule.categories[category][0] == kind:
                cut = min(credited[category], excess)
                credited[category] -= cut
                excess -= cut
    return credited


def progress(rule, lines, as_of, pace_weeks=12):  # noqa: PLR0915 - one pass, in rule order
    """Apply ``rule`` to the log ``lines`` on ``as_of`` (today, or the date of
    the application). Pure: no database, same inputs give the same result."""
    result = Progress()
    window = _window_start(rule, as_of)
    for code in rule.buckets:
        result.logged[code] = 0.0
        result.valid[code] = 0.0
    weeks = {}
    for line in lines:
        if line.date > as_of or line.category not in rule.categories:
            continue
        result.total_logged += line.hours
        for bucket in rule.categories[line.category][1]:
            result.logged[bucket] = result.logged.get(bucket, 0.0) + line.hours
        if window and line.date < window:
            result.expired_hours += line.hours
            continue
        weeks.setdefault(week_start(line.date), {}).setdefault(line.setting, []).append(line)

    credited_weeks = []  # (week, {category: hours}, predegree hours)
    months_supervision = {}
    if rule.monthly_supervision_hours:
        for settings in weeks.values():
            for setting_lines in settings.values():
                for line in setting_lines:
                    if rule.categories[line.category][0] in SUPERVISION_KINDS:
                        month = (line.date.year, line.date.month)
                        months_supervision[month] = months_supervision.get(month, 0.0) + line.hours
    for week in sorted(weeks):
        week_credit = {}
        individual = 0.0
        predegree_share = 0.0
        for setting in sorted(weeks[week]):
            setting_lines = weeks[week][setting]
            if rule.monthly_supervision_hours:
                setting_lines = [
                    line
                    for line in setting_lines
                    if months_supervision.get((line.date.year, line.date.month), 0.0)
                    >= rule.monthly_supervision_hours
                ]
            credited = _credit_setting_week(rule, setting_lines)
            if not credited and setting_lines:
                result.weeks_unsupervised.append((week, setting))
            logged = sum(line.hours for line in setting_lines)
            predegree = sum(line.hours for line in setting_lines if line.predegree)
            if logged:
                predegree_share += predegree * sum(credited.values()) / logged
            for category, hours in credited.items():
                week_credit[category] = week_credit.get(category, 0.0) + hours
                if rule.categories[category][0] in (SUP_INDIVIDUAL, SUP_TRIADIC):
                    individual += hours
        if rule.max_supervision_per_week is not None:
            supervision = sum(
                h for c, h in week_credit.items() if rule.categories[c][0] in SUPERVISION_KINDS
            )
            if supervision > rule.max_supervision_per_week:
                week_credit = _cap(
                    week_credit,
                    rule,
                    sum(week_credit.values()) - (supervision - rule.max_supervision_per_week),
                    (SUP_GROUP, SUP_TRIADIC, SUP_INDIVIDUAL),
                )
        if rule.max_hours_per_week is not None:
            week_credit = _cap(
                week_credit,
                rule,
                rule.max_hours_per_week,
                (NONCLINICAL, *SUPERVISION_KINDS, "clinical", DIRECT),
            )
        total = sum(week_credit.values())
        if total > 1e-9:
            credited_weeks.append((week, week_credit, predegree_share))
            result.weeks_counted += 1
            if individual >= 1.0:
                result.weeks_individual += 1

    predegree_left = rule.predegree_max
    per_week_total = []
    for week, week_credit, predegree_share in credited_weeks:
        scale = 1.0
        total = sum(week_credit.values())
        if predegree_left is not None and predegree_share > 0:
            allowed = min(predegree_share, predegree_left)
            predegree_left -= allowed
            scale = (total - (predegree_share - allowed)) / total
        for category, hours in week_credit.items():
            for bucket in rule.categories[category][1]:
                result.valid[bucket] = result.valid.get(bucket, 0.0) + hours * scale
        per_week_total.append((week, total * scale))
        if result.first_valid_date is None:
            result.first_valid_date = week

    # Bucket maxima (e.g. at most 1,250 hours of non-clinical experience).
    overflow = 0.0
    for code, (_minimum, maximum) in rule.buckets.items():
        if maximum is not None and result.valid.get(code, 0.0) > maximum:
            overflow += result.valid[code] - maximum
            result.valid[code] = maximum
    result.total_valid = sum(total for _week, total in per_week_total) - overflow

    for code, (minimum, _maximum) in rule.buckets.items():
        if minimum and result.valid.get(code, 0.0) < minimum - 1e-9:
            result.missing[code] = round(minimum - result.valid[code], 2)
    if result.total_valid < rule.total_hours - 1e-9:
        result.missing["total"] = round(rule.total_hours - result.total_valid, 2)
    if result.weeks_counted < rule.min_weeks:
        result.missing["weeks"] = rule.min_weeks - result.weeks_counted
    if result.weeks_individual < rule.min_individual_weeks:
        result.missing["weeks_individual"] = rule.min_individual_weeks - result.weeks_individual
    if rule.min_months and result.first_valid_date:
        months = (as_of.year - result.first_valid_date.year) * 12 + (
            as_of.month - result.first_valid_date.month
        )
        if months < rule.min_months:
            result.missing["months"] = rule.min_months - months
    elif rule.min_months:
        result.missing["months"] = rule.min_months

    result.percent = (
        min(100.0, 100.0 * result.total_valid / rule.total_hours) if rule.total_hours else 100.0
    )
    result.projected_completion = _projection(rule, result, per_week_total, as_of, pace_weeks)
    return result


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
            share = result.valid.get(code, 0.0) / max(result.total_valid, 1e-9)
            if share <= 0:
                return None
            needed_weeks = max(needed_weeks, missing / (pace_hours * share))
    for key in ("weeks", "weeks_individual"):
        if key in result.missing:
            needed_weeks = max(needed_weeks, result.missing[key] / max(pace_weeks_share, 1e-9))
    if "months" in result.missing:
        needed_weeks = max(needed_weeks, result.missing["months"] * 52 / 12)
    return as_of + datetime.timedelta(weeks=needed_weeks)
