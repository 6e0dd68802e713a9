from odoo import Command, api, fields, models
from odoo.exceptions import AccessError


class CoopCapitalCheckWizard(models.TransientModel):
    """Does the share register agree with the general ledger on a date? The
    share accounts, the subscriptions receivable (3105) and the redemptions
    payable (2310), in total and member by member."""

    _name = "coop.capital.check.wizard"
    _description = "Check member capital against the ledger"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    line_ids = fields.One2many("coop.capital.check.line", "wizard_id", string="Rows")
    register_total = fields.Monetary(
        string="Share capital in the register", compute="_compute_check"
    )
    ledger_total = fields.Monetary(string="Share capital in the ledger", compute="_compute_check")
    difference = fields.Monetary(string="Share capital difference", compute="_compute_check")
    mismatch_count = fields.Integer(string="Differences", compute="_compute_check")

    @api.depends("line_ids.register", "line_ids.ledger", "line_ids.kind")
    def _compute_check(self):
        for wizard in self:
            shares = wizard.line_ids.filtered(lambda line: line.kind == "shares")
            wizard.register_total = sum(shares.mapped("register"))
            wizard.ledger_total = sum(shares.mapped("ledger"))
            wizard.difference = wizard.ledger_total - wizard.register_total
            wizard.mismatch_count = len(wizard.line_ids.filtered("message"))

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        wizards._coop_fill_lines()
        return wizards

    def write(self, vals):
        result = super().write(vals)
        if {"company_id", "date"} & set(vals):
            self._coop_fill_lines()
        return result

    @api.onchange("company_id", "date")
    def _onchange_coop_check(self):
        """The rows as soon as the check opens, and again when its co-op or
        date change: an empty check would read as a balanced one."""
        for wizard in self:
            rows = wizard._coop_check_rows() if wizard.company_id and wizard.date else []
            wizard.line_ids = [Command.clear()] + [Command.create(row) for row in rows]

    def _coop_check_rows(self):
        """The rows of the check, read from the register and the ledger of
        the wizard's company on its date."""
        self.ensure_one()
        if self.company_id not in self.env.user.company_ids:
            raise AccessError(
                self.env._("You do not have access to the books of %s.", self.company_id.name)
            )
        return self.company_id._coop_capital_check_lines(self.date)

    def _coop_fill_lines(self):
        """The rows of the check, computed again from the register and the
        ledger of the wizard's company on its date."""
        for wizard in self:
            rows = wizard._coop_check_rows()
            wizard.line_ids.unlink()
            self.env["coop.capital.check.line"].create(
                [dict(row, wizard_id=wizard.id) for row in rows]
            )

    def action_check(self):
        """Check again (after entries were posted, or for another date)."""
        self._coop_fill_lines()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Capital check"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
