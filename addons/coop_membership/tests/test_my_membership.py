from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import CoopCase, open_every_menu


@tagged("post_install", "-at_install")
class TestMyMembership(CoopCase):
    """A member who logs in (Employee only, no Co-op role) lands on their
    own membership and reads it with its history, and nobody else's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grace = cls._membership("Grace Kim", state="member")
        cls.other = cls._membership("Otto Other", state="candidate")
        cls.member_user = new_test_user(
            cls.env,
            login="coop_my_member",
            groups="base.group_user",
            partner_id=cls.grace.partner_id.id,
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
        )
        cls.clerk = new_test_user(
            cls.env,
            login="coop_my_clerk",
            groups="coop_membership.group_coop_user",
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
        )
        cls.my_action = cls.env.ref("coop_membership.action_coop_my_membership")

    def test_member_lands_on_their_own_membership(self):
        self.assertEqual(self.member_user.action_id.id, self.my_action.id)
        self.assertFalse(self.clerk.action_id, "co-op users keep Odoo's own landing")
        # A membership registered after the login was made sets it too.
        late = new_test_user(self.env, login="coop_my_late", groups="base.group_user")
        self.assertFalse(late.action_id)
        self.Membership.create({"partner_id": late.partner_id.id})
        self.assertEqual(late.action_id.id, self.my_action.id)
        action = self.my_action.with_user(self.member_user).run()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("coop.membership", self.grace.id)
        )
        self.assertEqual(
            action["views"],
            [(self.env.ref("coop_membership.view_coop_membership_form_my").id, "form")],
        )
        home = self.env.ref("coop_membership.action_coop_home")
        self.assertEqual(self.env.ref("coop_membership.menu_coop_root").action.id, home.id)
        self.assertEqual(home.with_user(self.member_user).run()["res_id"], self.grace.id)
        register = home.with_user(self.clerk).run()
        self.assertEqual(register["res_model"], "coop.membership")
        self.assertEqual(register["view_mode"], "kanban,list,form,pivot,graph")
        self.assertEqual(register["res_id"], 0)

    def test_member_reads_own_history_and_no_one_elses(self):
        mine = self.grace.with_user(self.member_user)
        self.assertEqual(
            [(t.from_state, t.to_state) for t in mine.transition_ids.sorted("id")],
            [(False, "licensed"), ("licensed", "candidate"), ("candidate", "member")],
        )
        Transition = self.env["coop.membership.transition"].with_user(self.member_user)
        self.assertEqual(Transition.search([]), self.grace.transition_ids)
        with self.assertRaises(AccessError):
            self.other.transition_ids[:1].with_user(self.member_user).read(["to_state"])
        with self.assertRaises(AccessError):
            self.other.with_user(self.member_user).read(["state"])
        with self.assertRaises(UserError):
            self.grace.transition_ids[:1].with_user(self.member_user).write({"note": "x"})
        # The form of their own membership opens with every field it shows.
        view = self.env.ref("coop_membership.view_coop_membership_form_my")
        loaded = mine.get_views([(view.id, "form")])
        self.assertIn("transition_ids", loaded["models"]["coop.membership"]["fields"])
        read = mine.web_read(
            {
                "state": {},
                "register_number": {},
                "transition_ids": {"fields": {"date": {}, "from_state": {}, "to_state": {}}},
            }
        )
        self.assertEqual(read[0]["register_number"], self.grace.register_number)
        self.assertEqual(len(read[0]["transition_ids"]), 3)

    def test_every_menu_the_member_sees_opens(self):
        opened = open_every_menu(self, self.member_user)
        self.assertIn("Co-op/My membership", opened)
        Menu = self.env["ir.ui.menu"].with_user(self.member_user)
        visible = Menu._visible_menu_ids()
        self.assertNotIn(self.env.ref("coop_membership.menu_coop_membership").id, visible)
        self.assertNotIn(self.env.ref("coop_membership.menu_coop_members").id, visible)
        self.assertIn(self.env.ref("coop_membership.menu_coop_my_membership").id, visible)

    def test_every_menu_a_clerk_sees_opens(self):
        opened = open_every_menu(self, self.clerk)
        self.assertIn("Co-op/Members/Member register", opened)
        self.assertIn("Co-op/Members/Membership history", opened)

    def test_someone_without_membership_gets_a_help_page(self):
        outsider = new_test_user(self.env, login="coop_my_outsider", groups="base.group_user")
        action = self.my_action.with_user(outsider).run()
        self.assertEqual(action["domain"], [("id", "=", 0)])
        self.assertIn("You have no membership", action["help"])
