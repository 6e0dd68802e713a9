import json

from odoo import api, fields, models, tools

from ..lib import tally


class CoopBallotPublished(models.Model):
    """The counted ballots as published to the members: receipt and content
    (and, on an open ballot, the member and any proxy holder). Its ids come
    from the receipts, random codes, so that the order in which ballots were
    cast cannot be read from them. A rule shows them only after the close."""

    _name = "coop.ballot.published"
    _description = "Published ballot"
    _auto = False
    _order = "proposal_id, receipt"
    _depends = {
        "coop.ballot": [
            "proposal_id",
            "company_id",
            "receipt",
            "content",
            "membership_id",
            "proxy_holder_id",
            "counted",
        ],
    }

    proposal_id = fields.Many2one("coop.proposal", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    receipt = fields.Char(readonly=True)
    content = fields.Char(readonly=True)
    membership_id = fields.Many2one("coop.membership", string="Voter (open ballots)", readonly=True)
    proxy_holder_id = fields.Many2one(
        "coop.membership", string="Cast by proxy holder (open ballots)", readonly=True
    )
    display_content = fields.Char(string="Ballot", compute="_compute_display_content")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # 52 bits of a hash of (proposal, receipt): stable, exact in the web
        # client's numbers, and unrelated to the order of casting.
        self.env.cr.execute(
            f"""
            CREATE VIEW {self._table} AS
            SELECT ('x' || substr(md5(b.proposal_id || '|' || b.receipt), 1, 13))::bit(52)::bigint
                       AS id,
                   b.proposal_id, b.company_id, b.receipt, b.content,
                   b.membership_id, b.proxy_holder_id
              FROM coop_ballot b
             WHERE b.counted
            """
        )

    @api.depends("content")
    @api.depends_context("lang")
    def _compute_display_content(self):
        for rec in self:
            names = {o.id: o.name for o in rec.proposal_id.option_ids}
            rec.display_content = self.env["coop.proposal"]._coop_ballot_text(
                tally.describe_ballot(json.loads(rec.content), names)
            )

    @api.depends("proposal_id.name", "receipt")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = self.env._(
                "Ballot %(receipt)s \u2013 %(proposal)s",
                receipt=rec.receipt or "",
                proposal=rec.sudo().proposal_id.name or "",
            )
