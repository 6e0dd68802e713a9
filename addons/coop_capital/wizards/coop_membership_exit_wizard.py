from odoo import api, fields, models

from ..lib import capital


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

    retained_qualified = fields.Monetary(
        string="Retained patronage, qualified",
        compute="_compute_retained",
        help="Moved from 3200 to redemption payable (2310) on exit.",
    )
    retained_nonqualified = fields.Monetary(
        string="Retained patronage, non-qualified",
        compute="_compute_retained",
        help="Moved from 3210 to redemption payable (2310) on exit.",
    )
    retained_total = fields.Monetary(
        string="Retained patronage in all",
        compute="_compute_retained",
        help="Negative: losses charged to the member exceed what is retained; the "
        "deficit is set off against the share paid back, and what the share cannot "
        "cover is borne by the collective reserve.",
    )

    @api.depends("membership_id")
    def _compute_retained(self):
        for wizard in self:
            cents = {True: 0, False: 0}
            if wizard.membership_id:
                for tranche in wizard.membership_id._coop_exit_tranches():
                    cents[tranche.qualified] += capital.to_cents(tranche.amount_remaining)
            wizard.retained_qualified = capital.from_cents(cents[True])
            wizard.retained_nonqualified = capital.from_cents(cents[False])
            wizard.retained_total = capital.from_cents(cents[True] + cents[False])

    def _coop_settlement(self):
        return dict(super()._coop_settlement(), set_off=self.set_off)
