from odoo import fields, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    coop_capital = fields.Boolean(
        string="Member capital entry",
        readonly=True,
        copy=False,
        help="Posted by the co-op's member capital; never edited, only reversed.",
    )

    def button_draft(self):
        if any(move.coop_capital for move in self):
            raise UserError(
                self.env._(
                    "Member capital entries are never edited: reverse the entry "
                    "(or correct the share register) instead."
                )
            )
        return super().button_draft()
