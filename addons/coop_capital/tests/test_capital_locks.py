"""Posted and scheduled capital changes only through the methods that own it.

Every test tries, as the lowest role that could, what a plain JSON-RPC
``write``/``create``/method call would send, and proves that the server
refuses it, on a co-op of the test's own with its own chart of accounts,
people and logins (tests/common.py), independent of any demo data.
"""

import math

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.coop_membership.tests.common import REFUSED, assert_guarded

from .common import CapitalCase

# Every model of member capital whose business fields are guarded, and the
# extra values a create needs for the guard to apply to it.
CAPITAL_MODELS = {
    "coop.share.subscription": {},
    "coop.share.payment": {},
    "coop.share.operation": {},
    "coop.share.redemption": {},
    "account.move": {"coop_capital": True},
}


@tagged("post_install", "-at_install")
class TestCapitalLocks(CapitalCase):
    @classmethod
    def _member(cls, name, **vals):
        """A member-owner admitted on their voting share, paid into the bank."""
        membership = cls._membership(name, state="candidate", subscribed=False, **vals)
        subscription = cls._subscribe(membership)
        cls._pay(subscription, subscription.amount)
        membership._coop_transition("member")
        return membership

    @classmethod
    def _manager_groups(cls):
        return super()._manager_groups() | cls.env.ref("account.group_account_invoice")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_roles()
        cls.accountant = cls._user("accountant", cls.env.ref("account.group_account_manager"))
        cls.roles["accountant"] = cls.accountant
        cls.subscription = cls.member.subscription_ids
        cls.payment = cls.subscription.payment_ids
        cls.operation = cls.env["coop.share.operation"].search(
            [("subscription_id", "=", cls.subscription.id)]
        )
        cls.candidate = cls._membership("Cy Candidate", state="candidate", subscribed=False)
        cls.leaver = cls._member("Lee Leaver")
        cls.leaver._coop_transition("former", reason="resigned")
        cls.redemption = cls.leaver._coop_exit_capital(cls.today)

    def _draft(self, user, **vals):
        values = {
            "membership_id": self.candidate.id,
            "company_id": self.company.id,
            "share_class_id": self.share_class.id,
        }
        values.update(vals)
        return self.env["coop.share.subscription"].with_user(user).create(values)

    # ------------------------------------------------------------------
    # Item 2: a context key never grants a write
    # ------------------------------------------------------------------
    def test_item2_register_append_context_key_grants_nothing(self):
        Operation = self.env["coop.share.operation"]
        count = Operation.search_count([])
        with self.assertRaises(REFUSED), self.env.cr.savepoint():
            Operation.with_user(self.manager).with_context(coop_register_append=True).create(
                {
                    "name": "/",
                    "kind": "issue",
                    "date": self.today,
                    "company_id": self.company.id,
                    "share_class_id": self.invest.id,
                    "quantity": 10,
                    "unit_price": 100.0,
                    "membership_to_id": self.member.id,
                }
            )
        self.assertEqual(Operation.search_count([]), count)

    # ------------------------------------------------------------------
    # Item 7: posted capital records change through read-only fields
    # ------------------------------------------------------------------
    def test_item7_manager_cannot_set_a_confirmed_subscription_back_to_draft(self):
        move = self.subscription.move_id
        self.assertEqual(move.state, "posted")
        subscription = self.subscription.with_user(self.manager)
        with self.assertRaises(REFUSED), self.env.cr.savepoint():
            subscription.write({"state": "draft"})
            subscription.unlink()
        self.subscription.invalidate_recordset()
        self.assertEqual(self.subscription.state, "confirmed")
        self.assertEqual(self.subscription.move_id, move)
        self.assertEqual(move.state, "posted")

    def test_item7_manager_cannot_change_a_scheduled_payout(self):
        redemption = self.redemption.with_user(self.manager)
        later = self.redemption.due_date + relativedelta(years=1)
        for vals in ({"amount": 1e9}, {"state": "paid"}, {"due_date": later}):
            with self.assertRaises(REFUSED), self.env.cr.savepoint():
                redemption.write(vals)
        self.redemption.invalidate_recordset()
        self.assertEqual(self.redemption.amount, 1000.0)
        self.assertEqual(self.redemption.state, "scheduled")
        self.assertFalse(self.redemption.move_id)

    def test_item7_nobody_unticks_a_capital_entry_or_resets_it_to_draft(self):
        move = self.subscription.move_id
        for user in (self.accountant, self.env.ref("base.user_admin")):
            for vals in ({"coop_capital": False}, {"state": "draft"}):
                with self.assertRaises(REFUSED), self.env.cr.savepoint():
                    move.with_user(user).write(vals)
                    move.with_user(user).button_draft()
        move.invalidate_recordset()
        self.assertTrue(move.coop_capital)
        self.assertEqual(move.state, "posted")

    def test_item7_nobody_resets_or_changes_the_bank_payment_of_a_share_payment(self):
        """The Odoo payment of a share payment by bank changes for nobody: not
        for a co-op manager with billing rights, who may reset any other
        payment to draft, nor for an accountant or the administrator."""
        account_payment = self.payment.payment_id
        self.assertEqual(account_payment.move_id, self.payment.move_id)
        move = account_payment.move_id
        credit = move.line_ids.filtered(
            lambda line: line.account_id == self.company.coop_account_subscription_id
        )
        self.assertTrue(credit.reconciled)
        receivable = self.member.partner_id.property_account_receivable_id
        # The manager's rights reach Odoo payments: another payment goes back to draft.
        other = (
            self.env["account.payment"]
            .with_user(self.manager)
            .create(
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": self.member.partner_id.id,
                    "journal_id": self.bank.id,
                    "amount": 10.0,
                }
            )
        )
        other.action_post()
        other.action_draft()
        self.assertEqual((other.state, other.move_id.state), ("draft", "draft"))

        users = (self.coop_user, self.manager, self.accountant, self.env.ref("base.user_admin"))
        for user in users:
            target = account_payment.with_user(user)
            attempts = {
                "reset to draft": target.action_draft,
                "cancel": target.action_cancel,
                "reject": target.action_reject,
                "delete": target.unlink,
                "amount": lambda target=target: target.write({"amount": 1.0}),
                "state": lambda target=target: target.write({"state": "draft"}),
                "partner": lambda target=target: target.write(
                    {"partner_id": self.leaver.partner_id.id}
                ),
                "account": lambda target=target: target.write(
                    {"destination_account_id": receivable.id}
                ),
            }
            for what, attempt in attempts.items():
                with (
                    self.subTest(user=user.login, attempt=what),
                    self.assertRaises(REFUSED),
                    self.env.cr.savepoint(),
                ):
                    attempt()
        with self.assertRaisesRegex(UserError, "never edited"), self.env.cr.savepoint():
            account_payment.sudo().action_draft()
        account_payment.invalidate_recordset()
        self.assertRecordValues(
            account_payment,
            [
                {
                    "state": "in_process",
                    "amount": self.payment.amount,
                    "partner_id": self.member.partner_id.id,
                    "move_id": move.id,
                }
            ],
        )
        self.assertEqual(move.state, "posted")
        self.assertTrue(credit.reconciled)

    # ------------------------------------------------------------------
    # Item 9: the voting share is sold at the class's price only
    # ------------------------------------------------------------------
    def test_item9_voting_share_only_at_the_class_price(self):
        draft = self._draft(self.manager, unit_price=0.01)
        with self.assertRaisesRegex(UserError, "price of the membership share"):
            draft.with_user(self.manager).action_confirm()
        self.assertEqual(draft.state, "draft")
        self.assertFalse(self.candidate.holding_ids)

    # ------------------------------------------------------------------
    # Item 11: pay equity by name only for managers, or for members of an
    # open-pay co-op; the ratio and an anonymous distribution for members
    # ------------------------------------------------------------------
    def _contracts(self):
        """Two running contracts on the co-op's standard 40-hour week."""
        calendar = self.company.resource_calendar_id
        for membership, wage in ((self.member, 3466.67), (self.associate, 5200.0)):
            self.env["hr.contract"].create(
                {
                    "name": f"Contract {membership.name}",
                    "employee_id": membership.employee_id.id,
                    "company_id": self.company.id,
                    "wage": wage,
                    "resource_calendar_id": calendar.id,
                    "state": "open",
                    "date_start": self.today,
                }
            )
        self.env.flush_all()

    def test_item11_pay_equity_names_and_wages_per_the_co_op_setting(self):
        self._contracts()
        PayEquity = self.env["coop.pay.equity"]
        self.assertEqual(self.company.coop_pay_transparency, "ratio")
        self.assertEqual(len(PayEquity.with_user(self.manager).search([])), 2)
        for user in (self.member_user, self.associate_user, self.outsider_user, self.coop_user):
            self.assertFalse(PayEquity.with_user(user).search([]), user.login)
        distribution = PayEquity.with_user(self.member_user).coop_pay_distribution()
        self.assertAlmostEqual(distribution["ratio"], 1.5, 2)
        self.assertEqual([round(r, 2) for r in distribution["hourly_rates"]], [20.0, 30.0])
        self.assertNotIn("Mo Member", str(distribution))
        for user in (self.outsider_user, self.associate_user):
            with self.assertRaises(AccessError):
                PayEquity.with_user(user).coop_pay_distribution()

        self.company.coop_pay_transparency = "open"
        self.assertEqual(len(PayEquity.with_user(self.member_user).search([])), 2)
        for user in (self.associate_user, self.outsider_user):
            self.assertFalse(PayEquity.with_user(user).search([]), user.login)

    # ------------------------------------------------------------------
    # Item 12: bad values are refused with a sentence, never stored
    # ------------------------------------------------------------------
    def test_item12_installment_interval_must_be_at_least_a_month(self):
        count = self.env["coop.share.subscription"].search_count([])
        for interval in (-1, 0):
            with self.assertRaisesRegex(ValidationError, "month"), self.env.cr.savepoint():
                self._draft(
                    self.manager,
                    mode="installments",
                    installment_count=4,
                    installment_interval=interval,
                )
        self.assertEqual(self.env["coop.share.subscription"].search_count([]), count)

    def test_item12_money_not_representable_in_the_currency_is_refused(self):
        draft = self._draft(self.manager, share_class_id=self.invest.id, quantity=2)
        payment_vals = {
            "subscription_id": self.subscription.id,
            "membership_id": self.member.id,
            "method": "payroll",
        }
        Payment = self.env["coop.share.payment"].with_user(self.manager)
        for bad in (12.345, math.nan, math.inf):
            with self.assertRaisesRegex(ValidationError, "USD|number"), self.env.cr.savepoint():
                Payment.create(dict(payment_vals, amount=bad))
            with self.assertRaisesRegex(ValidationError, "USD|number"), self.env.cr.savepoint():
                self.invest.with_user(self.manager).write({"price": bad})
            with self.assertRaisesRegex(ValidationError, "USD|number"), self.env.cr.savepoint():
                draft.with_user(self.manager).write({"unit_price": bad})
        self.assertEqual(self.invest.price, 100.0)
        self.assertEqual(draft.unit_price, 100.0)

    def test_item12_very_long_texts_are_refused(self):
        long_text = "x" * 100_000
        with self.assertRaisesRegex(ValidationError, "characters"), self.env.cr.savepoint():
            self.invest.with_user(self.manager).write({"name": long_text})
        with self.assertRaisesRegex(ValidationError, "characters"), self.env.cr.savepoint():
            self.env["coop.share.payment"].with_user(self.manager).create(
                {
                    "subscription_id": self.subscription.id,
                    "membership_id": self.member.id,
                    "method": "payroll",
                    "amount": 1.0,
                    "period": long_text,
                }
            )
        self.assertEqual(self.invest.name, "Investment share")

    # ------------------------------------------------------------------
    # Item 14: public methods take RPC values and answer with sentences
    # ------------------------------------------------------------------
    def test_item14_pay_a_redemption_with_rpc_values(self):
        redemption = self.redemption.with_user(self.manager)
        for kwargs, message in (
            ({"date": "22/10/2025"}, "date"),
            ({"date": "abc"}, "date"),
            ({"date": 20251022}, "date"),
            ({"journal": -5}, "journal"),
            ({"journal": "bank"}, "journal"),
            ({"journal": self.company.coop_capital_journal_id.id}, "bank"),
        ):
            with self.assertRaisesRegex(UserError, message), self.env.cr.savepoint():
                redemption.action_pay(**kwargs)
        self.assertEqual(self.redemption.state, "scheduled")
        day = fields.Date.to_string(self.today)
        redemption.action_pay(journal=self.bank.id, date=day)
        self.assertEqual(self.redemption.state, "paid")
        self.assertEqual(self.redemption.date_paid, self.today)
        self.assertTrue(self.redemption.move_id.coop_capital)

    # ------------------------------------------------------------------
    # The general rule: every guarded field, every role
    # ------------------------------------------------------------------
    def test_guarded_fields_are_refused_for_every_role(self):
        records = (
            self.subscription,
            self.payment,
            self.operation[:1],
            self.redemption,
            self.subscription.move_id,
        )
        self.assertEqual({r._name for r in records}, set(CAPITAL_MODELS))
        self.assertEqual(assert_guarded(self, records, self.roles, CAPITAL_MODELS), 366)
