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
        action = {
            "licensed": membership.action_confirm_license,
            "candidate": membership.action_confirm_candidacy,
            "member": membership.action_confirm_admission,
        }[to_state]()
        form = Form(self.env[action["res_model"]].with_context(**action["context"]))
        for name, value in vals.items():
            setattr(form, name, value)
        return form.save()

    def test_admission_dated_in_the_past_with_its_checks(self):
        since = self.today - relativedelta(days=30)
        grace = self._membership("Grace Kim", state="candidate", date_state=since)
        wizard = self._wizard(grace, "member", date=self.today - relativedelta(days=10))
        self.assertEqual(
            wizard.checks.split("\n")[:4],
            [
                f"Grace Kim is Candidate member since {since:%m/%d/%Y}.",
                "Candidacy hours: 700 of 650.",
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

    def test_license_dated_in_the_past_and_kept_in_the_history(self):
        since = self.today - relativedelta(days=20)
        # No employee: with the therapy app installed, an employee's license is
        # recorded with its number and dates (its own tests); here, the register.
        ava = self._membership("Ava Assoc", date_state=since, employee_id=False)
        wizard = self._wizard(ava, "licensed", date=self.today - relativedelta(days=3))
        wizard.action_confirm()
        self.assertEqual((ava.state, ava.date_state), ("licensed", wizard.date))
        last = ava.transition_ids.sorted("id")[-1]
        self.assertEqual((last.to_state, last.date), ("licensed", wizard.date))

    def test_exit_dated_in_the_past_but_not_before_the_last_change(self):
        since = self.today - relativedelta(days=40)
        max_ = self._membership("Max Member", state="member", date_state=since)
        before = since - relativedelta(days=1)
        wizard = self.env["coop.membership.exit.wizard"].create(
            {"membership_id": max_.id, "reason": "resigned", "date": before}
        )
        self.assertIn(f"on {since:%m/%d/%Y}", wizard.checks)
        with self.assertRaisesRegex(
            UserError,
            r"^Membership not ended\. Max Member: The effective date cannot be before the "
            rf"membership's last change, on {since:%m/%d/%Y}\.$",
        ):
            wizard.action_confirm()
        self.assertEqual(max_.state, "member")
        wizard.date = self.today - relativedelta(days=7)
        wizard.action_confirm()
        self.assertEqual((max_.state, max_.date_exit), ("former", wizard.date))
        self.assertEqual(max_.transition_ids.sorted("id")[-1].date, wizard.date)

    def test_the_register_refuses_dates_for_every_caller(self):
        """The register's own method refuses a date before the last change or
        in the future, whoever calls it (not only the confirmation)."""
        since = self.today - relativedelta(days=5)
        cleo = self._membership("Cleo Cand", state="candidate", date_state=since)
        with self.assertRaisesRegex(
            UserError, r"^Admission refused\. Cleo Cand: The effective date cannot be before"
        ):
            cleo._coop_transition("member", date=since - relativedelta(days=1))
        with self.assertRaisesRegex(UserError, "^Admission refused. Cleo Cand: A change of state"):
            cleo._coop_transition("member", date=self.today + relativedelta(days=1))
        self.assertEqual(cleo.state, "candidate")

    def test_refusals_say_what_was_refused_with_formatted_numbers(self):
        self.company.coop_candidacy_min_hours = 1650
        newbie = self._membership("Nina New", state="candidate", eligible=False)
        # The button refuses at once; a confirmation made by other means says
        # the same, and so does its confirm.
        with self.assertRaisesRegex(UserError, "^Admission refused: Nina New"):
            newbie.action_confirm_admission()
        wizard = self.env["coop.membership.transition.wizard"].create(
            {"membership_id": newbie.id, "to_state": "member"}
        )
        self.assertTrue(newbie.candidacy_summary.startswith("Needs 1,650 more hours and "))
        message = (
            "Admission refused: Nina New does not meet the co-op's candidacy rule yet "
            f"(1,650 hours and 6 months of work): {newbie.candidacy_summary}"
        )
        self.assertIn(message, wizard.checks)
        with self.assertRaises(UserError) as refused:
            wizard.action_confirm()
        self.assertEqual(refused.exception.args[0], message)
        with self.assertRaisesRegex(UserError, r"^Candidacy not opened\. Nina New: "):
            newbie._coop_transition("candidate")

    def test_record_license_as_manager_only(self):
        ava = self._membership("Ana Assoc", employee_id=False)  # see the test above
        clerk = new_test_user(
            self.env, login="coop_wiz_clerk2", groups="coop_membership.group_coop_user"
        )
        with self.assertRaises(AccessError):
            ava.with_user(clerk).action_confirm_license()
        with self.assertRaises(AccessError):
            ava.with_user(clerk).action_to_licensed()
        manager = new_test_user(
            self.env, login="coop_wiz_manager", groups="coop_membership.group_coop_manager"
        )
        action = ava.with_user(manager).action_confirm_license()
        wizard = (
            self.env[action["res_model"]]
            .with_user(manager)
            .with_context(**action["context"])
            .create({})
        )
        wizard.action_confirm()
        self.assertEqual(ava.state, "licensed")
