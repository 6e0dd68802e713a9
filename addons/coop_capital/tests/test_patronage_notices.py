"""After the year is posted: the cash parts paid in one batch through Odoo's
payment flow, the accountant's to-do before the payment deadline, the
notices of allocation (PDF, portal, email) and the Form 1099-PATR data read
from the ledger per calendar year of payment (shared/domain/capital.md)."""

import datetime

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.coop_membership.tests.common import REFUSED

from .common import CapitalCase

D = datetime.date
FY_START, FY_END = D(2025, 1, 1), D(2025, 12, 31)
PAID_ON = D(2026, 3, 15)
# capital.md, worked example: (hours, allocation, cash, retained).
EXPECTED = {
    "A": (2000, 28_000, 5_600, 22_400),
    "B": (1800, 25_200, 5_040, 20_160),
    "C": (1500, 21_000, 4_200, 16_800),
    "D": (700, 9_800, 1_960, 7_840),
}
CSV_HEADER = (
    "Tax year,Recipient name,Recipient TIN,Street,Street 2,City,State,ZIP,Country,"
    "Box 1 Patronage dividends,Box 4 Federal income tax withheld,"
    "Box 5 Redemption of nonqualified notices\n"
)


class PostedYearMixin:
    """The worked example posted: A, B and C consented (qualified notices),
    D did not (non-qualified, 3210); A, B and C have an email address."""

    @classmethod
    def _setup_posted_year(cls):
        company = cls.company
        cls.members = {}
        for name, hours, since in (
            ("A", 2000, D(2023, 3, 1)),
            ("B", 1800, D(2024, 1, 15)),
            ("C", 1500, D(2024, 6, 1)),
            ("D", 700, D(2025, 7, 1)),
        ):
            membership = cls._member(
                f"Member {name}", date_state=since, worked={FY_START.year: hours}
            )
            cls.members[name] = membership
            if name != "D":
                membership.partner_id.email = f"member{name.lower()}@example.org"
                cls.env["coop.patronage.consent"].create(
                    {
                        "membership_id": membership.id,
                        "method": "bylaw",
                        "date": since,
                        "bylaw_version": "Bylaws 2022-11",
                    }
                )
        cls.income = cls.env["account.account"].search(
            [("account_type", "=", "income"), ("company_ids", "in", company.id)], limit=1
        )
        cls.misc = cls.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", company.id)], limit=1
        )
        cls.manager = cls._user(
            "manager",
            cls.env.ref("coop_membership.group_coop_manager")
            | cls.env.ref("account.group_account_invoice"),
        )
        cls.accountant = cls._user("accountant", cls.env.ref("account.group_account_manager"))
        cls.bookkeeper = cls._user("bookkeeper", cls.env.ref("account.group_account_user"))
        cls.coop_user = cls._user("coop_user", cls.env.ref("coop_membership.group_coop_user"))
        cls._entry(
            FY_END.replace(month=3, day=31),
            [(cls.income, None, 0, 120_000), (cls.bank.default_account_id, None, 120_000, 0)],
        )
        cls.allocation = (
            cls.env["coop.patronage.allocation"]
            .with_user(cls.manager)
            .create(
                {
                    "company_id": company.id,
                    "date_from": FY_START,
                    "date_to": FY_END,
                    "reserve_rate": 30.0,
                }
            )
        )
        cls.allocation.with_user(cls.accountant).action_compute()
        cls.allocation.with_user(cls.accountant).action_post()
        cls.lines = {
            name: cls.allocation.line_ids.filtered(lambda line, m=m: line.membership_id == m)
            for name, m in cls.members.items()
        }

    @classmethod
    def _member_user(cls, login, group, membership):
        """A login of the member's own person, keeping the person's name."""
        name = membership.partner_id.name
        user = cls._user(login, group, membership.partner_id)
        user.name = name
        return user

    @classmethod
    def _entry(cls, date, items, journal=None):
        """A posted entry of ``items``: (account, partner, debit, credit)."""
        move = cls.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": (journal or cls.misc).id,
                "date": date,
                "line_ids": [
                    fields.Command.create(
                        {
                            "name": "Test entry",
                            "account_id": account.id,
                            "partner_id": partner.id if partner else False,
                            "debit": debit,
                            "credit": credit,
                        }
                    )
                    for account, partner, debit, credit in items
                ],
            }
        )
        move.action_post()
        return move


@tagged("post_install", "-at_install")
class TestPatronageNotices(PostedYearMixin, CapitalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_posted_year()
        internal = cls.env.ref("base.group_user")
        cls.user_a = cls._member_user("member_a", internal, cls.members["A"])
        cls.user_b = cls._member_user(
            "member_b", cls.env.ref("base.group_portal"), cls.members["B"]
        )

    def _pay(self):
        return self.allocation.with_user(self.accountant).action_pay_cash(
            journal=self.bank.id, date=fields.Date.to_string(PAID_ON)
        )

    # ------------------------------------------------------------------
    # Paying the cash parts
    # ------------------------------------------------------------------
    def test_cash_parts_paid_in_one_batch_and_reconciled(self):
        allocation = self.allocation
        self.assertEqual((allocation.cash_state, allocation.cash_paid_total), ("to_pay", 0))
        payable = self.company.coop_account_patronage_payable_id
        payments = self._pay()
        self.assertEqual(len(payments), 4)
        by_partner = {payment.partner_id: payment for payment in payments}
        for name, (_hours, _amount, cash, _retained) in EXPECTED.items():
            partner = self.members[name].partner_id
            payment = by_partner[partner]
            self.assertEqual(
                (payment.payment_type, payment.amount, payment.date, payment.journal_id),
                ("outbound", cash, PAID_ON, self.bank),
                name,
            )
            self.assertEqual(payment.state, "in_process", name)
            self.assertEqual(payment.move_id.coop_capital, True, name)
            lines = {
                (line.account_id, line.debit, line.credit) for line in payment.move_id.line_ids
            }
            self.assertEqual(
                lines,
                {(payable, cash, 0.0), (payment.outstanding_account_id, 0.0, cash)},
                name,
            )
            self.assertEqual(self._balance(payable, partner), 0.0, name)
            line = self.lines[name]
            self.assertEqual(
                (line.cash_paid, line.date_cash_paid, line.payment_id), (cash, PAID_ON, payment)
            )
        self.assertEqual(self._balance(payable), 0.0)
        self.assertEqual((allocation.cash_state, allocation.cash_paid_total), ("paid", 16_800))
        # Twice is refused, nothing written.
        with self.assertRaisesRegex(UserError, "all paid"):
            self._pay()
        partners = self.allocation.line_ids.partner_id
        self.assertEqual(
            self.env["account.payment"].search_count([("partner_id", "in", partners.ids)]), 4
        )
        # The payment of a cash part is never changed, even by an accountant.
        with self.assertRaises(UserError):
            payments[0].with_user(self.accountant).write({"amount": 1.0})

    def test_cash_payment_refused_to_lower_roles(self):
        for user in (self.user_a, self.coop_user, self.bookkeeper):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.allocation.with_user(user).action_pay_cash(journal=self.bank.id)
        self.assertEqual(self.allocation.cash_state, "to_pay")
        with self.assertRaisesRegex(UserError, "after the year end"):
            self.allocation.with_user(self.accountant).action_pay_cash(date="2025-12-30")
        line = self.lines["A"]
        for user in (self.user_a, self.bookkeeper, self.accountant):
            with self.subTest(user=user.login), self.assertRaises(REFUSED):
                line.with_user(user).write({"date_cash_paid": "2026-01-01"})
        self.assertEqual(line.date_cash_paid, False)
        with self.assertRaisesRegex(REFUSED, "changes only through"):
            line.sudo().write({"notice_sent_count": 3})
        with self.assertRaisesRegex(REFUSED, "changes only through"):
            line.sudo().create(
                {
                    "allocation_id": self.allocation.id,
                    "membership_id": self.members["A"].id,
                    "date_cash_paid": "2026-01-01",
                }
            )
        self.assertEqual(line.notice_sent_count, 0)

    def test_cash_activity_created_once_then_done(self):
        Activity = self.env["mail.activity"]
        kind = self.env.ref("coop_capital.mail_activity_type_patronage_cash")
        domain = [
            ("res_model", "=", "coop.patronage.allocation"),
            ("res_id", "=", self.allocation.id),
            ("activity_type_id", "=", kind.id),
        ]
        Allocation = self.env["coop.patronage.allocation"]
        with freeze_time("2026-08-15"):  # 31 days before 15 September: not yet
            Allocation._cron_cash_payment_activities()
        self.assertEqual(Activity.search_count(domain), 0)
        with freeze_time("2026-08-16"):
            Allocation._cron_cash_payment_activities()
            Allocation._cron_cash_payment_activities()
        activity = Activity.search(domain)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, D(2026, 9, 15))
        self.assertEqual(activity.user_id, self.accountant)
        self._pay()
        self.assertEqual(Activity.search_count(domain), 0)
        Allocation._cron_cash_payment_activities()
        self.assertEqual(Activity.search_count(domain), 0)

    # ------------------------------------------------------------------
    # Notices
    # ------------------------------------------------------------------
    def test_notice_pdf_states_the_notice(self):
        reports = self.env["ir.actions.report"]
        report = "coop_capital.action_report_patronage_notice"
        pdf, kind = reports.with_context(force_report_rendering=True)._render_qweb_pdf(
            report, res_ids=self.lines["A"].ids
        )
        self.assertEqual((pdf[:5], kind), (b"%PDF-", "pdf"))
        html = reports._render_qweb_html(report, self.lines["A"].ids)[0].decode()
        for text in (
            "Written notice of allocation <span>2025</span>",
            "28,000.00</span>",
            "5,600.00</span>",
            "22,400.00</span>",
            "Qualified notice of allocation",
            "Consent bylaw, received in writing",
            "Bylaws 2022-11",
            "09/15/2026",
            "after <span>5</span> years",
            "12/31/2030",
            "Confirm their tax treatment with",
        ):
            self.assertIn(text, html)
        html_d = reports._render_qweb_html(report, self.lines["D"].ids)[0].decode()
        self.assertIn("Non-qualified notice of allocation", html_d)
        self.assertIn("7,840.00</span>", html_d)
        self.assertNotIn("Bylaws 2022-11", html_d)

    def test_notices_sent_in_one_batch_with_the_pdf(self):
        Mail = self.env["mail.mail"]
        lines = self.allocation.line_ids
        domain = [("model", "=", "coop.patronage.line"), ("res_id", "in", lines.ids)]
        self.allocation.with_user(self.accountant).action_send_notices()
        mails = Mail.search(domain)
        self.assertEqual(len(mails), 3)  # D has no email address
        self.assertEqual(
            sorted(mails.mapped("recipient_ids.name")), ["Member A", "Member B", "Member C"]
        )
        for mail in mails:
            line = lines.browse(mail.res_id)
            # The report's own rendering (HTML instead of PDF in test mode,
            # by Odoo's design): one attachment named by the report.
            names = [name.rsplit(".", 1)[0] for name in mail.attachment_ids.mapped("name")]
            self.assertEqual(names, [f"Notice of allocation 2025 - {line.partner_id.name}"])
        self.assertEqual(self.allocation.notices_sent, 3)
        self.assertEqual(self.lines["A"].notice_sent_count, 1)
        self.assertIn("Member D", self.allocation.message_ids[1].body)
        # Sending again sends nothing new; sending again explicitly sends all.
        self.allocation.with_user(self.accountant).action_send_notices()
        self.assertEqual(Mail.search_count(domain), 3)
        self.allocation.with_user(self.accountant).action_resend_notices()
        self.assertEqual(Mail.search_count(domain), 6)
        self.assertEqual(self.lines["A"].notice_sent_count, 2)
        for user in (self.user_a, self.coop_user, self.bookkeeper):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.allocation.with_user(user).action_send_notices()

    def test_members_read_only_their_own_notices(self):
        own = self.lines["A"].with_user(self.user_a)
        self.assertEqual(own.amount, 28_000)
        self.assertEqual(
            self.env["coop.patronage.line"].with_user(self.user_a).search([]), self.lines["A"]
        )
        self.assertEqual(
            self.env["coop.patronage.line"].with_user(self.user_b).search([]), self.lines["B"]
        )
        with self.assertRaises(AccessError):
            self.lines["A"].with_user(self.user_b).read(["amount"])

    # ------------------------------------------------------------------
    # Taxpayer IDs
    # ------------------------------------------------------------------
    def test_tin_read_by_accountants_and_managers_only(self):
        membership = self.members["A"]
        membership.coop_tin = "123-45-6789"
        self.assertEqual(membership.with_user(self.bookkeeper).coop_tin, "123-45-6789")
        self.assertEqual(membership.with_user(self.manager).coop_tin, "123-45-6789")
        for user in (self.user_a, self.coop_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                membership.with_user(user).read(["coop_tin"])
        # The member sees their own, masked, on their page.
        self.assertEqual(membership.with_user(self.user_a).coop_tin_masked, "***-**-6789")


@tagged("post_install", "-at_install")
class TestForm1099(PostedYearMixin, CapitalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_posted_year()
        company = cls.company
        cls.nonqualified = company.coop_account_retained_nonqualified_id
        cls.payable = company.coop_account_patronage_payable_id
        cls.allocation.with_user(cls.accountant).action_pay_cash(journal=cls.bank.id, date=PAID_ON)
        member_a = cls.members["A"]
        member_a.coop_tin = "123-45-6789"
        oregon = cls.env["res.country.state"].search(
            [("code", "=", "OR"), ("country_id.code", "=", "US")], limit=1
        )
        member_a.partner_id.write(
            {
                "street": "1 Main St",
                "city": "Portland",
                "zip": "97201",
                "state_id": oregon.id,
                "country_id": cls.env.ref("base.us").id,
            }
        )
        bank = cls.bank.default_account_id
        D_partner = cls.members["D"].partner_id
        # D's non-qualified notice partly redeemed in 2026 (box 5).
        cls._entry(
            D(2026, 6, 30), [(cls.nonqualified, D_partner, 1_000, 0), (bank, None, 0, 1_000)]
        )
        # A correction on C's non-qualified account, reversed: never box 5.
        wrong = cls._entry(
            D(2026, 2, 1),
            [(cls.nonqualified, cls.members["C"].partner_id, 0, 500), (bank, None, 500, 0)],
        )
        wrong._reverse_moves([{"date": D(2026, 2, 2)}], cancel=True)
        # Cash paid outside the batch: $9.99 is under the threshold, $10.00 is not.
        cls.tiny = cls.env["res.partner"].create({"name": "Tiny Amount"})
        cls.ten = cls.env["res.partner"].create({"name": "Ten Dollars"})
        for partner, amount in ((cls.tiny, 9.99), (cls.ten, 10.0)):
            cls._entry(D(2026, 5, 1), [(cls.payable, partner, amount, 0), (bank, None, 0, amount)])
        cls.Form = cls.env["coop.patronage.form1099"]

    def _form(self, year, user=None):
        form = self.Form.with_user(user or self.bookkeeper).create(
            {"company_id": self.company.id, "year": year}
        )
        form.action_compute()
        return form

    def _csv(self, form):
        action = form.action_export_csv()
        self.assertEqual(action["url"], f"/web/content/{form.attachment_id.id}?download=true")
        self.assertEqual(form.attachment_id.mimetype, "text/csv")
        return form.attachment_id.raw.decode()

    def test_calendar_year_of_payment(self):
        # The 2025 allocation, posted on 31 December 2025 with its cash paid in
        # March 2026: nothing in 2025, the patronage year (capital.md: the
        # calendar year in which the notice or cash is issued).
        form_2025 = self._form(2025)
        self.assertEqual(form_2025.line_ids.ids, [])
        # 2026, before the notices are issued: the cash parts, D's redemption
        # in box 5, the $10 recipient and not the $9.99 one; the reversed
        # correction is nowhere.
        form_2026 = self._form(2026)
        self.assertEqual(
            self._csv(form_2026),
            CSV_HEADER
            + "2026,Member A,123-45-6789,1 Main St,,Portland,OR,97201,US,5600.00,0.00,0.00\n"
            "2026,Member B,,,,,,,,5040.00,0.00,0.00\n"
            "2026,Member C,,,,,,,,4200.00,0.00,0.00\n"
            "2026,Member D,,,,,,,,1960.00,0.00,1000.00\n"
            "2026,Ten Dollars,,,,,,,,10.00,0.00,0.00\n",
        )
        # The notices are issued in February 2026 (A, B and C by email; D, who
        # has no address, on paper in March): the qualified ones at face in
        # box 1 of 2026. Sending again later issues nothing new.
        with freeze_time("2026-02-10"):
            self.allocation.with_user(self.accountant).action_send_notices()
        with freeze_time("2026-03-02"):
            self.allocation.with_user(self.accountant).action_hand_over_notices()
        with freeze_time("2026-05-04"):
            self.allocation.with_user(self.accountant).action_resend_notices()
        self.assertEqual(
            {name: line.notice_issue_date for name, line in self.lines.items()},
            {"A": D(2026, 2, 10), "B": D(2026, 2, 10), "C": D(2026, 2, 10), "D": D(2026, 3, 2)},
        )
        form_2026.action_compute()
        self.assertEqual(
            self._csv(form_2026),
            CSV_HEADER
            + "2026,Member A,123-45-6789,1 Main St,,Portland,OR,97201,US,28000.00,0.00,0.00\n"
            "2026,Member B,,,,,,,,25200.00,0.00,0.00\n"
            "2026,Member C,,,,,,,,21000.00,0.00,0.00\n"
            "2026,Member D,,,,,,,,1960.00,0.00,1000.00\n"
            "2026,Ten Dollars,,,,,,,,10.00,0.00,0.00\n",
        )
        self.assertEqual(
            (form_2026.box1_total, form_2026.box5_total, form_2026.patr_count), (76_170, 1_000, 5)
        )
        form_2025.action_compute()
        self.assertEqual(form_2025.line_ids.ids, [])
        self.assertEqual(self._form(2027).line_ids.ids, [])

    def test_notice_issue_date_is_set_by_sending_only(self):
        line = self.lines["A"]
        for user in (self.bookkeeper, self.accountant, self.manager):
            with self.subTest(user=user.login), self.assertRaises(REFUSED):
                line.with_user(user).write({"notice_issue_date": D(2025, 12, 31)})
        with self.assertRaises(REFUSED):
            self.env["coop.patronage.line"].with_user(self.manager).create(
                {
                    "allocation_id": self.allocation.id,
                    "membership_id": self.members["A"].id,
                    "notice_issue_date": D(2025, 12, 31),
                }
            )
        self.assertFalse(line.notice_issue_date)
        self.assertEqual(self._form(2025).line_ids.ids, [])
        # Handing over on paper is for the members without an email address,
        # by those who send the notices.
        with self.assertRaises(AccessError):
            self.allocation.with_user(self.bookkeeper).action_hand_over_notices()
        with freeze_time("2026-01-20"):
            handed = self.allocation.with_user(self.accountant).action_hand_over_notices()
        self.assertEqual(handed, self.lines["D"])
        self.assertEqual(
            (self.lines["D"].notice_issue_date, line.notice_issue_date), (D(2026, 1, 20), False)
        )

    def test_backup_withholding_kept_and_exported(self):
        form = self._form(2026)
        line_b = form.line_ids.filtered(lambda line: line.partner_id.name == "Member B")
        line_b.with_user(self.bookkeeper).box4 = 24.0
        form.action_compute()  # read again: box 4 stays
        self.assertIn("2026,Member B,,,,,,,,5040.00,24.00,0.00\n", self._csv(form))
        # The boxes read from the ledger are never written by hand.
        line_b = form.line_ids.filtered(lambda line: line.partner_id.name == "Member B")
        for user in (self.bookkeeper, self.manager):
            for vals in ({"cash": 1.0}, {"box5": 1.0}, {"tin": "999"}):
                with self.subTest(user=user.login, vals=vals), self.assertRaises(REFUSED):
                    line_b.with_user(user).write(vals)
            with self.assertRaises(REFUSED):
                line_b.with_user(user).unlink()
        self.assertEqual((line_b.cash, line_b.box5), (5_040, 0))

    def test_efile_warning_at_ten_returns(self):
        def contract(name, start, end=None, state="open"):
            employee = self.env["hr.employee"].create({"name": name, "company_id": self.company.id})
            return self.env["hr.contract"].create(
                {
                    "name": name,
                    "employee_id": employee.id,
                    "company_id": self.company.id,
                    "date_start": start,
                    "date_end": end,
                    "wage": 4000.0,
                    "state": state,
                }
            )

        for index in range(3):
            contract(f"Worker {index}", D(2025, 6, 1))
        contract("Left in 2025", D(2025, 1, 1), D(2025, 12, 31), state="close")
        contract("Not started", D(2026, 3, 1), state="draft")
        contract("Starts 2027", D(2027, 1, 1))
        form = self._form(2026)
        self.assertEqual((form.patr_count, form.w2_count, form.return_count), (5, 3, 8))
        contract("Worker 3", D(2026, 12, 31), state="open")
        form.action_compute()
        self.assertEqual((form.return_count, form.efile_required), (9, False))
        self.assertEqual(form.date_irs, D(2027, 2, 28))
        Activity = self.env["mail.activity"]
        domain = [("res_model", "=", form._name), ("res_id", "=", form.id)]
        self.assertEqual(
            sorted((a.activity_type_id.name, a.date_deadline) for a in Activity.search(domain)),
            [
                ("1099-PATR copies to recipients", D(2027, 1, 31)),
                ("1099-PATR returns to the IRS", D(2027, 2, 28)),
            ],
        )
        contract("Worker 4", D(2026, 1, 1), D(2026, 1, 31), state="close")
        form.action_compute()
        self.assertEqual((form.return_count, form.efile_required), (10, True))
        self.assertEqual(
            sorted((a.activity_type_id.name, a.date_deadline) for a in Activity.search(domain)),
            [
                ("1099-PATR copies to recipients", D(2027, 1, 31)),
                ("1099-PATR returns to the IRS", D(2027, 3, 31)),
            ],
        )

    def test_1099_data_for_accountants_and_managers_only(self):
        form = self._form(2026, user=self.manager)
        self.assertEqual(form.patr_count, 5)
        member = self._user(
            "member_a", self.env.ref("base.group_user"), self.members["A"].partner_id
        )
        for user in (member, self.coop_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Form.with_user(user).search([])
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Form.with_user(user).create({"company_id": self.company.id, "year": 2024})
        # Only the actions write what the ledger says.
        with self.assertRaises(REFUSED):
            form.with_user(self.bookkeeper).write({"w2_count": 7})
        with self.assertRaises(UserError):
            form.with_user(self.bookkeeper).write({"year": 2024})


@tagged("post_install", "-at_install")
class TestNoticePortal(PostedYearMixin, HttpCase, CapitalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_posted_year()
        for name in ("A", "B"):
            user = cls._member_user(
                f"portal_{name}", cls.env.ref("base.group_portal"), cls.members[name]
            )
            user.password = f"portal-{name}-pass"

    def test_member_downloads_only_their_own_notice(self):
        self.authenticate(f"{type(self).__name__}_portal_A", "portal-A-pass")
        own, other = self.lines["A"], self.lines["B"]
        page = self.url_open("/my/capital")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f'href="/my/capital/notice/{own.id}"', page.text)
        self.assertNotIn(f'href="/my/capital/notice/{other.id}"', page.text)
        response = self.url_open(f"/my/capital/notice/{own.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn("Member A", response.text)  # HTML in test mode: the PDF's source
        self.assertEqual(self.url_open(f"/my/capital/notice/{other.id}").status_code, 404)
        self.assertEqual(self.url_open("/my/capital/notice/999999").status_code, 404)

    def test_member_downloads_their_statement_and_certificates(self):
        self.authenticate(f"{type(self).__name__}_portal_A", "portal-A-pass")
        own, other = self.members["A"], self.members["B"]
        self._subscribe(own, pay=True)  # a share issued, with its certificate
        page = self.url_open("/my/capital").text
        self.assertIn(f'href="/my/capital/{own.id}/statement"', page)
        self.assertNotIn(f'href="/my/capital/{other.id}/statement"', page)
        self.assertIn('<div class="table-responsive">', page)  # tables scroll on a phone
        certified = own.operation_in_ids.filtered("certificate_number")
        self.assertTrue(certified)
        self.assertIn(f'href="/my/capital/{own.id}/certificate"', page)
        for document, expected in (
            ("statement", "Balance due"),
            ("certificate", certified[0].certificate_number),
        ):
            response = self.url_open(f"/my/capital/{own.id}/{document}")
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.headers["Content-Type"], "application/pdf")
            self.assertIn(expected, response.text)  # HTML in test mode: the PDF's source
            self.assertEqual(self.url_open(f"/my/capital/{other.id}/{document}").status_code, 404)
        self.assertEqual(self.url_open(f"/my/capital/{own.id}/payroll").status_code, 404)
        self.assertEqual(self.url_open("/my/capital/999999/statement").status_code, 404)

    def test_the_home_card_shows_what_the_member_still_owes(self):
        member = self.members["B"]
        self.authenticate(f"{type(self).__name__}_portal_B", "portal-B-pass")
        before = self.url_open("/my/home").text
        self.assertIn("/coop_capital/static/src/img/portal-capital.svg", before)
        self._subscribe(member)  # confirmed, nothing paid yet
        self.assertGreater(member.capital_due, 0)
        home = " ".join(self.url_open("/my/home").text.split())
        self.assertRegex(
            home,
            r'o_coop_capital_due_badge">Balance due: \$\s?<span class="oe_currency_value">'
            r"[\d,]+\.\d\d</span>",
        )
        self.assertNotIn("o_coop_capital_due_badge", before)
