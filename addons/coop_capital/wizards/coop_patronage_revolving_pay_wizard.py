from odoo import api, fields, models

from ..lib import capital


class CoopPatronageRevolvingPayWizard(models.TransientModel):
    """Pay a posted revolving batch: the date and journal asked for, and the
    solvency check's figures shown before anything is paid (the batch's
    :meth:`action_pay` checks again for every caller)."""

    _name = "coop.patronage.revolving.pay.wizard"
    _description = "Pay a revolving redemption"

    revolving_id = fields.Many2one("coop.patronage.revolving", required=True, readonly=True)
    company_id = fields.Many2one(related="revolving_id.company_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(related="revolving_id.amount_total")
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
    assets = fields.Monetary(compute="_compute_solvency")
    liabilities = fields.Monetary(compute="_compute_solvency")
    member_claims = fields.Monetary(
        string="Members' redemption claims", compute="_compute_solvency"
    )
    shortfall = fields.Monetary(compute="_compute_solvency")
    solvency_mode = fields.Selection(related="company_id.coop_solvency_mode")

    @api.depends("revolving_id")
    def _compute_journal(self):
        for wizard in self:
            if not wizard.journal_id or wizard.journal_id.company_id != wizard.company_id:
                wizard.journal_id = wizard.company_id._coop_bank_journal()

    @api.depends("revolving_id", "date")
    def _compute_solvency(self):
        for wizard in self:
            figures = dict.fromkeys(("assets", "liabilities", "claims", "shortfall"), 0)
            if wizard.date and wizard.revolving_id:
                figures = wizard.company_id.sudo()._coop_solvency_figures(
                    wizard.amount, wizard.date
                )
            wizard.assets = capital.from_cents(figures["assets"])
            wizard.liabilities = capital.from_cents(figures["liabilities"])
            wizard.member_claims = capital.from_cents(figures["claims"])
            wizard.shortfall = capital.from_cents(figures["shortfall"])

    def action_confirm(self):
        self.ensure_one()
        self.revolving_id.action_pay(journal=self.journal_id, date=self.date)
        return {"type": "ir.actions.act_window_close"}
