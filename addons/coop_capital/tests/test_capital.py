import importlib.util
from pathlib import Path

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.coop_capital.models.res_company import CAPITAL_ACCOUNTS

from .common import CapitalCase


@tagged("post_install", "-at_install")
class TestCapitalSetup(CapitalCase):
    def test_accounts_journal_and_share_class_per_company(self):
        company = self.company
        expected = {
            "coop_account_share_id": ("3100", "equity"),
            "coop_account_investment_id": ("3110", "equity"),
            "coop_account_subscription_id": ("3105", "equity"),
            "coop_account_retained_qualified_id": ("3200", "equity"),
            "coop_account_retained_nonqualified_id": ("3210", "equity"),
            "coop_account_reserve_id": ("3300", "equity"),
            "coop_account_patronage_payable_id": ("2300", "liability_current"),
            "coop_account_redemption_payable_id": ("2310", "liability_current"),
        }
        for field, (code, account_type) in expected.items():
            account = company[field]
            self.assertEqual((account.code, account.account_type), (code, account_type), field)
            self.assertEqual(account.company_ids, company)
        self.assertEqual(company.coop_capital_journal_id.type, "general")
        self.assertEqual(self.share_class.kind, "membership")
        self.assertEqual(self.share_class._coop_account(), company.coop_account_share_id)
        # Each class of shares has its own equity account.
        self.assertEqual(self.invest._coop_account(), company.coop_account_investment_id)
        # The "current year earnings" account stays Odoo's own.
        self.assertEqual(
            self.env["account.account"].search_count(
                [("account_type", "=", "equity_unaffected"), ("company_ids", "in", company.id)]
            ),
            1,
        )

    def test_accounts_of_the_practice_are_never_taken_over(self):
        """A practice that already keeps accounts with our codes keeps them as
        they are; the co-op's are created beside them, under the next free
        code, and found again by the set-up on its next run."""
        practice = self.env["res.company"].create(
            {"name": "Practice With Its Own Books", "currency_id": self.env.ref("base.USD").id}
        )
        Account = self.env["account.account"].with_company(practice)
        own = {
            code: Account.create(
                {
                    "code": code,
                    "name": name,
                    "account_type": account_type,
                    "company_ids": [(6, 0, practice.ids)],
                }
            )
            for code, name, account_type in (
                ("3100", "Owner contributions", "equity"),
                ("3101", "Owner draws", "equity"),
                ("3200", "Retained earnings", "equity"),
                ("2310", "Employee advances", "asset_current"),
            )
        }
        own_journal = self.env["account.journal"].create(
            {"name": "Capital calls", "code": "CAPTL", "type": "general", "company_id": practice.id}
        )
        before = {code: (a.name, a.account_type, a.code) for code, a in own.items()}

        practice._coop_capital_setup()

        # Account codes are kept per company: read them as the practice.
        practice = practice.with_company(practice)
        ours = {field: practice[field] for field, *_spec in CAPITAL_ACCOUNTS}
        for field, code, name, account_type, _reconcile in CAPITAL_ACCOUNTS:
            account = ours[field]
            self.assertNotIn(account, list(own.values()), field)
            self.assertEqual((account.name, account.account_type), (name, account_type), field)
            self.assertEqual(account.company_ids, practice, field)
            if code not in own:
                self.assertEqual(account.code, code, field)
        self.assertEqual(ours["coop_account_share_id"].code, "3102")
        self.assertEqual(ours["coop_account_retained_qualified_id"].code, "3201")
        self.assertEqual(ours["coop_account_redemption_payable_id"].code, "2311")
        journal = practice.coop_capital_journal_id
        self.assertNotEqual(journal, own_journal)
        self.assertEqual(journal.name, "Member capital")
        for code, account in own.items():
            self.assertEqual((account.name, account.account_type, account.code), before[code])
        self.assertEqual((own_journal.name, own_journal.code), ("Capital calls", "CAPTL"))

        # Run again with the company's links lost (as after a re-install):
        # the set-up finds its own accounts and journal, and creates nothing.
        accounts = Account.search_count([("company_ids", "in", practice.id)])
        practice.write(dict.fromkeys([*ours, "coop_capital_journal_id"], False))
        practice._coop_capital_setup()
        self.assertEqual({field: practice[field] for field in ours}, ours)
        self.assertEqual(practice.coop_capital_journal_id, journal)
        self.assertEqual(Account.search_count([("company_ids", "in", practice.id)]), accounts)

    def test_one_membership_class_per_company(self):
        with self.assertRaisesRegex(ValidationError, "exactly one voting share"):
            self.env["coop.share.class"].create(
                {
                    "name": "Second voting share",
                    "kind": "membership",
                    "price": 10,
                    "account_id": self.company.coop_account_share_id.id,
                    "company_id": self.company.id,
                }
            )

    def test_settings_show_and_change_the_account_mapping(self):
        settings = self.env["res.config.settings"].create({})
        for field, *_spec in CAPITAL_ACCOUNTS:
            self.assertEqual(settings[field], self.company[field], field)
        other = self.env["account.account"].create(
            {
                "code": "3120",
                "name": "Investment shares, series B",
                "account_type": "equity",
                "company_ids": [(6, 0, self.company.ids)],
            }
        )
        settings.coop_account_investment_id = other
        settings.execute()
        self.assertEqual(self.company.coop_account_investment_id, other)
        self.assertEqual(self.invest._coop_account(), other)
        member = self._member("Ivo Investor")
        subscription = self._subscribe(member, share_class_id=self.invest.id, quantity=3)
        self.assertEqual(
            sorted(
                (line.account_id.code, line.debit, line.credit)
                for line in subscription.move_id.line_ids
            ),
            [("3105", 300.0, 0.0), ("3120", 0.0, 300.0)],
        )

    def test_upgrade_keeps_held_investment_shares_on_their_account(self):
        """Before 18.0.1.2.0 investment shares posted to 3100; the upgrade pins
        a class that holds shares to that account and gives every company its
        3110 for the classes to come."""
        path = Path(__file__).parents[1] / "migrations" / "18.0.1.2.0" / "post-migration.py"
        spec = importlib.util.spec_from_file_location("coop_capital_migration_1_2", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        investment_account = self.company.coop_account_investment_id
        member = self._member("Olga Oldshares")
        self._subscribe(member, share_class_id=self.invest.id, quantity=2)
        unused = self.env["coop.share.class"].create(
            {"name": "Unused series", "kind": "investment", "price": 10.0}
        )
        # The database as it was: no 3110 on the company, classes without account.
        self.company.coop_account_investment_id = False
        self.invest.account_id = False

        migration.migrate(self.env.cr, "18.0.1.1.0")

        self.assertEqual(self.invest.account_id, self.company.coop_account_share_id)
        self.assertFalse(unused.account_id)
        self.assertEqual(self.company.coop_account_investment_id, investment_account)
        self.assertEqual(unused._coop_account(), investment_account)

    def test_settings_set_the_membership_share_price(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.coop_membership_share_price, 1000.0)
        settings.coop_membership_share_price = 1500.0
        settings.execute()
        self.assertEqual(self.share_class.price, 1500.0)


@tagged("post_install", "-at_install")
class TestSubscriptionsAndPayments(CapitalCase):
    def _assert_capital_entry(self, move, partner):
        self.assertEqual(move.state, "posted")
        self.assertTrue(move.coop_capital)
        self.assertAlmostEqual(
            sum(move.line_ids.mapped("debit")), sum(move.line_ids.mapped("credit"))
        )
        self.assertEqual(move.line_ids.partner_id, partner, "every line carries the member")

    def _outstanding_receipts(self):
        """The account of money received and not yet on a bank statement:
        the company's Outstanding Receipts, made by its chart of accounts."""
        return self.env.ref(f"account.{self.company.id}_account_journal_payment_debit_account_id")

    def test_lump_sum_subscription_and_payment(self):
        member = self._member("Ana Lump")
        subscription = self._subscribe(member)
        self.assertEqual(subscription.state, "confirmed")
        self.assertRegex(subscription.name, r"^SUB/\d{4}/\d{4}$")
        move = subscription.move_id
        self._assert_capital_entry(move, member.partner_id)
        self.assertEqual(
            sorted((line.account_id.code, line.debit, line.credit) for line in move.line_ids),
            [("3100", 0.0, 1000.0), ("3105", 1000.0, 0.0)],
        )
        self.assertEqual(move.journal_id, self.company.coop_capital_journal_id)
        # The register issued the share.
        operation = self.env["coop.share.operation"].search(
            [("subscription_id", "=", subscription.id)]
        )
        self.assertEqual(
            (operation.kind, operation.quantity, operation.amount), ("issue", 1, 1000.0)
        )
        self.assertRegex(operation.name, r"^SR-\d{4}$")
        self.assertEqual(member.holding_ids.quantity, 1)
        self.assertFalse(member.is_paid_up)

        payment = self._pay(subscription, 1000.0)
        self._assert_capital_entry(payment.move_id, member.partner_id)
        # The money waits on the bank's outstanding receipts for its statement line.
        outstanding = self._outstanding_receipts()
        self.assertNotEqual(outstanding, self.bank.default_account_id)
        self.assertEqual(
            sorted((line.account_id, line.debit) for line in payment.move_id.line_ids),
            sorted([(outstanding, 1000.0), (self.company.coop_account_subscription_id, 0.0)]),
        )
        self.assertEqual(self._balance(self.bank.default_account_id), 0.0)
        # An Odoo customer payment of the member, into the chosen journal.
        self.assertRecordValues(
            payment.payment_id,
            [
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": member.partner_id.id,
                    "journal_id": self.bank.id,
                    "amount": 1000.0,
                    "date": self.today,
                    "memo": subscription.name,
                    "move_id": payment.move_id.id,
                    "destination_account_id": self.company.coop_account_subscription_id.id,
                    "outstanding_account_id": outstanding.id,
                    "state": "in_process",
                    "is_reconciled": True,
                    "is_matched": False,
                }
            ],
        )
        self.assertTrue(subscription.receivable_line_id.reconciled)
        self.assertTrue(subscription.is_paid)
        self.assertTrue(member.is_paid_up)
        self.assertEqual(
            self._balance(self.company.coop_account_subscription_id, member.partner_id), 0
        )
        self.assert_capital_matches_ledger()

    def test_batch_confirm_and_pay_post_one_entry_each(self):
        members = self.Membership
        for index in range(3):
            members |= self._member(f"Batch {index}")
        subscriptions = self.env["coop.share.subscription"].create(
            [
                {
                    "membership_id": m.id,
                    "company_id": self.company.id,
                    "share_class_id": self.share_class.id,
                }
                for m in members
            ]
        )
        subscriptions.action_confirm()
        move = subscriptions.move_id
        self.assertEqual(len(move), 1)
        self.assertEqual(len(move.line_ids), 6)
        self.assertEqual(move.line_ids.partner_id, members.partner_id)
        for subscription in subscriptions:
            line = subscription.receivable_line_id
            self.assertEqual((line.partner_id, line.debit), (subscription.partner_id, 1000.0))
        payments = self.env["coop.share.payment"].create(
            [
                {"subscription_id": s.id, "membership_id": s.membership_id.id, "amount": 1000.0}
                for s in subscriptions
            ]
        )
        payments.action_post()
        # By bank: a customer payment each, for a statement line each.
        self.assertEqual(len(payments.payment_id), 3)
        self.assertEqual(payments.move_id, payments.payment_id.move_id)
        self.assertEqual(payments.payment_id.partner_id, members.partner_id)
        self.assertTrue(all(subscriptions.receivable_line_id.mapped("reconciled")))
        self.assertTrue(all(members.mapped("is_paid_up")))
        self.assert_capital_matches_ledger()

    def test_bank_statement_line_matches_the_share_payment(self):
        """The bank statement line of a member's transfer reconciles with the
        share payment like with any customer payment: the bank account then
        holds the money and nothing waits on outstanding receipts."""
        member = self._member("Ida Statement")
        subscription = self._subscribe(member, mode="installments", installment_count=2)
        payment = self._pay(subscription, 500.0)
        outstanding = self._outstanding_receipts()
        self.assertEqual(self._balance(outstanding, member.partner_id), 500.0)
        self.assertFalse(payment.payment_id.is_matched, "no statement line yet")

        st_line = self.env["account.bank.statement.line"].create(
            {
                "journal_id": self.bank.id,
                "date": self.today,
                "partner_id": member.partner_id.id,
                "amount": 500.0,
                "payment_ref": subscription.name,
            }
        )
        # Odoo Community's way (the reconciliation widget is Enterprise's):
        # the statement line's suspense line goes to the payment's outstanding
        # account and is reconciled with the payment's line there.
        _liquidity, suspense, _other = st_line.with_context(
            skip_account_move_synchronization=True
        )._seek_for_lines()
        suspense.account_id = outstanding
        waiting = payment.move_id.line_ids.filtered(lambda line: line.account_id == outstanding)
        (suspense + waiting).reconcile()

        self.assertTrue(st_line.is_reconciled)
        self.assertTrue(payment.payment_id.is_matched)
        self.assertTrue(payment.payment_id.is_reconciled)
        self.assertEqual(self._balance(self.bank.default_account_id), 500.0)
        self.assertEqual(self._balance(outstanding), 0.0)
        self.assertAlmostEqual(subscription.amount_remaining, 500.0)
        self.assertEqual(payment.state, "posted")
        self.assertEqual(payment.move_id.state, "posted")
        self.assert_capital_matches_ledger()

    def test_payroll_deduction_stays_an_entry_of_the_capital_journal(self):
        member = self._member("Jo Payroll")
        subscription = self._subscribe(member, mode="installments", installment_count=2)
        payment = self._pay(subscription, 500.0, method="payroll")
        self.assertFalse(payment.payment_id)
        self.assertEqual(payment.move_id.journal_id, self.company.coop_capital_journal_id)
        self.assertEqual(
            sorted(
                (line.account_id.code, line.debit, line.credit) for line in payment.move_id.line_ids
            ),
            sorted(
                [
                    (self.company.coop_account_wages_payable_id.code, 500.0, 0.0),
                    ("3105", 0.0, 500.0),
                ]
            ),
        )
        self.assertAlmostEqual(subscription.receivable_line_id.amount_residual, 500.0)

    def test_installment_plan(self):
        member = self._member("Ben Installments")
        start = self.today - relativedelta(months=1)
        subscription = self._subscribe(
            member, mode="installments", installment_count=3, date=start, first_due_date=start
        )
        self.assertEqual(subscription.installment_ids.mapped("amount"), [333.34, 333.33, 333.33])
        self.assertEqual(
            subscription.installment_ids.mapped("due_date"),
            [start, start + relativedelta(months=1), start + relativedelta(months=2)],
        )
        self.assertFalse(member.is_paid_up)
        self.assertAlmostEqual(subscription.amount_overdue, 666.67)
        self._pay(subscription, 333.34, date=start)
        self.assertFalse(member.is_paid_up, "the second installment is due today")
        self.assertEqual(subscription.next_due_date, start + relativedelta(months=1))
        self._pay(subscription, 333.33)
        self.assertTrue(member.is_paid_up, "every installment due so far is paid")
        self.assertEqual(subscription.installment_ids.mapped("status"), ["paid", "paid", "open"])
        self.assertAlmostEqual(subscription.amount_remaining, 333.33)
        self.assertFalse(subscription.receivable_line_id.reconciled)
        self.assertAlmostEqual(subscription.receivable_line_id.amount_residual, 333.33)

    def test_overdue_installments_make_one_activity_until_paid(self):
        member = self._member("Cyd Overdue")
        start = self.today - relativedelta(months=3)
        subscription = self._subscribe(
            member, mode="installments", installment_count=4, date=start, first_due_date=start
        )
        Subscription = self.env["coop.share.subscription"]
        Subscription._cron_overdue_activities()
        Subscription._cron_overdue_activities()
        activities = subscription.activity_ids
        self.assertEqual(len(activities), 1)
        self.assertIn("Cyd Overdue", activities.note)
        self.assertEqual(activities.user_id, self.company._coop_manager_user())
        self._pay(subscription, 1000.0)
        Subscription._cron_overdue_activities()
        subscription.invalidate_recordset(["activity_ids"])
        self.assertFalse(subscription.activity_ids)

    def test_overdue_installments_tell_the_member_once_as_the_cron_runs(self):
        """The daily job, run as Odoo's scheduler runs it: the member who logs
        in gets an activity, the one who does not an email; the manager one
        activity; nothing more on the next runs; all closed once paid."""
        start = self.today - relativedelta(months=3)
        with_login = self._member("Dot Login")
        user = new_test_user(
            self.env,
            login="coop_overdue_member",
            groups="base.group_user",
            partner_id=with_login.partner_id.id,
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        by_email = self._member("Eve Email")
        by_email.partner_id.email = "eve.email@example.com"
        subscriptions = {
            member: self._subscribe(
                member, mode="installments", installment_count=4, date=start, first_due_date=start
            )
            for member in (with_login, by_email)
        }
        cron = self.env.ref("coop_capital.ir_cron_coop_share_overdue")
        self.assertTrue(cron.active)
        cron.method_direct_trigger()
        cron.method_direct_trigger()
        manager = self.company._coop_manager_user()
        mine = subscriptions[with_login]
        self.assertEqual(mine.activity_ids.user_id, manager | user)
        self.assertEqual(len(mine.activity_ids), 2)
        own = mine.activity_ids.filtered(lambda a: a.user_id == user)
        self.assertIn("Your share installments are", own.note)
        # The member reads it and closes their own to-do, not the manager's.
        self.assertEqual(mine.with_user(user).activity_ids, mine.activity_ids)
        with self.assertRaises(AccessError):
            (mine.activity_ids - own).with_user(user).action_feedback("done")
        own.with_user(user).action_feedback("Paying on Friday")
        emailed = subscriptions[by_email]
        self.assertEqual(emailed.activity_ids.user_id, manager)
        notices = self.env["mail.message"].search(
            [
                ("model", "=", emailed._name),
                ("res_id", "=", emailed.id),
                ("subject", "like", "share installment overdue"),
            ]
        )
        self.assertEqual(len(notices), 1)
        self.assertEqual(notices.partner_ids, by_email.partner_id)
        cron.method_direct_trigger()
        self.assertEqual(len(mine.activity_ids), 1, "the manager's stays open; no new one")
        for subscription in subscriptions.values():
            self._pay(subscription, 1000.0)
        cron.method_direct_trigger()
        self.assertFalse((mine | emailed).activity_ids)

    def test_payroll_deductions_in_one_batch(self):
        first = self._member("Dee Payroll")
        second = self._member("Eli Payroll")
        for member, amount in ((first, 400), (second, 700)):
            self._subscribe(member, mode="payroll", payroll_amount=amount)
        batch = self.env["coop.share.payroll.batch"].create({"period": "2026-01"})
        batch.action_confirm()
        payments = self.env["coop.share.payment"].search([("period", "=", "2026-01")])
        self.assertEqual(sorted(payments.mapped("amount")), [400.0, 700.0])
        wages = self.company.coop_account_wages_payable_id
        self.assertEqual(
            set(payments.move_id.line_ids.filtered("debit").account_id.ids), {wages.id}
        )
        with self.assertRaisesRegex(UserError, "already recorded"):
            self.env["coop.share.payroll.batch"].create({"period": "2026-01"}).action_confirm()
        self.env["coop.share.payroll.batch"].create({"period": "2026-02"}).action_confirm()
        self.env["coop.share.payroll.batch"].create({"period": "2026-03"}).action_confirm()
        # The last deduction only takes what is left (400 + 400 + 200).
        first_sub = first.subscription_ids
        self.assertEqual(sorted(first_sub.payment_ids.mapped("amount")), [200.0, 400.0, 400.0])
        self.assertTrue(first_sub.is_paid)

    def test_register_payment_wizard(self):
        member = self._member("Fay Wizard")
        subscription = self._subscribe(member, mode="installments", installment_count=2)
        action = subscription.action_register_payment()
        wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        self.assertEqual(wizard.amount, 500.0)
        wizard.journal_id = self.bank
        wizard.save().action_confirm()
        self.assertEqual(subscription.amount_paid, 500.0)

    def test_capital_entries_are_never_edited(self):
        member = self._member("Gus Locked")
        subscription = self._subscribe(member, pay=True, method="bank")
        with self.assertRaisesRegex(UserError, "never edited"):
            subscription.move_id.button_draft()
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            subscription.write({"quantity": 2})
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            subscription.payment_ids.write({"amount": 5})
        with self.assertRaisesRegex(UserError, "Only draft"):
            subscription.unlink()
        self.assertEqual(subscription.move_id.state, "posted")

    def test_locked_periods_are_respected(self):
        member = self._member("Hal Locked")
        subscription = self._subscribe(member)
        self.company.fiscalyear_lock_date = self.today - relativedelta(days=1)
        count = self.env["coop.share.payment"].search_count([])
        with self.assertRaisesRegex(UserError, "are closed up to"), self.env.cr.savepoint():
            self._pay(subscription, 100.0, date=self.today - relativedelta(days=3))
        self.assertEqual(self.env["coop.share.payment"].search_count([]), count)
        self.assertEqual(subscription.amount_paid, 0.0)
        self._pay(subscription, 100.0, date=self.today)
        self.assertEqual(subscription.amount_paid, 100.0)


@tagged("post_install", "-at_install")
class TestShareRegister(CapitalCase):
    def test_register_is_append_only_and_corrected_by_counter_operations(self):
        member = self._member("Ida Register")
        subscription = self._subscribe(member, share_class_id=self.invest.id, quantity=5)
        operation = self.env["coop.share.operation"].search(
            [("subscription_id", "=", subscription.id)]
        )
        with self.assertRaisesRegex(UserError, "append-only"):
            operation.write({"quantity": 6})
        with self.assertRaisesRegex(UserError, "never deleted"):
            operation.unlink()
        with self.assertRaisesRegex(UserError, "cannot be typed into"):
            self.env["coop.share.operation"].create(
                {
                    "kind": "issue",
                    "date": self.today,
                    "company_id": self.company.id,
                    "share_class_id": self.invest.id,
                    "quantity": 1,
                    "membership_to_id": member.id,
                }
            )
        correction = operation.action_correct()
        self.assertEqual(correction.corrected_id, operation)
        self.assertEqual(correction.membership_from_id, member)
        self.assertEqual(
            sorted(
                (line.account_id.code, line.debit, line.credit)
                for line in correction.move_id.line_ids
            ),
            [("3105", 0.0, 500.0), ("3110", 500.0, 0.0)],
        )
        self.assertTrue(correction.move_id.coop_capital)
        member._coop_refresh_holdings()
        self.assertFalse(member.holding_ids)
        with self.assertRaisesRegex(UserError, "already corrected"):
            operation.action_correct()
        self.assert_capital_matches_ledger()

    def test_transfer_between_members(self):
        giver = self._member("Jo Giver")
        taker = self._member("Kai Taker")
        self._subscribe(giver, share_class_id=self.invest.id, quantity=10, pay=True, method="bank")
        operation = giver._coop_transfer_shares(taker, self.invest, 4)
        self.assertEqual(
            (operation.kind, operation.quantity, operation.amount), ("transfer", 4, 400.0)
        )
        self.assertEqual(giver._coop_held(self.invest), (6, 600.0))
        self.assertEqual(taker._coop_held(self.invest), (4, 400.0))
        investment_account = self.company.coop_account_investment_id
        self.assertAlmostEqual(self._balance(investment_account, giver.partner_id), -600.0)
        self.assertAlmostEqual(self._balance(investment_account, taker.partner_id), -400.0)
        self.assert_capital_matches_ledger()
        self.assert_capital_matches_ledger(self.today - relativedelta(days=30))

    def test_share_certificate_register_and_statement_render(self):
        member = self._member("Lu Printed")
        self._subscribe(member, pay=True, method="bank")
        reports = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        operations = self.env["coop.share.operation"].search([("company_id", "=", self.company.id)])
        for report, ids, data in (
            ("coop_capital.action_report_capital_statement", member.ids, None),
            ("coop_capital.action_report_share_certificate", member.ids, None),
            ("coop_capital.action_report_share_certificate_operation", operations.ids, None),
            (
                "coop_capital.action_report_share_register",
                self.company.ids,
                {"date": fields.Date.to_string(self.today)},
            ),
        ):
            pdf, kind = reports._render_qweb_pdf(report, ids, data=data)
            self.assertEqual(kind, "pdf")
            self.assertEqual(pdf[:5], b"%PDF-", report)
        html = reports._render_qweb_html(
            "coop_capital.action_report_capital_statement", member.ids
        )[0]
        self.assertIn(b"Lu Printed", html)
        self.assertIn(b"Membership share", html)


@tagged("post_install", "-at_install")
class TestExitAndRedemption(CapitalCase):
    def _invoice(self, partner, amount):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": self.today,
                "invoice_line_ids": [
                    fields.Command.create(
                        {
                            "name": "Supervision fee",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [],
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        return invoice

    def _exit(self, member, reason="resigned", set_off=True):
        wizard = self.env["coop.membership.exit.wizard"].create(
            {"membership_id": member.id, "reason": reason, "set_off": set_off}
        )
        wizard.action_confirm()
        return member.redemption_ids

    def test_exit_moves_capital_to_redemption_payable_and_sets_off_debts(self):
        member = self._member("Mo Leaving")
        start = self.today - relativedelta(months=1)
        share = self._subscribe(
            member, mode="installments", installment_count=5, date=start, first_due_date=start
        )
        self._pay(share, 400.0)
        self._subscribe(member, share_class_id=self.invest.id, quantity=5, pay=True, method="bank")
        invoice = self._invoice(member.partner_id, 150.0)

        redemptions = self._exit(member)
        self.assertEqual(member.state, "former")
        # 1,000 + 500 of shares, 600 still unpaid is cancelled, 150 owed is set off.
        self.assertEqual(redemptions.mapped("amount"), [750.0])
        self.assertEqual(redemptions.due_date, self.today)
        exit_move = redemptions.exit_move_id
        self.assertTrue(exit_move.coop_capital)
        self.assertEqual(exit_move.line_ids.partner_id, member.partner_id)
        by_code = {}
        for line in exit_move.line_ids:
            by_code.setdefault(line.account_id.code, 0.0)
            by_code[line.account_id.code] += line.balance
        # The membership share leaves 3100, the investment shares 3110.
        self.assertAlmostEqual(by_code["3100"], 1000.0)
        self.assertAlmostEqual(by_code["3110"], 500.0)
        self.assertAlmostEqual(by_code["3105"], -600.0)
        self.assertAlmostEqual(by_code["2310"], -750.0)
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(
            self._balance(self.company.coop_account_subscription_id, member.partner_id), 0
        )
        member._coop_refresh_holdings()
        self.assertFalse(member.holding_ids)
        self.assertEqual(set(member.subscription_ids.mapped("state")), {"closed"})
        operations = self.env["coop.share.operation"].search(
            [("membership_from_id", "=", member.id), ("kind", "=", "redemption")]
        )
        self.assertEqual(sorted(operations.mapped("quantity")), [1, 5])
        self.assert_capital_matches_ledger()

        redemptions.action_pay(journal=self.bank)
        self.assertEqual(redemptions.state, "paid")
        payable = self.company.coop_account_redemption_payable_id
        self.assertAlmostEqual(self._balance(payable, member.partner_id), 0.0)
        self.assertTrue(redemptions.move_id.coop_capital)

    def test_redemption_is_scheduled_per_the_bylaws(self):
        self.company.write({"coop_redemption_years": 2, "coop_redemption_installments": 2})
        member = self._member("Nia Later")
        self._subscribe(member, pay=True, method="bank")
        redemptions = self._exit(member, reason="expelled")
        self.assertEqual(redemptions.mapped("amount"), [500.0, 500.0])
        self.assertEqual(
            redemptions.mapped("due_date"),
            [self.today + relativedelta(years=1), self.today + relativedelta(years=2)],
        )

    def test_payout_is_blocked_while_the_co_op_could_not_pay_its_debts(self):
        member = self._member("Oz Insolvent")
        self._subscribe(member, pay=True, method="bank")
        redemption = self._exit(member)
        # A supplier bill of 5,000 the co-op cannot pay with its 1,000 in the bank.
        expense = self.env["account.account"].search(
            [("account_type", "=", "expense"), ("company_ids", "in", self.company.id)], limit=1
        )
        supplier = self.env["res.partner"].create({"name": "Landlord"})
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": supplier.id,
                "invoice_date": self.today,
                "invoice_line_ids": [
                    fields.Command.create(
                        {
                            "name": "Rent",
                            "price_unit": 5000.0,
                            "account_id": expense.id,
                            "tax_ids": [],
                        }
                    )
                ],
            }
        )
        bill.action_post()
        # Assets 1,000 (bank) - 1,000 payout = 0 against 5,000 of other debts.
        with self.assertRaisesRegex(UserError, r"exceed its assets by \$\s5,000\.00"):
            redemption.action_pay(journal=self.bank)
        self.assertEqual(redemption.state, "scheduled")
        self.company.coop_solvency_mode = "warn"
        redemption.action_pay(journal=self.bank)
        self.assertEqual(redemption.state, "paid")
        self.assertIn("exceed its assets", redemption.message_ids[0].body)


@tagged("post_install", "-at_install")
class TestCapitalBadInput(CapitalCase):
    def _draft(self, membership, **vals):
        values = {
            "membership_id": membership.id,
            "company_id": self.company.id,
            "share_class_id": self.share_class.id,
        }
        values.update(vals)
        return self.env["coop.share.subscription"].create(values)

    def _nothing_new(self, model, count):
        self.assertEqual(self.env[model].search_count([]), count)

    def test_amounts_must_be_positive(self):
        member = self._member("Pat Zero")
        count = self.env["coop.share.subscription"].search_count([])
        for vals, message in (
            ({"quantity": 0}, "number of shares"),
            ({"quantity": -1}, "number of shares"),
            ({"unit_price": 0}, "share price"),
            ({"mode": "payroll", "payroll_amount": 0}, "deducted from pay"),
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
                self.env.cr.savepoint(),
            ):
                self._draft(member, **vals)
        self._nothing_new("coop.share.subscription", count)
        subscription = self._subscribe(member)
        payments = self.env["coop.share.payment"].search_count([])
        for amount in (0.0, -5.0):
            with self.assertRaisesRegex(ValidationError, "more than zero"), self.env.cr.savepoint():
                self._pay(subscription, amount)
        with self.assertRaisesRegex(UserError, "is more than that"), self.env.cr.savepoint():
            self._pay(subscription, 1000.01)
        self._nothing_new("coop.share.payment", payments)

    def test_exactly_one_voting_share(self):
        member = self._member("Quin Twice")
        self._subscribe(member)
        count = self.env["coop.share.subscription"].search_count([("state", "=", "confirmed")])
        with self.assertRaisesRegex(UserError, "exactly one voting share"):
            self._draft(member).action_confirm()
        other = self._member("Rex Double")
        with self.assertRaisesRegex(UserError, "exactly one voting share"):
            self._draft(other, quantity=2).action_confirm()
        with self.assertRaisesRegex(UserError, "exactly one voting share"):
            (self._draft(other) | self._draft(other)).action_confirm()
        self.assertEqual(
            self.env["coop.share.subscription"].search_count([("state", "=", "confirmed")]), count
        )

    def test_investment_limits(self):
        member = self._member("Sam Investor")
        self.invest.min_per_member = 2
        with self.assertRaisesRegex(UserError, "minimum per member is 2"):
            self._draft(member, share_class_id=self.invest.id, quantity=1).action_confirm()
        with self.assertRaisesRegex(UserError, "maximum per member is 50"):
            self._draft(member, share_class_id=self.invest.id, quantity=51).action_confirm()
        self.company.coop_max_investment = 2000
        with self.assertRaisesRegex(UserError, "maximum per member is 2000.00"):
            self._draft(member, share_class_id=self.invest.id, quantity=21).action_confirm()
        self._draft(member, share_class_id=self.invest.id, quantity=20).action_confirm()
        self.assertEqual(member._coop_held(self.invest), (20, 2000.0))

    def test_only_candidates_and_members_subscribe(self):
        for state in ("associate", "licensed"):
            membership = self._membership(f"Tea {state}", state=state, company=self.company)
            with self.assertRaisesRegex(UserError, "only candidates and member-owners"):
                self._draft(membership).action_confirm()
            self.assertFalse(membership.holding_ids)

    def test_transfers_and_redemptions_are_checked(self):
        giver = self._member("Uma Giver")
        self._subscribe(giver, share_class_id=self.invest.id, quantity=3, pay=True, method="bank")
        former = self._member("Vic Former")
        former._coop_transition("former", reason="resigned")
        operations = self.env["coop.share.operation"].search_count([])
        with self.assertRaisesRegex(UserError, "former member and cannot receive shares"):
            giver._coop_transfer_shares(former, self.invest, 1)
        taker = self._member("Wil Taker")
        with self.assertRaisesRegex(UserError, "fewer than the 4 to transfer"):
            giver._coop_transfer_shares(taker, self.invest, 4)
        with self.assertRaisesRegex(UserError, "cannot be transferred"):
            giver._coop_transfer_shares(taker, self.share_class, 1)
        with self.assertRaisesRegex(UserError, "4 cannot be redeemed"):
            giver._coop_redeem_shares(self.invest, 4)
        self._nothing_new("coop.share.operation", operations)
        redemption = giver._coop_redeem_shares(self.invest, 2)
        self.assertEqual(redemption.amount, 200.0)
        self.assertEqual(giver._coop_held(self.invest), (1, 100.0))
        self.assert_capital_matches_ledger()

    def test_payment_by_another_member_is_refused(self):
        owner = self._member("Xan Owner")
        payer = self._member("Yul Payer")
        subscription = self._subscribe(owner)
        with (
            self.assertRaisesRegex(ValidationError, "belongs to Xan Owner"),
            self.env.cr.savepoint(),
        ):
            self.env["coop.share.payment"].create(
                {
                    "subscription_id": subscription.id,
                    "membership_id": payer.id,
                    "amount": 100.0,
                    "journal_id": self.bank.id,
                }
            )
        self.assertFalse(subscription.payment_ids)

    def test_installments_must_add_up_to_the_price(self):
        member = self._member("Zed Schedule")
        subscription = self._draft(member, mode="installments", installment_count=2)
        subscription.action_compute_schedule()
        subscription.installment_ids[0].amount = 400.0
        with self.assertRaisesRegex(UserError, "add up to 900.00, not 1000.00"):
            subscription.action_confirm()
        self.assertEqual(subscription.state, "draft")
        self.assertFalse(subscription.move_id)
