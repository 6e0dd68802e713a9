import datetime

from odoo.tests import tagged

from odoo.addons.coop_membership.tests.common import CoopCase

D = datetime.date


@tagged("post_install", "-at_install")
class TestTimesheetHours(CoopCase):
    """Timesheet hours count for the employee's membership, by their date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grace = cls._membership("Grace Kim", eligible=False, candidacy_hours_manual=100)
        cls.otto = cls._membership("Otto Other", eligible=False)
        cls.project = cls.env["project.project"].create(
            {"name": "Clinic", "company_id": cls.company.id, "allow_timesheets": True}
        )
        for membership, day, hours in (
            (cls.grace, D(2025, 12, 31), 8),
            (cls.grace, D(2026, 1, 5), 7.5),
            (cls.grace, D(2026, 12, 31), 4),
            (cls.grace, D(2027, 1, 1), 6),
            (cls.otto, D(2026, 3, 3), 3),
        ):
            cls._timesheet(membership, day, hours)
        # An analytic line without a project is no timesheet.
        cls.env["account.analytic.line"].create(
            {
                "name": "Not a timesheet",
                "account_id": cls.project.account_id.id,
                "employee_id": cls.grace.employee_id.id,
                "date": D(2026, 6, 1),
                "unit_amount": 50,
            }
        )
        cls._enter_hours(cls.grace, 20, D(2026, 6, 30))

    @classmethod
    def _timesheet(cls, membership, day, hours):
        return cls.env["account.analytic.line"].create(
            {
                "name": "Sessions",
                "project_id": cls.project.id,
                "employee_id": membership.employee_id.id,
                "date": day,
                "unit_amount": hours,
            }
        )

    def test_a_year_counts_the_timesheets_dated_in_it(self):
        year = (D(2026, 1, 1), D(2026, 12, 31))
        sources = (self.grace | self.otto)._coop_hour_sources(*year)
        self.assertEqual(sources["timesheets"], {self.grace.id: 11.5, self.otto.id: 3.0})
        self.assertEqual(sources["entered"], {self.grace.id: 20.0, self.otto.id: 0.0})
        self.assertEqual(self.grace._coop_hours_worked(*year), {self.grace.id: 31.5})
        self.assertEqual(
            self.env["coop.membership"]._coop_hour_source_labels()["timesheets"], "Timesheets"
        )

    def test_candidacy_counts_every_timesheet(self):
        # 100 before dated entries + 20 entered + 8 + 7.5 + 4 + 6 on timesheets
        self.assertEqual(self.grace.candidacy_hours, 145.5)
        self._timesheet(self.grace, D(2026, 2, 2), 4.5)
        self.grace.invalidate_recordset(["candidacy_hours"])
        self.assertEqual(self.grace.candidacy_hours, 150.0)

    def test_no_employee_no_timesheet_hours(self):
        partner = self._partner("Nell No Employee")
        nell = self.Membership.create({"partner_id": partner.id, "state": "associate"})
        self.assertEqual(nell._coop_hour_sources()["timesheets"], {nell.id: 0.0})
