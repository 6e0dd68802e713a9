"""Year-end patronage counts the hours of signed licensure weeks that a
member worked while a member: a member who joined during the year counts
from the day they joined, one who left up to the day they left; their other
hours are non-member labour, whose share of the margin goes to the reserve
(shared/domain/capital.md, "Member and non-member margin")."""

from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from .test_licensure import LicensureCase


@tagged("post_install", "-at_install")
class TestPatronageHours(LicensureCase):
    @classmethod
    def _admit(cls, membership, date):
        """Make ``membership`` a member-owner since ``date``: the dated
        history the allocation reads, written directly (the candidacy and the
        voting share are not what this test is about)."""
        number = membership._coop_new_register_numbers()[membership.id]
        cls.env["coop.membership.transition"]._coop_owner_create(
            {
                "membership_id": membership.id,
                "from_state": membership.state,
                "to_state": "member",
                "date": date,
            }
        )
        membership._coop_owner_write(
            {"state": "member", "date_state": date, "date_member": date, "register_number": number}
        )

    def test_joiner_and_leaver_count_their_hours_as_members(self):
        end = self.monday + relativedelta(weeks=2)  # this week's Monday
        start = end - relativedelta(weeks=10)
        # Ava (the associate) and Lee log 5 signed hours each Monday for ten
        # weeks; Ava joins on the sixth Monday, Lee leaves on the Sunday before.
        joiner = self.associate.coop_membership_id
        leaver = self._membership("Lee Leaver", date_state=start - relativedelta(years=1))
        self._admit(leaver, start - relativedelta(years=1))
        lee_file = self.env["coop.licensure"].create(
            {"employee_id": leaver.employee_id.id, "path_id": self.path.id}
        )
        # Only the signed weeks count here: the hours worked before the
        # register kept dated entries (700 each) belong to no year.
        self.assertEqual(leaver.candidacy_hours_manual, 700)
        for file in (self.file, lee_file):
            file._coop_generate_weeks(10, "Clinic", self.supervisor, {"direct": 5}, end=end)
        joined = end - relativedelta(weeks=5)
        self._admit(joiner, joined)
        leaver._coop_transition("former", date=joined - relativedelta(days=1), reason="resigned")
        allocation = self.env["coop.patronage.allocation"].create(
            {"company_id": self.company.id, "date_from": start, "date_to": end}
        )
        allocation.action_compute()
        lines = {line.membership_id: line for line in allocation.line_ids}
        self.assertEqual(
            (lines[joiner].period_from, lines[joiner].period_to, lines[joiner].hours),
            (joined, end, 25),
        )
        self.assertEqual(
            (lines[leaver].period_from, lines[leaver].period_to, lines[leaver].hours),
            (start, joined - relativedelta(days=1), 25),
        )
        # Ava's 25 hours before joining and Lee's 25 after leaving are
        # non-member labour; Sol (the supervisor) became a member only today.
        self.assertEqual(set(lines), {joiner, leaver})
        self.assertEqual((allocation.member_hours, allocation.all_hours), (50, 100))
        # Each line shows where its hours come from: the sources that gave
        # hours (none entered, no sessions, no timesheets here).
        sources = {s.code: (s.label, s.hours) for s in lines[joiner].source_ids}
        self.assertEqual(sources, {"licensure": ("Licensure hours (signed weeks)", 25.0)})
