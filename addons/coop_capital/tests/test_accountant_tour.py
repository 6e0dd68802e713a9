"""The accountant's day in the browser (issue 14): a bookkeeper of the co-op
(Accounting / Bookkeeper, no co-op group) walks the capital menus of a co-op
of the test's own, with its worked example posted, and checks what each
screen shows; the tour fails on any error dialog or console error."""

from dateutil.relativedelta import relativedelta

from odoo.tests import Form, HttpCase, new_test_user, tagged

from odoo.addons.coop_membership.tests.common import open_every_menu

from .common import CapitalCase
from .test_patronage_notices import PAID_ON, PostedYearMixin


@tagged("post_install", "-at_install")
class TestAccountantTour(PostedYearMixin, HttpCase, CapitalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_posted_year()  # 2025: margin 120,000, reserve 36,000, pool 84,000
        cls.allocation.with_user(cls.accountant).action_pay_cash(journal=cls.bank.id, date=PAID_ON)
        # Member A paid the membership share at once; B subscribed it in four
        # monthly installments five months ago and paid only the first.
        cls.paid_sub = cls._subscribe(cls.members["A"], pay=True, method="bank")
        start = cls.today - relativedelta(months=5)
        cls.late_sub = cls._subscribe(
            cls.members["B"],
            mode="installments",
            installment_count=4,
            date=start,
            first_due_date=start,
        )
        cls._pay(cls.late_sub, 250.0, date=start)
        cls.tour_accountant = new_test_user(
            cls.env,
            login="tour_accountant",
            password="tour-accountant-pass",
            name="Alex Ledger",
            groups="account.group_account_user",
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
            tz=cls.env.user.tz,  # the installments' dates and the browser's "today" agree
        )

    def test_accountant_walks_the_capital_menus(self):
        # What the tour reads, as the server says it.
        self.assertEqual((self.late_sub.amount_paid, self.late_sub.amount_overdue), (250.0, 750.0))
        self.assertTrue(self.paid_sub.is_paid)
        check = self.env["coop.capital.check.wizard"].with_user(self.tour_accountant).create({})
        self.assertEqual((check.difference, check.mismatch_count), (0.0, 0))
        self.assertEqual((check.register_total, check.ledger_total), (2000.0, 2000.0))
        moves = self.env["account.move"].search_count([("company_id", "=", self.company.id)])
        self.start_tour("/web", "coop_capital_accountant_tour", login="tour_accountant")
        # The 1099-PATR data of 2026 the accountant read from the ledger.
        form = self.env["coop.patronage.form1099"].search(
            [("company_id", "=", self.company.id), ("year", "=", 2026)]
        )
        self.assertEqual(form.create_uid, self.tour_accountant)
        self.assertTrue(form.date_computed)
        self.assertEqual(
            sorted((line.partner_id.name, line.box1) for line in form.line_ids),
            [
                ("Member A", 5600.0),
                ("Member B", 5040.0),
                ("Member C", 4200.0),
                ("Member D", 1960.0),
            ],
        )
        # Reading posts nothing and changes nothing.
        self.assertEqual(
            self.env["account.move"].search_count([("company_id", "=", self.company.id)]), moves
        )
        self.assertEqual(self.allocation.state, "posted")
        self.assertEqual(self.late_sub.amount_paid, 250.0)

    def test_the_check_shows_its_rows_as_it_opens(self):
        # The web client opens the check as a new record: its rows are there
        # before anything is saved, not an empty (and so "balanced") check.
        check = Form(self.env["coop.capital.check.wizard"].with_user(self.tour_accountant))
        self.assertEqual((check.register_total, check.ledger_total), (2000.0, 2000.0))
        ledger = {row["kind"]: row["ledger"] for row in check.line_ids._records}
        self.assertTrue({"shares", "owed", "payable", "retained", "reserve"} <= set(ledger))
        self.assertEqual((ledger["owed"], ledger["reserve"]), (750.0, 36_000.0))
        # At the end of 2024: A's share only, and no patronage posted yet.
        check.date = self.today.replace(year=2024, month=12, day=31)
        self.assertEqual((check.register_total, check.ledger_total), (1000.0, 1000.0))
        ledger = {row["kind"]: row["ledger"] for row in check.line_ids._records}
        self.assertEqual((ledger["owed"], ledger["reserve"]), (0.0, 0.0))
        wizard = check.save()
        self.assertEqual((wizard.date.year, wizard.mismatch_count), (2024, 0))
        self.assertEqual(len(wizard.line_ids), len(check.line_ids))

    def test_accountant_opens_every_co_op_menu(self):
        # Beyond the tour's path: every Co-op menu the bookkeeper sees opens
        # (views, list and first record) without an access error.
        opened = open_every_menu(self, self.tour_accountant)
        for name in (
            "Subscriptions",
            "Payments",
            "Share register",
            "Holdings",
            "Redemptions",
            "Capital check",
            "Patronage allocations",
            "Retained patronage",
            "Form 1099-PATR",
            "Payroll deduction check",
            "Record payroll entry",
        ):
            self.assertIn(f"Co-op/Capital/{name}", opened)
        self.assertNotIn("Co-op/Capital/Payroll deductions", opened)  # co-op managers only

    def test_the_co_op_app_opens_on_what_each_one_uses(self):
        """The Co-op app's home: the share subscriptions for a bookkeeper who
        is not in the register, the register for the co-op's users, and
        one's own membership for a member."""
        Membership = self.env["coop.membership"]
        home = Membership.with_user(self.tour_accountant).action_coop_home()
        self.assertEqual(home["res_model"], "coop.share.subscription")
        self.assertEqual(
            Membership.with_user(self.coop_user).action_coop_home()["res_model"], "coop.membership"
        )
        # A member-owner who also keeps the books lands on their membership.
        self.members["A"].partner_id = self.tour_accountant.partner_id
        home = Membership.with_user(self.tour_accountant).action_coop_home()
        self.assertEqual(
            (home["res_model"], home["res_id"]), ("coop.membership", self.members["A"].id)
        )
