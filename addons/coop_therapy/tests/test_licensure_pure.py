"""Hour progress toward licensure, by hand-made cases from the rules and by
properties (hypothesis)."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..lib import licensure as lic

D = datetime.date
MONDAY = D(2026, 1, 5)

# California AMFT -> LMFT (shared/domain/licensure.md).
CA_AMFT = lic.Rule(
    total_hours=3000,
    buckets={
        "direct": (1750, None),
        "cfc": (500, None),
        "nonclinical": (0, 1250),
    },
    categories={
        "direct": ("direct", ("direct",)),
        "direct_cfc": ("direct", ("direct", "cfc")),
        "nonclinical": ("nonclinical", ("nonclinical",)),
        "sup_individual": ("sup_individual", ("nonclinical",)),
        "sup_triadic": ("sup_triadic", ("nonclinical",)),
        "sup_group": ("sup_group", ("nonclinical",)),
    },
    predegree_max=1300,
    min_weeks=104,
    max_hours_per_week=40,
    window_years=6,
    weekly_units=1,
    extra_unit_above_direct=10,
    group_hours_per_unit=2,
    max_supervision_per_week=6,
    min_individual_weeks=52,
)


def week(start, setting="Clinic", **hours_by_category):
    return [
        lic.Line(start + datetime.timedelta(days=i % 5), setting, category, hours)
        for i, (category, hours) in enumerate(hours_by_category.items())
        if hours
    ]


@tagged("post_install", "-at_install", "coop_pure")
class TestLicensureProgressCases(BaseCase):
    def test_twelve_direct_hours_with_one_unit_count_ten(self):
        lines = week(MONDAY, direct=12, sup_individual=1)
        result = lic.progress(CA_AMFT, lines, D(2026, 2, 1))
        self.assertAlmostEqual(result.valid["direct"], 10.0)
        self.assertAlmostEqual(result.valid["nonclinical"], 1.0)  # the supervision hour
        self.assertEqual(result.total_logged, 13)
        # A second unit makes all 12 count.
        result = lic.progress(CA_AMFT, week(MONDAY, direct=12, sup_individual=2), D(2026, 2, 1))
        self.assertAlmostEqual(result.valid["direct"], 12.0)

    def test_a_45_hour_week_credits_40(self):
        lines = week(MONDAY, direct=30, nonclinical=13, sup_individual=2)
        result = lic.progress(CA_AMFT, lines, D(2026, 2, 1))
        self.assertEqual(result.total_logged, 45)
        self.assertAlmostEqual(result.total_valid, 40.0)
        self.assertAlmostEqual(result.valid["direct"], 30.0, msg="non-clinical hours are cut first")
        self.assertAlmostEqual(result.valid["nonclinical"], 10.0)

    def test_a_week_without_supervision_counts_for_nothing(self):
        lines = week(MONDAY, direct=8) + week(
            MONDAY + datetime.timedelta(weeks=1), direct=8, sup_group=2
        )
        result = lic.progress(CA_AMFT, lines, D(2026, 2, 1))
        self.assertAlmostEqual(result.valid["direct"], 8.0)
        self.assertEqual(result.weeks_counted, 1)
        self.assertEqual(result.weeks_unsupervised, [(MONDAY, "Clinic")])
        self.assertEqual(result.weeks_individual, 0, "group supervision only")

    def test_one_group_hour_is_half_a_unit(self):
        result = lic.progress(CA_AMFT, week(MONDAY, direct=5, sup_group=1), D(2026, 2, 1))
        self.assertEqual(result.total_valid, 0)

    def test_supervision_is_per_work_setting(self):
        lines = week(MONDAY, "Clinic", direct=5, sup_individual=1) + week(
            MONDAY, "School", direct=5
        )
        result = lic.progress(CA_AMFT, lines, D(2026, 2, 1))
        self.assertAlmostEqual(result.valid["direct"], 5.0)
        self.assertEqual(result.weeks_unsupervised, [(MONDAY, "School")])

    def test_at_most_six_supervision_hours_a_week(self):
        result = lic.progress(
            CA_AMFT, week(MONDAY, direct=10, sup_individual=4, sup_group=4), D(2026, 2, 1)
        )
        self.assertAlmostEqual(result.valid["nonclinical"], 6.0)

    def test_hours_older_than_the_window_do_not_count(self):
        old = week(D(2019, 1, 7), direct=10, sup_individual=1)
        recent = week(D(2025, 1, 6), direct=10, sup_individual=1)
        result = lic.progress(CA_AMFT, old + recent, D(2026, 1, 10))
        self.assertAlmostEqual(result.expired_hours, 11.0)
        self.assertAlmostEqual(result.valid["direct"], 10.0)
        self.assertEqual(result.total_logged, 22)

    def test_predegree_hours_are_capped(self):
        rule = lic.Rule(
            total_hours=100,
            buckets={"direct": (0, None)},
            categories={"direct": ("direct", ("direct",))},
            predegree_max=30,
        )
        lines = [
            lic.Line(MONDAY + datetime.timedelta(weeks=i), "C", "direct", 20, predegree=True)
            for i in range(3)
        ]
        result = lic.progress(rule, lines, D(2026, 3, 1))
        self.assertAlmostEqual(result.total_valid, 30.0)

    def test_non_clinical_maximum(self):
        rule = lic.Rule(
            total_hours=100,
            buckets={"nonclinical": (0, 15)},
            categories={"nonclinical": ("nonclinical", ("nonclinical",))},
        )
        lines = [
            lic.Line(MONDAY + datetime.timedelta(weeks=i), "C", "nonclinical", 10) for i in range(3)
        ]
        result = lic.progress(rule, lines, D(2026, 3, 1))
        self.assertEqual(result.valid["nonclinical"], 15)
        self.assertEqual(result.total_valid, 15)
        self.assertEqual(result.missing["total"], 85)

    def test_missing_and_projection(self):
        lines = []
        for i in range(20):
            lines += week(MONDAY + datetime.timedelta(weeks=i), direct_cfc=20, sup_individual=2)
        as_of = MONDAY + datetime.timedelta(weeks=20)
        result = lic.progress(CA_AMFT, lines, as_of)
        self.assertAlmostEqual(result.valid["direct"], 400.0)
        self.assertAlmostEqual(result.valid["cfc"], 400.0)
        self.assertEqual(result.weeks_counted, 20)
        self.assertEqual(result.weeks_individual, 20)
        self.assertEqual(result.missing["weeks"], 84)
        self.assertEqual(result.missing["cfc"], 100)
        self.assertAlmostEqual(result.missing["total"], 2560.0)
        # 22 valid hours a week: 2,560 more hours take about 116 weeks.
        self.assertEqual((result.projected_completion - as_of).days // 7, 116)
        self.assertAlmostEqual(result.percent, 440 / 30)

    def test_texas_monthly_supervision(self):
        rule = lic.Rule(
            total_hours=3000,
            buckets={"direct": (1500, None)},
            categories={
                "direct": ("direct", ("direct",)),
                "sup_individual": ("sup_individual", ()),
            },
            min_months=18,
            monthly_supervision_hours=4,
        )
        january = [
            lic.Line(D(2026, 1, 5), "C", "direct", 20),
            lic.Line(D(2026, 1, 6), "C", "sup_individual", 4),
        ]
        february = [
            lic.Line(D(2026, 2, 2), "C", "direct", 20),
            lic.Line(D(2026, 2, 3), "C", "sup_individual", 2),
        ]
        result = lic.progress(rule, january + february, D(2026, 3, 1))
        self.assertEqual(result.valid["direct"], 20)
        self.assertEqual(result.missing["months"], 16)

    def test_future_and_unknown_lines_are_ignored(self):
        lines = [lic.Line(D(2030, 1, 1), "C", "direct", 5), lic.Line(MONDAY, "C", "bowling", 5)]
        result = lic.progress(CA_AMFT, lines, D(2026, 2, 1))
        self.assertEqual(result.total_logged, 0)


lines_strategy = st.lists(
    st.builds(
        lic.Line,
        date=st.dates(min_value=D(2018, 1, 1), max_value=D(2026, 6, 30)),
        setting=st.sampled_from(["Clinic", "School"]),
        category=st.sampled_from(sorted(CA_AMFT.categories)),
        hours=st.floats(min_value=0.25, max_value=12, allow_nan=False),
        predegree=st.booleans(),
    ),
    max_size=60,
)


@tagged("post_install", "-at_install", "coop_pure")
class TestLicensureProgressProperties(BaseCase):
    @settings(database=None, deadline=None, max_examples=200)
    @given(lines_strategy)
    def test_valid_never_exceeds_logged_and_weekly_caps_hold(self, lines):
        as_of = D(2026, 7, 1)
        result = lic.progress(CA_AMFT, lines, as_of)
        self.assertLessEqual(result.total_valid, result.total_logged + 1e-6)
        for bucket, valid in result.valid.items():
            self.assertLessEqual(valid, result.logged[bucket] + 1e-6)
        self.assertLessEqual(result.valid["nonclinical"], 1250 + 1e-6)
        self.assertLessEqual(result.total_valid, 40 * result.weeks_counted + 1e-6)
        self.assertLessEqual(result.weeks_individual, result.weeks_counted)
        self.assertGreaterEqual(result.percent, 0)
        self.assertLessEqual(result.percent, 100)
        self.assertEqual(result.complete, not result.missing)

    @settings(database=None, deadline=None, max_examples=100)
    @given(lines_strategy, st.floats(min_value=0.5, max_value=4))
    def test_more_supervision_never_loses_hours(self, lines, extra):
        as_of = D(2026, 7, 1)
        before = lic.progress(CA_AMFT, lines, as_of)
        more = lines + [
            lic.Line(line.date, line.setting, "sup_individual", extra) for line in lines
        ]
        after = lic.progress(CA_AMFT, more, as_of)
        self.assertGreaterEqual(after.valid["direct"] + 1e-6, before.valid["direct"])

    @settings(database=None, deadline=None, max_examples=100)
    @given(lines_strategy)
    def test_order_of_lines_does_not_matter(self, lines):
        as_of = D(2026, 7, 1)
        forward = lic.progress(CA_AMFT, lines, as_of)
        backward = lic.progress(CA_AMFT, list(reversed(lines)), as_of)
        self.assertAlmostEqual(forward.total_valid, backward.total_valid, 6)
        self.assertEqual(forward.weeks_counted, backward.weeks_counted)
