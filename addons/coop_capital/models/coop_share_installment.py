from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import capital


class CoopShareInstallment(models.Model):
    """One due date of a subscription's plan. Payments pay the oldest first."""

    _name = "coop.share.installment"
    _description = "Share subscription installment"
    _inherit = ["coop.guard.mixin"]
    _order = "subscription_id, due_date, sequence, id"

    subscription_id = fields.Many2one(
        "coop.share.subscription", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="subscription_id.company_id", store=True)
    partner_id = fields.Many2one(related="subscription_id.partner_id", store=True)
    currency_id = fields.Many2one(related="subscription_id.currency_id")
    sequence = fields.Integer(default=1)
    due_date = fields.Date(required=True, string="Due date")
    amount = fields.Monetary(required=True)
    amount_paid = fields.Monetary(compute="_compute_paid", string="Amount paid")
    status = fields.Selection(
        [("open", "Open"), ("paid", "Paid"), ("overdue", "Overdue")], compute="_compute_paid"
    )

    @api.depends("subscription_id.amount_paid", "amount", "due_date")
    def _compute_paid(self):
        today = fields.Date.context_today(self)
        for subscription in self.subscription_id:
            lines = subscription.installment_ids.sorted(lambda i: (i.due_date, i.id))
            paid = capital.allocate(
                [(line.due_date, capital.to_cents(line.amount)) for line in lines],
                capital.to_cents(subscription.amount_paid),
            )
            for line, cents in zip(lines, paid, strict=True):
                line.amount_paid = capital.from_cents(cents)
                if cents >= capital.to_cents(line.amount):
                    line.status = "paid"
                else:
                    line.status = "overdue" if line.due_date < today else "open"
        for line in self - self.subscription_id.installment_ids:
            line.amount_paid = 0.0
            line.status = "open"

    def write(self, vals):
        if any(line.subscription_id.state != "draft" for line in self):
            raise UserError(self.env._("The schedule of a confirmed subscription is fixed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_draft_only(self):
        if any(line.subscription_id.state != "draft" for line in self):
            raise UserError(self.env._("The schedule of a confirmed subscription is fixed."))

    @api.model_create_multi
    def create(self, vals_list):
        subscriptions = self.env["coop.share.subscription"].browse(
            [vals["subscription_id"] for vals in vals_list if vals.get("subscription_id")]
        )
        if any(s.state != "draft" for s in subscriptions):
            raise UserError(self.env._("The schedule of a confirmed subscription is fixed."))
        return super().create(vals_list)

    @api.depends(
        "sequence", "due_date", "subscription_id.installment_ids", "subscription_id.partner_id.name"
    )
    @api.depends_context("lang")
    def _compute_display_name(self):
        for rec in self:
            siblings = rec.sudo().subscription_id.installment_ids.sorted(
                lambda i: (i.due_date or fields.Date.from_string("1900-01-01"), i.sequence)
            )
            rec.display_name = self.env._(
                "Installment %(number)s of %(count)s \u2013 %(person)s",
                number=list(siblings).index(rec) + 1 if rec in siblings else 1,
                count=len(siblings) or 1,
                person=rec.sudo().subscription_id.partner_id.name or "",
            )
