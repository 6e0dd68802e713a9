from lxml import etree

from odoo.tests import new_test_user, tagged

from odoo.addons.coop_membership.tests.common import CoopCase

MANAGER_BUTTONS = {
    "coop.membership": {
        "action_to_licensed",
        "action_to_candidate",
        "action_to_member",
        "action_withdraw_candidacy",
        "action_open_exit_wizard",
    },
    "coop.proposal": {"action_open", "action_close"},
    "coop.meeting": {
        "action_send_notice",
        "action_open",
        "action_close",
        "action_adjourn",
        "action_revoke",
    },
    "coop.requisition": {"action_answer"},
}


@tagged("post_install", "-at_install")
class TestButtonsShownToWhoCanUseThem(CoopCase):
    """The forms show a button only to those the server lets press it."""

    def _buttons(self, user, model):
        views = self.env[model].with_user(user).get_views([(False, "form")])
        arch = etree.fromstring(views["views"]["form"]["arch"])
        return {b.get("name") for b in arch.iter("button") if b.get("type") == "object"}

    def test_manager_buttons_absent_for_a_plain_member(self):
        member = new_test_user(self.env, login="coop_btn_member", groups="base.group_user")
        clerk = new_test_user(
            self.env, login="coop_btn_clerk", groups="coop_membership.group_coop_user"
        )
        secretary = new_test_user(
            self.env,
            login="coop_btn_secretary",
            groups="coop_governance.group_governance_manager,coop_membership.group_coop_manager",
        )
        for model, buttons in MANAGER_BUTTONS.items():
            with self.subTest(model=model):
                self.assertEqual(self._buttons(member, model) & buttons, set())
                self.assertEqual(self._buttons(clerk, model) & buttons, set())
                self.assertEqual(self._buttons(secretary, model) & buttons, buttons)
        # What everyone may do stays: anyone can verify a sealed vote.
        self.assertIn("action_verify", self._buttons(member, "coop.proposal"))
        self.assertIn("action_verify", self._buttons(member, "coop.meeting"))
