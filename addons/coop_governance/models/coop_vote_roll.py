from odoo import api, fields, models
from odoo.exceptions import UserError


class CoopVoteRoll(models.Model):
    """One line of a frozen voter roll. It records *that* a member voted,
    never *how*: the ballot's content lives in coop.ballot, without the
    member on secret ballots."""

    _name = "coop.vote.roll"
    _description = "Voter roll line"
    _check_company_auto = True
    _order = "proposal_id, membership_id"
    # No timestamps: the time a member's line turned "voted" would match the
    # time of their ballot on a secret vote.
    _log_access = False

    proposal_id = fields.Many2one("coop.proposal", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="proposal_id.company_id", store=True)
    membership_id = fields.Many2one(
        "coop.membership", required=True, index=True, check_company=True
    )
    partner_id = fields.Many2one(related="membership_id.partner_id", store=True)
    voted = fields.Boolean(readonly=True)
    proxy_holder_id = fields.Many2one(
        "coop.membership", string="Voted by proxy of", readonly=True, copy=False, check_company=True
    )

    _sql_constraints = [
        ("member_once", "UNIQUE (proposal_id, membership_id)", "A member is on a roll once.")
    ]

    def write(self, vals):
        if any(rec.proposal_id.state == "closed" for rec in self):
            raise UserError(self.env._("The roll of a closed vote cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _keep_frozen_rolls(self):
        if any(rec.proposal_id.state != "draft" for rec in self):
            raise UserError(self.env._("A frozen voter roll cannot be changed."))

    @api.depends("membership_id.partner_id.name", "proposal_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = self.env._(
                "%(person)s on the voter roll of %(proposal)s",
                person=rec.sudo().membership_id.partner_id.name or "",
                proposal=rec.sudo().proposal_id.name or "",
            )
