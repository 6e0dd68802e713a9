from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CapitalCase


@tagged("post_install", "-at_install")
class TestCapitalPayoutWizard(CapitalCase):
    """Paying capital back asks for the date and the journal and shows the
    solvency check's figures before it posts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leaver = cls._member("Lea Leaving", date_state=cls.today - relativedelta(days=30))
        cls._subscribe(cls.leaver, pay=True, method="bank")
        cls.left_on = cls.today - relativedelta(days=5)
        cls.env["coop.membership.exit.wizard"].create(
            {"membership_id": cls.leaver.id, "reason": "resigned", "date": cls.left_on}
        ).action_confirm()
        cls.redemption = cls.leaver.redemption_ids
        cls.cash = cls.env["account.journal"].search(
            [("type", "=", "cash"), ("company_id", "=", cls.company.id)], limit=1
        )
        cls.coop_officer = cls._user(
            "payout_officer", cls.env.ref("coop_membership.group_coop_user")
        )
        # Paying money out takes the accounting (billing) rights as well.
        cls.coop_manager = cls._user(
            "payout_manager",
            cls._manager_groups() | cls.env.ref("account.group_account_invoice"),
        )

    def _wizard(self, user=None, **vals):
        env = self.env(user=user) if user else self.env
        return (
            env["coop.share.payout.wizard"]
            .with_context(active_model="coop.share.redemption", active_ids=self.redemption.ids)
            .create(vals)
        )

    def _ledger(self, date):
        """Assets, liabilities and members' claims read from the posted lines."""
        lines = self.env["account.move.line"].search(
            [
                ("company_id", "=", self.company.id),
                ("parent_state", "=", "posted"),
                ("date", "<=", date),
            ]
        )
        assets = sum(line.balance for line in lines if line.account_id.internal_group == "asset")
        liabilities = -sum(
            line.balance for line in lines if line.account_id.internal_group == "liability"
        )
        claims = -sum(
            line.balance
            for line in lines
            if line.account_id == self.company.coop_account_redemption_payable_id
        )
        return round(assets, 2), round(liabilities, 2), round(claims, 2)

    def _supplier_bill(self, amount):
        expense = self.env["account.account"].search(
            [("account_type", "=", "expense"), ("company_ids", "in", self.company.id)], limit=1
        )
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": self.env["res.partner"].create({"name": "Landlord"}).id,
                "invoice_date": self.today,
                "invoice_line_ids": [
                    fields.Command.create(
                        {
                            "name": "Rent",
                            "price_unit": amount,
                            "account_id": expense.id,
                            "tax_ids": [],
                        }
                    )
                ],
            }
        )
        bill.action_post()

    def test_figures_are_the_ledger_s(self):
        self._supplier_bill(200.0)
        wizard = self._wizard()
        self.assertEqual(wizard.redemption_ids, self.redemption)
        self.assertEqual(wizard.date, self.today)
        self.assertEqual(wizard.journal_id, self.bank)
        self.assertEqual(wizard.amount, 1000.0)
        assets, liabilities, claims = self._ledger(self.today)
        # The member paid 1,000 in; the co-op owes 1,000 back and 200 of rent.
        self.assertEqual((assets, liabilities, claims), (1000.0, 1200.0, 1000.0))
        self.assertEqual(
            (wizard.assets, wizard.liabilities, wizard.member_claims, wizard.payout),
            (assets, liabilities, claims, 1000.0),
        )
        # Other debts 200 against 1,000 - 1,000 of assets after the payout.
        self.assertEqual(wizard.shortfall, 200.0)
        self.assertEqual(wizard.solvency_mode, "block")
        # On an earlier date, the ledger of that date: no bill, no payable yet.
        wizard.date = self.today - relativedelta(days=60)
        self.assertEqual((wizard.assets, wizard.liabilities, wizard.member_claims), (0.0, 0.0, 0.0))

    def test_posts_with_the_chosen_journal_and_date(self):
        self.assertTrue(self.cash)
        day = self.today - relativedelta(days=1)
        wizard = self._wizard(journal_id=self.cash.id, date=day)
        self.assertEqual(wizard.shortfall, 0.0)
        wizard.action_confirm()
        self.assertEqual(self.redemption.state, "paid")
        self.assertEqual(self.redemption.date_paid, day)
        move = self.redemption.move_id
        self.assertEqual((move.journal_id, move.date, move.state), (self.cash, day, "posted"))
        self.assertIn(self.cash.default_account_id, move.line_ids.account_id)
        self.assertAlmostEqual(
            self._balance(self.company.coop_account_redemption_payable_id, self.leaver.partner_id),
            0.0,
        )
        with self.assertRaisesRegex(UserError, "already made"):
            self._wizard().action_confirm()

    def test_a_shortfall_blocks_the_payout(self):
        self._supplier_bill(5000.0)
        wizard = self._wizard()
        self.assertEqual(wizard.shortfall, 5000.0)
        moves = self.env["account.move"].search_count([("company_id", "=", self.company.id)])
        with self.assertRaisesRegex(
            UserError, "^Payout refused. .*unable to pay its debts.*5,000.00"
        ):
            wizard.action_confirm()
        self.assertEqual(self.redemption.state, "scheduled")
        self.assertEqual(
            self.env["account.move"].search_count([("company_id", "=", self.company.id)]), moves
        )
        # The method that posts checks solvency itself, whoever calls it.
        with self.assertRaisesRegex(UserError, "exceed its assets"):
            self.redemption.action_pay(journal=self.bank)
        # Warn only: the wizard pays and the warning is logged on the payout.
        self.company.coop_solvency_mode = "warn"
        wizard = self._wizard()
        self.assertEqual(wizard.solvency_mode, "warn")
        wizard.action_confirm()
        self.assertEqual(self.redemption.state, "paid")
        self.assertIn("exceed its assets", self.redemption.message_ids[0].body)

    def test_not_paid_before_the_capital_became_payable(self):
        early = self.left_on - relativedelta(days=1)
        wizard = self._wizard(date=early)
        message = (
            "Payout refused. The capital of Lea Leaving became payable on "
            f"{self.left_on:%m/%d/%Y}; it cannot be paid before that."
        )
        self.assertIn(message, wizard.checks.split("\n"))
        self.assertIn(f"payable since {self.left_on:%m/%d/%Y}", wizard.checks)
        for attempt in (
            wizard.action_confirm,
            lambda: self.redemption.action_pay(journal=self.bank, date=early.isoformat()),
        ):
            with self.assertRaises(UserError) as refused:
                attempt()
            self.assertEqual(refused.exception.args[0], message)
        self.assertEqual(self.redemption.state, "scheduled")
        # On the day the member left, it may be paid.
        self._wizard(date=self.left_on).action_confirm()
        self.assertEqual((self.redemption.state, self.redemption.date_paid), ("paid", self.left_on))

    def test_a_co_op_user_cannot_pay_through_the_wizard(self):
        with self.assertRaises(AccessError):
            self._wizard(user=self.coop_officer)
        wizard = self._wizard()
        with self.assertRaises(AccessError):
            wizard.with_user(self.coop_officer).action_confirm()
        self.assertEqual(self.redemption.state, "scheduled")
        # A manager can.
        self._wizard(user=self.coop_manager).action_confirm()
        self.assertEqual(self.redemption.state, "paid")

    def test_the_pay_button_opens_the_wizard(self):
        action = self.redemption.action_open_payout_wizard()
        self.assertEqual(action["res_model"], "coop.share.payout.wizard")
        wizard = self.env["coop.share.payout.wizard"].with_context(**action["context"]).create({})
        self.assertEqual(wizard.redemption_ids, self.redemption)
