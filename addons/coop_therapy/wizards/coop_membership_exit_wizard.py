from odoo import fields, models

from ..lib import lifecycle


class CoopMembershipExitWizard(models.TransientModel):
    _name = "coop.membership.exit.wizard"
    _description = "End a co-op membership"

    membership_id = fields.Many2one("coop.membership", required=True, ondelete="cascade")
    date = fields.Date(required=True, default=fields.Date.context_today)
    reason = fields.Selection(lifecycle.EXIT_REASONS, required=True)
    note = fields.Text(string="Details")

    def action_confirm(self):
        self.ensure_one()
        self.membership_id._coop_transition(
            "former", date=self.date, reason=self.reason, note=self.note
        )
        return {"type": "ir.actions.act_window_close"}
