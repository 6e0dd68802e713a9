from odoo import api, fields, models


class CoopCapitalCheckLine(models.TransientModel):
    """One row of the capital check: an account in total, or one member's
    balance on it, by the register and by the ledger."""

    _name = "coop.capital.check.line"
    _description = "Capital check row"
    _order = "id"

    wizard_id = fields.Many2one("coop.capital.check.wizard", required=True, ondelete="cascade")
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    account_id = fields.Many2one("account.account", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Member", readonly=True)
    kind = fields.Selection(
        [
            ("shares", "Share capital"),
            ("owed", "Subscriptions receivable"),
            ("payable", "Redemptions payable"),
            ("retained", "Retained patronage"),
            ("reserve", "Collective reserve"),
            ("startup", "Start-up losses"),
            ("equity", "Members' equity in total"),
        ],
        readonly=True,
    )
    register = fields.Monetary(readonly=True)
    ledger = fields.Monetary(readonly=True)
    difference = fields.Monetary(compute="_compute_difference")
    message = fields.Text(string="What differs", readonly=True)

    @api.depends("register", "ledger")
    def _compute_difference(self):
        for line in self:
            line.difference = line.ledger - line.register
