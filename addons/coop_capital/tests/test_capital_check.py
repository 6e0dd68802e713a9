from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from .common import CapitalCase


@tagged("post_install", "-at_install")
class TestCapitalCheckMembers(CapitalCase):
    """The capital check compares 3105 with what members owe on their
    subscriptions and 2310 with the payouts owed, in total and member by
    member, on any date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.d_subscribe = cls.today - relativedelta(days=40)
        cls.d_pay = cls.today - relativedelta(days=30)
        cls.d_exit = cls.today - relativedelta(days=20)
        cls.d_paid_out = cls.today - relativedelta(days=10)
        # Ana owes 600 of her 1,000 share after paying 400.
        cls.ana = cls._member("Ana Owing")
        cls.ana_sub = cls._subscribe(cls.ana, date=cls.d_subscribe, first_due_date=cls.d_subscribe)
        cls._pay(cls.ana_sub, 400.0, date=cls.d_pay)
        # Ben paid 300 of his share and left: 700 unpaid cancelled on exit,
        # 300 owed back to him until it is paid out.
        # (admitted before he left: an exit is never dated before the admission)
        cls.ben = cls._member("Ben Leaving", date_state=cls.d_subscribe)
        cls.ben_sub = cls._subscribe(cls.ben, date=cls.d_subscribe, first_due_date=cls.d_subscribe)
        cls._pay(cls.ben_sub, 300.0, date=cls.d_pay)
        cls.env["coop.membership.exit.wizard"].create(
            {
                "membership_id": cls.ben.id,
                "reason": "resigned",
                "date": cls.d_exit,
                "set_off": False,
            }
        ).action_confirm()
        cls.receivable = cls.company.coop_account_subscription_id
        cls.payable = cls.company.coop_account_redemption_payable_id

    def _check(self, date=None):
        return self.env["coop.capital.check.wizard"].create(
            {"company_id": self.company.id, "date": date or self.today}
        )

    def _row(self, wizard, account, partner=False):
        return wizard.line_ids.filtered(
            lambda line: line.account_id == account and line.partner_id.id == (partner or False)
        )

    def _manual_entry(self, account, partner, amount, date=None):
        """A journal entry typed by hand on ``account`` for ``partner``
        (debit ``amount``), bypassing the register."""
        other = self.env["account.account"].search(
            [("account_type", "=", "expense"), ("company_ids", "in", self.company.id)], limit=1
        )
        journal = self.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", self.company.id)], limit=1
        )
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "date": date or self.today,
                "line_ids": [
                    fields.Command.create(
                        {"account_id": account.id, "partner_id": partner.id, "debit": amount}
                    ),
                    fields.Command.create({"account_id": other.id, "credit": amount}),
                ],
            }
        )
        move.action_post()
        return move

    def test_agreeing_books_report_no_difference(self):
        payout = self.ben.redemption_ids
        self.assertEqual(payout.mapped("amount"), [300.0])
        check = self._check()
        self.assertEqual(check.mismatch_count, 0)
        self.assertFalse(check.line_ids.filtered("message"))
        self.assertEqual(check.difference, 0.0)
        owed = self._row(check, self.receivable)
        self.assertEqual((owed.register, owed.ledger, owed.difference), (600.0, 600.0, 0.0))
        payable = self._row(check, self.payable)
        self.assertEqual((payable.register, payable.ledger), (300.0, 300.0))
        # No member row when the member agrees.
        self.assertFalse(check.line_ids.filtered("partner_id"))
        self.assert_capital_matches_ledger()
        # Paid out: nothing owed to Ben any more, on both sides.
        payout.action_pay(journal=self.bank, date=self.d_paid_out)
        check.action_check()
        payable = self._row(check, self.payable)
        self.assertEqual((payable.register, payable.ledger), (0.0, 0.0))
        self.assertEqual(check.mismatch_count, 0)
        self.assert_capital_matches_ledger()

    def test_manual_entry_on_subscriptions_receivable_names_the_member(self):
        self._manual_entry(self.receivable, self.ana.partner_id, 50.0)
        check = self._check()
        self.assertEqual(check.mismatch_count, 2)  # the account in total, and Ana
        row = self._row(check, self.receivable, self.ana.partner_id.id)
        self.assertEqual((row.register, row.ledger, row.difference), (600.0, 650.0, 50.0))
        self.assertEqual(row.kind, "owed")
        self.assertIn("Ana Owing", row.message)
        self.assertIn(self.receivable.code, row.message)
        self.assertIn("owes", row.message)
        total = self._row(check, self.receivable)
        self.assertEqual((total.register, total.ledger), (600.0, 650.0))
        self.assertTrue(total.message)
        # The other accounts and members still agree.
        self.assertFalse(self._row(check, self.payable).message)
        self.assertFalse(self._row(check, self.receivable, self.ben.partner_id.id))
        # The day before the entry, the books agreed.
        self.assertEqual(self._check(self.today - relativedelta(days=1)).mismatch_count, 0)

    def test_manual_entry_on_redemption_payable_names_the_member(self):
        # Debiting 2310 by hand as if 120 had been paid to Ben.
        self._manual_entry(self.payable, self.ben.partner_id, 120.0)
        check = self._check()
        row = self._row(check, self.payable, self.ben.partner_id.id)
        self.assertEqual((row.register, row.ledger, row.difference), (300.0, 180.0, -120.0))
        self.assertEqual(row.kind, "payable")
        self.assertIn("Ben Leaving", row.message)
        self.assertIn(self.payable.code, row.message)
        self.assertEqual(check.mismatch_count, 2)
        self.assertFalse(self._row(check, self.receivable).message)
        with self.assertRaises(AssertionError):
            self.assert_capital_matches_ledger()

    def test_a_past_date_ignores_later_events(self):
        day_before_payment = self.d_pay - relativedelta(days=1)
        check = self._check(day_before_payment)
        self.assertEqual(check.mismatch_count, 0)
        # Both subscribed, nothing paid, nobody left yet.
        owed = self._row(check, self.receivable)
        self.assertEqual((owed.register, owed.ledger), (2000.0, 2000.0))
        payable = self._row(check, self.payable)
        self.assertEqual((payable.register, payable.ledger), (0.0, 0.0))
        self.assert_capital_matches_ledger(day_before_payment)
        # Paid, before the exit: 600 + 700 still owed, nothing payable.
        check = self._check(self.d_exit - relativedelta(days=1))
        self.assertEqual(self._row(check, self.receivable).register, 1300.0)
        self.assertEqual(self._row(check, self.payable).register, 0.0)
        self.assertEqual(check.mismatch_count, 0)
        # On the exit day: Ben's unpaid 700 is cancelled and 300 is owed to him.
        check = self._check(self.d_exit)
        self.assertEqual(self._row(check, self.receivable).register, 600.0)
        self.assertEqual(self._row(check, self.payable).register, 300.0)
        self.assertEqual(check.mismatch_count, 0)
        # Paid out later: a check dated before the payout still owes it.
        self.ben.redemption_ids.action_pay(journal=self.bank, date=self.d_paid_out)
        check = self._check(self.d_paid_out - relativedelta(days=1))
        payable = self._row(check, self.payable)
        self.assertEqual((payable.register, payable.ledger), (300.0, 300.0))
        self.assertEqual(check.mismatch_count, 0)
        # A later hand-typed entry does not show on an earlier date, and the
        # wizard checks again when its date changes.
        self._manual_entry(self.receivable, self.ana.partner_id, 25.0)
        self.assertEqual(check.mismatch_count, 0)
        check.date = self.today
        self.assertEqual(check.mismatch_count, 2)
        self.assertEqual(self._row(check, self.receivable, self.ana.partner_id.id).difference, 25.0)

    def test_a_corrected_issue_stays_in_agreement(self):
        issue = self.env["coop.share.operation"].search(
            [("subscription_id", "=", self.ana_sub.id), ("kind", "=", "issue")]
        )
        issue.action_correct()
        self.assertEqual(self._check().mismatch_count, 0)
        self.assert_capital_matches_ledger()
