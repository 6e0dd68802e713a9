from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.coop_membership.tests.common import CoopCase

from ..lib import licensure

# The supervisor's words when signing a week whose supervision requirement is
# not met (the twelve-hour week below needs a second unit).
ATTESTATION = "One more hour of individual supervision by video on Thursday."


class LicensureCase(CoopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.path = env.ref("coop_therapy.license_path_ca_amft")
        cls.rule = cls.path._rule_on(cls.today)
        cls.cat = {c.code: c for c in cls.rule.category_ids}
        cls.associate_user = new_test_user(env, login="lic_associate", groups="base.group_user")
        cls.supervisor_user = new_test_user(env, login="lic_supervisor", groups="base.group_user")
        cls.other_user = new_test_user(env, login="lic_other", groups="base.group_user")
        cls.manager_user = new_test_user(
            env, login="lic_manager", groups="coop_membership.group_coop_manager"
        )
        cls.associate = cls._membership("Ava Associate").employee_id
        cls.associate.user_id = cls.associate_user
        sup_employee = cls._membership("Sol Supervisor", state="member").employee_id
        sup_employee.user_id = cls.supervisor_user
        cls.supervisor = env["coop.supervisor"].create(
            {
                "employee_id": sup_employee.id,
                "licensed_since": cls.today - relativedelta(years=6),
                "date_start": cls.today - relativedelta(years=3),
                "training_hours": 15,
                "training_date": cls.today - relativedelta(years=3),
            }
        )
        env["coop.supervision.agreement"].create(
            {
                "supervisor_id": cls.supervisor.id,
                "associate_id": cls.associate.id,
                "setting": "Clinic",
                "date_from": cls.today - relativedelta(years=2),
                "signed_date": cls.today - relativedelta(years=2),
            }
        )
        cls.registration = env["coop.license"].create(
            {
                "employee_id": cls.associate.id,
                "path_id": cls.path.id,
                "number": "AMFT 1",
                "date_issue": cls.today - relativedelta(months=6),
                "date_expiry": cls.today + relativedelta(months=6),
            }
        )
        cls.file = env["coop.licensure"].create(
            {"employee_id": cls.associate.id, "path_id": cls.path.id}
        )
        cls.monday = licensure.week_start(cls.today) - relativedelta(weeks=2)

    def _log(self, day, code, hours, user=None, setting="Clinic", **vals):
        values = {
            "licensure_id": self.file.id,
            "date": day,
            "setting": setting,
            "category_id": self.cat[code].id,
            "hours": hours,
        }
        if code.startswith("sup_"):
            values["supervisor_id"] = self.supervisor.id
        values.update(vals)
        Log = self.env["coop.hour.log"]
        return (Log.with_user(user) if user else Log).create(values)

    def _sign(self, week):
        """The associate submits the week (when still open); the supervisor signs it."""
        week.filtered(lambda w: w.state == "draft").with_user(self.associate_user).action_submit()
        week.with_user(self.supervisor_user).action_sign(attestation=ATTESTATION)

    def _week_of_twelve(self, user=None):
        logs = self._log(self.monday, "direct", 6, user)
        logs |= self._log(self.monday + relativedelta(days=1), "direct", 6, user)
        logs |= self._log(self.monday + relativedelta(days=2), "sup_individual", 1, user)
        return logs


@tagged("post_install", "-at_install")
class TestLicensureFlow(LicensureCase):
    def test_log_submit_sign_and_progress(self):
        logs = self._week_of_twelve(user=self.associate_user)
        week = logs.week_id
        self.assertEqual(len(week), 1)
        self.assertEqual((week.total_hours, week.direct_hours, week.supervision_units), (13, 12, 1))
        self.assertFalse(week.supervision_ok, "12 direct hours need a second unit")
        self.assertEqual(week.supervisor_id, self.supervisor)
        week.with_user(self.associate_user).action_submit()
        self.assertEqual(week.state, "submitted")
        self.assertEqual(self.file.percent, 0.0, "unsigned weeks do not count yet")
        week.with_user(self.supervisor_user).action_sign(attestation=ATTESTATION)
        self.assertEqual(week.state, "signed")
        self.assertEqual(week.signed_by_id, self.supervisor_user)
        # 12 direct hours with one unit: valid up to 10 (+1 hour of supervision).
        self.assertAlmostEqual(self.file.valid_hours, 11.0)
        progress = self.file._coop_progress()[self.file.id]
        self.assertAlmostEqual(progress.valid["direct"], 10.0)
        self.assertEqual(self.file.weeks_counted, 1)
        self.assertEqual(self.file.stage, "new")
        self.assertIn("Direct counseling", self.file.progress_html)
        # Signed hours also count as hours worked for the candidacy rule.
        self.assertEqual(self.associate.coop_membership_id.candidacy_hours, 700 + 13)

    def test_signed_week_is_locked(self):
        logs = self._week_of_twelve()
        self._sign(logs.week_id)
        with self.assertRaisesRegex(UserError, "signed"):
            logs[0].with_user(self.associate_user).write({"hours": 2})
        with self.assertRaisesRegex(UserError, "signed"):
            logs[0].with_user(self.associate_user).unlink()
        with self.assertRaisesRegex(UserError, "signed"):
            self._log(self.monday + relativedelta(days=3), "direct", 1, self.associate_user)
        with self.assertRaisesRegex(UserError, "locked"):
            logs.week_id.write({"setting": "Elsewhere"})
        self.assertEqual(logs[0].hours, 6)

    def test_only_the_supervisor_signs(self):
        week = self._week_of_twelve().week_id
        for user in (self.associate_user, self.other_user, self.manager_user):
            with self.assertRaises(AccessError):
                week.with_user(user).action_sign(attestation=ATTESTATION)
        self.assertEqual(week.state, "draft")

    def test_recording_a_license_moves_the_associate_on(self):
        membership = self.associate.coop_membership_id
        self.assertEqual(membership.state, "associate")
        self.env["coop.license"].create(
            {
                "employee_id": self.associate.id,
                "path_id": self.path.id,
                "kind": "license",
                "number": "LMFT 9",
                "date_issue": self.today,
                "date_expiry": self.today + relativedelta(years=2),
            }
        )
        self.assertEqual(membership.state, "licensed")
        self.assertEqual(membership.transition_ids.sorted("id")[-1].note, "License LMFT 9 recorded")
        # Once the candidacy rule is met, the manager is asked to open candidacy.
        self.env["coop.licensure"]._cron_daily()
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "coop.membership"), ("res_id", "=", membership.id)]
        )
        self.assertEqual(
            activity.activity_type_id, self.env.ref("coop_therapy.mail_activity_type_candidacy")
        )
        self.assertIn("meets the co-op's candidacy rule (Candidacy rule met.)", activity.note)
        membership.action_to_candidate()
        self.env["coop.licensure"]._cron_daily()
        self.assertFalse(activity.exists().filtered("active"))

    def test_board_forms_render_and_hour_logs_hold_no_client_field(self):
        logs = self._week_of_twelve()
        self._sign(logs.week_id)
        reports = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        agreement = self.env["coop.supervision.agreement"].search(
            [("associate_id", "=", self.associate.id)]
        )
        for report, ids in (
            ("coop_therapy.action_report_weekly_summary", logs.week_id.ids),
            ("coop_therapy.action_report_experience_verification", agreement.ids),
        ):
            pdf, _kind = reports._render_qweb_pdf(report, ids)
            self.assertEqual(pdf[:5], b"%PDF-", report)
        html = reports._render_qweb_html(
            "coop_therapy.action_report_experience_verification", agreement.ids
        )[0]
        self.assertIn(b"Ava Associate", html)
        self.assertIn(b"11.00", html)  # total valid hours of the signed week
        # The hour log has no field that could hold a client identifier.
        text_fields = [
            name
            for name, field in self.env["coop.hour.log"]._fields.items()
            if field.type in ("char", "text", "html") and field.store and not field.related
        ]
        self.assertEqual(text_fields, ["setting"])


@tagged("post_install", "-at_install")
class TestLicensureBadInput(LicensureCase):
    def _count(self):
        return self.env["coop.hour.log"].search_count([])

    def test_bad_hours(self):
        count = self._count()
        for day, hours, message in (
            (self.monday, -1, "more than zero"),
            (self.monday, 0, "more than zero"),
            (self.today + relativedelta(days=2), 2, "future day"),
        ):
            with self.assertRaisesRegex(ValidationError, message), self.env.cr.savepoint():
                self._log(day, "direct", hours, self.associate_user)
        self._log(self.monday, "direct", 20, self.associate_user)
        with self.assertRaisesRegex(ValidationError, "at most 24"), self.env.cr.savepoint():
            self._log(self.monday, "nonclinical", 5, self.associate_user)
        self.assertEqual(self._count(), count + 1)

    def test_category_of_another_path(self):
        other = self.env.ref("coop_therapy.license_category_tx_lpc_indirect")
        with (
            self.assertRaisesRegex(ValidationError, "is not a category of"),
            self.env.cr.savepoint(),
        ):
            self.env["coop.hour.log"].create(
                {
                    "licensure_id": self.file.id,
                    "date": self.monday,
                    "setting": "Clinic",
                    "category_id": other.id,
                    "hours": 2,
                }
            )

    def test_supervision_by_someone_not_eligible(self):
        self.supervisor.licensed_since = self.today - relativedelta(years=1)
        with (
            self.assertRaisesRegex(ValidationError, "not been licensed for 2 years"),
            self.env.cr.savepoint(),
        ):
            self._log(self.monday, "sup_individual", 1)
        self.supervisor.licensed_since = self.today - relativedelta(years=6)
        with (
            self.assertRaisesRegex(ValidationError, "no supervision agreement"),
            self.env.cr.savepoint(),
        ):
            self._log(self.monday, "sup_individual", 1, setting="Somewhere else")
        self.supervisor.training_date = False
        with (
            self.assertRaisesRegex(ValidationError, "supervision training"),
            self.env.cr.savepoint(),
        ):
            self._log(self.monday, "sup_individual", 1)

    def test_license_dates_and_rule_overlap(self):
        with self.assertRaisesRegex(ValidationError, "cannot expire"), self.env.cr.savepoint():
            self.env["coop.license"].create(
                {
                    "employee_id": self.associate.id,
                    "path_id": self.path.id,
                    "number": "AMFT 2",
                    "date_issue": self.today,
                    "date_expiry": self.today - relativedelta(days=1),
                }
            )
        with self.assertRaisesRegex(ValidationError, "overlap"), self.env.cr.savepoint():
            self.rule.copy({"date_from": self.today})
        self.rule.date_to = self.today
        newer = self.rule.copy({"date_from": self.today + relativedelta(days=1), "date_to": False})
        self.assertEqual(self.path._rule_on(self.today + relativedelta(days=5)), newer)


@tagged("post_install", "-at_install")
class TestLicensureRuleData(LicensureCase):
    """Issue 16: the rules once held in notes are data, and the models use them."""

    def test_the_five_paths_ship_the_new_rules(self):
        def rule(xmlid):
            return self.env.ref(f"coop_therapy.{xmlid}")

        texas = rule("license_rule_tx_lpc_2020")
        self.assertEqual(
            (texas.individual_max_supervisees, texas.max_group_share, texas.max_supervisors),
            (2, 0.5, 2),
        )
        asw = rule("license_rule_ca_asw_2020")
        self.assertEqual((asw.supervisor_title, asw.min_weeks_supervisor_title), ("LCSW", 13))
        self.assertIn("unverified: BPC 4996.28", asw.note)
        new_york = rule("license_rule_ny_lmhc_2020")
        self.assertEqual(
            (new_york.registration_years, new_york.max_renewals, new_york.renewal_years),
            (2, 2, 1),
        )
        self.assertFalse(new_york.predegree_counts, "hours after the master's")
        # A rule written before this field existed keeps counting them (as it did).
        self.assertTrue(self.env["coop.license.rule"].new({}).predegree_counts)
        for xmlid in (
            "license_rule_ca_amft_2020",
            "license_rule_ca_asw_2020",
            "license_rule_ca_apcc_2020",
        ):
            california = rule(xmlid)
            self.assertEqual(
                (california.registration_years, california.max_renewals, california.renewal_years),
                (1, 5, 1),
            )
            self.assertEqual(california.individual_max_supervisees, 2, "individual or triadic")
            self.assertIn("8 supervisees (unverified)", california.note)
        amft = rule("license_rule_ca_amft_2020")
        self.assertEqual((amft.predegree_counts, amft.predegree_max), (True, 1300))
        for other in (
            "license_rule_ca_asw_2020",
            "license_rule_ca_apcc_2020",
            "license_rule_tx_lpc_2020",
        ):
            self.assertFalse(rule(other).predegree_counts)

    def test_hours_while_the_registration_had_lapsed_do_not_count(self):
        # The registration starts on the Thursday of the week: the hours of
        # Monday to Wednesday are not credited; the week keeps its supervision.
        self.registration.date_issue = self.monday + relativedelta(days=3)
        logs = self._week_of_twelve()
        logs |= self._log(self.monday + relativedelta(days=3), "sup_individual", 1)
        self._sign(logs.week_id)
        self.assertAlmostEqual(self.file.valid_hours, 1.0)
        self.assertAlmostEqual(self.file.excluded_hours, 13.0)
        self.assertEqual(
            self.file.excluded_summary,
            "13.00 h after the degree, worked while no registration was valid.",
        )
        # Reinstated earlier (a registration record for the lapsed days): they count.
        self.env["coop.license"].create(
            {
                "employee_id": self.associate.id,
                "path_id": self.path.id,
                "number": "AMFT 1",
                "date_issue": self.monday - relativedelta(months=1),
                "date_expiry": self.monday + relativedelta(days=2),
            }
        )
        self.file._coop_update_progress()
        self.assertAlmostEqual(self.file.valid_hours, 14.0)
        self.assertFalse(self.file.excluded_summary)

    def test_a_registration_runs_no_longer_than_its_path_allows(self):
        path = self.env.ref("coop_therapy.license_path_ny_lmhc")
        issued = self.today - relativedelta(years=1)
        values = {
            "employee_id": self.associate.id,
            "path_id": path.id,
            "number": "NY 1",
            "date_issue": issued,
        }
        # A limited permit: 2 years plus up to two 1-year extensions.
        permit = self.env["coop.license"].create(
            dict(values, date_expiry=issued + relativedelta(years=4, days=-1), renewal_count=2)
        )
        self.assertEqual(permit.date_limit, issued + relativedelta(years=4, days=-1))
        with self.assertRaisesRegex(ValidationError, "can run until"), self.env.cr.savepoint():
            permit.date_expiry = issued + relativedelta(years=4)
        with self.assertRaisesRegex(ValidationError, "at most 2 times"), self.env.cr.savepoint():
            permit.renewal_count = 3

    def test_at_most_two_supervisors_at_a_time_in_texas(self):
        associate = self._membership("Tex Associate").employee_id
        self.env["coop.licensure"].create(
            {
                "employee_id": associate.id,
                "path_id": self.env.ref("coop_therapy.license_path_tx_lpc").id,
            }
        )
        supervisors = self.supervisor
        for name in ("Sam Second", "Theo Third"):
            supervisors |= self.env["coop.supervisor"].create(
                {
                    "employee_id": self._membership(name, state="member").employee_id.id,
                    "licensed_since": self.today - relativedelta(years=6),
                    "date_start": self.today - relativedelta(years=3),
                    "training_hours": 15,
                    "training_date": self.today - relativedelta(years=3),
                }
            )
        Agreement = self.env["coop.supervision.agreement"]
        start = self.today - relativedelta(months=6)

        def agree(supervisor, date_from, date_to=False):
            return Agreement.create(
                {
                    "supervisor_id": supervisor.id,
                    "associate_id": associate.id,
                    "setting": "Clinic",
                    "date_from": date_from,
                    "date_to": date_to,
                }
            )

        agree(supervisors[0], start, start + relativedelta(months=2))
        agree(supervisors[1], start)
        with (
            self.assertRaisesRegex(ValidationError, "at most 2 at a time"),
            self.env.cr.savepoint(),
        ):
            agree(supervisors[2], start + relativedelta(months=1))
        agree(supervisors[2], start + relativedelta(months=2, days=1))

    def test_session_size_and_supervisor_license(self):
        # Three associates in "individual" supervision: group (half a unit).
        log = self._log(self.monday, "direct", 8) | self._log(
            self.monday, "sup_individual", 1, supervisees=3
        )
        self.assertEqual((log.week_id.supervision_units, log.week_id.supervision_ok), (0.5, False))
        with (
            self.assertRaisesRegex(ValidationError, "at least one associate"),
            self.env.cr.savepoint(),
        ):
            self._log(self.monday, "sup_individual", 1, supervisees=0)
        # Weeks supervised by a given license (the rule names it).
        self.rule.write({"supervisor_title": "LCSW", "min_weeks_supervisor_title": 13})
        week = self._week_of_twelve().week_id
        self._sign(week)
        progress = self.file._coop_progress()[self.file.id]
        self.assertEqual(progress.missing["weeks_supervisor_title"], 13)
        self.supervisor.license_title = "LCSW"
        progress = self.file._coop_progress()[self.file.id]
        self.assertEqual(progress.weeks_supervisor_title, 1)
        self.file._coop_update_progress()
        self.assertIn("12 weeks supervised by an LCSW", self.file.missing_summary)


@tagged("post_install", "-at_install")
class TestSignedHoursCannotBeForged(LicensureCase):
    """Issue 10: what the forms forbid, the server refuses, for the lowest
    role that could try it (items 1, 2, 4, 12 and 17, and the general fix
    for the licensure file's computed fields)."""

    def _submitted_week(self):
        week = self._week_of_twelve().week_id
        week.with_user(self.associate_user).action_submit()
        return week

    def test_an_associate_cannot_sign_her_own_week(self):
        week = self._submitted_week()
        for user, vals in (
            (self.associate_user, {"state": "signed"}),
            (
                self.associate_user,
                {
                    "state": "signed",
                    "signed_by_id": self.supervisor_user.id,
                    "signed_on": "2026-01-01",
                },
            ),
            (self.manager_user, {"state": "signed", "signed_by_id": self.manager_user.id}),
            (self.supervisor_user, {"state": "signed"}),
        ):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                week.with_user(user).write(vals)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            week.with_user(self.associate_user).write({"state": "draft"})
        self.assertEqual((week.state, week.signed_by_id), ("submitted", self.env["res.users"]))

    def test_no_context_key_reopens_a_signed_week(self):
        week = self._submitted_week()
        week.with_user(self.supervisor_user).action_sign(attestation=ATTESTATION)
        for user in (self.associate_user, self.manager_user):
            with self.assertRaises(UserError), self.env.cr.savepoint():
                week.with_user(user).with_context(coop_week_workflow=True).write({"state": "draft"})
        self.assertEqual(week.state, "signed")

    def test_hours_cannot_slip_into_a_signed_week(self):
        week = self._submitted_week()
        week.with_user(self.supervisor_user).action_sign(attestation=ATTESTATION)
        other = self._log(self.monday + relativedelta(weeks=1), "direct", 1, self.associate_user)
        for vals in ({"week_id": week.id}, {"week_state": "draft"}):
            with self.assertRaises(UserError), self.env.cr.savepoint():
                other.with_user(self.associate_user).write(vals)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self._log(
                self.monday + relativedelta(weeks=1),
                "direct",
                1,
                self.associate_user,
                week_id=week.id,
            )
        self.assertEqual(week.total_hours, 13)
        self.assertNotEqual(other.week_id, week)

    def test_hours_are_a_number(self):
        for hours in (float("nan"), float("inf")):
            with self.assertRaisesRegex(ValidationError, "more than zero"), self.env.cr.savepoint():
                self._log(self.monday, "direct", hours, self.associate_user)
        log = self._log(self.monday, "direct", 2, self.associate_user)
        with self.assertRaisesRegex(ValidationError, "more than zero"), self.env.cr.savepoint():
            log.with_user(self.associate_user).write({"hours": float("nan")})
        ce = self.env["coop.ce.log"].with_user(self.associate_user)
        with self.assertRaisesRegex(ValidationError, "more than zero"), self.env.cr.savepoint():
            ce.create({"employee_id": self.associate.id, "hours": float("nan")})

    def test_progress_and_supervisors_cannot_be_typed_in(self):
        File = self.env["coop.licensure"].with_user(self.manager_user)
        for vals in (
            {"valid_hours": 3000, "percent": 100, "stage": "complete"},
            {"missing_summary": False},
            {"supervisor_user_ids": [(4, self.other_user.id)]},
        ):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                self.file.with_user(self.manager_user).write(vals)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            File.create(
                {
                    "employee_id": self._membership("Vera Valid").employee_id.id,
                    "path_id": self.path.id,
                    "valid_hours": 3000,
                }
            )
        self.assertEqual(
            (self.file.valid_hours, self.file.supervisor_user_ids), (0, self.supervisor_user)
        )
        self.assertFalse(self.env["coop.hour.log"].with_user(self.other_user).search([]))

    def test_a_week_is_signed_only_once_submitted(self):
        week = self._week_of_twelve().week_id
        with self.assertRaisesRegex(UserError, "not been submitted"):
            week.with_user(self.supervisor_user).action_sign(attestation=ATTESTATION)
        self.assertEqual(week.state, "draft")
        week.with_user(self.associate_user).action_submit()
        week.with_user(self.supervisor_user).action_sign(attestation=ATTESTATION)
        self.assertEqual((week.state, week.signed_by_id), ("signed", self.supervisor_user))


@tagged("post_install", "-at_install")
class TestLicensureAccess(LicensureCase):
    def test_who_sees_what(self):
        logs = self._week_of_twelve(user=self.associate_user)
        Log = self.env["coop.hour.log"]
        self.assertEqual(Log.with_user(self.associate_user).search([]), logs)
        self.assertEqual(Log.with_user(self.supervisor_user).search([]), logs)
        self.assertFalse(Log.with_user(self.other_user).search([]))
        self.assertIn(logs[0], Log.with_user(self.manager_user).search([]))
        with self.assertRaises(AccessError):
            logs[0].with_user(self.other_user).read(["hours"])
        with self.assertRaises(AccessError):
            logs[0].with_user(self.supervisor_user).write({"hours": 1})
        with self.assertRaises(AccessError):
            self._log(self.monday, "direct", 1, self.other_user)
        File = self.env["coop.licensure"]
        self.assertEqual(File.with_user(self.supervisor_user).search([]), self.file)
        self.assertFalse(File.with_user(self.other_user).search([]))
        self.assertFalse(self.env["coop.hour.week"].with_user(self.other_user).search([]))


@tagged("post_install", "-at_install")
class TestLicensureAlerts(LicensureCase):
    def _alerts(self, record):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("activity_type_id", "in", self._alert_types().ids),
            ]
        )

    def _alert_types(self):
        return self.env["mail.activity.type"].browse(
            [self.env.ref(x).id for x in self.env["coop.licensure"].ALERT_TYPES.values()]
        )

    def test_alerts_are_created_once_and_closed_when_resolved(self):
        File = self.env["coop.licensure"]
        self.registration.date_expiry = self.today + relativedelta(days=20)
        File._cron_daily()
        File._cron_daily()
        alerts = self._alerts(self.registration)
        self.assertEqual(
            set(alerts.mapped("activity_type_id.name")), {"Registration expires within 30 days"}
        )
        self.assertIn(self.associate_user, alerts.user_id)
        self.registration.date_expiry = self.today + relativedelta(months=8)
        File._cron_daily()
        self.assertFalse(self._alerts(self.registration))

    def test_unsupervised_and_unsigned_weeks(self):
        old_monday = self.monday - relativedelta(weeks=4)
        week = self._log(old_monday, "direct", 8).week_id
        self.env["coop.licensure"]._cron_daily()
        summaries = set(self._alerts(week).mapped("activity_type_id.name"))
        self.assertEqual(
            summaries,
            {
                "Week worked without the required supervision",
                "Week not signed after 14 days",
            },
        )
        self.assertEqual(self._alerts(week).user_id, self.associate_user | self.supervisor_user)

    def test_last_renewal_and_supervisor_training(self):
        self.registration.renewal_count = 5
        self.supervisor.training_date = False
        File = self.env["coop.licensure"]
        File._cron_daily()
        self.assertIn(
            "Last allowed renewal reached",
            self._alerts(self.registration).mapped("activity_type_id.name"),
        )
        self.assertEqual(
            self._alerts(self.supervisor).mapped("activity_type_id.name"),
            ["Supervisor training due"],
        )


@tagged("post_install", "-at_install")
class TestSupervisorSignsTour(HttpCase):
    def test_supervisor_signs_a_week_in_the_browser(self):
        env = self.env
        today = env["coop.membership"]._fields["date_state"].default(env["coop.membership"])
        path = env.ref("coop_therapy.license_path_ca_amft")
        rule = path._rule_on(today)
        sup_user = new_test_user(
            env, login="tour_supervisor", password="tour_supervisor_pw", groups="base.group_user"
        )
        partner = env["res.partner"].create({"name": "Tour Associate"})
        associate = env["hr.employee"].create(
            {"name": "Tour Associate", "work_contact_id": partner.id}
        )
        sup_employee = env["hr.employee"].create(
            {"name": "Tour Supervisor", "user_id": sup_user.id}
        )
        supervisor = env["coop.supervisor"].create(
            {
                "employee_id": sup_employee.id,
                "licensed_since": today - relativedelta(years=5),
                "date_start": today - relativedelta(years=1),
                "training_hours": 15,
                "training_date": today - relativedelta(years=1),
            }
        )
        env["coop.supervision.agreement"].create(
            {
                "supervisor_id": supervisor.id,
                "associate_id": associate.id,
                "setting": "Clinic",
                "date_from": today - relativedelta(years=1),
            }
        )
        file = env["coop.licensure"].create({"employee_id": associate.id, "path_id": path.id})
        env["coop.license"].create(
            {
                "employee_id": associate.id,
                "path_id": path.id,
                "number": "AMFT 7",
                "date_issue": today - relativedelta(months=3),
                "date_expiry": today + relativedelta(months=9),
            }
        )
        monday = licensure.week_start(today) - relativedelta(weeks=1)
        category = rule.category_ids.filtered(lambda c: c.code == "direct")
        sup = rule.category_ids.filtered(lambda c: c.code == "sup_individual")
        logs = env["coop.hour.log"].create(
            [
                {
                    "licensure_id": file.id,
                    "date": monday,
                    "setting": "Clinic",
                    "category_id": category.id,
                    "hours": 8,
                },
                {
                    "licensure_id": file.id,
                    "date": monday,
                    "setting": "Clinic",
                    "category_id": sup.id,
                    "hours": 1,
                    "supervisor_id": supervisor.id,
                },
            ]
        )
        logs.week_id.action_submit()
        self.start_tour(
            "/web#action=coop_therapy.action_coop_hour_week",
            "coop_supervisor_sign_tour",
            login="tour_supervisor",
        )
        self.assertEqual(logs.week_id.state, "signed")
        self.assertEqual(logs.week_id.signed_by_id, sup_user)
        self.assertAlmostEqual(file.valid_hours, 9.0)
