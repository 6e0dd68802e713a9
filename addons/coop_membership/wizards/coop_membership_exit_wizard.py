from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date

from ..lib import lifecycle


class CoopMembershipExitWizard(models.TransientModel):
    _name = "coop.membership.exit.wizard"
    _description = "End a co-op membership"

    membership_id = fields.Many2one("coop.membership", required=True, ondelete="cascade")
    date = fields.Date(
        string="Effective date",
        required=True,
        default=fields.Date.context_today,
        help="The day the membership ends: today, or an earlier day (within a year); never "
        "before the membership's last change.",
    )
    reason = fields.Selection(lifecycle.EXIT_REASONS, required=True)
    note = fields.Text(string="Details")
    checks = fields.Text(string="Checked", compute="_compute_checks")

    @api.depends("membership_id", "date")
    @api.depends_context("lang")
    def _compute_checks(self):
        for wizard in self:
            wizard.checks = "\n".join(wizard._coop_checks()) if wizard.membership_id else False

    def _coop_checks(self):
        """What ending the membership on this date was checked against."""
        self.ensure_one()
        membership = self.membership_id
        lines = [
            self.env._(
                "%(person)s is %(state)s since %(date)s.",
                person=membership.name,
                state=membership._state_label(),
                date=format_date(self.env, membership.date_state),
            )
        ]
        if self.date:
            error = lifecycle.effective_date_error(
                self.date, fields.Date.context_today(self), membership.date_state or None
            )
            if error:
                lines.append(membership._coop_effective_date_text(error))
        return lines

    def _coop_settlement(self):
        """Options of this exit for the modules that settle what the member
        leaves behind (see ``coop.membership._coop_end_membership``)."""
        return {}

    def action_confirm(self):
        """End the membership; the membership's own methods check the date
        (not in the future, not before its last change) for every caller."""
        self.ensure_one()
        membership = self.membership_id
        error = lifecycle.effective_date_error(
            self.date, fields.Date.context_today(self), membership.date_state or None
        )
        if error:
            raise UserError(
                self.env._(
                    "%(title)s. %(person)s: %(error)s",
                    title=membership._coop_refusal_title("former"),
                    person=membership.name,
                    error=membership._coop_effective_date_text(error),
                )
            )
        action = membership._coop_end_membership(
            self.date, self.reason, note=self.note, **self._coop_settlement()
        )
        return action or {"type": "ir.actions.act_window_close"}
