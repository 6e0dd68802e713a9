"""The Spanish of the patronage approval bridge is complete: every msgid of
i18n/coop_capital_governance.pot has a msgstr in i18n/es.po with the same
placeholders, and the .pot holds every string the Python code translates."""

from pathlib import Path

from odoo.tests import BaseCase, tagged

from odoo.addons.coop_capital.tests.spanish import check_spanish

ADDON = Path(__file__).resolve().parents[1]


@tagged("post_install", "-at_install", "coop_pure")
class TestSpanishComplete(BaseCase):
    def test_every_msgid_has_spanish(self):
        self.assertGreater(check_spanish(self, ADDON, "coop_capital_governance"), 20)
