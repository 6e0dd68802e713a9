from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CoopMeetingProxyDirection(models.Model):
    """How a member directs their proxy to vote on one agenda item."""

    _name = "coop.meeting.proxy.direction"
    _inherit = ["coop.meeting.part"]
    _description = "Proxy direction"
    _order = "attendance_id, item_id"

    attendance_id = fields.Many2one(
        "coop.meeting.attendance", required=True, ondelete="cascade", index=True
    )
    meeting_id = fields.Many2one(related="attendance_id.meeting_id", store=True, index=True)
    item_id = fields.Many2one("coop.meeting.item", string="Agenda item", required=True)
    choice = fields.Selection([("yes", "Yes"), ("no", "No"), ("abstain", "Abstain")], required=True)

    _sql_constraints = [
        ("item_once", "UNIQUE (attendance_id, item_id)", "A proxy is directed once per item.")
    ]

    @api.constrains("item_id", "attendance_id")
    def _check_item(self):
        for rec in self:
            if rec.item_id.meeting_id != rec.attendance_id.meeting_id:
                raise ValidationError(
                    self.env._("A proxy can only be directed on the items of its own meeting.")
                )
            if not rec.attendance_id.proxy_directed:
                raise ValidationError(
                    self.env._("Only a directed proxy carries directions; tick 'Directed proxy'.")
                )

    @api.depends("attendance_id.membership_id.partner_id.name", "item_id.name", "choice")
    @api.depends_context("lang")
    def _compute_display_name(self):
        choices = dict(self._fields["choice"]._description_selection(self.env))
        for rec in self:
            rec.display_name = self.env._(
                "Proxy direction of %(person)s: %(choice)s on %(item)s",
                person=rec.sudo().attendance_id.membership_id.partner_id.name or "",
                choice=choices.get(rec.choice, ""),
                item=rec.sudo().item_id.name or "",
            )
