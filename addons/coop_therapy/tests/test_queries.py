"""A list of licensure files, licenses or weekly summaries costs the same
number of queries for 2 records as for 50: nothing is searched once per row."""

import logging

from dateutil.relativedelta import relativedelta

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .test_licensure import LicensureCase

_logger = logging.getLogger(__name__)
FEW, MANY = 2, 50


@tagged("post_install", "-at_install")
class TestLicensureQueryCount(LicensureCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.asw = cls.env.ref("coop_therapy.license_path_ca_asw")
        cls.expected = {}
        files = cls.file
        cls.expected[cls.file.id] = (
            cls.registration,
            cls.env["coop.supervision.agreement"].search([("associate_id", "=", cls.associate.id)]),
        )
        for index in range(1, MANY):
            files |= cls._associate_file(index)
        cls.files = files

    @classmethod
    def _associate_file(cls, index):
        """An associate's file with a current registration on its path, one
        week of signed hours, and, for every third associate, an older
        registration on the same path, one on another path and a second
        supervision agreement."""
        env = cls.env
        employee = env["hr.employee"].create(
            {"name": f"Associate {index}", "company_id": cls.company.id}
        )
        License = env["coop.license"]
        current = License.create(
            {
                "employee_id": employee.id,
                "path_id": cls.path.id,
                "number": f"AMFT {100 + index}",
                "date_issue": cls.today - relativedelta(months=6, days=index),
                "date_expiry": cls.today + relativedelta(months=6),
            }
        )
        Agreement = env["coop.supervision.agreement"]
        agreements = Agreement.create(
            {
                "supervisor_id": cls.supervisor.id,
                "associate_id": employee.id,
                "setting": "Clinic",
                "date_from": cls.today - relativedelta(years=1),
                "signed_date": cls.today - relativedelta(years=1),
            }
        )
        if index % 3 == 0:
            License.create(
                {
                    "employee_id": employee.id,
                    "path_id": cls.path.id,
                    "number": f"AMFT {500 + index}",
                    "date_issue": cls.today - relativedelta(years=3),
                    "date_expiry": cls.today - relativedelta(years=2),
                }
            )
            License.create(
                {
                    "employee_id": employee.id,
                    "path_id": cls.asw.id,
                    "number": f"ASW {index}",
                    "date_issue": cls.today - relativedelta(months=1),
                    "date_expiry": cls.today + relativedelta(months=11),
                }
            )
            agreements |= Agreement.create(
                {
                    "supervisor_id": cls.supervisor.id,
                    "associate_id": employee.id,
                    "setting": "Home visits",
                    "date_from": cls.today - relativedelta(months=2),
                    "signed_date": cls.today - relativedelta(months=2),
                }
            )
        file = env["coop.licensure"].create({"employee_id": employee.id, "path_id": cls.path.id})
        file._coop_generate_weeks(
            1, "Clinic", cls.supervisor, {"direct": 1 + index % 5, "sup_individual": 1}
        )
        cls.expected[file.id] = (current, agreements)
        return file

    def _queries(self, read):
        """The queries ``read()`` makes on an empty cache, and what it returned."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        result = read()
        return self.env.cr.sql_log_count - before, result

    def _list(self, records, fnames):
        """Read ``fnames`` of the first FEW, then of the first MANY records,
        as a list view does; returns both query counts and the values read."""
        model = self.env[records._name]
        self._queries(lambda: model.browse(records[-FEW:].ids).read(fnames))  # warm the caches
        few, _values = self._queries(lambda: model.browse(records[:FEW].ids).read(fnames))
        many, values = self._queries(lambda: model.browse(records[:MANY].ids).read(fnames))
        return few, many, values

    def test_files_read_registrations_and_agreements_in_fixed_queries(self):
        self.assertEqual(len(self.files), MANY)
        fnames = ["registration_id", "agreement_ids", "progress_html"]
        few, many, values = self._list(self.files, fnames)
        _logger.info("licensure files: %s queries for %s, %s for %s", few, FEW, many, MANY)
        self.assertEqual(many, few, f"{FEW} files: {few} queries; {MANY} files: {many}")
        for row in values:
            registration, agreements = self.expected[row["id"]]
            self.assertEqual(row["registration_id"][0], registration.id)
            self.assertEqual(sorted(row["agreement_ids"]), sorted(agreements.ids))
            self.assertIn("Direct counseling", row["progress_html"])

    def test_hours_of_many_associates_are_checked_in_fixed_queries(self):
        """A batch of supervision hours (an import, the demo) is checked and
        put into its weeks without a search per line."""

        def lines(files, weeks_before):
            day = self.monday - relativedelta(weeks=weeks_before, days=-2)
            return [
                {
                    "licensure_id": file.id,
                    "date": day,
                    "setting": "Clinic",
                    "category_id": self.cat["sup_individual"].id,
                    "hours": 1,
                    "supervisor_id": self.supervisor.id,
                }
                for file in files
            ]

        Log = self.env["coop.hour.log"]
        self._queries(lambda: Log.create(lines(self.files[:FEW], 3)))  # warm the caches
        few, _logs = self._queries(lambda: Log.create(lines(self.files[:FEW], 2)))
        many, logs = self._queries(lambda: Log.create(lines(self.files, 1)))
        _logger.info("hour logs: %s queries for %s, %s for %s", few, FEW, many, MANY)
        self.assertEqual(many, few, f"{FEW} lines: {few} queries; {MANY}: {many}")
        self.assertEqual(len(logs.week_id), MANY, "each associate's line in a week of its own")
        self.assertEqual(logs.week_id.supervisor_id, self.supervisor)
        self.assertEqual(logs.week_id.mapped("total_hours"), [1.0] * MANY)
        # Supervision without an agreement for the setting is still refused.
        bad = lines(self.files[:FEW], 1)
        bad[1]["setting"] = "Home visits"
        bad[1]["licensure_id"] = self.file.id
        with (
            self.assertRaisesRegex(ValidationError, "no supervision agreement"),
            self.env.cr.savepoint(),
        ):
            Log.create(bad)

    def test_agreements_of_many_associates_are_checked_in_fixed_queries(self):
        """Agreements recorded together (an import) are checked against the
        associates' paths without a search per agreement."""
        Agreement = self.env["coop.supervision.agreement"]

        def agreements(files, setting):
            return [
                {
                    "supervisor_id": self.supervisor.id,
                    "associate_id": file.employee_id.id,
                    "setting": setting,
                    "date_from": self.today - relativedelta(months=1),
                    "signed_date": self.today - relativedelta(months=1),
                }
                for file in files
            ]

        self._queries(lambda: Agreement.create(agreements(self.files[:FEW], "Warm-up")))
        few, _created = self._queries(
            lambda: Agreement.create(agreements(self.files[:FEW], "Outreach"))
        )
        many, created = self._queries(lambda: Agreement.create(agreements(self.files, "School")))
        _logger.info("agreements: %s queries for %s, %s for %s", few, FEW, many, MANY)
        self.assertEqual(many, few, f"{FEW} agreements: {few} queries; {MANY}: {many}")
        self.assertEqual(created.associate_id, self.files.employee_id)
        self.assertEqual(self.files[-1].supervisor_user_ids, self.supervisor_user)
