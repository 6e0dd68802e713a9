from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestMemberRegisterTour(HttpCase):
    def test_manager_admits_a_candidate_from_the_register(self):
        company = self.env["res.company"].create({"name": "Tour Co-op"})
        manager = new_test_user(
            self.env,
            login="register_manager",
            groups="base.group_user,coop_membership.group_coop_manager",
            company_id=company.id,
            tz=self.env.user.tz,  # the candidacy's date and the browser's "today" agree
        )
        partner = self.env["res.partner"].create({"name": "Tour Candidate"})
        today = fields.Date.context_today(self.env["coop.membership"])
        membership = self.env["coop.membership"].create(
            {
                "partner_id": partner.id,
                "company_id": company.id,
                "state": "licensed",
                "candidacy_hours_manual": 800,
                "date_work_start": today - relativedelta(months=9),
            }
        )
        membership._coop_transition("candidate")
        self.start_tour("/web", "coop_member_register_tour", login="register_manager")
        self.assertEqual(membership.state, "member")
        self.assertEqual(membership.register_number, "M-0001")  # the first of a new co-op
        self.assertEqual(membership.transition_ids.sorted("id")[-1].user_id, manager)


@tagged("post_install", "-at_install")
class TestOverviewTour(HttpCase):
    def test_manager_opens_a_tile_of_the_overview(self):
        company = self.env["res.company"].create({"name": "Overview Tour Co-op"})
        new_test_user(
            self.env,
            login="overview_manager",
            groups="base.group_user,coop_membership.group_coop_manager",
            company_id=company.id,
            tz=self.env.user.tz,
        )
        today = fields.Date.context_today(self.env["coop.membership"])
        for name in ("Overview Candidate", "Overview Member", "Overview Associate"):
            partner = self.env["res.partner"].create({"name": name})
            membership = self.env["coop.membership"].create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "state": "associate" if name == "Overview Associate" else "licensed",
                    "candidacy_hours_manual": 800,
                    "date_work_start": today - relativedelta(months=9),
                }
            )
            if name != "Overview Associate":
                membership._coop_transition("candidate")
            if name == "Overview Member":
                membership._coop_transition("member")
        self.start_tour(
            "/web#action=coop_membership.action_coop_overview",
            "coop_overview_tour",
            login="overview_manager",
        )
