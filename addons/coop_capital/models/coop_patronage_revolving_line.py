from odoo import api, fields, models
from odoo.exceptions import UserError


class CoopPatronageRevolvingLine(models.Model):
    """What a revolving batch redeems of one tranche: written only by the
    batch's proposal, and paid with the member's payment."""

    _name = "coop.patronage.revolving.line"
    _description = "Revolved retained patronage"
    _check_company_auto = True
    _inherit = ["coop.guard.mixin"]
    _order = "revolving_id, tranche_year, membership_id, id"
    _coop_protected_fields = ("revolving_id", "tranche_id", "amount", "payment_id")

    revolving_id = fields.Many2one(
        "coop.patronage.revolving",
        string="Revolving batch",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    tranche_id = fields.Many2one(
        "coop.patronage.tranche", required=True, index=True, ondelete="restrict", readonly=True
    )
    membership_id = fields.Many2one(related="tranche_id.membership_id", store=True, index=True)
    partner_id = fields.Many2one(related="tranche_id.partner_id", store=True, index=True)
    company_id = fields.Many2one(related="revolving_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    tranche_year = fields.Integer(related="tranche_id.year", store=True, string="Year")
    qualified = fields.Boolean(related="tranche_id.qualified")
    kind = fields.Selection(related="tranche_id.kind")
    date_revolve = fields.Date(related="tranche_id.date_revolve", string="Planned revolving")
    tranche_amount = fields.Monetary(related="tranche_id.amount", string="Retained")
    amount = fields.Monetary(string="Revolved", readonly=True)
    partial = fields.Boolean(compute="_compute_partial", string="In part")
    date = fields.Date(related="revolving_id.date", string="Entry date")
    state = fields.Selection(related="revolving_id.state")
    payment_id = fields.Many2one("account.payment", readonly=True, check_company=True)

    @api.depends("amount", "tranche_id.amount", "tranche_id.amount_redeemed")
    def _compute_partial(self):
        for line in self:
            line.partial = line.currency_id.compare_amounts(line.amount, line.tranche_id.amount) < 0

    @api.ondelete(at_uninstall=False)
    def _unlink_only_proposals(self):
        if not self._coop_is_owner() or any(
            line.revolving_id.state not in ("draft", "cancelled") for line in self
        ):
            raise UserError(
                self.env._(
                    "The tranches of a revolving batch change only when it is proposed again."
                )
            )

    @api.depends("tranche_id.year", "tranche_id.kind", "tranche_id.membership_id.partner_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = self.env._(
                "Revolving of %(tranche)s", tranche=rec.sudo().tranche_id.display_name or ""
            )
