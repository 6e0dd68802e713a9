from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import format_date

from ..lib import lifecycle


class CoopMembershipTransitionWizard(models.TransientModel):
    """Confirm a change of state with legal weight (record a license, open a
    candidacy, admit a member-owner): its effective date and what was
    checked. The membership's ``_coop_transition`` checks everything again,
    for every caller."""

    _name = "coop.membership.transition.wizard"
    _description = "Confirm a change of membership state"

    membership_id = fields.Many2one("coop.membership", required=True, ondelete="cascade")
    to_state = fields.Selection(
        [
            ("licensed", "Licensed clinician"),
            ("candidate", "Candidate member"),
            ("member", "Member-owner"),
        ],
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
        checked, and why it would refuse. Modules add theirs (the paid-up
        share, the governance vote of the bylaws, the license)."""
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
                self.env._(
                    "Candidacy hours: %(hours)s of %(min_hours)s.",
                    hours=membership._coop_hours_text(membership.candidacy_hours),
                    min_hours=membership._coop_hours_text(membership.candidacy_min_hours),
                )
            )
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
        refusal = self._coop_refusal()
        if refusal:
            lines.append(refusal)
        error = self._coop_date_error()
        if error:
            lines.append(error)
        return lines

    def _coop_refusal(self):
        """Why the membership's own checks would refuse this change, or None."""
        self.ensure_one()
        if not self.to_state:
            return None
        try:
            self.membership_id._coop_check_transition(self.to_state)
        except (AccessError, UserError) as error:
            return error.args[0]
        return None

    def _coop_date_error(self):
        """The effective date's problem in words, or None."""
        self.ensure_one()
        if not self.date:
            return None
        today = fields.Date.context_today(self)
        error = lifecycle.effective_date_error(
            self.date, today, self.membership_id.date_state or None
        )
        return self.membership_id._coop_effective_date_text(error) if error else None

    def _coop_apply(self):
        """Carry out the change (modules add what goes with it)."""
        return self.membership_id._coop_transition(self.to_state, date=self.date, note=self.note)

    def action_confirm(self):
        self.ensure_one()
        error = self._coop_date_error()
        if error:
            raise UserError(
                self.env._(
                    "%(title)s. %(person)s: %(error)s",
                    title=self.membership_id._coop_refusal_title(self.to_state),
                    person=self.membership_id.name,
                    error=error,
                )
            )
        self._coop_apply()
        return {"type": "ir.actions.act_window_close"}
