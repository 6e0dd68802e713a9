from odoo import api, fields, models


class CoopMembershipTransitionWizard(models.TransientModel):
    """Admission confirmed with the vote the bylaws ask for, when they ask
    for one."""

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
            wizard.admission_decision_type_id = self.env["coop.decision.type"].search(
                [("company_id", "=", membership.company_id.id), ("code", "=", "admission")],
                limit=1,
            )
            wizard.admission_proposal_id = self.env["coop.proposal"].search(
                [("action", "=", "admission"), ("subject_membership_id", "=", membership.id)],
                order="id desc",
                limit=1,
            )

    def _coop_checks(self):
        lines = super()._coop_checks()
        if self.to_state != "member":
            return lines
        proposal, rule = self.admission_proposal_id, self.admission_decision_type_id
        if proposal:
            states = dict(proposal._fields["state"]._description_selection(self.env))
            if proposal.state == "closed":
                outcome = self.env._("adopted") if proposal.adopted else self.env._("not adopted")
            else:
                outcome = states[proposal.state].lower()
            lines.append(
                self.env._(
                    "Admission vote of the members: %(vote)s (%(outcome)s).",
                    vote=proposal.name,
                    outcome=outcome,
                )
            )
        elif rule:
            lines.append(
                self.env._(
                    "The bylaws decide admissions by a vote of the members (%(rule)s), and "
                    "there is no admission vote on %(person)s yet: admit here only to record "
                    "a decision the members took.",
                    rule=rule.name,
                    person=self.membership_id.name,
                )
            )
        return lines
