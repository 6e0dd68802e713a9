from odoo.tests import HttpCase, new_test_user, tagged

from .common import new_membership


@tagged("post_install", "-at_install")
class TestMembershipPortal(HttpCase):
    def test_members_read_their_own_membership_in_the_portal(self):
        company = self.env["res.company"].create({"name": "Portal Co-op"})
        mine, theirs = (
            new_membership(
                self.env, company, self.env["res.partner"].create({"name": name}), state="member"
            )
            for name in ("Pia Portal", "Quinn Other")
        )
        user = new_test_user(
            self.env, login="pia_portal", groups="base.group_portal", company_id=company.id
        )
        user.partner_id = mine.partner_id
        self.authenticate("pia_portal", "pia_portal")
        self.assertIn('href="/my/membership"', self.url_open("/my/home").text)
        page = self.url_open("/my/membership").text
        self.assertIn("Portal Co-op", page)
        self.assertIn(mine.register_number, page)
        self.assertIn("Member-owner", page)
        self.assertNotIn(theirs.register_number, page)
        self.assertNotIn("Quinn Other", page)
