from odoo import api, fields, models
from odoo.exceptions import UserError


class CoopProposalOption(models.Model):
    _name = "coop.proposal.option"
    _inherit = ["coop.governance.guard"]
    _description = "Candidate or option of a proposal"
    _check_company_auto = True
    _order = "proposal_id, sequence, id"
    _coop_text_limits = {"name": 200}
    _coop_required_texts = ("name",)

    proposal_id = fields.Many2one("coop.proposal", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="proposal_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    membership_id = fields.Many2one(
        "coop.membership", string="Candidate (member)", check_company=True
    )

    def _check_ballot_not_open(self):
        """The candidates of a vote are fixed when it opens."""
        if self.proposal_id.filtered(lambda p: p.state != "draft"):
            raise UserError(self.env._("The candidates of a vote are fixed once it opens."))

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._check_ballot_not_open()
        return records

    def write(self, vals):
        self._check_ballot_not_open()
        result = super().write(vals)
        self._check_ballot_not_open()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_before_opening(self):
        self._check_ballot_not_open()
