"""The pure lifecycle and candidacy functions, without a database."""

import datetime
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..lib import candidacy, lifecycle

STATE_KEYS = [key for key, _label in lifecycle.STATES]
dates = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2090, 12, 31))
pure_settings = settings(database=None, deadline=None, max_examples=300)


@tagged("post_install", "-at_install", "coop_pure")
class TestLifecyclePure(BaseCase):
    def test_the_whole_path_is_allowed(self):
        path = ["associate", "licensed", "candidate", "member", "former"]
        for from_state, to_state in itertools.pairwise(path):
            self.assertIsNone(lifecycle.transition_error(from_state, to_state))

    def test_skipping_a_step_is_refused_with_data_not_words(self):
        # The error is data the model puts in the user's language: no English
        # sentence comes out of the pure function.
        error = lifecycle.transition_error("associate", "member")
        self.assertEqual(
            error,
            {
                "code": "not_allowed",
                "from_state": "associate",
                "to_state": "member",
                "allowed": ("licensed", "former"),  # says where it can go
            },
        )

    def test_former_is_final(self):
        for state in STATE_KEYS:
            self.assertIsNotNone(lifecycle.transition_error("former", state))
        self.assertEqual(lifecycle.transition_error("former", "member")["code"], "ended")

    def test_unknown_state(self):
        self.assertEqual(lifecycle.transition_error("associate", "owner")["code"], "unknown_state")

    @pure_settings
    @given(st.sampled_from(STATE_KEYS), st.sampled_from(STATE_KEYS))
    def test_error_exactly_when_the_path_forbids_it(self, from_state, to_state):
        # The path, as the co-op's rules describe it (governance.md, the module
        # docstring): one rung up at a time, a candidacy may be withdrawn, anyone
        # may leave, and a former membership is closed for good.
        ladder = ["associate", "licensed", "candidate", "member"]
        if from_state == "former":
            allowed = False
        elif to_state == "former" or (from_state, to_state) == ("candidate", "licensed"):
            allowed = True
        else:
            allowed = ladder.index(to_state) == ladder.index(from_state) + 1
        error = lifecycle.transition_error(from_state, to_state)
        self.assertEqual(error is None, allowed, error)
        if error and from_state != "former":  # names where it stands and may go
            self.assertEqual(error["from_state"], from_state)
            self.assertNotIn(to_state, error["allowed"])

    @pure_settings
    @given(st.lists(st.sampled_from(STATE_KEYS), max_size=12))
    def test_no_walk_reaches_member_without_candidacy(self, steps):
        # Whatever buttons are pressed, from an associate a member-owner is
        # reached only straight from candidacy, and nobody comes back from former.
        state = "associate"
        for step in steps:
            if lifecycle.transition_error(state, step) is None:
                if step == "member":
                    self.assertEqual(state, "candidate")
                self.assertNotEqual(state, "former")
                state = step

    @pure_settings
    @given(dates, dates, st.one_of(st.none(), dates))
    def test_suspension_covers_its_dates(self, day, start, end):
        suspended = lifecycle.suspended_on(day, True, start, end)
        expected = start <= day and (end is None or day <= end)
        self.assertEqual(suspended, expected)
        self.assertFalse(lifecycle.suspended_on(day, False, start, end))
        self.assertFalse(lifecycle.suspended_on(day, True, None, end))


@tagged("post_install", "-at_install", "coop_pure")
class TestCandidacyPure(BaseCase):
    def test_default_rule_whichever_is_longer(self):
        # governance.md: 650 hours or 6 months, whichever is longer.
        start = datetime.date(2026, 1, 1)
        early = candidacy.candidacy_status(start, 700, datetime.date(2026, 6, 30), 650, 6)
        self.assertFalse(early.met)
        self.assertEqual(early.days_missing, 1)
        on_time = candidacy.candidacy_status(start, 700, datetime.date(2026, 7, 1), 650, 6)
        self.assertTrue(on_time.met)
        short = candidacy.candidacy_status(start, 649.5, datetime.date(2027, 1, 1), 650, 6)
        self.assertFalse(short.met)
        self.assertEqual(short.hours_missing, 0.5)
        self.assertEqual(short.days_missing, 0)

    def test_status_gives_both_gaps_as_numbers(self):
        status = candidacy.candidacy_status(
            datetime.date(2026, 1, 1), 600, datetime.date(2026, 3, 1), 650, 6
        )
        self.assertEqual(status.hours_missing, 50)
        self.assertEqual(status.days_missing, 122)
        self.assertEqual(status.months_date, datetime.date(2026, 7, 1))

    def test_without_start_date_the_rule_is_not_met(self):
        status = candidacy.candidacy_status(None, 5000, datetime.date(2026, 1, 1), 650, 6)
        self.assertFalse(status.met)
        self.assertIsNone(status.months_date)

    def test_negative_inputs_are_refused(self):
        with self.assertRaises(ValueError):
            candidacy.candidacy_status(
                datetime.date(2026, 1, 1), -1, datetime.date(2026, 1, 1), 650, 6
            )

    def test_add_months_clamps_to_month_end(self):
        self.assertEqual(
            candidacy.add_months(datetime.date(2025, 1, 31), 1), datetime.date(2025, 2, 28)
        )
        self.assertEqual(
            candidacy.add_months(datetime.date(2024, 1, 31), 1), datetime.date(2024, 2, 29)
        )
        self.assertEqual(
            candidacy.add_months(datetime.date(2025, 8, 31), 6), datetime.date(2026, 2, 28)
        )
        self.assertEqual(
            candidacy.add_months(datetime.date(2025, 12, 15), 1), datetime.date(2026, 1, 15)
        )

    @pure_settings
    @given(dates, st.integers(min_value=0, max_value=120))
    def test_add_months_property(self, day, months):
        moved = candidacy.add_months(day, months)
        self.assertEqual((moved.year - day.year) * 12 + moved.month - day.month, months)
        self.assertLessEqual(moved.day, day.day)
        self.assertGreaterEqual(moved, day)

    @pure_settings
    @given(
        dates,
        st.floats(min_value=0, max_value=10000, allow_nan=False),
        st.integers(min_value=0, max_value=3650),
        st.floats(min_value=0, max_value=5000, allow_nan=False),
        st.integers(min_value=0, max_value=60),
    )
    def test_met_iff_both_conditions(self, start, hours, days, min_hours, min_months):
        today = start + datetime.timedelta(days=days)
        status = candidacy.candidacy_status(start, hours, today, min_hours, min_months)
        # governance.md: the hours and the months, whichever is longer. A month
        # is complete on the same day of the month, or on the last day of a
        # shorter month.
        months = (today.year - start.year) * 12 + today.month - start.month
        last_day = (today + datetime.timedelta(days=1)).month != today.month
        if today.day < start.day and not last_day:
            months -= 1
        expected = hours >= min_hours and months >= min_months
        self.assertEqual(status.met, expected)
        # More hours or a later day never un-meets the rule.
        if status.met:
            more = candidacy.candidacy_status(
                start, hours + 1, today + datetime.timedelta(days=1), min_hours, min_months
            )
            self.assertTrue(more.met)
        self.assertEqual(
            status.met,
            status.hours_missing == 0
            and status.days_missing == 0
            and status.months_date is not None,
        )
