"""Membership sentences in another language: the pure lifecycle and
candidacy functions return data, and the model puts it in the reader's
words through the translation (i18n/es.po)."""

from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..lib import candidacy, lifecycle
from .common import CoopCase


@tagged("post_install", "-at_install")
class TestMembershipInSpanish(CoopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("es_ES")
        cls.env["ir.module.module"]._load_module_terms(
            ["coop_membership"], ["es_ES"], overwrite=True
        )

    def test_pure_functions_return_data_not_sentences(self):
        self.assertIsInstance(lifecycle.transition_error("member", "associate"), dict)
        status = candidacy.candidacy_status(None, 10, self.today, 650, 6)
        self.assertFalse(hasattr(status, "summary"))

    def test_a_refused_step_is_told_in_the_reader_language(self):
        membership = self._membership("Ana Salto")
        with self.assertRaisesRegex(
            UserError,
            r"^Ana Salto: Una membresía no puede pasar de Asociado \(pre-licencia\) a Socio "
            r"propietario\. Desde Asociado \(pre-licencia\) puede pasar a: Clínico con "
            r"licencia, Ex socio\.$",
        ):
            membership.with_context(lang="es_ES")._coop_check_transition("member")
        with self.assertRaisesRegex(
            UserError,
            r"^Ana Salto: A membership cannot go from Associate \(pre-licensed\) to "
            r"Member-owner\. From Associate \(pre-licensed\) it can go to: Licensed "
            r"clinician, Former member\.$",
        ):
            membership._coop_check_transition("member")

    def test_candidacy_summary_in_the_reader_language(self):
        membership = self._membership("Abe Regla", state="candidate", eligible=False)
        start = self.today - relativedelta(months=5)
        membership.write({"candidacy_hours_manual": 600, "date_work_start": start})
        met_on = candidacy.add_months(start, 6)
        days = (met_on - self.today).days
        # Local dates: 05/26/2027 in English, 26/05/2027 in Spanish.
        self.assertEqual(
            membership.with_context(lang="es_ES").candidacy_summary,
            f"Necesita 50 horas más y {days} días más (hasta el {met_on:%d/%m/%Y}).",
        )
        self.assertEqual(
            membership.candidacy_summary,
            f"Needs 50 more hours and {days} more days (until {met_on:%m/%d/%Y}).",
        )
