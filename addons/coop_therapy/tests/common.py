from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import TransactionCase


class CoopCase(TransactionCase):
    """Fresh people of the co-op, independent of the demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.Membership = cls.env["coop.membership"]
        cls.today = fields.Date.context_today(cls.Membership)
        cls.company.write({"coop_candidacy_min_hours": 650, "coop_candidacy_min_months": 6})

    @classmethod
    def _person(cls, name, company=None):
        company = company or cls.company
        partner = cls.env["res.partner"].create({"name": name})
        employee = cls.env["hr.employee"].create(
            {"name": name, "work_contact_id": partner.id, "company_id": company.id}
        )
        return partner, employee

    @classmethod
    def _subscribe(cls, membership, pay=None, confirm=True, method="payroll", **vals):
        """A membership-share subscription (lump sum by default), confirmed,
        and paid by ``pay`` (an amount, or True for all of it)."""
        share_class = cls.env["coop.share.class"]._coop_membership_class(membership.company_id)
        start = (membership.date_state or cls.today) - relativedelta(days=10)
        values = {
            "membership_id": membership.id,
            "company_id": membership.company_id.id,
            "share_class_id": share_class.id,
            "date": start,
            "first_due_date": start,
        }
        values.update(vals)
        subscription = cls.env["coop.share.subscription"].create(values)
        if confirm:
            subscription.action_confirm()
        if pay:
            amount = subscription.amount if pay is True else pay
            cls.env["coop.share.payment"].create(
                {
                    "subscription_id": subscription.id,
                    "membership_id": membership.id,
                    "amount": amount,
                    "date": subscription.date,
                    "method": method,
                }
            ).action_post()
        return subscription

    @classmethod
    def _membership(
        cls,
        name,
        state="associate",
        company=None,
        eligible=True,
        subscribed=None,
        paid=False,
        **vals,
    ):
        """A membership in ``state``, reached the way the co-op reaches it:
        created as an associate or licensed clinician, then moved on by the
        transitions (on ``date_state`` when given)."""
        company = company or cls.company
        partner, employee = cls._person(name, company)
        values = {
            "partner_id": partner.id,
            "employee_id": employee.id,
            "company_id": company.id,
            "state": "associate" if state == "associate" else "licensed",
        }
        if eligible:
            values.update(
                candidacy_hours_manual=700,
                date_work_start=cls.today - relativedelta(months=7),
            )
        values.update(vals)
        membership = cls.Membership.with_company(company).create(values)
        since = values.get("date_state")
        if state in ("candidate", "member"):
            membership._coop_transition("candidate", date=since)
        if paid or subscribed or (subscribed is None and state == "candidate"):
            cls._subscribe(membership, pay=paid)
        if state == "member" and membership.subscription_ids:
            membership._coop_transition("member", date=since)
        elif state == "member":
            cls._admit_without_capital(membership, since or cls.today)
        return membership

    @classmethod
    def _admit_without_capital(cls, membership, date):
        """Admit a member-owner who holds no voting share yet, as the
        capital tests need (they subscribe it themselves): the admission's
        own write path and history, without its capital check."""
        number = membership._coop_new_register_numbers()[membership.id]
        cls.env["coop.membership.transition"]._coop_owner_create(
            {
                "membership_id": membership.id,
                "from_state": membership.state,
                "to_state": "member",
                "date": date,
            }
        )
        membership._coop_owner_write(
            {"state": "member", "date_state": date, "date_member": date, "register_number": number}
        )


class CapitalCase(CoopCase):
    """A co-op of its own with a chart of accounts, so that the ledger holds
    only what the tests post."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env["res.company"].create(
            {"name": "Capital Test Co-op", "currency_id": cls.env.ref("base.USD").id}
        )
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[company.id]))
        cls.env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
        cls.company = company = cls.env["res.company"].browse(company.id)
        cls.Membership = cls.env["coop.membership"]
        company.write({"coop_candidacy_min_hours": 650, "coop_candidacy_min_months": 6})
        cls.bank = cls.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
        )
        cls.share_class = cls.env["coop.share.class"]._coop_membership_class(company)
        cls.invest = cls.env["coop.share.class"].create(
            {
                "name": "Investment share",
                "kind": "investment",
                "price": 100.0,
                "max_per_member": 50,
                "account_id": company.coop_account_share_id.id,
                "company_id": company.id,
            }
        )

    @classmethod
    def _member(cls, name, **vals):
        return cls._membership(name, state="member", company=cls.company, **vals)

    @classmethod
    def _pay(cls, subscription, amount, date=None, method="bank"):
        payment = cls.env["coop.share.payment"].create(
            {
                "subscription_id": subscription.id,
                "membership_id": subscription.membership_id.id,
                "amount": amount,
                "date": date or cls.today,
                "method": method,
                "journal_id": cls.bank.id if method == "bank" else False,
            }
        )
        payment.action_post()
        return payment

    def _balance(self, account, partner=None, date=None):
        domain = [
            ("account_id", "=", account.id),
            ("parent_state", "=", "posted"),
            ("company_id", "=", self.company.id),
        ]
        if partner:
            domain.append(("partner_id", "=", partner.id))
        if date:
            domain.append(("date", "<=", date))
        return sum(self.env["account.move.line"].search(domain).mapped("balance"))

    def assert_capital_matches_ledger(self, date=None):
        for account, register, ledger in self.company._coop_capital_check(date or self.today):
            self.assertAlmostEqual(register, ledger, 2, f"{account.display_name} differs")
