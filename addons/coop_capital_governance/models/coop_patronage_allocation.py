from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class CoopPatronageAllocation(models.Model):
    """With coop_governance, a year is posted only on the members' decision:
    an adopted proposal of the kind of decision the bylaws name for it
    (Settings → Co-op, ``res.company.coop_patronage_decision_type_id``)."""

    _inherit = "coop.patronage.allocation"

    approval_type_id = fields.Many2one(
        related="company_id.coop_patronage_decision_type_id", string="Approved by"
    )
    proposal_id = fields.Many2one(
        "coop.proposal",
        string="Approving decision",
        copy=False,
        tracking=True,
        index="btree_not_null",
        check_company=True,
        domain="[('company_id', '=', company_id), ('state', '=', 'closed'), "
        "('adopted', '=', True), '|', ('decision_type_id', '=', approval_type_id), "
        "('decision_type_id.frozen_from_id', '=', approval_type_id)]",
        help="The adopted proposal by which the members approved this allocation; "
        "needed to post it when the bylaws name a kind of decision for it.",
    )

    def _coop_free_fields(self):
        # The approving decision is chosen on a draft or a computed allocation;
        # write() below keeps it once the allocation is posted or cancelled.
        return super()._coop_free_fields() | {"proposal_id"}

    def write(self, vals):
        if "proposal_id" in vals and not self._coop_is_owner():
            for rec in self:
                if rec.state not in ("draft", "computed") and rec.proposal_id.id != (
                    vals["proposal_id"] or False
                ):
                    raise UserError(
                        self.env._(
                            "%(name)s is %(state)s: its approving decision no longer changes.",
                            name=rec.name,
                            state=rec._state_label(),
                        )
                    )
        return super().write(vals)

    @api.constrains("proposal_id", "company_id")
    def _check_coop_proposal(self):
        for rec in self.filtered("proposal_id"):
            error = rec._coop_proposal_error(rec.proposal_id)
            if error:
                raise ValidationError(error)
            others = self.sudo().search_count(
                [
                    ("id", "!=", rec.id),
                    ("proposal_id", "=", rec.proposal_id.id),
                    ("state", "!=", "cancelled"),
                ]
            )
            if others:
                raise ValidationError(
                    self.env._(
                        "The decision “%(proposal)s” already approves another patronage "
                        "allocation; each year is approved by a decision of its own.",
                        proposal=rec.proposal_id.sudo().name,
                    )
                )

    def _coop_proposal_error(self, proposal):
        """Why ``proposal`` cannot approve this allocation, as a sentence, or None."""
        self.ensure_one()
        proposal = proposal.sudo()
        rules = self.company_id.sudo().coop_patronage_decision_type_id
        if proposal.company_id != self.company_id:
            return self.env._(
                "The decision “%(proposal)s” was taken in %(other)s, not in %(company)s.",
                proposal=proposal.name,
                other=proposal.company_id.name,
                company=self.company_id.name,
            )
        if proposal.state != "closed" or not proposal.adopted:
            return self.env._(
                "The proposal “%(proposal)s” has not been adopted: only an adopted "
                "decision approves a patronage allocation.",
                proposal=proposal.name,
            )
        if rules and rules not in (
            proposal.decision_type_id | proposal.decision_type_id.frozen_from_id
        ):
            return self.env._(
                "The bylaws of %(company)s approve patronage allocations by “%(rules)s”; "
                "the proposal “%(proposal)s” was decided as “%(kind)s”.",
                company=self.company_id.name,
                rules=rules.name,
                proposal=proposal.name,
                kind=proposal.decision_type_id.name,
            )
        return None

    def _coop_check_approval(self):
        """Refuse to post an allocation the bylaws want approved and the
        members have not approved (by an adopted proposal of that kind)."""
        for rec in self:
            rules = rec.company_id.sudo().coop_patronage_decision_type_id
            if not rules:
                continue
            if not rec.proposal_id:
                raise UserError(
                    self.env._(
                        "%(name)s cannot be posted yet: the bylaws of %(company)s want each "
                        "patronage allocation approved by “%(rules)s”. Put the allocation to "
                        "the members as a proposal of that kind and, once it is adopted, "
                        "choose it as the approving decision.",
                        name=rec.name,
                        company=rec.company_id.name,
                        rules=rules.name,
                    )
                )
            error = rec._coop_proposal_error(rec.proposal_id)
            if error:
                raise UserError(error)

    def action_post(self):
        self.check_access("write")
        self._coop_check_approval()
        return super().action_post()
