from odoo import api, fields, models


class CoopPatronagePaymentWizard(models.TransientModel):
    """Pay the cash parts of a posted patronage allocation: the date and the
    bank or cash journal; :meth:`coop.patronage.allocation.action_pay_cash`
    pays them, one payment per member, and checks everything again."""

    _name = "coop.patronage.payment.wizard"
    _description = "Pay the cash parts of a patronage allocation"

    allocation_id = fields.Many2one("coop.patronage.allocation", required=True, readonly=True)
    company_id = fields.Many2one(related="allocation_id.company_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(string="Payment date", required=True, default=fields.Date.context_today)
    journal_id = fields.Many2one(
        "account.journal",
        string="Pay from",
        required=True,
        domain="[('type', 'in', ('bank', 'cash')), ('company_id', '=', company_id)]",
        compute="_compute_journal",
        store=True,
        readonly=False,
        precompute=True,
    )
    payment_deadline = fields.Date(related="allocation_id.payment_deadline")
    amount = fields.Monetary(string="To pay", compute="_compute_amount")
    member_count = fields.Integer(string="Members to pay", compute="_compute_amount")

    @api.depends("allocation_id")
    def _compute_journal(self):
        for wizard in self:
            if not wizard.journal_id or wizard.journal_id.company_id != wizard.company_id:
                wizard.journal_id = wizard.company_id._coop_bank_journal()

    @api.depends("allocation_id")
    def _compute_amount(self):
        for wizard in self:
            lines = wizard.allocation_id.sudo().line_ids
            unpaid = [line.cash - line.cash_paid for line in lines]
            wizard.amount = sum(unpaid)
            wizard.member_count = len([amount for amount in unpaid if amount > 0])

    def action_confirm(self):
        self.ensure_one()
        self.allocation_id.action_pay_cash(journal=self.journal_id, date=self.date)
        return {"type": "ir.actions.act_window_close"}
