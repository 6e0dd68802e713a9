from odoo import api, fields, models
from odoo.exceptions import UserError


class CoopBallot(models.Model):
    """A ballot's content and its receipt code. On a secret ballot it does
    not name the member; ``voter_token`` (a keyed hash, readable only by the
    system) lets the database guarantee one counted ballot per member.

    Nothing else may point at the voter: no create_uid or timestamps (the
    user who cast it, and a time to match with the roll), and only the
    system reads this table, whose ids follow the order of casting. Members
    and managers read the ballots published after the close through
    ``coop.ballot.published``."""

    _name = "coop.ballot"
    _description = "Ballot"
    _check_company_auto = True
    _order = "proposal_id, receipt"
    _log_access = False

    proposal_id = fields.Many2one("coop.proposal", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="proposal_id.company_id", store=True)
    proposal_state = fields.Selection(related="proposal_id.state")
    membership_id = fields.Many2one(
        "coop.membership", string="Voter (open ballots)", readonly=True, check_company=True
    )
    proxy_holder_id = fields.Many2one(
        "coop.membership",
        string="Cast by proxy holder (open ballots)",
        readonly=True,
        check_company=True,
    )
    voter_token = fields.Char(
        readonly=True, groups="base.group_system", index=True, string="Voter token"
    )
    receipt = fields.Char(required=True, readonly=True, index=True)
    content = fields.Char(required=True, readonly=True)
    counted = fields.Boolean(default=True, readonly=True)

    _sql_constraints = [
        ("receipt_uniq", "UNIQUE (proposal_id, receipt)", "Receipt codes are unique."),
        (
            "one_counted_ballot",
            "EXCLUDE USING btree (proposal_id WITH =, voter_token WITH =) WHERE (counted)",
            "A member has exactly one counted ballot per question.",
        ),
    ]

    def write(self, vals):
        # Casting records ballots in one SQL statement (coop.proposal._coop_record_ballot);
        # no caller, whatever its context, rewrites a ballot.
        if self and vals:
            raise UserError(self.env._("Ballots are never changed; cast a new one instead."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _never_delete(self):
        raise UserError(self.env._("Ballots are never deleted."))

    @api.depends("proposal_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        # Never the voter: the proposal and the receipt only.
        for rec in self:
            rec.display_name = self.env._(
                "Ballot %(receipt)s \u2013 %(proposal)s",
                receipt=rec.receipt or "",
                proposal=rec.sudo().proposal_id.name or "",
            )
