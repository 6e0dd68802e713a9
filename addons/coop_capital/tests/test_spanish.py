"""The Spanish of member capital is complete: every msgid of
i18n/coop_capital.pot has a msgstr in i18n/es.po with the same placeholders,
and the .pot holds every string the Python code translates."""

from pathlib import Path

from odoo.tests import BaseCase, TransactionCase, tagged

from odoo.addons.coop_membership.tests.catalog import catalog_problems

from .spanish import check_spanish, python_strings

ADDON = Path(__file__).resolve().parents[1]


@tagged("post_install", "-at_install", "coop_pure")
class TestSpanishComplete(BaseCase):
    def test_every_msgid_has_spanish(self):
        self.assertGreater(check_spanish(self, ADDON, "coop_capital"), 900)

    def test_python_strings_are_read(self):
        strings = python_strings(ADDON)
        self.assertEqual(
            strings["Notices of allocation sent by email to %(count)s members."],
            "models/coop_patronage_allocation.py",
        )


@tagged("post_install", "-at_install")
class TestCapitalCatalog(TransactionCase):
    """Every term Odoo exports from the installed addon (views, fields,
    reports, data) is in the .pot and translated, not only the Python's."""

    def test_every_term_is_in_the_pot_and_translated_to_spanish(self):
        self.assertEqual(catalog_problems(self.env, "coop_capital"), [])
