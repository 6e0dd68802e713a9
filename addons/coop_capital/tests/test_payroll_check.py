import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..lib import capital
from .common import CapitalCase


@tagged("post_install", "-at_install")
class TestPayrollDeductionCheck(CapitalCase):
    """Deductions recorded per pay period against the payroll entry's
    credits to wages payable (2320)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ann = cls._member("Ann Payroll")
        cls.bob = cls._member("Bob Payroll")
        for member, amount in ((cls.ann, 400), (cls.bob, 300)):
            cls._subscribe(member, mode="payroll", payroll_amount=amount)
        cls.wages = cls.company.coop_account_wages_payable_id
        cls.expense = cls.env["account.account"].search(
            [("company_ids", "in", cls.company.ids), ("account_type", "=", "expense")], limit=1
        )
        cls.general = cls.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", cls.company.id)], limit=1
        )
        cls._setup_roles()
        cls.accountant = cls._user(
            "accountant",
            cls.env.ref("account.group_account_readonly") | cls.env.ref("base.group_user"),
        )
        cls.bookkeeper = cls._user(
            "bookkeeper",
            cls.env.ref("account.group_account_invoice") | cls.env.ref("base.group_user"),
        )

    def _batch(self, period):
        self.env["coop.share.payroll.batch"].create({"period": period}).action_confirm()

    def _payroll_entry(self, credits, period=None):
        """The payroll provider's entry: Dr wages expense / Cr 2320, one
        credit per (partner or None, amount)."""
        lines = [
            {
                "account_id": self.wages.id,
                "partner_id": partner.id if partner else False,
                "credit": amount,
            }
            for partner, amount in credits
        ]
        lines.append(
            {"account_id": self.expense.id, "debit": sum(amount for _p, amount in credits)}
        )
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": self.general.id,
                "date": self.today,
                "coop_pay_period": period,
                "line_ids": [(0, 0, line) for line in lines],
            }
        )
        move.action_post()
        return move

    def _check(self, user=None):
        Check = self.env["coop.payroll.deduction.check"]
        if user:
            Check = Check.with_user(user)
        action = Check.with_company(self.company).action_open()
        rows = Check.search(action["domain"])
        return {
            (row.period, row.partner_id): (row.deducted, row.credited, row.difference, row.flagged)
            for row in rows
        }

    def test_deductions_without_payroll_entry_are_flagged_in_full(self):
        self._batch("2026-01")
        self.assertEqual(
            self._check(),
            {
                ("2026-01", self.ann.partner_id): (400.0, 0.0, 400.0, True),
                ("2026-01", self.bob.partner_id): (300.0, 0.0, 300.0, True),
            },
        )

    def test_matching_credit_leaves_no_difference(self):
        self._batch("2026-01")
        self._payroll_entry(
            [(self.ann.partner_id, 400.0), (self.bob.partner_id, 300.0)], period="2026-01"
        )
        self.assertEqual(
            self._check(),
            {
                ("2026-01", self.ann.partner_id): (400.0, 400.0, 0.0, False),
                ("2026-01", self.bob.partner_id): (300.0, 300.0, 0.0, False),
            },
        )

    def test_short_credit_flags_the_members_shortfall(self):
        self._batch("2026-01")
        self._payroll_entry(
            [(self.ann.partner_id, 400.0), (self.bob.partner_id, 250.0)], period="2026-01"
        )
        self.assertEqual(
            self._check(),
            {
                ("2026-01", self.ann.partner_id): (400.0, 400.0, 0.0, False),
                ("2026-01", self.bob.partner_id): (300.0, 250.0, 50.0, True),
            },
        )

    def test_periods_do_not_mix(self):
        self._batch("2026-01")
        self._batch("2026-02")
        self._payroll_entry(
            [(self.ann.partner_id, 400.0), (self.bob.partner_id, 300.0)], period="2026-01"
        )
        rows = self._check()
        self.assertEqual(
            {key: value for key, value in rows.items() if key[0] == "2026-02"},
            {
                ("2026-02", self.ann.partner_id): (400.0, 0.0, 400.0, True),
                ("2026-02", self.bob.partner_id): (300.0, 0.0, 300.0, True),
            },
        )
        self.assertFalse(any(value[3] for key, value in rows.items() if key[0] == "2026-01"))

    def test_manual_entry_counts_in_its_month_as_a_whole(self):
        """An accountant's own payroll entry, naming neither period nor
        members: it counts in the month of its date, against the period's
        total."""
        month = capital.pay_period_key(self.today)
        self._batch(month)
        self._payroll_entry([(None, 600.0)])
        self.assertEqual(
            self._check(), {(month, self.env["res.partner"]): (700.0, 600.0, 100.0, True)}
        )
        self._payroll_entry([(None, 100.0)])
        self.assertEqual(
            self._check(), {(month, self.env["res.partner"]): (700.0, 700.0, 0.0, False)}
        )

    def test_managers_and_accountants_only(self):
        self._batch("2026-01")
        for user in (self.manager, self.accountant):
            self.assertEqual(len(self._check(user)), 2)
        for user in (self.coop_user, self.member_user):
            Check = self.env["coop.payroll.deduction.check"].with_user(user)
            with self.assertRaises(AccessError):
                Check.action_open()
            with self.assertRaises(AccessError):
                Check.create({"company_id": self.company.id, "period": "2026-01"})
            with self.assertRaises(AccessError):
                Check.search([])

    def _entry_wizard(self, user, **vals):
        values = {"period": "2026-01", "account_id": self.expense.id}
        values.update(vals)
        return self.env["coop.payroll.entry.wizard"].with_user(user).create(values)

    def test_payroll_file_is_recorded_per_member(self):
        self._batch("2026-01")
        self.bob.partner_id.email = "bob@example.org"
        text = f"Employee,Shares\n{self.ann.register_number},400.00\nBOB@example.org,250\n"
        file = base64.b64encode(text.encode())
        with self.assertRaisesRegex(UserError, "lists 650.00 withheld, not 700.00"):
            self._entry_wizard(self.bookkeeper, file=file, amount=700).action_confirm()
        unknown = base64.b64encode(b"NOBODY-9,400\n")
        with self.assertRaisesRegex(UserError, "NOBODY-9"):
            self._entry_wizard(self.bookkeeper, file=unknown).action_confirm()
        action = self._entry_wizard(self.bookkeeper, file=file).action_confirm()
        move = self.env["account.move"].browse(action["res_id"])
        self.assertEqual((move.state, move.coop_pay_period), ("posted", "2026-01"))
        wages = move.line_ids.filtered(lambda line: line.account_id == self.wages)
        self.assertEqual(
            {(line.partner_id, line.credit) for line in wages},
            {(self.ann.partner_id, 400.0), (self.bob.partner_id, 250.0)},
        )
        self.assertEqual(
            self._check(self.accountant),
            {
                ("2026-01", self.ann.partner_id): (400.0, 400.0, 0.0, False),
                ("2026-01", self.bob.partner_id): (300.0, 250.0, 50.0, True),
            },
        )

    def test_payroll_total_without_file(self):
        self._batch("2026-01")
        self._entry_wizard(self.bookkeeper, amount=700).action_confirm()
        self.assertEqual(
            self._check(), {("2026-01", self.env["res.partner"]): (700.0, 700.0, 0.0, False)}
        )
        with self.assertRaisesRegex(UserError, "Give the amount"):
            self._entry_wizard(self.bookkeeper).action_confirm()

    def test_only_bookkeepers_post_the_payroll_entry(self):
        moves = self.env["account.move"].search_count([("company_id", "=", self.company.id)])
        for user in (self.coop_user, self.manager, self.member_user, self.accountant):
            with self.assertRaises(AccessError):
                self._entry_wizard(user, amount=700).action_confirm()
        self.assertEqual(
            self.env["account.move"].search_count([("company_id", "=", self.company.id)]), moves
        )

    def test_reversed_deductions_are_no_longer_recorded(self):
        """Reversing the batch's entry takes its deductions back: the
        reversal's credit to wages payable is not payroll's."""
        self._batch("2026-01")
        payments = self.env["coop.share.payment"].search([("period", "=", "2026-01")])
        self.assertEqual(len(payments), 2)
        payments.move_id._reverse_moves(cancel=True)
        self.assertEqual(self._check(), {})
