from odoo import fields, models

from ..lib import lifecycle


class CoopMembershipExitWizard(models.TransientModel):
    _name = "coop.membership.exit.wizard"
    _description = "End a co-op membership"

    membership_id = fields.Many2one("coop.membership", required=True, ondelete="cascade")
    currency_id = fields.Many2one(related="membership_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    reason = fields.Selection(lifecycle.EXIT_REASONS, required=True)
    note = fields.Text(string="Details")
    share_capital = fields.Monetary(related="membership_id.share_capital")
    capital_due = fields.Monetary(related="membership_id.capital_due")
    set_off = fields.Boolean(
        string="Set off debts to the co-op",
        default=True,
        help="Deduct what the member still owes the co-op (open receivables) "
        "from the capital paid back to them.",
    )

    def action_confirm(self):
        self.ensure_one()
        membership = self.membership_id
        membership._coop_transition("former", date=self.date, reason=self.reason, note=self.note)
        redemptions = membership._coop_exit_capital(self.date, set_off=self.set_off)
        if redemptions:
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Capital to pay back"),
                "res_model": "coop.share.redemption",
                "view_mode": "list,form",
                "domain": [("id", "in", redemptions.ids)],
            }
        return {"type": "ir.actions.act_window_close"}
