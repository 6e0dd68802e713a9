from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib import arguments


class CoopMeetingAttendance(models.Model):
    _name = "coop.meeting.attendance"
    _inherit = ["coop.meeting.part"]
    _description = "Meeting attendance"
    _order = "meeting_id, membership_id"
    _coop_owned_fields = ("revoked",)
    _coop_text_limits = {"proxy_instructions": 2000}

    meeting_id = fields.Many2one("coop.meeting", required=True, ondelete="cascade", index=True)
    membership_id = fields.Many2one("coop.membership", required=True)
    mode = fields.Selection(
        [("present", "In person"), ("online", "Online"), ("proxy", "By proxy")],
        required=True,
        default="present",
    )
    proxy_holder_id = fields.Many2one("coop.membership", string="Proxy holder")
    proxy_directed = fields.Boolean(string="Directed proxy")
    # What a proxy giver asked their holder to do, in free text: as private
    # as the proxy's directions. The column is read by system administrators
    # only; everyone else reads and writes it through ``proxy_note``.
    proxy_instructions = fields.Text(
        groups="base.group_system", string="Proxy instructions (stored)"
    )
    proxy_note = fields.Text(
        string="Proxy instructions",
        compute="_compute_proxy_note",
        inverse="_inverse_proxy_note",
        help="Read by the proxy's giver and holder, and by the secretary until the meeting closes.",
    )
    direction_ids = fields.One2many(
        "coop.meeting.proxy.direction",
        "attendance_id",
        string="Directions",
        help="A directed proxy votes as directed on these items, and on no other.",
    )
    revoked = fields.Boolean(readonly=True)

    def _coop_instructions_readable(self):
        """Like a proxy's directions: its giver, its holder, and a governance
        manager (the secretary) while the meeting has not closed."""
        self.ensure_one()
        rec = self.sudo()  # who gave and holds the proxy is no secret to its reader
        partner = self.env.user.partner_id
        if partner in (rec.membership_id.partner_id | rec.proxy_holder_id.partner_id):
            return True
        return self.env.user.has_group(
            "coop_governance.group_governance_manager"
        ) and rec.meeting_id.state in ("draft", "noticed", "open")

    @api.depends_context("uid")
    @api.depends("proxy_instructions", "membership_id", "proxy_holder_id", "meeting_id.state")
    def _compute_proxy_note(self):
        for rec in self:
            readable = rec._coop_instructions_readable()
            rec.proxy_note = rec.sudo().proxy_instructions if readable else False

    def _inverse_proxy_note(self):
        for rec in self:
            if not rec._coop_instructions_readable():
                raise AccessError(
                    self.env._(
                        "The secretary records a proxy's instructions until the meeting closes."
                    )
                )
            rec.sudo().proxy_instructions = rec.proxy_note

    _sql_constraints = [
        ("member_once", "UNIQUE (meeting_id, membership_id)", "A member attends a meeting once.")
    ]

    @api.constrains("mode", "proxy_holder_id", "membership_id")
    def _check_proxy(self):
        proxies = self.filtered(lambda a: a.mode == "proxy")
        if not proxies:
            return
        eligible = proxies.meeting_id._coop_eligible_by_meeting()
        held = {
            (meeting.id, holder.id): count
            for meeting, holder, count in self._read_group(
                [
                    ("meeting_id", "in", proxies.meeting_id.ids),
                    ("mode", "=", "proxy"),
                    ("proxy_holder_id", "in", proxies.proxy_holder_id.ids),
                    ("revoked", "=", False),
                ],
                ["meeting_id", "proxy_holder_id"],
                ["__count"],
            )
        }
        for rec in proxies:
            dtype = rec.meeting_id.decision_type_id
            if not dtype.proxies_allowed:
                raise ValidationError(
                    self.env._("The bylaws of this meeting do not allow proxies.")
                )
            holder = rec.proxy_holder_id
            if not holder or holder not in eligible.get(rec.meeting_id.id, holder.browse()):
                raise ValidationError(
                    self.env._("A proxy can only be given to a member who may vote at the meeting.")
                )
            if holder == rec.membership_id:
                raise ValidationError(self.env._("A member cannot hold their own proxy."))
            count = held.get((rec.meeting_id.id, holder.id), 0)
            if count > dtype.proxy_cap:
                raise ValidationError(
                    self.env._(
                        "%(holder)s would hold %(held)s proxies; the bylaws allow %(cap)s.",
                        holder=holder.name,
                        held=count,
                        cap=dtype.proxy_cap,
                    )
                )

    @api.model
    def _coop_my_membership(self, meeting):
        """The current user's membership among those who may attend ``meeting``."""
        mine = meeting._eligible().filtered(lambda m: m.partner_id == self.env.user.partner_id)
        if not mine:
            raise AccessError(
                self.env._("Only a member who may vote at %s can give a proxy.", meeting.name)
            )
        return mine

    @api.model
    def _coop_meeting_arg(self, meeting_id, refusal):
        """The meeting a member's call names by id, or ``refusal``."""
        meeting_id = arguments.record_id(meeting_id)
        if meeting_id is None:
            raise ValidationError(refusal)
        meeting = self.env["coop.meeting"].sudo().browse(meeting_id).exists()
        if not meeting:
            raise UserError(self.env._("This meeting does not exist."))
        return meeting

    @api.model
    def _coop_directions_arg(self, meeting, directions):
        """``directions`` (agenda item id -> "yes", "no" or "abstain"; item
        ids as numbers, or as text from a JSON object's keys) read strictly."""
        if not directions:
            return {}
        if not isinstance(directions, dict):
            raise ValidationError(self.env._("Direct your proxy on this meeting's agenda items."))
        items = {arguments.record_id(item): choice for item, choice in directions.items()}
        if len(items) != len(directions) or not set(items) <= set(meeting.item_ids.ids):
            raise ValidationError(self.env._("Direct your proxy on this meeting's agenda items."))
        if not all(choice in ("yes", "no", "abstain") for choice in items.values()):
            raise ValidationError(self.env._('Direct your proxy to vote "yes", "no" or "abstain".'))
        return items

    @api.model
    def coop_give_proxy(self, meeting_id, holder_id, directions=None):
        """A member gives their own proxy for a meeting (portal or JSON-RPC).
        ``directions`` maps agenda item ids to "yes", "no" or "abstain" and
        makes the proxy directed. Returns the attendance id."""
        meeting = self._coop_meeting_arg(
            meeting_id, self.env._("Say which meeting you give your proxy for.")
        )
        holder_id = arguments.record_id(holder_id)
        if holder_id is None:
            raise ValidationError(self.env._("Choose the member who holds your proxy."))
        mine = self._coop_my_membership(meeting)
        if meeting.state != "noticed":
            raise UserError(
                self.env._("A proxy can be given once the notice is out, until the meeting opens.")
            )
        directions = self._coop_directions_arg(meeting, directions)
        if holder_id not in meeting._eligible().ids:
            raise ValidationError(
                self.env._("A proxy can only be given to a member who may vote at the meeting.")
            )
        previous = self.sudo().search(
            [("meeting_id", "=", meeting.id), ("membership_id", "=", mine.id)]
        )
        if previous and not (previous.mode == "proxy" and previous.revoked):
            raise UserError(self.env._("Your attendance at %s is already recorded.", meeting.name))
        values = {
            "mode": "proxy",
            "proxy_holder_id": holder_id,
            "proxy_directed": bool(directions),
            "revoked": False,
            "direction_ids": [(5, 0, 0)]
            + [(0, 0, {"item_id": item, "choice": choice}) for item, choice in directions.items()],
        }
        if previous:  # a revoked proxy given again
            record = previous
            record.write(values)
        else:
            record = self.sudo().create(dict(values, meeting_id=meeting.id, membership_id=mine.id))
        return record.id

    @api.model
    def coop_revoke_my_proxy(self, meeting_id):
        """A member revokes the proxy they gave for a meeting."""
        meeting = self._coop_meeting_arg(
            meeting_id, self.env._("Say which meeting you revoke your proxy for.")
        )
        mine = self._coop_my_membership(meeting)
        proxy = self.sudo().search(
            [
                ("meeting_id", "=", meeting.id),
                ("membership_id", "=", mine.id),
                ("mode", "=", "proxy"),
                ("revoked", "=", False),
            ]
        )
        if not proxy:
            raise UserError(self.env._("You have given no proxy for %s.", meeting.name))
        return proxy.action_revoke()

    def action_revoke(self):
        """Revoke a proxy (the secretary; a member revokes their own with
        ``coop_revoke_my_proxy``)."""
        self._coop_check_manager(self.env._("Only governance managers record attendance."))
        for rec in self:
            if rec.meeting_id.state not in ("draft", "noticed"):
                raise UserError(self.env._("A proxy can be revoked only until the meeting opens."))
        self.sudo().write({"revoked": True})
        return True

    @api.depends("membership_id.partner_id.name", "meeting_id.name", "mode")
    @api.depends_context("lang")
    def _compute_display_name(self):
        modes = dict(self._fields["mode"]._description_selection(self.env))
        for rec in self:
            rec.display_name = self.env._(
                "%(person)s at %(meeting)s (%(mode)s)",
                person=rec.sudo().membership_id.partner_id.name or "",
                meeting=rec.sudo().meeting_id.name or "",
                mode=modes.get(rec.mode, "").lower(),
            )
