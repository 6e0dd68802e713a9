from odoo import api, fields, models


class CoopCapitalCheckWizard(models.TransientModel):
    """Does the share register agree with the general ledger on a date?"""

    _name = "coop.capital.check.wizard"
    _description = "Check member capital against the ledger"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    register_total = fields.Monetary(compute="_compute_check")
    ledger_total = fields.Monetary(compute="_compute_check")
    difference = fields.Monetary(compute="_compute_check")
    details = fields.Text(compute="_compute_check")

    @api.depends("company_id", "date")
    def _compute_check(self):
        for wizard in self:
            rows = wizard.company_id._coop_capital_check(wizard.date) if wizard.date else []
            wizard.register_total = sum(r[1] for r in rows)
            wizard.ledger_total = sum(r[2] for r in rows)
            wizard.difference = wizard.ledger_total - wizard.register_total
            wizard.details = "\n".join(
                f"{account.display_name}: register {register:.2f}, ledger {ledger:.2f}, "
                f"difference {ledger - register:.2f}"
                for account, register, ledger in rows
            )
