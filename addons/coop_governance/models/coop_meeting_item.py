from odoo import fields, models


class CoopMeetingItem(models.Model):
    _name = "coop.meeting.item"
    _description = "Agenda item"
    _order = "meeting_id, sequence, id"

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
