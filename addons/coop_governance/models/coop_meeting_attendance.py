from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class CoopMeetingAttendance(models.Model):
    _name = "coop.meeting.attendance"
    _description = "Meeting attendance"
    _order = "meeting_id, membership_id"

    meeting_id = fields.Many2one("coop.meeting", required=True, ondelete="cascade", index=True)
    membership_id = fields.Many2one("coop.membership", required=True)
    mode = fields.Selection(
        [("present", "In person"), ("online", "Online"), ("proxy", "By proxy")],
        required=True,
        default="present",
    )
    proxy_holder_id = fields.Many2one("coop.membership", string="Proxy holder")
    proxy_directed = fields.Boolean(string="Directed proxy")
    proxy_instructions = fields.Text()
    revoked = fields.Boolean(readonly=True)

    _sql_constraints = [
        ("member_once", "UNIQUE (meeting_id, membership_id)", "A member attends a meeting once.")
    ]

    @api.constrains("mode", "proxy_holder_id", "membership_id")
    def _check_proxy(self):
        for rec in self.filtered(lambda a: a.mode == "proxy"):
            dtype = rec.meeting_id.decision_type_id
            if not dtype.proxies_allowed:
                raise ValidationError(
                    self.env._("The bylaws of this meeting do not allow proxies.")
                )
            holder = rec.proxy_holder_id
            eligible = rec.meeting_id._eligible()
            if not holder or holder not in eligible:
                raise ValidationError(
                    self.env._("A proxy can only be given to a member who may vote at the meeting.")
                )
            if holder == rec.membership_id:
                raise ValidationError(self.env._("A member cannot hold their own proxy."))
            held = self.search_count(
                [
                    ("meeting_id", "=", rec.meeting_id.id),
                    ("mode", "=", "proxy"),
                    ("proxy_holder_id", "=", holder.id),
                    ("revoked", "=", False),
                ]
            )
            if held > dtype.proxy_cap:
                raise ValidationError(
                    self.env._(
                        "%(holder)s would hold %(held)s proxies; the bylaws allow %(cap)s.",
                        holder=holder.name,
                        held=held,
                        cap=dtype.proxy_cap,
                    )
                )

    def action_revoke(self):
        for rec in self:
            if rec.meeting_id.state in ("open", "closed"):
                raise UserError(self.env._("A proxy can be revoked only until the meeting opens."))
        self.write({"revoked": True})
        return True
