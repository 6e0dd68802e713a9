from odoo import api, fields, models


class CoopSharePaymentRegister(models.TransientModel):
    _name = "coop.share.payment.register"
    _description = "Register a share payment"

    subscription_id = fields.Many2one("coop.share.subscription", required=True)
    membership_id = fields.Many2one(related="subscription_id.membership_id")
    company_id = fields.Many2one(related="subscription_id.company_id")
    currency_id = fields.Many2one(related="subscription_id.currency_id")
    amount_remaining = fields.Monetary(related="subscription_id.amount_remaining")
    amount = fields.Monetary(compute="_compute_amount", store=True, readonly=False, precompute=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    method = fields.Selection(
        [("bank", "Bank"), ("payroll", "Payroll deduction")], required=True, default="bank"
    )
    journal_id = fields.Many2one(
        "account.journal",
        domain="[('type', 'in', ('bank', 'cash')), ('company_id', '=', company_id)]",
    )
    period = fields.Char(string="Pay period")

    @api.depends("subscription_id")
    def _compute_amount(self):
        for wizard in self:
            wizard.amount = (
                wizard.subscription_id.next_due_amount or wizard.subscription_id.amount_remaining
            )

    def action_confirm(self):
        self.ensure_one()
        payment = self.env["coop.share.payment"].create(
            {
                "subscription_id": self.subscription_id.id,
                "membership_id": self.subscription_id.membership_id.id,
                "amount": self.amount,
                "date": self.date,
                "method": self.method,
                "journal_id": self.journal_id.id,
                "period": self.period,
            }
        )
        payment.action_post()
        return {"type": "ir.actions.act_window_close"}
