from odoo import fields, models


class CoopMembershipExitWizard(models.TransientModel):
    _inherit = "coop.membership.exit.wizard"

    currency_id = fields.Many2one(related="membership_id.currency_id")
    share_capital = fields.Monetary(related="membership_id.share_capital")
    capital_due = fields.Monetary(related="membership_id.capital_due")
    set_off = fields.Boolean(
        string="Set off debts to the co-op",
        default=True,
        help="Deduct what the member still owes the co-op (open receivables) "
        "from the capital paid back to them.",
    )

    def _coop_settlement(self):
        return dict(super()._coop_settlement(), set_off=self.set_off)
