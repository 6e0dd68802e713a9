from odoo import api, fields, models
from odoo.exceptions import UserError


class CoopMeetingAddendum(models.Model):
    """A correction to minutes the members approved: the minutes are never
    reopened; the correction is added, and approved by a vote of its own,
    then sealed like the minutes."""

    _name = "coop.meeting.addendum"
    _description = "Correction to approved minutes"
    _check_company_auto = True
    _inherit = ["mail.thread", "coop.governance.guard"]
    _order = "meeting_id, id"
    _coop_owned_fields = ("state", "proposal_id", "addendum_hash")
    _coop_text_limits = {"name": 200}
    _coop_required_texts = ("name",)

    name = fields.Char(
        string="Correction", required=True, default=lambda self: self.env._("Correction")
    )
    meeting_id = fields.Many2one("coop.meeting", required=True, ondelete="restrict", index=True)
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    body = fields.Html(required=True, tracking=True)
    state = fields.Selection(
        [("draft", "To be approved"), ("approved", "Approved by the members")],
        string="Status",
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    proposal_id = fields.Many2one(
        "coop.proposal", string="Approved by", readonly=True, copy=False, check_company=True
    )
    addendum_hash = fields.Char(readonly=True, copy=False, string="Addendum hash")

    def _coop_owned_message(self):
        return self.env._("This is set by the members' vote on the correction, never by hand.")

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if records.filtered(lambda a: a.meeting_id.minutes_state != "approved"):
            raise UserError(
                self.env._(
                    "Minutes that are not approved yet are corrected in place; an addendum "
                    "corrects approved minutes."
                )
            )
        return records

    def write(self, vals):
        if self.filtered(lambda a: a.state == "approved") and not self.env.su:
            raise UserError(
                self.env._("An approved correction is part of the minutes: it is kept as it was.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_drafts_only(self):
        if self.filtered(lambda a: a.state != "draft"):
            raise UserError(self.env._("An approved correction is never deleted."))

    def _digest(self, proposal):
        self.ensure_one()
        return self._coop_hmac(self.meeting_id.id, self.id, proposal.chain_hash, self.body)

    def _coop_approve(self, proposal):
        """The members approved this correction by ``proposal``: seal it."""
        self.ensure_one()
        sealed = {"proposal_id": proposal.id, "addendum_hash": self._digest(proposal)}
        self.sudo().write(dict(sealed, state="approved"))

    def _coop_verify(self):
        for rec in self:
            rec.proposal_id.action_verify()
            if rec._digest(rec.proposal_id) != rec.addendum_hash:
                raise UserError(
                    self.env._(
                        "A correction to the minutes of %s was changed after the members "
                        "approved it.",
                        rec.meeting_id.name,
                    )
                )

    @api.depends("name", "meeting_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = self.env._(
                "Addendum to the minutes of %(meeting)s: %(name)s",
                meeting=rec.sudo().meeting_id.name or "",
                name=rec.name or "",
            )
