"""Licensure alerts and progress in another language: each alert is found
again by its activity type (never by a summary a translation or a user may
change), and its note is written in the language of the person it is for."""

import importlib.util
from pathlib import Path

from babel.messages import extract
from dateutil.relativedelta import relativedelta

from odoo.modules import get_module_path
from odoo.tests import BaseCase, TransactionCase, tagged
from odoo.tools import format_date

from odoo.addons.coop_membership.tests.catalog import catalog_problems

from .test_licensure import LicensureCase

ADDONS = ("coop_membership", "coop_capital", "coop_governance", "coop_therapy")


@tagged("post_install", "-at_install")
class TestLicensureInSpanish(LicensureCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("es_ES")
        cls.env["ir.module.module"]._load_module_terms(["coop_therapy"], ["es_ES"], overwrite=True)
        cls.associate_user.lang = "es_ES"
        cls.expiry_type = cls.env.ref("coop_therapy.mail_activity_type_registration_30")

    def _expiry_alerts(self):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "coop.license"),
                ("res_id", "=", self.registration.id),
                ("activity_type_id", "=", self.expiry_type.id),
            ]
        )

    def test_alerts_once_each_in_the_language_of_whom_they_are_for(self):
        self.registration.date_expiry = self.today + relativedelta(days=20)
        File = self.env["coop.licensure"]
        File._cron_daily()
        File.with_context(lang="es_ES")._cron_daily()
        expiry = self.registration.date_expiry
        alerts = self._expiry_alerts()
        self.assertEqual(len(alerts), len(alerts.user_id), "one alert per person")
        self.assertIn(self.associate_user, alerts.user_id)
        self.assertGreater(len(alerts), 1, "the co-op manager is told too")
        for alert in alerts:
            if alert.user_id == self.associate_user:
                self.assertIn(
                    "AMFT 1 de Ava Associate vence el "
                    f"{format_date(self.env(context={'lang': 'es_ES'}), expiry)}",
                    alert.note,
                )
            else:
                self.assertIn(
                    f"AMFT 1 of Ava Associate expires on {format_date(self.env, expiry)}",
                    alert.note,
                )
        self.assertEqual(
            self.expiry_type.with_context(lang="es_ES").name,
            "El registro vence en menos de 30 días",
        )

    def test_an_alert_whose_summary_was_edited_stays_open_and_single(self):
        self.registration.date_expiry = self.today + relativedelta(days=20)
        File = self.env["coop.licensure"]
        File._cron_daily()
        mine = self._expiry_alerts().filtered(lambda a: a.user_id == self.associate_user)
        mine.summary = "Llamar a la junta por mi registro"
        File._cron_daily()
        self.assertTrue(mine.exists(), "an alert that still holds is not closed")
        self.assertEqual(
            self._expiry_alerts().filtered(lambda a: a.user_id == self.associate_user), mine
        )

    def test_alerts_made_before_their_types_are_taken_over_by_the_upgrade(self):
        # An alert the daily job made before alerts had their own types: a
        # To-Do found by its summary.
        self.registration.date_expiry = self.today + relativedelta(days=20)
        legacy = self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("coop.license"),
                "res_id": self.registration.id,
                "user_id": self.associate_user.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                "summary": "[Licensure] Registration expires within 30 days",
            }
        )
        script = Path(get_module_path("coop_therapy"), "migrations", "18.0.1.1.0")
        spec = importlib.util.spec_from_file_location(
            "coop_therapy_migration", script / "post-migration.py"
        )
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.0.0")
        self.env["coop.licensure"]._cron_daily()
        mine = self._expiry_alerts().filtered(lambda a: a.user_id == self.associate_user)
        self.assertEqual(mine, legacy, "the old alert is kept open, not doubled")
        self.assertFalse(legacy.summary)

    def test_progress_in_the_reader_language(self):
        self._log(self.monday, "direct", 8)
        self.file._coop_update_progress()
        self.assertIn("valid of at least", self.file.progress_html)
        spanish = self.file.with_context(lang="es_ES").progress_html
        self.assertIn("válidas de al menos", spanish)
        self.assertNotIn("valid of", spanish)


@tagged("post_install", "-at_install")
class TestTherapyCatalog(TransactionCase):
    def test_every_term_is_in_the_pot_and_translated_to_spanish(self):
        self.assertEqual(catalog_problems(self.env, "coop_therapy"), [])


@tagged("post_install", "-at_install", "coop_pure")
class TestTermsReachTheTranslators(BaseCase):
    def test_every_python_file_gives_its_terms_to_the_translators(self):
        # Odoo's export reads each file with babel; one f-string inside a
        # _() call makes it skip the whole file, and none of its sentences
        # can be translated.
        for addon in ADDONS:
            root = Path(get_module_path(addon))
            for path in sorted(root.rglob("*.py")):
                with path.open("rb") as source, self.subTest(path=str(path.relative_to(root))):
                    try:
                        list(
                            extract.extract(
                                "python",
                                source,
                                keywords={"_": None, "_lt": None},
                                options={"encoding": "UTF-8"},
                            )
                        )
                    except Exception as error:  # any failure skips the file
                        self.fail(f"{addon}/{path.relative_to(root)}: {error!r}")
