from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestMemberRegisterTour(HttpCase):
    def test_admin_admits_a_candidate_from_the_register(self):
        partner = self.env["res.partner"].create({"name": "Tour Candidate"})
        today = fields.Date.context_today(self.env["coop.membership"])
        membership = self.env["coop.membership"].create(
            {
                "partner_id": partner.id,
                "state": "licensed",
                "candidacy_hours_manual": 800,
                "date_work_start": today - relativedelta(months=9),
            }
        )
        membership._coop_transition("candidate")
        share_class = self.env["coop.share.class"]._coop_membership_class(membership.company_id)
        self.env["coop.share.subscription"].create(
            {
                "membership_id": membership.id,
                "company_id": membership.company_id.id,
                "share_class_id": share_class.id,
            }
        ).action_confirm()
        self.start_tour("/web", "coop_member_register_tour", login="admin")
        self.assertEqual(membership.state, "member")
        self.assertTrue(membership.register_number)
        self.assertEqual(membership.transition_ids.sorted("id")[-1].user_id.login, "admin")
