"""The share certificate, the register as of a date, and who prints them."""

from dateutil.relativedelta import relativedelta
from lxml import html as lxml_html

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import format_date

from .common import CapitalCase

CERTIFICATE = "coop_capital.action_report_share_certificate_operation"
CERTIFICATES = "coop_capital.action_report_share_certificate"
REGISTER = "coop_capital.action_report_share_register"


def texts(html, css_class):
    """The text of each element of ``css_class``, its spaces collapsed."""
    tree = lxml_html.fromstring(html)
    nodes = tree.xpath(f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {css_class} ')]")
    return [" ".join(node.text_content().split()) for node in nodes]


@tagged("post_install", "-at_install")
class TestCapitalReports(CapitalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = {"company_id": cls.company.id, "company_ids": [(6, 0, cls.company.ids)]}
        cls.officer = new_test_user(
            cls.env, login="rep_officer", groups="coop_membership.group_coop_user", **company
        )
        cls.accountant = new_test_user(
            cls.env,
            login="rep_accountant",
            groups="account.group_account_readonly,base.group_user",
            **company,
        )

    def _html(self, report, ids, data=None, user=None):
        reports = self.env["ir.actions.report"]
        if user:
            reports = reports.with_user(user)
        return reports._render_qweb_html(report, ids, data=data)[0]

    def _issue(self, subscription):
        return self.env["coop.share.operation"].search([("subscription_id", "=", subscription.id)])

    def _number(self, operation):
        self.assertRegex(operation.certificate_number, r"^CERT-\d{4}$")
        return int(operation.certificate_number[5:])

    def test_certificate_carries_number_date_class_quantity_amount_and_signatures(self):
        self.company.write(
            {
                "coop_certificate_signer1_name": "Rosa Chair",
                "coop_certificate_signer2_name": "Sam Clerk",
            }
        )
        member = self._member("Lu Printed")
        day = self.today - relativedelta(days=20)
        issue = self._issue(
            self._subscribe(
                member, share_class_id=self.invest.id, quantity=3, date=day, first_due_date=day
            )
        )
        self._number(issue)
        html = self._html(CERTIFICATE, issue.ids)
        self.assertEqual(texts(html, "o_coop_certificate_number"), [issue.certificate_number])
        self.assertEqual(texts(html, "o_coop_certificate_member"), ["Lu Printed"])
        self.assertEqual(
            texts(html, "o_coop_certificate_register_number"), [member.register_number]
        )
        self.assertEqual(texts(html, "o_coop_certificate_date"), [format_date(self.env, day)])
        self.assertEqual(texts(html, "o_coop_certificate_class"), ["Investment share"])
        self.assertEqual(texts(html, "o_coop_certificate_quantity"), ["3"])
        self.assertEqual(texts(html, "o_coop_certificate_amount"), ["$ 300.00"])
        self.assertEqual(texts(html, "o_coop_certificate_words"), ["Three Hundred Dollars"])
        self.assertEqual(
            texts(html, "o_coop_signature"), ["Rosa Chair President", "Sam Clerk Secretary"]
        )
        self.assertEqual(texts(html, "o_coop_certificate_cancelled"), [])
        self.assertIn(b"Capital Test Co-op", html)
        # Without names in Settings: the two offices' lines.
        self.company.write(
            {"coop_certificate_signer1_name": False, "coop_certificate_signer2_name": False}
        )
        html = self._html(CERTIFICATE, issue.ids)
        self.assertEqual(texts(html, "o_coop_signature"), ["President", "Secretary"])

    def test_certificate_numbers_are_given_once_and_cancelled_by_later_transfers(self):
        giver = self._member("Jo Giver")
        taker = self._member("Kai Taker")
        issue = self._issue(
            self._subscribe(
                giver, share_class_id=self.invest.id, quantity=10, pay=True, method="bank"
            )
        )
        first = issue.certificate_number
        self.assertEqual(issue.certificate_state, "valid")
        part = giver._coop_transfer_shares(taker, self.invest, 4)
        self.assertEqual(self._number(part), self._number(issue) + 1)
        self.assertEqual((issue.certificate_state, issue.certificate_remaining), ("partial", 6))
        html = self._html(CERTIFICATE, issue.ids)
        self.assertEqual(texts(html, "o_coop_certificate_cancelled"), [])
        self.assertEqual(
            texts(html, "o_coop_certificate_partial"),
            [
                "4 of these shares were later transferred or redeemed: this certificate "
                "stands for 6 share(s)."
            ],
        )
        rest = giver._coop_transfer_shares(taker, self.invest, 6)
        self.assertEqual(issue.certificate_state, "cancelled")
        self.assertEqual(issue.certificate_cancel_id, rest)
        html = self._html(CERTIFICATE, issue.ids)
        self.assertEqual(
            texts(html, "o_coop_certificate_cancelled"),
            [f"Cancelled on {format_date(self.env, rest.date)}: Transfer {rest.name}"],
        )
        # The taker's certificates stand; correcting a transfer cancels its
        # certificate and gives the giver a new one, never an old number.
        self.assertEqual((part + rest).mapped("certificate_state"), ["valid", "valid"])
        correction = rest.action_correct()
        self.assertEqual(rest.certificate_state, "cancelled")
        self.assertEqual(rest.certificate_cancel_id, correction)
        self.assertEqual(self._number(correction), self._number(rest) + 1)
        self.assertEqual(issue.certificate_number, first)
        numbers = (issue + part + rest + correction).mapped("certificate_number")
        self.assertEqual(len(set(numbers)), 4)
        html = self._html(CERTIFICATES, taker.ids)
        self.assertEqual(
            texts(html, "o_coop_certificate_number"),
            [part.certificate_number, rest.certificate_number],
        )
        self.assertEqual(len(texts(html, "o_coop_certificate_cancelled")), 1)
        # The number is the register's: no one writes it.
        with self.assertRaises(UserError):
            issue.write({"certificate_number": "CERT-9999"})

    def test_operations_recorded_before_numbering_get_new_numbers_once(self):
        older = self._issue(self._subscribe(self._member("Old Timer")))
        newer = self._issue(self._subscribe(self._member("New Comer")))
        kept = newer.certificate_number
        # As on a database whose register predates certificate numbers.
        self.env.cr.execute(
            "UPDATE coop_share_operation SET certificate_number = NULL WHERE id = %s",
            [older.id],
        )
        older.invalidate_recordset(["certificate_number"])
        self.env["coop.share.operation"]._coop_number_certificates()
        self.assertEqual(self._number(older), self._number(newer) + 1)
        self.assertEqual(newer.certificate_number, kept)
        given = older.certificate_number
        self.env["coop.share.operation"]._coop_number_certificates()
        self.assertEqual(older.certificate_number, given)

    def test_register_as_of_a_past_date(self):
        early = self._member("Ada Early")
        late = self._member("Bo Late")
        past = self.today - relativedelta(days=30)
        for share_class, quantity, day in (
            (self.share_class, 1, past - relativedelta(days=5)),
            (self.invest, 2, past),
            (self.invest, 1, past + relativedelta(days=1)),
        ):
            self._subscribe(
                early,
                share_class_id=share_class.id,
                quantity=quantity,
                date=day,
                first_due_date=day,
            )
        self._subscribe(late, date=self.today - relativedelta(days=2))
        html = self._html(REGISTER, self.company.ids, data={"date": fields.Date.to_string(past)})
        self.assertEqual(texts(html, "o_coop_register_date"), [format_date(self.env, past)])
        holdings = " ".join(texts(html, "o_coop_register_holdings"))
        self.assertNotIn("Bo Late", holdings)
        self.assertEqual(
            texts(html, "o_coop_register_line"),
            [
                f"Ada Early {early.register_number} Membership share 1 $ 1,000.00",
                "Investment share 2 $ 200.00",
            ],
        )
        self.assertEqual(
            texts(html, "o_coop_register_member_total"), ["Total Ada Early 3 $ 1,200.00"]
        )
        self.assertEqual(
            texts(html, "o_coop_register_class_total"),
            ["Membership share 1 $ 1,000.00", "Investment share 2 $ 200.00"],
        )
        self.assertEqual(texts(html, "o_coop_register_grand_total"), ["Total capital $ 1,200.00"])
        # Today (the default date): the later subscriptions are in.
        html = self._html(REGISTER, self.company.ids, user=self.officer)
        self.assertEqual(texts(html, "o_coop_register_date"), [format_date(self.env, self.today)])
        self.assertEqual(
            texts(html, "o_coop_register_member_total"),
            ["Total Ada Early 4 $ 1,300.00", "Total Bo Late 1 $ 1,000.00"],
        )
        self.assertEqual(texts(html, "o_coop_register_grand_total"), ["Total capital $ 2,300.00"])
        with self.assertRaises(UserError):
            self._html(REGISTER, self.company.ids, data={"date": "last Tuesday"})

    def test_register_wizard_prints_the_chosen_date(self):
        past = self.today - relativedelta(days=3)
        wizard = self.env["coop.share.register.wizard"].with_user(self.accountant).create({})
        self.assertEqual(wizard.date, fields.Date.context_today(wizard))
        self.assertEqual(wizard.company_id, self.company)
        wizard.date = past
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "coop_capital.report_share_register")
        self.assertEqual(action["data"], {"date": fields.Date.to_string(past)})
        self.assertEqual(action["context"]["active_ids"], self.company.ids)

    def test_who_prints_certificates_and_the_register(self):
        mine = self._member("Ann Own")
        theirs = self._member("Bob Other")
        my_issue = self._issue(self._subscribe(mine))
        their_issue = self._issue(self._subscribe(theirs))
        self._subscribe(theirs, share_class_id=self.invest.id, quantity=2, pay=True, method="bank")
        given = theirs._coop_transfer_shares(mine, self.invest, 2)
        company = {"company_id": self.company.id, "company_ids": [(6, 0, self.company.ids)]}
        member_user = new_test_user(
            self.env, login="rep_member", groups="base.group_user", **company
        )
        portal_user = new_test_user(
            self.env, login="rep_portal", groups="base.group_portal", **company
        )
        for user in (member_user, portal_user):
            user.partner_id = mine.partner_id
            html = self._html(CERTIFICATE, my_issue.ids, user=user)
            self.assertEqual(
                texts(html, "o_coop_certificate_number"), [my_issue.certificate_number]
            )
            with self.assertRaises(AccessError):
                self._html(CERTIFICATE, their_issue.ids, user=user)
            # A certificate of shares transferred to them names who gave them.
            html = self._html(CERTIFICATE, given.ids, user=user)
            self.assertEqual(
                texts(html, "o_coop_certificate_origin"),
                [f"Transferred from Bob Other ({given.name})"],
            )
            with self.assertRaises(AccessError):
                self._html(REGISTER, self.company.ids, user=user)
        with self.assertRaises(AccessError):
            self.env["coop.share.register.wizard"].with_user(member_user).create({})
        for user in (self.officer, self.accountant):
            html = self._html(REGISTER, self.company.ids, user=user)
            self.assertEqual(
                texts(html, "o_coop_register_member_total"),
                ["Total Ann Own 3 $ 1,200.00", "Total Bob Other 1 $ 1,000.00"],
            )
            html = self._html(CERTIFICATE, their_issue.ids, user=user)
            self.assertEqual(
                texts(html, "o_coop_certificate_number"), [their_issue.certificate_number]
            )
