from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coop_direct_hours_warn = fields.Float(
        related="company_id.coop_direct_hours_warn", readonly=False
    )
    coop_direct_hours_block = fields.Float(
        related="company_id.coop_direct_hours_block", readonly=False
    )
    coop_sessions_per_day = fields.Integer(
        related="company_id.coop_sessions_per_day", readonly=False
    )
    coop_active_clients_max = fields.Integer(
        related="company_id.coop_active_clients_max", readonly=False
    )
    coop_late_cancel_hours = fields.Selection(
        related="company_id.coop_late_cancel_hours", readonly=False
    )
    coop_session_buffer = fields.Integer(related="company_id.coop_session_buffer", readonly=False)
    coop_late_cancel_fee = fields.Monetary(
        related="company_id.coop_late_cancel_fee", readonly=False
    )
    coop_no_show_fee = fields.Monetary(related="company_id.coop_no_show_fee", readonly=False)
    coop_self_pay_invoicing = fields.Boolean(
        related="company_id.coop_self_pay_invoicing", readonly=False
    )
