from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user

from odoo.addons.coop_membership.tests.common import new_membership


class CoopHttpCase(HttpCase):
    """Browser and HTTP tests on a co-op of their own: its default
    (California) bylaws and three member-owners who may vote today. The
    administrator works in that co-op during the test."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env["res.company"].create({"name": "Assembly Test Co-op"})
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[company.id]))
        cls.env.ref("base.user_admin").write(
            {"company_ids": [(4, company.id)], "company_id": company.id}
        )
        since = fields.Date.context_today(company) - relativedelta(years=1)
        for name in ("Daniel Reyes", "Priya Natarajan", "Maya Okafor"):
            partner = cls.env["res.partner"].create({"name": name})
            new_membership(cls.env, company, partner, state="member", date=since)

    def _rules(self, **vals):
        rules = self.env["coop.decision.type"].search(
            [("company_id", "=", self.env.company.id), ("code", "=", "ordinary")]
        )
        rules.write(vals)
        return rules

    def _voters(self, count=1):
        return self.env["coop.membership"].search(
            [("company_id", "=", self.env.company.id), ("is_voter_today", "=", True)],
            limit=count,
        )

    def _portal_user(self, login, membership):
        """A portal login (password ``<login>_pw``) for ``membership``'s person."""
        user = new_test_user(
            self.env, login=login, password=f"{login}_pw", groups="base.group_portal"
        )
        user.partner_id = membership.partner_id
        return user

    def _proposal(self, **vals):
        values = {
            "company_id": self.env.company.id,
            "decision_type_id": self._rules().id,
            # California: a written ballot reaches the members 10 days before it closes.
            "date_close": fields.Datetime.now() + relativedelta(days=12),
        }
        values.update(vals)
        return self.env["coop.proposal"].create(values)

    def _meeting(self, name, items, rules):
        return self.env["coop.meeting"].create(
            {
                "name": name,
                "company_id": self.env.company.id,
                "decision_type_id": rules.id,
                "date_start": fields.Datetime.now() + relativedelta(days=20),
                "item_ids": [(0, 0, {"name": item}) for item in items],
            }
        )
