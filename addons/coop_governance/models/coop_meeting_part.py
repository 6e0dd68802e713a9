from odoo import api, models


class CoopMeetingPart(models.AbstractModel):
    """A part of a meeting's record (an agenda item, an attendance): kept as
    it was once the meeting is over."""

    _name = "coop.meeting.part"
    _inherit = ["coop.governance.guard"]
    _description = "Part of a meeting's record"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records.meeting_id._check_record_open()
        return records

    def write(self, vals):
        self.meeting_id._check_record_open()
        result = super().write(vals)
        self.meeting_id._check_record_open()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_if_meeting_not_over(self):
        self.meeting_id._check_record_open()
