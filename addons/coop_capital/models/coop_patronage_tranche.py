from odoo import api, fields, models
from odoo.exceptions import UserError


class CoopPatronageTranche(models.Model):
    """A year's retained patronage of one member (3200 qualified, 3210 not):
    kept until it is revolved (redeemed), the oldest first, after the
    company's revolving period. Created by posting the allocation; changed
    only by the co-op's own redemptions."""

    _name = "coop.patronage.tranche"
    _description = "Retained patronage tranche"
    _check_company_auto = True
    _inherit = ["coop.guard.mixin"]
    _order = "year, membership_id, id"
    _coop_protected_fields = (
        "membership_id",
        "allocation_id",
        "year",
        "qualified",
        "amount",
        "amount_redeemed",
        "date_revolve",
        "state",
        "amount_netted",
        "date_reversed",
    )

    membership_id = fields.Many2one(
        "coop.membership", required=True, index=True, ondelete="restrict", readonly=True
    )
    partner_id = fields.Many2one(related="membership_id.partner_id", store=True, index=True)
    allocation_id = fields.Many2one(
        "coop.patronage.allocation", required=True, index=True, ondelete="restrict", readonly=True
    )
    company_id = fields.Many2one(related="allocation_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    year = fields.Integer(required=True, readonly=True)
    qualified = fields.Boolean(readonly=True, default=False)
    amount = fields.Monetary(
        readonly=True, help="Negative: a loss charged to the member's account."
    )
    amount_redeemed = fields.Monetary(readonly=True)
    amount_netted = fields.Monetary(
        readonly=True,
        help="On a deficit (a loss charged to the member): what later allocations have paid down.",
    )
    amount_remaining = fields.Monetary(compute="_compute_amount_remaining", store=True)
    date_reversed = fields.Date(
        readonly=True, help="The day a correction of the year's allocation reversed it."
    )
    date_revolve = fields.Date(string="Planned revolving", readonly=True)
    state = fields.Selection(
        [("open", "Retained"), ("redeemed", "Redeemed"), ("reversed", "Reversed")],
        default="open",
        required=True,
        readonly=True,
    )

    @api.depends("amount", "amount_redeemed", "amount_netted", "state")
    def _compute_amount_remaining(self):
        for rec in self:
            if rec.state == "reversed":
                rec.amount_remaining = 0.0
            else:
                rec.amount_remaining = rec.amount + rec.amount_netted - rec.amount_redeemed

    def _coop_redeemed_by(self, _date):
        """What was redeemed of this tranche by ``_date`` (for the capital check
        at a date); a tranche keeps no dated history of its redemptions yet, so
        this is what it holds redeemed today."""
        self.ensure_one()
        return self.amount_redeemed

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "Retained patronage is never deleted: it is redeemed, or the year's "
                "allocation is corrected by a reversing entry."
            )
        )
