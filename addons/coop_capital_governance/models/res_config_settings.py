from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coop_patronage_decision_type_id = fields.Many2one(
        related="company_id.coop_patronage_decision_type_id", readonly=False
    )
    coop_revolving_decision_type_id = fields.Many2one(
        related="company_id.coop_revolving_decision_type_id", readonly=False
    )
