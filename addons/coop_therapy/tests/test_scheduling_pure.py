"""Scheduling rules (lib/scheduling.py) by hand cases and properties."""

import datetime
import random

import pytz
from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..lib import scheduling as sch

DT = datetime.datetime
H = datetime.timedelta(hours=1)
MIN = datetime.timedelta(minutes=1)
MON = DT(2026, 3, 2, 9, 0)
CLIN, ROOM = ("clinician", 1), ("room", 1)


@tagged("post_install", "-at_install", "coop_pure")
class TestSchedulingCases(BaseCase):
    def test_back_to_back_is_no_conflict(self):
        busy = {CLIN: [(MON, MON + H, "a")]}
        self.assertEqual(sch.find_conflicts([(MON + H, MON + 2 * H, [CLIN])], busy), [])

    def test_overlap_is_double_booking(self):
        busy = {ROOM: [(MON, MON + H, "a")]}
        result = sch.find_conflicts([(MON + 30 * MIN, MON + 90 * MIN, [CLIN, ROOM])], busy)
        self.assertEqual(result, [sch.Conflict(0, ROOM, sch.DOUBLE_BOOKED, "a")])

    def test_buffer_applies_to_clinicians_only(self):
        busy = {CLIN: [(MON, MON + H, "a")], ROOM: [(MON, MON + H, "b")]}
        proposed = [(MON + H + 5 * MIN, MON + 2 * H, [CLIN, ROOM])]
        self.assertEqual(
            sch.find_conflicts(proposed, busy, buffer=10 * MIN, buffered={CLIN}),
            [sch.Conflict(0, CLIN, sch.BUFFER, "a")],
        )
        self.assertEqual(sch.find_conflicts(proposed, busy, buffer=5 * MIN, buffered={CLIN}), [])

    def test_a_weekly_series_hits_one_busy_week(self):
        busy = {ROOM: [(MON + 7 * 24 * 3 * H, MON + 7 * 24 * 3 * H + H, "week 4")]}
        series = [(MON + 7 * 24 * w * H, MON + 7 * 24 * w * H + H, [ROOM]) for w in range(10)]
        self.assertEqual(
            sch.find_conflicts(series, busy), [sch.Conflict(3, ROOM, sch.DOUBLE_BOOKED, "week 4")]
        )

    def test_series_overlapping_itself(self):
        proposed = [(MON, MON + 2 * H, [CLIN]), (MON + H, MON + 3 * H, [CLIN])]
        self.assertEqual(sch.find_conflicts(proposed, {}), [sch.Conflict(1, CLIN, sch.SERIES, 0)])

    def test_long_busy_interval_found_behind_short_ones(self):
        busy = {CLIN: [(0, 100, "long"), (10, 11, "s1"), (20, 21, "s2")]}
        self.assertEqual(
            sch.find_conflicts([(50, 60, [CLIN])], busy),
            [sch.Conflict(0, CLIN, sch.DOUBLE_BOOKED, "long")],
        )

    def test_availability(self):
        working = [(MON, MON + 4 * H), (MON + 5 * H, MON + 9 * H)]
        leaves = [(MON + 7 * H, MON + 8 * H)]
        proposed = [
            (MON, MON + H),  # fine
            (MON + 3 * H, MON + 5 * H),  # across lunch
            (MON + 7 * H, MON + 8 * H),  # time off
            (MON - H, MON),  # before work
        ]
        self.assertEqual(
            sch.check_availability(proposed, working, leaves),
            [(1, sch.OUTSIDE_HOURS), (2, sch.TIME_OFF), (3, sch.OUTSIDE_HOURS)],
        )

    def test_caseload_warn_then_block(self):
        limits = sch.Limits()
        new = [("d1", "w1", 1.0, 1.0)]
        self.assertEqual(
            sch.caseload_findings(limits, {"w1": 25.0}, {}, new),
            [sch.Finding("direct_warn", sch.WARN, "w1", 26.0, 25)],
        )
        self.assertEqual(
            sch.caseload_findings(limits, {"w1": 29.5}, {}, new),
            [sch.Finding("direct_block", sch.BLOCK, "w1", 30.5, 30)],
        )
        self.assertEqual(sch.caseload_findings(limits, {"w1": 24.0}, {}, new), [])

    def test_sessions_per_day(self):
        result = sch.caseload_findings(sch.Limits(), {}, {"d1": 6}, [("d1", "w1", 1.0, 1.0)])
        self.assertEqual(result, [sch.Finding("sessions_day", sch.BLOCK, "d1", 7, 6)])

    def test_clients(self):
        limits = sch.Limits(active_clients=2, accepting_new=False)
        self.assertEqual(
            sch.caseload_findings(limits, {}, {}, [], active_clients={1, 2}, new_clients={2}), []
        )
        self.assertEqual(
            sch.caseload_findings(limits, {}, {}, [], active_clients={1, 2}, new_clients={3}),
            [
                sch.Finding("not_accepting", sch.BLOCK, None, 1, 0),
                sch.Finding("active_clients", sch.BLOCK, None, 3, 2),
            ],
        )

    def test_associate_supervision_unit_and_week_cap(self):
        limits = sch.Limits(associate_extra_unit_above=10, week_cap=40)
        new = [("d1", "w1", 1.0, 1.0)]
        self.assertEqual(
            sch.caseload_findings(limits, {"w1": 10.0}, {}, new, week_units={"w1": 1}),
            [sch.Finding("supervision_unit", sch.WARN, "w1", 11.0, 2)],
        )
        self.assertEqual(
            sch.caseload_findings(limits, {"w1": 10.0}, {}, new, week_units={"w1": 2}), []
        )
        self.assertEqual(
            sch.caseload_findings(
                limits, {"w1": 5.0}, {}, new, week_units={"w1": 2}, week_other_hours={"w1": 39.5}
            ),
            [sch.Finding("week_cap", sch.WARN, "w1", 40.5, 40)],
        )

    def test_cpt_bands(self):
        self.assertEqual(sch.cpt_band_check("90834", 45), None)
        self.assertEqual(sch.cpt_band_check("90834", 37), "cpt_too_short")
        self.assertEqual(sch.cpt_band_check("90832", 38), "cpt_too_long")
        self.assertEqual(sch.cpt_band_check("90837", 90), None)
        self.assertEqual(sch.cpt_band_check("90847", 25), "cpt_too_short")
        self.assertEqual(sch.cpt_band_check("90853", 5), None)


RESOURCES = [("clinician", 1), ("clinician", 2), ("room", 1), ("client", 1)]
interval = st.tuples(st.integers(0, 200), st.integers(1, 40)).map(lambda t: (t[0], t[0] + t[1]))
proposed_st = st.lists(
    st.tuples(interval, st.sets(st.sampled_from(RESOURCES), min_size=1, max_size=3)).map(
        lambda t: (t[0][0], t[0][1], tuple(sorted(t[1])))
    ),
    max_size=12,
)
busy_st = st.dictionaries(
    st.sampled_from(RESOURCES),
    st.lists(interval.map(lambda i: (i[0], i[1], f"b{i[0]}-{i[1]}")), max_size=10),
)


def _overlap(a, b, gap=0):
    return a[0] < b[1] + gap and b[0] < a[1] + gap


@tagged("post_install", "-at_install", "coop_pure")
class TestSchedulingProperties(BaseCase):
    @settings(max_examples=300, deadline=None)
    @given(proposed_st, busy_st, st.integers(0, 10))
    def test_no_overlap_is_ever_accepted(self, proposed, busy, gap):
        """Whenever the check accepts a set of sessions, no resource is in
        two places at once (nor closer than the buffer for clinicians),
        against the busy intervals and among the new sessions."""
        buffered = {r for r in RESOURCES if r[0] == "clinician"}
        conflicts = sch.find_conflicts(proposed, busy, gap, buffered)
        brute = False
        for i, (s, e, res) in enumerate(proposed):
            for r in res:
                g = gap if r in buffered else 0
                if any(_overlap((s, e), b, g) for b in busy.get(r, [])):
                    brute = True
                for j, (s2, e2, res2) in enumerate(proposed):
                    if j != i and r in res2 and _overlap((s, e), (s2, e2), g):
                        brute = True
        self.assertEqual(bool(conflicts), brute)

    @settings(max_examples=200, deadline=None)
    @given(proposed_st, busy_st, st.randoms(use_true_random=False))
    def test_a_series_is_checked_as_a_whole(self, proposed, busy, rnd):
        """The order of the sessions changes nothing: the same sessions
        conflict with the same busy intervals, and a clash inside the set is
        found whatever the order."""
        shuffled = list(proposed)
        rnd.shuffle(shuffled)

        def outcome(items):
            found = sch.find_conflicts(items, busy)
            return (
                {
                    (items[c.index][:2], c.resource, c.code, c.other)
                    for c in found
                    if c.code != sch.SERIES
                },
                {c.resource for c in found if c.code == sch.SERIES},
            )

        self.assertEqual(outcome(proposed), outcome(shuffled))

    @settings(max_examples=300, deadline=None)
    @given(
        st.lists(st.tuples(st.integers(0, 13), st.floats(0.5, 3)), max_size=40),
        st.lists(st.tuples(st.integers(0, 13), st.floats(0.5, 3)), min_size=1, max_size=15),
        st.integers(0, 8),
        st.integers(5, 40),
        st.integers(0, 30),
        st.sets(st.integers(0, 40), max_size=30),
        st.sets(st.integers(0, 40), max_size=5),
    )
    def test_limits_never_exceeded_without_override(
        self, booked, new, per_day, block, client_limit, active, clients
    ):
        """If nothing blocks, no limit is over after booking."""
        limits = sch.Limits(
            direct_warn=block - 1,
            direct_block=block,
            sessions_per_day=per_day,
            active_clients=client_limit,
        )
        week_direct, day_count = {}, {}
        for day, hours in booked:
            week_direct[day // 7] = week_direct.get(day // 7, 0) + hours
            day_count[day] = day_count.get(day, 0) + 1
        new_sessions = [(day, day // 7, hours, hours) for day, hours in new]
        findings = sch.caseload_findings(
            limits, week_direct, day_count, new_sessions, active, clients
        )
        if not sch.blocking(findings):
            for day, week, hours, _credit in new_sessions:
                week_direct[week] = week_direct.get(week, 0) + hours
                day_count[day] = day_count.get(day, 0) + 1
            for day, _week, _h, _c in new_sessions:
                self.assertLessEqual(day_count[day], per_day)
                self.assertLessEqual(week_direct[day // 7], block + 1e-6)
            self.assertLessEqual(len(set(active) | set(clients)), max(client_limit, len(active)))

    @settings(max_examples=200, deadline=None)
    @given(
        st.lists(interval, max_size=8),
        st.lists(interval, max_size=4),
        st.lists(interval, min_size=1, max_size=8),
    )
    def test_available_sessions_lie_in_work_and_off_leave(self, working, leaves, proposed):
        result = dict(sch.check_availability(proposed, working, leaves))
        for i, (s, e) in enumerate(proposed):
            inside = any(
                all(any(w[0] <= t < w[1] for w in working) for t in range(s, e)) for _ in [0]
            )
            off = any(_overlap((s, e), leave) for leave in leaves)
            if i not in result:
                self.assertTrue(inside)
                self.assertFalse(off)
            else:
                self.assertEqual(result[i] == sch.TIME_OFF, off)
                if not off:
                    self.assertFalse(inside)

    def test_index_is_logarithmic(self):
        """The index answers with bisections: a random check agrees with a
        scan (a sanity check of the structure, not a timing)."""
        rnd = random.Random(4)
        items = [(s, s + rnd.randint(1, 50), s) for s in rnd.sample(range(100000), 2000)]
        tree = sch.BusyIndex(items)
        for _ in range(500):
            s = rnd.randint(0, 100000)
            e = s + rnd.randint(1, 60)
            scan = [i for i in sorted(items) if i[0] < e and s < i[1]]
            hit = tree.first_overlap(s, e)
            self.assertEqual(hit, scan[0] if scan else None)


NEW_YORK = pytz.timezone("America/New_York")


def _att(day, start, end, **kw):
    return sch.Attendance(day, start, end, **kw)


@tagged("post_install", "-at_install", "coop_pure")
class TestWorkingHoursLayout(BaseCase):
    """The working hours laid out from a calendar's attendances as Odoo's
    ``_attendance_intervals_batch`` does (the Odoo test compares the two on
    real calendars)."""

    def test_float_to_time_and_week_type(self):
        self.assertEqual(sch.float_to_time(8.5), datetime.time(8, 30))
        self.assertEqual(sch.float_to_time(12.25), datetime.time(12, 15))
        self.assertEqual(sch.float_to_time(24.0), datetime.time.max)
        self.assertEqual(sch.float_to_time(8 + 1 / 3), datetime.time(8, 20))
        # Two consecutive weeks always differ, across a year end too.
        monday = datetime.date(2026, 12, 28)
        self.assertNotEqual(
            sch.week_type(monday), sch.week_type(monday + datetime.timedelta(days=7))
        )
        self.assertEqual(sch.week_type(monday), sch.week_type(monday + datetime.timedelta(days=6)))
        self.assertFalse(sch.layout_is_exact([_att(0, 8.9999, 12)]))  # minute 60
        self.assertFalse(sch.layout_is_exact([_att(0, 8, 25)]))
        self.assertTrue(sch.layout_is_exact([_att(0, 8, 24)]))

    def test_daylight_saving_moves_the_hours_in_utc(self):
        """9:00-17:00 in New York is 14:00-22:00 UTC before the spring
        change (Sunday 8 March 2026) and 13:00-21:00 after it."""
        atts = [_att(d, 9, 17) for d in range(5)]
        friday, monday = datetime.date(2026, 3, 6), datetime.date(2026, 3, 9)
        self.assertEqual(
            sch.working_intervals(atts, NEW_YORK, friday, monday),
            [(DT(2026, 3, 6, 14), DT(2026, 3, 6, 22)), (DT(2026, 3, 9, 13), DT(2026, 3, 9, 21))],
        )
        # A session at 13:30 UTC is 8:30 before the change, 9:30 after.
        sessions = [(DT(2026, 3, 6, 14, 30), DT(2026, 3, 6, 15, 20))]
        sessions.append((DT(2026, 3, 9, 13, 30), DT(2026, 3, 9, 14, 20)))
        sessions.append((DT(2026, 3, 6, 13, 30), DT(2026, 3, 6, 14, 20)))
        working = sch.working_intervals_around(sessions, atts, NEW_YORK)
        self.assertEqual(sch.check_availability(sessions, working, []), [(2, sch.OUTSIDE_HOURS)])

    def test_lunch_break_two_weeks_and_dated_lines(self):
        monday = datetime.date(2026, 3, 2)
        lunch = [_att(0, 8, 12), _att(0, 13, 17)]
        over_lunch = [(DT(2026, 3, 2, 11, 30), DT(2026, 3, 2, 12, 30))]
        working = sch.working_intervals_around(over_lunch, lunch, pytz.utc)
        self.assertEqual(sch.check_availability(over_lunch, working, []), [(0, sch.OUTSIDE_HOURS)])
        # Back to back lines make one stretch of work.
        joined = [_att(0, 8, 12), _att(0, 12, 17)]
        working = sch.working_intervals_around(over_lunch, joined, pytz.utc)
        self.assertEqual(sch.check_availability(over_lunch, working, []), [])
        # Two-week calendar: Mondays only in the week of its type.
        parity = sch.week_type(monday)
        two = [_att(0, 8, 17, week_type=parity)]
        self.assertEqual(len(sch.working_intervals(two, pytz.utc, monday, monday, True)), 1)
        later = monday + datetime.timedelta(days=7)
        self.assertEqual(sch.working_intervals(two, pytz.utc, later, later, True), [])
        # Without two weeks, the week type is ignored.
        self.assertEqual(len(sch.working_intervals(two, pytz.utc, later, later)), 1)
        # Lines with first and last days (inclusive).
        dated = [_att(0, 8, 17, date_from=later, date_to=later)]
        self.assertEqual(sch.working_intervals(dated, pytz.utc, monday, monday), [])
        self.assertEqual(len(sch.working_intervals(dated, pytz.utc, later, later)), 1)

    @settings(max_examples=200, deadline=None)
    @given(
        st.lists(
            st.tuples(st.integers(0, 6), st.integers(0, 95), st.integers(1, 40)),
            max_size=10,
        ),
        st.lists(st.tuples(st.integers(0, 14 * 96), st.integers(1, 24)), min_size=1, max_size=8),
        st.booleans(),
    )
    def test_layout_agrees_with_a_minute_by_minute_reference(self, lines, sessions, two_weeks):
        """A session is inside the laid-out hours exactly when every minute
        of it lies in some attendance line of its day (quarter hours; a line
        ending at 24:00 ends a microsecond before midnight, as in Odoo, so
        it does not join the next day)."""
        atts = [
            _att(day, q / 4, min(24.0, (q + n) / 4), week_type=(q + n) % 2) for day, q, n in lines
        ]
        base = DT(2026, 3, 2)  # a Monday
        proposed = [(base + s * 15 * MIN, base + (s + n) * 15 * MIN) for s, n in sessions]
        working = sch.working_intervals_around(proposed, atts, pytz.utc, two_weeks)
        found = dict(sch.check_availability(proposed, working, []))

        def covered(minute):
            day = minute.date()
            for att in atts:
                if att.dayofweek != day.weekday():
                    continue
                if two_weeks and att.week_type != sch.week_type(day):
                    continue
                start = DT.combine(day, sch.float_to_time(att.hour_from))
                end = DT.combine(day, sch.float_to_time(att.hour_to))
                if start <= minute and minute + MIN <= end:
                    return True
            return False

        for index, (start, end) in enumerate(proposed):
            minutes = int((end - start) / MIN)
            inside = all(covered(start + k * MIN) for k in range(minutes))
            self.assertEqual(index not in found, inside, (start, end, atts))


# Zones with daylight saving time at 2:00 (the US), at midnight (Santiago),
# by 30 minutes (Lord Howe), in the southern hemisphere, without DST now
# (Tehran, Phoenix), and UTC.
ZONES = [
    pytz.timezone(name)
    for name in (
        "America/Los_Angeles",
        "America/New_York",
        "America/Santiago",
        "Australia/Lord_Howe",
        "Europe/Brussels",
        "Asia/Tehran",
        "America/Phoenix",
        "UTC",
    )
]


def _near_transitions(zone):
    """Local times around each of the zone's transitions from 1990 to 2040:
    an hour before and after and inside gaps and overlaps, by the minute."""
    times = getattr(zone, "_utc_transition_times", [])
    infos = getattr(zone, "_transition_info", [])
    out = []
    for index, when in enumerate(times):
        if not DT(1990, 1, 1) < when < DT(2040, 1, 1):
            continue
        for offset in (infos[index - 1][0], infos[index][0]):
            local = when + offset
            out.extend(local + k * 10 * MIN for k in range(-7, 8))
    return out


@tagged("post_install", "-at_install", "coop_pure")
class TestTimeZoneConversions(BaseCase):
    """``to_utc`` and ``to_local`` read the zone's table of transitions
    instead of building aware datetimes: the same results as
    ``tz.localize`` (Odoo's way to read a local time) and ``astimezone``."""

    @staticmethod
    def localize(local, zone):
        return zone.localize(local).astimezone(pytz.utc).replace(tzinfo=None)

    def test_every_transition_from_1990_to_2040(self):
        checked = 0
        for zone in ZONES:
            for local in _near_transitions(zone):
                self.assertEqual(sch.to_utc(local, zone), self.localize(local, zone), (zone, local))
                self.assertEqual(
                    sch.to_local(local, zone),
                    pytz.utc.localize(local).astimezone(zone).replace(tzinfo=None),
                    (zone, local),
                )
                checked += 1
        self.assertGreater(checked, 10_000)

    def test_gap_and_overlap_by_hand(self):
        """2:30 on the spring change in Los Angeles does not exist: standard
        time, 10:30 UTC; 1:30 on the autumn change happens twice: standard
        time, the second, 9:30 UTC (as Odoo reads them)."""
        zone = ZONES[0]
        self.assertEqual(sch.to_utc(DT(2026, 3, 8, 2, 30), zone), DT(2026, 3, 8, 10, 30))
        self.assertEqual(sch.to_utc(DT(2026, 11, 1, 1, 30), zone), DT(2026, 11, 1, 9, 30))
        self.assertEqual(sch.to_utc(DT(2026, 7, 1, 9, 0), zone), DT(2026, 7, 1, 16, 0))
        self.assertEqual(sch.to_local(DT(2026, 7, 1, 16, 0), zone), DT(2026, 7, 1, 9, 0))

    @settings(max_examples=500, deadline=None)
    @given(
        st.sampled_from(ZONES),
        st.datetimes(min_value=DT(1900, 1, 1), max_value=DT(2100, 12, 31)),
    )
    def test_same_as_pytz_anywhere(self, zone, moment):
        self.assertEqual(sch.to_utc(moment, zone), self.localize(moment, zone))
        self.assertEqual(
            sch.to_local(moment, zone),
            pytz.utc.localize(moment).astimezone(zone).replace(tzinfo=None),
        )
