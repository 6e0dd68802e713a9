from odoo import api, fields, models


class CoopMeetingItem(models.Model):
    _name = "coop.meeting.item"
    _inherit = ["coop.meeting.part"]
    _description = "Agenda item"
    _order = "meeting_id, sequence, id"
    _coop_text_limits = {"name": 200}
    _coop_required_texts = ("name",)

    meeting_id = fields.Many2one("coop.meeting", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    proposal_id = fields.Many2one("coop.proposal")
    conflict_ids = fields.Many2many(
        "coop.membership",
        string="Conflicts of interest declared",
        help="These members leave the discussion, are not counted in this item's "
        "quorum and do not vote on it; the minutes say so.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records.proposal_id._check_agenda_change()
        return records

    def write(self, vals):
        if "proposal_id" in vals:
            proposals = self.proposal_id | self.proposal_id.browse(vals["proposal_id"])
            proposals._check_agenda_change()
        return super().write(vals)

    @api.depends("name", "meeting_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = self.env._(
                "%(item)s (agenda of %(meeting)s)",
                item=rec.name or "",
                meeting=rec.sudo().meeting_id.name or "",
            )
