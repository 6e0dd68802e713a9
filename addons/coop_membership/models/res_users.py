from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        memberships = (
            self.env["coop.membership"]
            .sudo()
            .search([("partner_id", "in", users.filtered(lambda u: not u.share).partner_id.ids)])
        )
        memberships._coop_set_member_landing()
        return users
