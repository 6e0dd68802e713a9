from odoo import api, fields, models
from odoo.tools.misc import format_date


class CoopMembershipTransitionWizard(models.TransientModel):
    """Admission confirmed with the vote the bylaws ask for, when they ask
    for one (``coop.membership._coop_check_transition`` refuses it without)."""

    _inherit = "coop.membership.transition.wizard"

    admission_proposal_id = fields.Many2one(
        "coop.proposal", string="Admission vote", compute="_compute_admission_vote"
    )
    admission_decision_type_id = fields.Many2one(
        "coop.decision.type", string="Bylaws' rule", compute="_compute_admission_vote"
    )

    @api.depends("membership_id", "to_state")
    def _compute_admission_vote(self):
        for wizard in self:
            membership = wizard.membership_id
            if wizard.to_state != "member" or not membership:
                wizard.admission_proposal_id = wizard.admission_decision_type_id = False
                continue
            wizard.admission_decision_type_id = membership._coop_admission_rule()
            wizard.admission_proposal_id = membership._coop_admission_vote()

    def _coop_checks(self):
        lines = super()._coop_checks()
        if self.to_state != "member":
            return lines
        proposal = self.admission_proposal_id.sudo()
        rule = self.admission_decision_type_id.sudo()
        if proposal:
            states = dict(proposal._fields["state"]._description_selection(self.env))
            if proposal.state == "closed" and proposal.adopted:
                lines.append(
                    self.env._(
                        "Admission vote of the members: %(vote)s, adopted on %(date)s.",
                        vote=proposal.name,
                        date=format_date(self.env, proposal.date_close),
                    )
                )
            else:
                outcome = (
                    self.env._("not adopted")
                    if proposal.state == "closed"
                    else states[proposal.state].lower()
                )
                lines.append(
                    self.env._(
                        "Admission vote of the members: %(vote)s (%(outcome)s).",
                        vote=proposal.name,
                        outcome=outcome,
                    )
                )
        elif rule and not rule.vote_required:
            lines.append(
                self.env._(
                    "The bylaws have a rule for admission votes (%(rule)s), and there is no "
                    "admission vote on %(person)s: admit here only to record a decision the "
                    "co-op took.",
                    rule=rule.name,
                    person=self.membership_id.name,
                )
            )
        return lines
