import json

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import tally


class CoopBallot(models.Model):
    """A ballot's content and its receipt code. On a secret ballot it does
    not name the member; ``voter_token`` (a keyed hash, readable only by the
    system) lets the database guarantee one counted ballot per member."""

    _name = "coop.ballot"
    _description = "Ballot"
    _order = "proposal_id, receipt"

    proposal_id = fields.Many2one("coop.proposal", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="proposal_id.company_id", store=True)
    proposal_state = fields.Selection(related="proposal_id.state")
    membership_id = fields.Many2one("coop.membership", string="Voter (open ballots)", readonly=True)
    proxy_holder_id = fields.Many2one(
        "coop.membership", string="Cast by proxy holder (open ballots)", readonly=True
    )
    voter_token = fields.Char(readonly=True, groups="base.group_system", index=True)
    receipt = fields.Char(required=True, readonly=True, index=True)
    content = fields.Char(required=True, readonly=True)
    counted = fields.Boolean(default=True, readonly=True)
    display_content = fields.Char(string="Ballot", compute="_compute_display_content")

    _sql_constraints = [
        ("receipt_uniq", "UNIQUE (proposal_id, receipt)", "Receipt codes are unique."),
        (
            "one_counted_ballot",
            "EXCLUDE USING btree (proposal_id WITH =, voter_token WITH =) WHERE (counted)",
            "A member has exactly one counted ballot per question.",
        ),
    ]

    @api.depends("content")
    def _compute_display_content(self):
        for rec in self:
            names = {o.id: o.name for o in rec.proposal_id.option_ids}
            rec.display_content = tally.describe_ballot(json.loads(rec.content), names)

    def write(self, vals):
        if not self.env.context.get("coop_vote_workflow") or any(
            rec.proposal_id.state == "closed" for rec in self
        ):
            raise UserError(self.env._("Ballots are never changed; cast a new one instead."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _never_delete(self):
        raise UserError(self.env._("Ballots are never deleted."))
