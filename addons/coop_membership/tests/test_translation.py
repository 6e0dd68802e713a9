"""Membership sentences in another language: the pure lifecycle and
candidacy functions return data, and the model puts it in the reader's
words through the translation (i18n/es.po), which holds every term of the
addon; a member who reads Spanish gets the portal in Spanish."""

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from ..lib import candidacy, lifecycle
from .catalog import catalog_problems
from .common import CoopCase, new_membership


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
            r"^Admisión rechazada\. Ana Salto: Una membresía no puede pasar de Asociado "
            r"\(pre-licencia\) a Socio propietario\. Desde Asociado \(pre-licencia\) puede "
            r"pasar a: Clínico con licencia, Ex socio\.$",
        ):
            membership.with_context(lang="es_ES")._coop_check_transition("member")
        with self.assertRaisesRegex(
            UserError,
            r"^Admission refused\. Ana Salto: A membership cannot go from Associate "
            r"\(pre-licensed\) to Member-owner\. From Associate \(pre-licensed\) it can go "
            r"to: Licensed clinician, Former member\.$",
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


@tagged("post_install", "-at_install")
class TestMembershipCatalog(TransactionCase):
    def test_every_term_is_in_the_pot_and_translated_to_spanish(self):
        self.assertEqual(catalog_problems(self.env, "coop_membership"), [])


@tagged("post_install", "-at_install")
class TestMembershipPortalInSpanish(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("es_ES")
        cls.env["ir.module.module"]._load_module_terms(
            ["coop_membership"], ["es_ES"], overwrite=True
        )

    def test_a_member_who_reads_spanish_gets_the_portal_in_spanish(self):
        company = self.env["res.company"].create({"name": "Cooperativa del Río"})
        since = fields.Date.context_today(company) - relativedelta(years=1, days=3)
        membership = new_membership(
            self.env,
            company,
            self.env["res.partner"].create({"name": "Lucía Ortega"}),
            state="member",
            date=since,
        )
        user = new_test_user(
            self.env, login="lucia_es", groups="base.group_portal", company_id=company.id
        )
        user.partner_id = membership.partner_id
        user.lang = "es_ES"
        self.assertEqual(membership.partner_id.lang, "es_ES")
        self.authenticate("lucia_es", "lucia_es")

        home = self.url_open("/my/home").text
        self.assertIn("Su lugar en el registro de socios", home)
        self.assertNotIn("Your place on the member register", home)

        page = self.url_open("/my/membership").text
        self.assertIn(f"n.º de registro <span>{membership.register_number}</span>", page)
        for spanish in (
            ">Membresía<",
            "Socio propietario desde",
            ">Socio propietario<",
            ">Desde<",
        ):
            self.assertIn(spanish, page)
        for english in ("Co-op membership", "Member-owner", "register no.", "Since"):
            self.assertNotIn(english, page)
        # Dates as a Spanish reader writes them: day, month, year.
        self.assertIn(since.strftime("%d/%m/%Y"), page)
