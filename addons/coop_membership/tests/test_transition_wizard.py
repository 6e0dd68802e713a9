from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import CoopCase


@tagged("post_install", "-at_install")
class TestTransitionWizard(CoopCase):
    """Admission and candidacy are confirmed with an effective date and the
    checks made; the date is neither in the future, nor before the
    membership's last change, nor more than a year back."""

    def _wizard(self, membership, to_state, **vals):
        action = (
            membership.action_confirm_admission()
            if to_state == "member"
            else membership.action_confirm_candidacy()
        )
        form = Form(self.env[action["res_model"]].with_context(**action["context"]))
        for name, value in vals.items():
            setattr(form, name, value)
        return form.save()

    def test_admission_dated_in_the_past_with_its_checks(self):
        since = self.today - relativedelta(days=30)
        grace = self._membership("Grace Kim", state="candidate", date_state=since)
        wizard = self._wizard(grace, "member", date=self.today - relativedelta(days=10))
        self.assertEqual(
            wizard.checks.split("\n")[:3],
            [
                f"Grace Kim is Candidate member since {since:%m/%d/%Y}.",
                "Candidacy rule: Candidacy rule met.",
                "Entered on the member register under the next number of the co-op's "
                "register sequence.",
            ],
        )
        expected = self._next_register_number()
        wizard.action_confirm()
        self.assertEqual(grace.state, "member")
        self.assertEqual(grace.date_member, self.today - relativedelta(days=10))
        self.assertEqual(grace.register_number, expected)
        self.assertEqual(grace.transition_ids.sorted("id")[-1].date, grace.date_member)

    def test_effective_dates_refused(self):
        since = self.today - relativedelta(days=5)
        lee = self._membership("Lee Licensed", state="licensed", date_state=since)
        cases = {
            self.today + relativedelta(days=1): "cannot take effect in the future",
            since - relativedelta(days=1): "cannot be before the membership's last change, "
            f"on {since:%m/%d/%Y}",
        }
        for day, message in cases.items():
            wizard = self._wizard(lee, "candidate", date=day)
            self.assertIn(message, wizard.checks)
            with self.assertRaisesRegex(UserError, message):
                wizard.action_confirm()
        self.assertEqual(lee.state, "licensed")
        self.assertEqual(len(lee.transition_ids), 1)
        old = self._membership(
            "Olga Old", state="licensed", date_state=self.today - relativedelta(years=3)
        )
        wizard = self._wizard(old, "candidate", date=self.today - relativedelta(days=400))
        with self.assertRaisesRegex(UserError, "at most 366 days back"):
            wizard.action_confirm()
        exit_wizard = self.env["coop.membership.exit.wizard"].create(
            {
                "membership_id": lee.id,
                "reason": "resigned",
                "date": self.today + relativedelta(days=3),
            }
        )
        with self.assertRaisesRegex(UserError, "cannot take effect in the future"):
            exit_wizard.action_confirm()
        self.assertEqual(lee.state, "licensed")

    def test_only_managers_confirm(self):
        lee = self._membership("Lou Licensed", state="licensed")
        clerk = new_test_user(
            self.env, login="coop_wiz_clerk", groups="coop_membership.group_coop_user"
        )
        with self.assertRaisesRegex(AccessError, "Only co-op managers"):
            lee.with_user(clerk).action_confirm_candidacy()
        with self.assertRaises(AccessError):
            self.env["coop.membership.transition.wizard"].with_user(clerk).create(
                {"membership_id": lee.id, "to_state": "candidate"}
            )
        self.assertEqual(lee.state, "licensed")
