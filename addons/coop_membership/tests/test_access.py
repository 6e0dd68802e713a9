from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import CoopCase


@tagged("post_install", "-at_install")
class TestMembershipAccess(CoopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls._membership("Mona Member", state="member")
        cls.other = cls._membership("Otto Other", state="member")
        cls.member_user = new_test_user(
            cls.env, login="coop_member_internal", groups="base.group_user"
        )
        cls.member_user.partner_id = cls.own.partner_id  # Mona logs in
        cls.portal_partner, _employee = cls._person("Pat Portal")
        cls.portal_membership = cls.Membership.create(
            {"partner_id": cls.portal_partner.id, "state": "associate"}
        )
        cls.portal_user = new_test_user(
            cls.env, login="coop_member_portal", groups="base.group_portal"
        )
        cls.portal_user.partner_id = cls.portal_partner
        cls.coop_user = new_test_user(
            cls.env, login="coop_officer", groups="coop_membership.group_coop_user"
        )
        cls.coop_manager = new_test_user(
            cls.env, login="coop_boss", groups="coop_membership.group_coop_manager"
        )

    def test_member_reads_only_their_own_membership(self):
        Membership = self.Membership.with_user(self.member_user)
        self.assertEqual(Membership.search([]), self.own)
        self.assertEqual(
            self.own.with_user(self.member_user).register_number, self.own.register_number
        )
        with self.assertRaises(AccessError):
            self.other.with_user(self.member_user).read(["register_number"])
        with self.assertRaises(AccessError):
            self.own.with_user(self.member_user).write({"candidacy_hours_manual": 9999})
        with self.assertRaises(AccessError):
            Membership.create({"partner_id": self.member_user.partner_id.id})

    def test_portal_member_reads_only_their_own_membership(self):
        Membership = self.Membership.with_user(self.portal_user)
        self.assertEqual(Membership.search([]), self.portal_membership)
        with self.assertRaises(AccessError):
            self.own.with_user(self.portal_user).read(["state"])

    def test_coop_user_reads_the_register_but_cannot_delete(self):
        Membership = self.Membership.with_user(self.coop_user)
        self.assertIn(self.other, Membership.search([]))
        self.assertIn(self.own, Membership.search([]))
        with self.assertRaises(AccessError):
            self._membership("Del Fresh").with_user(self.coop_user).unlink()

    def test_only_managers_change_states(self):
        fresh = self._membership("Ola Officer", state="licensed")
        with self.assertRaisesRegex(AccessError, "Only co-op managers"):
            fresh.with_user(self.coop_user).action_to_candidate()
        with self.assertRaisesRegex(AccessError, "Only co-op managers"):
            self.own.with_user(self.member_user).action_withdraw_candidacy()
        self.assertEqual(fresh.state, "licensed")

    def test_manager_runs_the_register(self):
        fresh = self._membership("Ivo Fresh", state="licensed")
        fresh = fresh.with_user(self.coop_manager)
        expected = self._next_register_number()
        fresh.action_to_candidate()
        fresh.action_to_member()
        self.assertEqual(fresh.register_number, expected)
        self.assertEqual(fresh.transition_ids.sorted("id")[-1].user_id, self.coop_manager)

    def test_companies_are_kept_apart(self):
        other_company = self.env["res.company"].create({"name": "Far Co-op"})
        far = self._membership("Fay Far", state="member", company=other_company)
        Membership = self.Membership.with_user(self.coop_manager)
        self.assertNotIn(far, Membership.search([]))
        with self.assertRaises(AccessError):
            far.with_user(self.coop_manager).read(["state"])
