from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    coop_membership_ids = fields.One2many(
        "coop.membership",
        "partner_id",
        string="Co-op memberships",
        groups="coop_membership.group_coop_user",
    )
