from odoo import fields, models


class CoopProposalOption(models.Model):
    _name = "coop.proposal.option"
    _description = "Candidate or option of a proposal"
    _order = "proposal_id, sequence, id"

    proposal_id = fields.Many2one("coop.proposal", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="proposal_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    membership_id = fields.Many2one("coop.membership", string="Candidate (member)")
