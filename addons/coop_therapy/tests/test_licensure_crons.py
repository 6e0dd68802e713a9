from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .test_licensure import LicensureCase


@tagged("post_install", "-at_install")
class TestLicensureCronPerCompany(LicensureCase):
    """The daily job runs per company: each co-op's alerts go to its own
    people and co-op manager, and the files' progress is refreshed in
    batches the cron is told about."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company_b = env["res.company"].create({"name": "Second Therapy Co-op"})
        cls.manager_b = new_test_user(
            env,
            login="lic_manager_b",
            groups="coop_membership.group_coop_manager",
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
        )
        cls.associate_b = cls._membership("Bea Associate", company=cls.company_b).employee_id
        cls.registration_b = env["coop.license"].create(
            {
                "employee_id": cls.associate_b.id,
                "path_id": cls.path.id,
                "number": "AMFT B",
                "date_issue": cls.today - relativedelta(months=6),
                "date_expiry": cls.today + relativedelta(days=20),
            }
        )
        cls.file_b = env["coop.licensure"].create(
            {"employee_id": cls.associate_b.id, "path_id": cls.path.id}
        )

    def _alerts(self, record):
        """The open licensure alerts on ``record``: found by their types."""
        types = [
            self.env.ref(xmlid).id for xmlid in self.env["coop.licensure"].ALERT_TYPES.values()
        ]
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("activity_type_id", "in", types),
            ]
        )

    def test_each_company_alerts_go_to_its_own_manager(self):
        self.assertEqual(self.company._coop_manager_user(), self.manager_user)
        self.assertEqual(self.company_b._coop_manager_user(), self.manager_b)
        self.registration.date_expiry = self.today + relativedelta(days=20)
        # The job runs in the first company's context, as a cron user would.
        self.env["coop.licensure"].with_company(self.company)._cron_daily()
        self.assertEqual(self._alerts(self.registration_b).user_id, self.manager_b)
        self.assertEqual(
            self._alerts(self.registration).user_id, self.associate_user | self.manager_user
        )
        # Running it again closes nothing of the other company's.
        self.env["coop.licensure"].with_company(self.company_b)._cron_daily()
        self.assertEqual(self._alerts(self.registration_b).user_id, self.manager_b)
        self.assertIn(self.manager_user, self._alerts(self.registration).user_id)

    def test_progress_is_refreshed_in_batches_and_the_cron_is_told(self):
        File = self.env["coop.licensure"]
        week = self._week_of_twelve().week_id
        self._sign(week)
        valid = self.file.valid_hours
        self.assertGreater(valid, 0)
        files = File.search([("path_id", "!=", False)])
        # Yesterday's figures, as if the day had turned since.
        files.sudo().write({"progress_date": self.today - relativedelta(days=1)})
        self.file.sudo().write({"valid_hours": 0.0})
        cron = self.env.ref("coop_therapy.ir_cron_coop_licensure_daily")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        Job = File.with_context(ir_cron_progress_id=progress.id)

        Job._cron_daily(batch_size=1)
        self.assertEqual((progress.done, progress.remaining), (1, len(files) - 1))
        self.assertEqual(len(files.filtered(lambda f: f.progress_date == self.today)), 1)
        self.assertFalse(self._alerts(self.registration_b), "alerts wait for the last batch")

        Job._cron_daily(batch_size=len(files))
        self.assertEqual((progress.done, progress.remaining), (len(files) - 1, 0))
        self.assertEqual(set(files.mapped("progress_date")), {self.today})
        self.assertAlmostEqual(self.file.valid_hours, valid)
        self.assertEqual(self._alerts(self.registration_b).user_id, self.manager_b)

        # Nothing left to refresh today: the next call reads no file.
        Job._cron_daily(batch_size=1)
        self.assertEqual((progress.done, progress.remaining), (0, 0))

    def test_a_supervisor_of_another_company_is_refused(self):
        supervisor_b = self.env["coop.supervisor"].create(
            {
                "employee_id": self._membership(
                    "Sam Elsewhere", state="member", company=self.company_b
                ).employee_id.id,
                "licensed_since": self.today - relativedelta(years=6),
                "date_start": self.today - relativedelta(years=3),
                "training_hours": 15,
                "training_date": self.today - relativedelta(years=3),
            }
        )
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            self.env["coop.supervision.agreement"].create(
                {
                    "supervisor_id": supervisor_b.id,
                    "associate_id": self.associate.id,
                    "setting": "Clinic",
                    "date_from": self.today,
                }
            )


@tagged("post_install", "-at_install")
class TestLicenseStateToday(LicensureCase):
    """A license's state follows the calendar without anyone writing it."""

    def test_state_is_right_the_day_after_expiry_and_searchable(self):
        License = self.env["coop.license"]
        self.registration.date_expiry = self.today + relativedelta(days=5)
        self.assertEqual(self.registration.state, "expiring")
        mine = [("id", "=", self.registration.id)]
        self.assertEqual(License.search([*mine, ("state", "=", "expiring")]), self.registration)
        with freeze_time(self.today + relativedelta(days=6)):
            self.registration.invalidate_recordset(["state"])
            self.assertEqual(self.registration.state, "expired")
            self.assertEqual(License.search([*mine, ("state", "=", "expired")]), self.registration)
            self.assertFalse(License.search([*mine, ("state", "in", ("valid", "expiring"))]))
            self.assertEqual(
                License.search([*mine, ("state", "!=", "expiring")]), self.registration
            )
        with freeze_time(self.today - relativedelta(days=100)):
            self.registration.invalidate_recordset(["state"])
            self.assertEqual(self.registration.state, "valid")
            self.assertEqual(License.search([*mine, ("state", "=", "valid")]), self.registration)
