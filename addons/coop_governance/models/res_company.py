from odoo import api, models


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        decision_types = self.env["coop.decision.type"].sudo()
        for company in companies:
            decision_types._coop_load_bylaw_set(company, "ca")
        return companies

    @api.model
    def _coop_init_bylaws(self):
        """Load the default bylaw set for companies that have none yet."""
        decision_types = self.env["coop.decision.type"].sudo().with_context(active_test=False)
        covered = decision_types.search([("company_id", "!=", False)]).company_id
        for company in self.sudo().search([("id", "not in", covered.ids)]):
            decision_types._coop_load_bylaw_set(company, "ca")
