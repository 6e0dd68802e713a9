import datetime

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.coop_membership.tests.common import technical_names

from .test_licensure import ATTESTATION, LicensureCase

DAY = datetime.date(2026, 11, 16)


@tagged("post_install", "-at_install")
class TestTherapyDisplayNames(LicensureCase):
    def test_every_record_has_a_name_a_person_would_say(self):
        env = self.env
        direct = self.cat["direct"]
        records = {
            "coop.hour.week": env["coop.hour.week"].new(
                {"licensure_id": self.file.id, "week_start": DAY, "setting": "Clinic"}
            ),
            "coop.hour.log": env["coop.hour.log"].new(
                {
                    "licensure_id": self.file.id,
                    "date": DAY,
                    "setting": "Clinic",
                    "category_id": direct.id,
                    "hours": 3.5,
                }
            ),
            "coop.ce.log": env["coop.ce.log"].new(
                {
                    "employee_id": self.associate.id,
                    "date": DAY,
                    "hours": 6,
                    "topic": "law_ethics",
                }
            ),
            "coop.supervision.agreement": env["coop.supervision.agreement"].new(
                {
                    "supervisor_id": self.supervisor.id,
                    "associate_id": self.associate.id,
                    "setting": "Clinic",
                    "date_from": DAY,
                }
            ),
            "coop.supervisor": self.supervisor,
            "coop.licensure": self.file,
            "coop.license": self.registration,
            "coop.license.path": self.path,
            "coop.license.rule": self.env.ref("coop_therapy.license_rule_ca_amft_2020"),
            "coop.license.bucket": self.env.ref("coop_therapy.license_bucket_ca_amft_direct"),
            "coop.license.category": direct,
            "coop.client": env["coop.client"].new(
                {"name": "Alex Client", "code": "C-0142", "clinician_id": self.associate.id}
            ),
            "coop.session.type": env.ref("coop_therapy.session_type_90834"),
            "coop.caseload.report": env["coop.caseload.report"].new(
                {"clinician_id": self.associate.id}
            ),
            "coop.patronage.allocation": env["coop.patronage.allocation"].new(
                {
                    "company_id": self.company.id,
                    "date_from": datetime.date(2025, 1, 1),
                    "date_to": datetime.date(2025, 12, 31),
                }
            ),
        }
        self.assertEqual(
            {model: rec.display_name for model, rec in records.items()},
            {
                "coop.hour.week": "Ava Associate \u2013 week of 11/16/2026",
                "coop.hour.log": "Ava Associate \u2013 3.5 h Direct counseling: individual "
                "\u2013 11/16/2026",
                "coop.ce.log": "Ava Associate \u2013 6 h CE (Law and ethics) \u2013 11/16/2026",
                "coop.supervision.agreement": "Supervision of Ava Associate by Sol Supervisor "
                "from 11/16/2026",
                "coop.supervisor": "Sol Supervisor",
                "coop.licensure": "Ava Associate",
                "coop.license": "AMFT AMFT 1",
                "coop.license.path": "California AMFT to LMFT",
                "coop.license.rule": "California AMFT to LMFT, rules from 01/01/2020",
                "coop.license.bucket": "Direct counseling",
                "coop.license.category": "Direct counseling: individual",
                # A client is named by its code only (scheduling.md, "Privacy").
                "coop.client": "C-0142",
                "coop.session.type": "Psychotherapy, 45 minutes",
                "coop.caseload.report": "Ava Associate",
                "coop.patronage.allocation": "Patronage 2025 \u2013 Register Test Co-op",
            },
        )
        membership = self.env["coop.membership"].search([("employee_id", "=", self.associate.id)])
        records["coop.membership"] = membership
        self.assertEqual(technical_names(env, ["coop_therapy"], records), {})


@tagged("post_install", "-at_install")
class TestWeekButtonsShownToWhoCanUseThem(LicensureCase):
    """The weekly summary shows Submit to its associate (and managers) and
    Sign and Return only to its supervisor; the server refuses everyone else."""

    def _shown(self, user, week):
        """The object buttons of the week's form the user sees on ``week``."""
        views = self.env["coop.hour.week"].with_user(user).get_views([(False, "form")])
        arch = etree.fromstring(views["views"]["form"]["arch"])
        week = week.with_user(user)
        shown = set()
        # Submit shows in two forms: with a warning first when the week's
        # supervision requirement is not met, without one when it is.
        conditions = {
            "not can_submit or not supervision_ok": lambda w: w.can_submit and w.supervision_ok,
            "not can_submit or supervision_ok": lambda w: w.can_submit and not w.supervision_ok,
            "not can_sign": lambda w: w.can_sign,
        }
        for button in arch.iter("button"):
            invisible = button.get("invisible", "")
            self.assertIn(invisible, conditions)
            if conditions[invisible](week):
                shown.add(button.get("name"))
        return shown

    def test_submit_for_the_associate_sign_for_the_supervisor(self):
        week = self._week_of_twelve().week_id
        self.assertEqual(self._shown(self.associate_user, week), {"action_submit"})
        self.assertEqual(self._shown(self.manager_user, week), {"action_submit"})
        self.assertEqual(self._shown(self.supervisor_user, week), set())
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            week.with_user(self.supervisor_user).action_submit()
        week.with_user(self.associate_user).action_submit()
        # Submitted: only the supervisor signs, not the associate on her own week.
        self.assertEqual(self._shown(self.associate_user, week), set())
        self.assertEqual(self._shown(self.manager_user, week), set())
        self.assertEqual(
            self._shown(self.supervisor_user, week), {"action_open_sign_wizard", "action_return"}
        )
        for user in (self.associate_user, self.manager_user, self.other_user):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                week.with_user(user).action_sign(attestation=ATTESTATION)
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                week.with_user(user).action_return()
        week.with_user(self.supervisor_user).action_sign(attestation=ATTESTATION)
        self.assertEqual(week.state, "signed")
        for user in (self.associate_user, self.manager_user, self.supervisor_user):
            self.assertEqual(self._shown(user, week), set())
