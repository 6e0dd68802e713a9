from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date

from ..lib import lifecycle


class CoopMembershipTransitionWizard(models.TransientModel):
    """Confirm a change of state with legal weight (open a candidacy, admit
    a member-owner): its effective date and what was checked."""

    _name = "coop.membership.transition.wizard"
    _description = "Confirm a change of membership state"

    membership_id = fields.Many2one("coop.membership", required=True, ondelete="cascade")
    to_state = fields.Selection(
        [("candidate", "Candidate member"), ("member", "Member-owner")],
        string="New state",
        required=True,
    )
    date = fields.Date(
        string="Effective date",
        required=True,
        default=fields.Date.context_today,
        help="The day the change takes effect: today, or an earlier day (within a year) "
        "when the register catches up on a decision; never before the membership's last "
        "change.",
    )
    note = fields.Char()
    checks = fields.Text(string="Checked", compute="_compute_checks")

    @api.depends("membership_id", "to_state", "date")
    @api.depends_context("lang")
    def _compute_checks(self):
        for wizard in self:
            wizard.checks = "\n".join(wizard._coop_checks()) if wizard.membership_id else False

    def _coop_checks(self):
        """The sentences shown above the confirm button: what the register
        checked. Modules add theirs (the governance vote of the bylaws)."""
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
        if self.to_state == "member":
            lines.append(
                self.env._("Candidacy rule: %(summary)s", summary=membership.candidacy_summary)
            )
            if not membership.register_number:
                lines.append(
                    self.env._(
                        "Entered on the member register under the next number of the "
                        "co-op's register sequence."
                    )
                )
        error = self._coop_date_error()
        if error:
            lines.append(error)
        return lines

    def _coop_date_error(self):
        """The effective date's problem in words, or None."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        error = lifecycle.effective_date_error(
            self.date, today, self.membership_id.date_state or None
        )
        return self.membership_id._coop_effective_date_text(error) if error else None

    def action_confirm(self):
        self.ensure_one()
        error = self._coop_date_error()
        if error:
            raise UserError(error)
        self.membership_id._coop_transition(self.to_state, date=self.date, note=self.note)
        return {"type": "ir.actions.act_window_close"}
