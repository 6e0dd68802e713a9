from dateutil.relativedelta import relativedelta

from odoo.addons.coop_membership.tests.common import CoopCase


class CapitalCase(CoopCase):
    """A co-op of its own with a chart of accounts, so that the ledger holds
    only what the tests post."""

    @classmethod
    def _coop_company(cls):
        company = cls.env["res.company"].create(
            {"name": "Capital Test Co-op", "currency_id": cls.env.ref("base.USD").id}
        )
        cls.env["account.chart.template"].with_context(
            allowed_company_ids=[company.id]
        ).try_loading("generic_coa", company, install_demo=False)
        return company

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.company
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
                "company_id": company.id,
            }
        )

    @classmethod
    def _membership(cls, name, state="associate", subscribed=None, paid=False, **vals):
        """A membership (see CoopCase); candidates, and anyone ``subscribed``
        or ``paid``, also get a membership-share subscription. Member-owners
        are admitted after it; those without one (the test subscribes for
        them) through :meth:`_admit_without_capital`."""
        membership = super()._membership(
            name, state="candidate" if state == "member" else state, **vals
        )
        if paid or subscribed or (subscribed is None and state == "candidate"):
            cls._subscribe(membership, pay=paid)
        if state != "member":
            return membership
        date = vals.get("date_state")
        if membership.subscription_ids:
            membership._coop_transition("member", date=date)
        else:
            cls._admit_without_capital(membership, date or cls.today)
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
        """The register agrees with the ledger: each share account, 3105 and
        2310 in total, and every member's 3105 and 2310 balance."""
        date = date or self.today
        for account, register, ledger in self.company._coop_capital_check(date):
            self.assertAlmostEqual(register, ledger, 2, f"{account.display_name} differs")
        for account, register, ledger in self.company._coop_member_balances(date):
            for partner in set(register) | set(ledger):
                self.assertEqual(
                    register.get(partner, 0),
                    ledger.get(partner, 0),
                    f"{account.display_name} of {partner.display_name} differs",
                )
