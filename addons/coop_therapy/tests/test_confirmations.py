from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .test_licensure import ATTESTATION, LicensureCase


@tagged("post_install", "-at_install")
class TestRecordLicense(LicensureCase):
    """Record license asks for the license (type, number, dates), keeps it on
    a license record, and dates the change of state."""

    def _wizard(self, membership, user=None, **vals):
        membership = membership.with_user(user) if user else membership
        action = membership.action_confirm_license()
        form = Form(
            self.env[action["res_model"]]
            .with_user(user or self.env.user)
            .with_context(**action["context"])
        )
        for name, value in vals.items():
            setattr(form, name, value)
        return form.save()

    def test_license_kept_and_dated_in_the_past(self):
        since = self.today - relativedelta(days=30)
        rosa = self._membership("Rosa Record", date_state=since)
        self.env["coop.license"].create(
            {
                "employee_id": rosa.employee_id.id,
                "path_id": self.path.id,
                "number": "AMFT 77",
                "date_issue": since,
                "date_expiry": self.today + relativedelta(months=6),
            }
        )
        issued = self.today - relativedelta(days=10)
        wizard = self._wizard(
            rosa,
            user=self.manager_user,
            license_number="LMFT 1234",
            license_date_issue=issued,
            license_date_expiry=issued + relativedelta(years=2),
            date=self.today - relativedelta(days=5),
        )
        self.assertEqual(wizard.license_path_id, self.path, "the registration's path")
        self.assertIn(
            f"LMFT LMFT 1234, issued on {issued:%m/%d/%Y}, expires on "
            f"{issued + relativedelta(years=2):%m/%d/%Y}.",
            wizard.checks,
        )
        wizard.action_confirm()
        self.assertEqual((rosa.state, rosa.date_state), ("licensed", wizard.date))
        self.assertEqual(rosa.transition_ids.sorted("id")[-1].date, wizard.date)
        license_ = self.env["coop.license"].search(
            [("employee_id", "=", rosa.employee_id.id), ("kind", "=", "license")]
        )
        self.assertEqual(
            (license_.number, license_.path_id, license_.date_issue, license_.date_expiry),
            ("LMFT 1234", self.path, issued, issued + relativedelta(years=2)),
        )

    def test_license_dates_and_effective_date_refused(self):
        since = self.today - relativedelta(days=30)
        rosa = self._membership("Rita Refused", date_state=since)
        good = {
            "license_path_id": self.path,
            "license_number": "LMFT 55",
            "license_date_issue": self.today - relativedelta(days=60),
            "license_date_expiry": self.today + relativedelta(years=2),
        }
        cases = [
            (
                {"date": since - relativedelta(days=1)},
                f"License not recorded. Rita Refused: The effective date cannot be before the "
                f"membership's last change, on {since:%m/%d/%Y}.",
            ),
            (
                {"license_date_issue": self.today - relativedelta(days=2)},
                "License not recorded. The effective date cannot be before the license was "
                f"issued, on {self.today - relativedelta(days=2):%m/%d/%Y}.",
            ),
            (
                {"license_date_issue": self.today + relativedelta(days=2)},
                "License not recorded. A license issued on "
                f"{self.today + relativedelta(days=2):%m/%d/%Y} is not issued yet.",
            ),
        ]
        for change, message in cases:
            values = {**good, "date": self.today - relativedelta(days=3), **change}
            wizard = self._wizard(rosa, user=self.manager_user, **values)
            # The confirmation shows the sentence; the refusal names what was refused.
            shown = message.removeprefix("License not recorded. Rita Refused: ")
            self.assertIn(shown, wizard.checks.split("\n"))
            with self.assertRaises(UserError) as refused:
                wizard.action_confirm()
            self.assertEqual(refused.exception.args[0], message)
        self.assertEqual(rosa.state, "associate")
        self.assertFalse(
            self.env["coop.license"].search(
                [("employee_id", "=", rosa.employee_id.id), ("kind", "=", "license")]
            )
        )

    def test_only_managers_record_a_license(self):
        clerk = new_test_user(self.env, login="lic_clerk", groups="coop_membership.group_coop_user")
        membership = self.associate.coop_membership_id
        with self.assertRaises(AccessError):
            membership.with_user(clerk).action_confirm_license()
        with self.assertRaises(AccessError):
            self.env["coop.membership.transition.wizard"].with_user(clerk).create(
                {"membership_id": membership.id, "to_state": "licensed"}
            )
        self.assertEqual(membership.state, "associate")


@tagged("post_install", "-at_install")
class TestSignWithAttestation(LicensureCase):
    """A week whose supervision requirement is not met is signed only with
    the supervisor's attestation, kept on the week; the signature is dated."""

    def _submitted(self):
        week = self._week_of_twelve().week_id
        week.with_user(self.associate_user).action_submit()
        return week

    def _wizard(self, week, **vals):
        action = week.with_user(self.supervisor_user).action_open_sign_wizard()
        form = Form(
            self.env[action["res_model"]]
            .with_user(self.supervisor_user)
            .with_context(**action["context"])
        )
        for name, value in vals.items():
            setattr(form, name, value)
        return form.save()

    def test_attestation_required_and_kept(self):
        week = self._submitted()
        self.assertFalse(week.supervision_ok)
        supervision = (
            f"1 of 2 supervision units required for the week of {self.monday:%m/%d/%Y} (Clinic)."
        )
        wizard = self._wizard(week, attestation="words without the box ticked")
        self.assertIn(supervision, wizard.checks.split("\n"))
        refusal = (
            "Week not signed. Its supervision requirement is not met: "
            f"{supervision} Sign it only with your attestation of the supervision you gave."
        )
        with self.assertRaises(UserError) as refused:
            wizard.action_confirm()
        self.assertEqual(refused.exception.args[0], refusal)
        # The same refusal for a plain call of the button's method.
        with self.assertRaises(UserError) as refused:
            week.with_user(self.supervisor_user).action_sign()
        self.assertEqual(refused.exception.args[0], refusal)
        self.assertEqual(week.state, "submitted")
        signed_on = self.monday + relativedelta(days=6)
        wizard = self._wizard(week, attested=True, attestation=ATTESTATION, date=signed_on)
        wizard.action_confirm()
        self.assertEqual(
            (week.state, week.date_signed, week.supervision_attested, week.supervision_attestation),
            ("signed", signed_on, True, ATTESTATION),
        )

    def test_signature_dates(self):
        week = self._submitted()
        before = self.monday - relativedelta(days=1)
        for day, message in (
            (
                before,
                "Week not signed. The signature cannot be dated before the week began, on "
                f"{self.monday:%m/%d/%Y}.",
            ),
            (
                self.today + relativedelta(days=1),
                "Week not signed. A signature cannot be dated in the future.",
            ),
        ):
            with self.assertRaises(UserError) as refused:
                week.with_user(self.supervisor_user).action_sign(
                    date=day.isoformat(), attestation=ATTESTATION
                )
            self.assertEqual(refused.exception.args[0], message)
        self.assertEqual(week.state, "submitted")

    def test_only_the_supervisor_opens_the_signature(self):
        week = self._submitted()
        for user in (self.associate_user, self.manager_user, self.other_user):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                week.with_user(user).action_open_sign_wizard()
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                wizard = (
                    self.env["coop.hour.week.sign.wizard"]
                    .with_user(user)
                    .create({"week_id": week.id, "attested": True, "attestation": ATTESTATION})
                )
                wizard.action_confirm()
        self.assertEqual(week.state, "submitted")

    def test_submitting_an_unsupervised_week_warns_first(self):
        week = self._week_of_twelve().week_id
        views = (
            self.env["coop.hour.week"].with_user(self.associate_user).get_views([(False, "form")])
        )
        arch = etree.fromstring(views["views"]["form"]["arch"])
        submits = {
            b.get("invisible"): b.get("confirm")
            for b in arch.iter("button")
            if b.get("name") == "action_submit"
        }
        self.assertIn(
            "supervision requirement is not met", submits["not can_submit or supervision_ok"]
        )
        self.assertIsNone(submits["not can_submit or not supervision_ok"])
        self.assertFalse(week.supervision_ok)
