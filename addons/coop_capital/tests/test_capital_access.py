from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.coop_membership.tests.common import new_membership

from .common import CapitalCase


@tagged("post_install", "-at_install")
class TestCapitalAccess(CapitalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls._member("Ann Own")
        cls.theirs = cls._member("Bob Other")
        cls.my_sub = cls._subscribe(cls.mine, pay=500, method="bank")
        cls.their_sub = cls._subscribe(cls.theirs, pay=True, method="bank")
        company = {"company_id": cls.company.id, "company_ids": [(6, 0, cls.company.ids)]}
        cls.member_user = new_test_user(
            cls.env, login="cap_member", groups="base.group_user", **company
        )
        cls.member_user.partner_id = cls.mine.partner_id
        cls.portal_user = new_test_user(
            cls.env, login="cap_portal", groups="base.group_portal", **company
        )
        cls.portal_user.partner_id = cls.mine.partner_id
        cls.accountant = new_test_user(
            cls.env,
            login="cap_accountant",
            groups="account.group_account_readonly,base.group_user",
            **company,
        )
        cls.officer = new_test_user(
            cls.env, login="cap_officer", groups="coop_membership.group_coop_user", **company
        )

    def test_members_see_only_their_own_capital(self):
        for user in (self.member_user, self.portal_user):
            env = self.env(user=user)
            self.assertEqual(env["coop.share.subscription"].search([]), self.my_sub)
            self.assertEqual(env["coop.share.payment"].search([]), self.my_sub.payment_ids)
            self.assertEqual(env["coop.share.holding"].search([]).membership_id, self.mine)
            with self.assertRaises(AccessError):
                self.their_sub.with_user(user).read(["amount"])
            with self.assertRaises(AccessError):
                self.my_sub.with_user(user).write({"payroll_amount": 1})
            with self.assertRaises(AccessError):
                self.my_sub.with_user(user).action_confirm()

    def test_accountant_and_officer_read_all_but_do_not_post(self):
        draft = self._subscribe(self._member("Cy Draft"), confirm=False)
        moves = self.env["account.move"].search_count([("company_id", "=", self.company.id)])
        for user in (self.accountant, self.officer):
            with self.assertRaises(AccessError):  # confirming posts the capital entry
                draft.with_user(user).action_confirm()
            subscriptions = self.env["coop.share.subscription"].with_user(user).search([])
            self.assertIn(self.their_sub, subscriptions)
            self.assertIn(self.my_sub, subscriptions)
            with self.assertRaises(AccessError):
                self.env["coop.share.payment"].with_user(user).create(
                    {
                        "subscription_id": self.my_sub.id,
                        "membership_id": self.mine.id,
                        "amount": 10,
                    }
                )
        self.assertEqual((draft.state, draft.move_id), ("draft", self.env["account.move"]))
        self.assertEqual(
            self.env["account.move"].search_count([("company_id", "=", self.company.id)]), moves
        )
        check = self.env["coop.capital.check.wizard"].with_user(self.accountant).create({})
        self.assertEqual(check.difference, 0.0)
        self.assertEqual(check.register_total, 2000.0)


@tagged("post_install", "-at_install")
class TestCapitalPortalTour(HttpCase):
    def test_member_reads_their_capital_statement_in_the_portal(self):
        env = self.env
        partner = env["res.partner"].create({"name": "Portal Pat", "email": "pat@example.org"})
        membership = new_membership(env, env.company, partner, state="candidate")
        share_class = env["coop.share.class"]._coop_membership_class(membership.company_id)
        subscription = env["coop.share.subscription"].create(
            {
                "membership_id": membership.id,
                "company_id": membership.company_id.id,
                "share_class_id": share_class.id,
                "mode": "installments",
                "installment_count": 4,
            }
        )
        subscription.action_confirm()
        env["coop.share.payment"].create(
            {
                "subscription_id": subscription.id,
                "membership_id": membership.id,
                "amount": share_class.price / 4,
                "method": "payroll",
            }
        ).action_post()
        membership._coop_transition("member")
        user = new_test_user(
            env,
            login="portal_pat",
            password="portal_pat_pw",
            groups="base.group_portal",
            tz=env.user.tz,  # the installments' dates and the portal's "today" agree
        )
        user.partner_id = partner
        self.start_tour("/my", "coop_capital_portal_tour", login="portal_pat")
