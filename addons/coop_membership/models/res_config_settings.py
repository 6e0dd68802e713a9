from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coop_candidacy_min_hours = fields.Float(
        related="company_id.coop_candidacy_min_hours", readonly=False
    )
    coop_candidacy_min_months = fields.Integer(
        related="company_id.coop_candidacy_min_months", readonly=False
    )
