import datetime

from lxml import etree

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.coop_membership.tests.common import technical_names

from .common import CapitalCase

DAY = datetime.date(2026, 11, 16)
YEAR_END = datetime.date(2025, 12, 31)

# The buttons of the capital forms and who the server lets press them.
MANAGER = "manager"
OFFICER = "officer"  # co-op manager or chief accountant
ACCOUNTANT = "accountant"  # co-op manager or (any writing) accountant
READER = "reader"  # reads every member's notice: co-op users and accountants
BUTTONS = {
    "coop.membership": {
        "action_new_subscription": MANAGER,
        "action_transfer_shares": MANAGER,
    },
    "coop.share.subscription": {
        "action_confirm": MANAGER,
        "action_compute_schedule": MANAGER,
        "action_register_payment": MANAGER,
    },
    "coop.share.operation": {"action_correct": MANAGER},
    "coop.share.redemption": {"action_open_payout_wizard": MANAGER},
    "coop.patronage.consent": {"action_revoke": MANAGER},
    "coop.patronage.allocation": {
        "action_load_members": OFFICER,
        "action_open_wages_import": OFFICER,
        "action_estimate_wages": OFFICER,
        "action_compute": OFFICER,
        "action_post": OFFICER,
        "action_reset_to_draft": OFFICER,
        "action_cancel": OFFICER,
        "action_correct": MANAGER,
        "action_open_cash_payment": OFFICER,
        "action_send_notices": OFFICER,
        "action_resend_notices": OFFICER,
        "action_print_notices": READER,
    },
    "coop.patronage.revolving": {
        "action_propose": OFFICER,
        "action_post": OFFICER,
        "action_open_pay_wizard": OFFICER,
        "action_cancel": OFFICER,
    },
    "coop.patronage.form1099": {
        "action_compute": ACCOUNTANT,
        "action_export_csv": ACCOUNTANT,
    },
}


@tagged("post_install", "-at_install")
class TestCapitalDisplayNames(CapitalCase):
    def test_every_record_has_a_name_a_person_would_say(self):
        env = self.env
        grace = self._membership("Grace Kim", state="member", paid=True)
        jordan = self._membership("Jordan Walker")
        subscription = grace.subscription_ids
        operation = env["coop.share.operation"].search(
            [("subscription_id", "=", subscription.id)], limit=1
        )
        plan = env["coop.share.subscription"].new(
            {
                "membership_id": grace.id,
                "company_id": self.company.id,
                "share_class_id": self.invest.id,
                "installment_ids": [
                    Command.create({"due_date": DAY.replace(month=month), "amount": 25.0})
                    for month in (3, 6, 9, 12)
                ],
            }
        )
        allocation = env["coop.patronage.allocation"].new(
            {
                "company_id": self.company.id,
                "date_from": datetime.date(2025, 1, 1),
                "date_to": YEAR_END,
            }
        )
        tranche = env["coop.patronage.tranche"].new(
            {"membership_id": grace.id, "year": 2025, "kind": "patronage", "amount": 80.0}
        )
        revolving = env["coop.patronage.revolving"].new(
            {"company_id": self.company.id, "date": DAY}
        )
        form = env["coop.patronage.form1099"].new({"company_id": self.company.id, "year": 2026})
        job = env["hr.job"].create({"name": "Therapist", "company_id": self.company.id})
        records = {
            "coop.membership": grace,
            "coop.share.class": self.invest,
            "coop.share.subscription": subscription,
            "coop.share.installment": plan.installment_ids[1],
            "coop.share.payment": env["coop.share.payment"].new(
                {
                    "subscription_id": subscription.id,
                    "membership_id": grace.id,
                    "amount": 100.0,
                    "date": DAY,
                }
            ),
            "coop.share.redemption": env["coop.share.redemption"].new(
                {"membership_id": jordan.id, "due_date": DAY, "amount": 100.0}
            ),
            "coop.share.operation": operation,
            "coop.share.holding": env["coop.share.holding"].new(
                {
                    "membership_id": grace.id,
                    "partner_id": grace.partner_id.id,
                    "share_class_id": self.share_class.id,
                }
            ),
            "coop.pay.equity": env["coop.pay.equity"].new(
                {"employee_id": grace.employee_id.id, "job_id": job.id}
            ),
            "coop.patronage.allocation": allocation,
            "coop.patronage.line": env["coop.patronage.line"].new(
                {"allocation_id": allocation.id, "membership_id": grace.id}
            ),
            "coop.patronage.adjustment": env["coop.patronage.adjustment"].new(
                {
                    "allocation_id": allocation.id,
                    "amount": -500.0,
                    "reason": "Non-patronage income",
                }
            ),
            "coop.patronage.consent": env["coop.patronage.consent"].new(
                {"membership_id": grace.id, "method": "agreement", "date": DAY}
            ),
            "coop.patronage.tranche": tranche,
            "coop.patronage.interest": env["coop.patronage.interest"].new(
                {"company_id": self.company.id, "date_to": YEAR_END, "year": 2025}
            ),
            "coop.patronage.revolving": revolving,
            "coop.patronage.revolving.line": env["coop.patronage.revolving.line"].new(
                {"revolving_id": revolving.id, "tranche_id": tranche.id, "amount": 80.0}
            ),
            "coop.patronage.form1099": form,
            "coop.patronage.form1099.line": env["coop.patronage.form1099.line"].new(
                {"form_id": form.id, "partner_id": grace.partner_id.id}
            ),
        }
        self.assertRegex(subscription.name, r"^SUB/\d{4}/\d+$")
        self.assertNotEqual(operation.name, "/")
        self.assertEqual(
            {model: rec.display_name for model, rec in records.items()},
            {
                "coop.membership": "Grace Kim",
                "coop.share.class": "Investment share",
                "coop.share.subscription": f"Subscription {subscription.name} \u2013 Grace Kim",
                "coop.share.installment": "Installment 2 of 4 \u2013 Grace Kim",
                "coop.share.payment": "Payment \u2013 Grace Kim \u2013 11/16/2026",
                "coop.share.redemption": "Redemption \u2013 Jordan Walker",
                "coop.share.operation": f"{operation.name}: Issue \u2013 Grace Kim",
                "coop.share.holding": f"Grace Kim \u2013 {self.share_class.name}",
                "coop.pay.equity": "Grace Kim \u2013 Therapist",
                "coop.patronage.allocation": "Patronage 2025 \u2013 Capital Test Co-op",
                "coop.patronage.line": "Patronage 2025 \u2013 Grace Kim",
                "coop.patronage.adjustment": "Adjustment: Non-patronage income \u2013 "
                "Patronage 2025 \u2013 Capital Test Co-op",
                "coop.patronage.consent": "Patronage consent \u2013 Grace Kim \u2013 11/16/2026",
                "coop.patronage.tranche": "2025 retained patronage \u2013 Grace Kim",
                "coop.patronage.interest": "Interest 2025",
                "coop.patronage.revolving": "Revolving \u2013 11/16/2026",
                "coop.patronage.revolving.line": "Revolving of 2025 retained patronage "
                "\u2013 Grace Kim",
                "coop.patronage.form1099": "1099-PATR 2026 - Capital Test Co-op",
                "coop.patronage.form1099.line": "1099-PATR 2026 \u2013 Grace Kim",
            },
        )
        records["coop.patronage.line.source"] = env["coop.patronage.line.source"].new(
            {
                "line_id": records["coop.patronage.line"],
                "code": "entered",
                "label": "Hours entered",
                "hours": 12.5,
            }
        )
        self.assertEqual(
            records["coop.patronage.line.source"].display_name,
            "Hours entered: 12.5 h \u2013 Grace Kim",
        )
        self.assertEqual(technical_names(env, ["coop_capital"], records), {})
        # The other wordings of the same models.
        self.assertEqual(
            env["coop.share.subscription"].new({"membership_id": jordan.id}).display_name,
            "Subscription \u2013 Jordan Walker",
        )
        tranche.kind = "interest"
        self.assertEqual(tranche.display_name, "2025 interest \u2013 Grace Kim")
        correction = env["coop.patronage.allocation"].new(
            {
                "company_id": self.company.id,
                "date_from": datetime.date(2025, 1, 1),
                "date_to": YEAR_END,
                "corrected_allocation_id": allocation.id,
            }
        )
        self.assertEqual(
            correction.display_name, "Patronage 2025 \u2013 Capital Test Co-op (correction)"
        )


@tagged("post_install", "-at_install")
class TestCapitalButtonsShownToWhoCanUseThem(CapitalCase):
    """The capital forms show a button only to those the server lets press it."""

    def _buttons(self, user, model):
        if not self.env[model].with_user(user).has_access("read"):
            return set()
        views = self.env[model].with_user(user).get_views([(False, "form")])
        arch = etree.fromstring(views["views"]["form"]["arch"])
        return {b.get("name") for b in arch.iter("button") if b.get("type") == "object"}

    def test_each_role_sees_the_buttons_it_may_press(self):
        roles = {
            "member": ("base.group_user", set()),
            "clerk": ("coop_membership.group_coop_user", {READER}),
            "readonly accountant": ("account.group_account_readonly", {READER}),
            "accountant": ("account.group_account_user", {ACCOUNTANT, READER}),
            # Odoo's accounting administrator is not given the full accounting
            # features (nor the 1099 data) by the group alone.
            "chief accountant": ("account.group_account_manager", {OFFICER, READER}),
            "manager": (
                "coop_membership.group_coop_manager",
                {ACCOUNTANT, OFFICER, MANAGER, READER},
            ),
        }
        for role, (groups, may) in roles.items():
            user = new_test_user(
                self.env, login=f"capital_buttons_{role.replace(' ', '_')}", groups=groups
            )
            for model, buttons in BUTTONS.items():
                with self.subTest(role=role, model=model):
                    self.assertEqual(
                        self._buttons(user, model) & set(buttons),
                        {name for name, who in buttons.items() if who in may},
                    )

    def test_no_reset_to_draft_on_member_capital_entries(self):
        grace = self._membership("Grace Kim", state="member", paid=True)
        accountant = new_test_user(
            self.env, login="capital_reset_chief", groups="account.group_account_manager"
        )
        moves = grace.subscription_ids.move_id.with_user(accountant)
        self.assertEqual(moves.mapped("coop_capital"), [True] * len(moves))
        self.assertEqual(moves.mapped("state"), ["posted"] * len(moves))
        self.assertEqual(moves.mapped("show_reset_to_draft_button"), [False] * len(moves))
        with self.assertRaises(UserError), self.env.cr.savepoint():
            moves.button_draft()
        # An ordinary entry keeps Odoo's button.
        journal = self.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", self.company.id)], limit=1
        )
        accounts = self.env["account.account"].search(
            [("company_ids", "in", self.company.id), ("account_type", "=", "expense")], limit=2
        )
        entry = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "line_ids": [
                    Command.create({"account_id": accounts[0].id, "debit": 10.0}),
                    Command.create({"account_id": accounts[1].id, "credit": 10.0}),
                ],
            }
        )
        entry.action_post()
        self.assertEqual(entry.with_user(accountant).show_reset_to_draft_button, True)
