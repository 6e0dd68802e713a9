"""The co-op's reports read in Spanish: the catalog holds every term the addon
exports and es.po translates each with its placeholders, and a user who
reads Spanish finds the balance sheet and its lines in Spanish."""

from odoo.tests import TransactionCase, tagged

from odoo.addons.coop_membership.tests.catalog import catalog_problems


@tagged("post_install", "-at_install")
class TestReportsInSpanish(TransactionCase):
    def test_the_catalog_is_complete(self):
        self.assertEqual(catalog_problems(self.env, "coop_capital_reporting"), [])

    def test_the_balance_sheet_reads_in_spanish(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(
            ["coop_capital_reporting"], ["es_ES"], overwrite=True
        )
        report = self.env.ref("coop_capital_reporting.mis_report_coop_balance_sheet")
        spanish = report.with_context(lang="es_ES")
        self.assertEqual(spanish.name, "Balance de situación (cooperativa)")
        self.assertIn(
            "Reserva colectiva (3300)",
            spanish.kpi_ids.with_context(lang="es_ES").mapped("description"),
        )
        self.assertEqual(
            self.env.ref("coop_capital_reporting.menu_coop_equity_changes")
            .with_context(lang="es_ES")
            .name,
            "Cambios en el patrimonio de los socios",
        )
        self.assertEqual(report.name, "Balance sheet (co-op)")
