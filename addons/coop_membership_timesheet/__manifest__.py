# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Worker Co-op Membership Timesheets",
    "summary": "Timesheet hours count as hours worked toward the candidacy rule "
    "and the year's patronage",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Co-operative",
    "website": "https://github.com/coop-therapy/coop-therapy",
    "author": "Therapy Co-op Developers",
    "license": "LGPL-3",
    "depends": ["coop_membership", "hr_timesheet"],
    "auto_install": True,
}
