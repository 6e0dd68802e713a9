from odoo import fields, models
from odoo.exceptions import UserError

from ..lib import lifecycle


class CoopMembershipExitWizard(models.TransientModel):
    _name = "coop.membership.exit.wizard"
    _description = "End a co-op membership"

    membership_id = fields.Many2one("coop.membership", required=True, ondelete="cascade")
    date = fields.Date(required=True, default=fields.Date.context_today)
    reason = fields.Selection(lifecycle.EXIT_REASONS, required=True)
    note = fields.Text(string="Details")

    def _coop_settlement(self):
        """Options of this exit for the modules that settle what the member
        leaves behind (see ``coop.membership._coop_end_membership``)."""
        return {}

    def action_confirm(self):
        self.ensure_one()
        # Not in the future nor more than a year back. (Not yet "not before
        # the last change": coop_capital's tests end memberships admitted
        # today on earlier days; see the report of issue 14.)
        error = lifecycle.effective_date_error(self.date, fields.Date.context_today(self))
        if error:
            raise UserError(self.membership_id._coop_effective_date_text(error))
        action = self.membership_id._coop_end_membership(
            self.date, self.reason, note=self.note, **self._coop_settlement()
        )
        return action or {"type": "ir.actions.act_window_close"}
