from odoo.tests import tagged

from .common import CapitalCase


@tagged("post_install", "-at_install")
class TestAdmissionShowsTheShare(CapitalCase):
    """Admitting a candidate shows what was checked of the membership share."""

    def _checks(self, membership):
        action = membership.action_confirm_admission()
        wizard = self.env[action["res_model"]].with_context(**action["context"]).create({})
        return wizard.checks.split("\n")

    def test_paid_up_or_still_to_pay(self):
        paid = self._membership("Pia Paid", state="candidate", paid=True)
        self.assertIn(
            f"Membership share: subscribed and paid up on {self.today:%m/%d/%Y}.",
            self._checks(paid),
        )
        owing = self._membership("Owen Owing", state="candidate")
        due = owing.capital_due
        self.assertGreater(due, 0)
        lines = self._checks(owing)
        self.assertIn(
            f"Membership share: subscribed, $\xa0{due:,.2f} still to pay on "
            f"{self.today:%m/%d/%Y} (a member-owner may pay it in installments).",
            lines,
        )
