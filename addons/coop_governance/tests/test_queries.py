"""The voter roll behind a list of meetings, requisitions or proxies is read
in a fixed number of queries: 50 rows cost what 2 rows cost."""

import logging
import re

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.coop_membership.tests.common import CoopCase

from ..lib import tally
from .common import CoopHttpCase

_logger = logging.getLogger(__name__)
FEW, MANY = 2, 50


class QueryCountCase(CoopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rules = cls.env["coop.decision.type"].search(
            [("company_id", "=", cls.company.id), ("code", "=", "ordinary")]
        )

    def _queries(self, run):
        """The queries ``run()`` makes on an empty cache, and what it returned."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        result = run()
        return self.env.cr.sql_log_count - before, result

    def _list(self, records, fnames, label):
        """Read ``fnames`` as a list view does, for the first FEW and then for
        MANY records (after a first read that warms the caches)."""
        model = self.env[records._name]
        self._queries(lambda: model.browse(records[-FEW:].ids).read(fnames))
        few, _values = self._queries(lambda: model.browse(records[:FEW].ids).read(fnames))
        many, values = self._queries(lambda: model.browse(records[:MANY].ids).read(fnames))
        _logger.info("%s: %s queries for %s, %s for %s", label, few, FEW, many, len(records))
        self.assertEqual(len(records), MANY)
        self.assertEqual(many, few, f"{label}: {few} queries for {FEW}, {many} for {MANY}")
        return values

    def _meeting(self, name, day, rules=None):
        return self.env["coop.meeting"].create(
            {
                "name": name,
                "company_id": self.company.id,
                "decision_type_id": (rules or self.rules).id,
                "date_start": fields.Datetime.to_datetime(day) + relativedelta(hours=18),
            }
        )


@tagged("post_install", "-at_install")
class TestRollsOfManyDates(QueryCountCase):
    """Members join and leave over time: each meeting's roll is the one of
    its own date, however many meetings are read together."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.spells = []  # (joined, left or None)
        for index, days in enumerate((200, 150, 100, 60, 30, 10)):
            joined = cls.today - relativedelta(days=days)
            member = cls._member(f"Member {index}", date_state=joined)
            left = None
            if index == 1:
                left = cls.today - relativedelta(days=50)
                member._coop_transition("former", date=left, reason="resigned")
            cls.spells.append((joined, left))

    def _voters_on(self, day, min_days=0):
        """The oracle: one member, one vote, for who was a member-owner for
        ``min_days`` days or more on ``day``."""
        return sum(
            1
            for joined, left in self.spells
            if joined + relativedelta(days=min_days) <= day and (left is None or day < left)
        )

    def test_a_list_of_meetings_reads_every_roll_in_fixed_queries(self):
        strict = self.rules.copy({"code": "strict", "name": "Strict", "min_member_days": 45})
        meetings = self.env["coop.meeting"]
        for index in range(MANY):
            day = self.today - relativedelta(days=3 * index)
            rules = strict if index % 4 == 0 else self.rules
            meetings |= self._meeting(f"Meeting {index}", day, rules)
        values = self._list(meetings, ["eligible_count", "quorum_text"], "meetings")
        seen = set()
        for row, meeting in zip(values, meetings, strict=True):
            day = meeting.date_start.date()
            expected = self._voters_on(day, meeting.decision_type_id.min_member_days)
            self.assertEqual(row["eligible_count"], expected, f"{meeting.name} on {day}")
            seen.add(expected)
        self.assertGreaterEqual(len(seen), 4, "the rolls differ from one date to another")

    def test_a_list_of_requisitions_reads_the_roll_in_fixed_queries(self):
        Requisition = self.env["coop.requisition"]
        requisitions = Requisition.create(
            [
                {
                    "name": f"Question {index}",
                    "kind": "meeting" if index % 2 else "ballot",
                    "company_id": self.company.id,
                    "decision_type_id": self.rules.id,
                }
                for index in range(MANY)
            ]
        )
        values = self._list(requisitions, ["signed_count", "needed_count"], "requisitions")
        voters = self._voters_on(self.today)
        self.assertEqual(voters, 5)
        for row, requisition in zip(values, requisitions, strict=True):
            ratio = (
                self.rules.requisition_meeting_ratio
                if requisition.kind == "meeting"
                else self.rules.requisition_ballot_ratio
            )
            self.assertEqual(row["needed_count"], tally.signatures_needed(voters, ratio))
            self.assertEqual(row["signed_count"], 0)


@tagged("post_install", "-at_install")
class TestProxiesOfManyMembers(QueryCountCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        since = cls.today - relativedelta(years=1)
        cls.holder = cls._member("Holder", date_state=since)
        cls.givers = cls.env["coop.membership"]
        for index in range(MANY):
            cls.givers |= cls._member(f"Giver {index}", date_state=since)
        cls.late = cls._member("Late Joiner", date_state=cls.today)
        cls.rules.write({"proxies_allowed": True, "proxy_cap": MANY})

    def _proxies(self, meeting, givers, holder=None):
        return [
            {
                "meeting_id": meeting.id,
                "membership_id": giver.id,
                "mode": "proxy",
                "proxy_holder_id": (holder or self.holder).id,
            }
            for giver in givers
        ]

    def test_proxies_are_checked_against_the_roll_in_fixed_queries(self):
        Attendance = self.env["coop.meeting.attendance"]
        day = self.today - relativedelta(days=1)
        warm, few_meeting, many_meeting = (
            self._meeting(f"Assembly {index}", day - relativedelta(days=index))
            for index in range(3)
        )
        self._queries(lambda: Attendance.create(self._proxies(warm, self.givers[:FEW])))
        few, _rows = self._queries(
            lambda: Attendance.create(self._proxies(few_meeting, self.givers[:FEW]))
        )
        many, rows = self._queries(
            lambda: Attendance.create(self._proxies(many_meeting, self.givers))
        )
        _logger.info("proxies: %s queries for %s, %s for %s", few, FEW, many, MANY)
        self.assertEqual(len(rows), MANY)
        self.assertEqual(many, few, f"proxies: {few} queries for {FEW}, {many} for {MANY}")
        self.assertEqual(many_meeting.attending_count, MANY)
        # The checks still hold, for every line of a batch.
        with (
            self.assertRaisesRegex(ValidationError, "who may vote at the meeting"),
            self.env.cr.savepoint(),
        ):
            Attendance.create(self._proxies(warm, self.givers[FEW:], holder=self.late))
        with (
            self.assertRaisesRegex(ValidationError, "would hold 3 proxies"),
            self.env.cr.savepoint(),
        ):
            self.rules.write({"proxy_cap": 2})
            Attendance.create(self._proxies(warm, self.givers[FEW : FEW + 1]))


@tagged("post_install", "-at_install")
class TestPortalMeetingsPaged(CoopHttpCase):
    """A member reaches every meeting they may attend, however old, and the
    list of meetings is paged after leaving out the ones they may not."""

    def setUp(self):
        super().setUp()
        self._portal_user("paged_member", self._voters())
        self.rules = self._rules()
        # Bylaws asking for more days of membership than this member has.
        self.strict = self.rules.copy({"code": "senior", "name": "Senior", "min_member_days": 400})
        self.now = fields.Datetime.now()
        self.authenticate("paged_member", "paged_member_pw")

    def _noticed(self, name, rules, ago):
        meeting = (
            self.env["coop.meeting"]
            .sudo()
            .create(
                {
                    "name": name,
                    "company_id": self.env.company.id,
                    "decision_type_id": rules.id,
                    "date_start": self.now - ago,
                }
            )
        )
        meeting.write({"state": "noticed"})
        return meeting

    def _meetings(self, weeks):
        """A meeting the member may attend ``weeks`` weeks ago, for each."""
        return {
            f"Visible-{week:02d}-": self._noticed(
                f"Visible-{week:02d}-", self.rules, relativedelta(weeks=week)
            )
            for week in weeks
        }

    def _hidden(self):
        """Five meetings of the last days, under bylaws the member does not meet."""
        return [
            self._noticed(f"Hidden-{days:02d}-", self.strict, relativedelta(days=days))
            for days in range(1, 6)
        ]

    def _listed(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return re.findall(r"(?:Visible|Hidden)-\d\d-", response.text)

    def test_every_meeting_is_reachable_and_the_list_pages_after_filtering(self):
        visible = self._meetings(range(1, 26))
        hidden = self._hidden()
        # The oldest of 25 meetings, behind 29 newer ones (5 of which the
        # member may not attend), answers.
        response = self.url_open(f"/my/votes/meeting/{visible['Visible-25-'].id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Visible-25-", response.text)
        for meeting in hidden:
            self.assertEqual(self.url_open(f"/my/votes/meeting/{meeting.id}").status_code, 404)
        # 20 meetings a page, counted among those the member may attend.
        newest_first = [f"Visible-{weeks:02d}-" for weeks in range(1, 26)]
        self.assertEqual(self._listed("/my/votes"), newest_first[:20])
        self.assertEqual(self._listed("/my/votes/page/2"), newest_first[20:])

    def test_the_list_of_meetings_costs_the_same_queries_for_2_as_for_25(self):
        def page_queries():
            self._listed("/my/votes")  # warm the caches
            self.env.flush_all()
            before = self.cr.sql_log_count
            listed = self._listed("/my/votes")
            return self.cr.sql_log_count - before, listed

        self._meetings(range(1, 3))
        few, few_listed = page_queries()
        self._meetings(range(3, 26))
        self._hidden()
        many, many_listed = page_queries()
        _logger.info("portal meetings: %s queries for 2, %s for 25", few, many)
        self.assertEqual(many, few, f"/my/votes: {few} queries for 2 meetings, {many} for 25")
        self.assertEqual(few_listed, ["Visible-01-", "Visible-02-"])
        self.assertEqual(many_listed, [f"Visible-{weeks:02d}-" for weeks in range(1, 21)])
