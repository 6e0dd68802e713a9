from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CoopPatronageAdjustment(models.Model):
    """An accountant's adjustment of the year's net margin before patronage
    (e.g. non-patronage income taken out, bonuses paid as wages), with its
    reason. Changes only while the allocation is a draft."""

    _name = "coop.patronage.adjustment"
    _description = "Patronage margin adjustment"
    _check_company_auto = True
    _inherit = ["coop.guard.mixin"]
    _order = "allocation_id, id"

    allocation_id = fields.Many2one(
        "coop.patronage.allocation", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="allocation_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(
        required=True, help="Added to the net margin (negative: taken off it)."
    )
    reason = fields.Char(required=True)

    @api.constrains("amount", "reason")
    def _check_adjustment(self):
        for rec in self:
            if not (rec.reason or "").strip():
                raise ValidationError(self.env._("Say why the net margin is adjusted."))
            if not rec.amount:
                raise ValidationError(
                    self.env._("An adjustment of zero changes nothing: enter an amount.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        allocations = self.env["coop.patronage.allocation"].browse(
            {vals.get("allocation_id") for vals in vals_list if vals.get("allocation_id")}
        )
        allocations._coop_check_draft(self.env._("the net margin"))
        return super().create(vals_list)

    def write(self, vals):
        self.allocation_id._coop_check_draft(self.env._("the net margin"))
        if "allocation_id" in vals:
            self.env["coop.patronage.allocation"].browse(vals["allocation_id"])._coop_check_draft(
                self.env._("the net margin")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        self.allocation_id._coop_check_draft(self.env._("the net margin"))

    @api.depends(
        "reason",
        "allocation_id.date_to",
        "allocation_id.company_id.name",
        "allocation_id.corrected_allocation_id",
    )
    @api.depends_context("lang")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = self.env._(
                "Adjustment: %(reason)s \u2013 %(allocation)s",
                reason=rec.reason or "",
                allocation=rec.sudo().allocation_id.display_name or "",
            )
