from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, format_time

from ..lib import tally


class CoopMeeting(models.Model):
    """A general assembly or board meeting, on the calendar, with its agenda,
    notice, attendance (in person, online, by proxy) and live quorum."""

    _name = "coop.meeting"
    _description = "Co-op meeting"
    _check_company_auto = True
    _inherit = ["mail.thread", "coop.governance.guard"]
    _order = "date_start desc"
    _coop_owned_fields = (
        "state",
        "event_id",
        "notice_date",
        "adjourned_from_id",
        "adjourned_to_id",
        "minutes_state",
        "minutes_proposal_id",
        "minutes_hash",
    )
    _coop_text_limits = {"name": 200, "location": 200, "videocall_url": 500}
    _coop_required_texts = ("name",)

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    kind = fields.Selection(
        [("assembly", "General assembly"), ("board", "Board meeting")],
        required=True,
        default="assembly",
    )
    decision_type_id = fields.Many2one(
        "coop.decision.type",
        string="Rules (notice, quorum, proxies)",
        required=True,
        domain="[('company_id', '=', company_id)]",
        check_company=True,
    )
    date_start = fields.Datetime(required=True, tracking=True, string="Date start")
    duration = fields.Float(default=2.0)
    location = fields.Char(tracking=True, help="Where the members meet.")
    videocall_url = fields.Char(
        string="Video link", tracking=True, help="Where members who attend online join."
    )
    emergency = fields.Boolean(string="Emergency notice", tracking=True)
    event_id = fields.Many2one("calendar.event", readonly=True, copy=False)
    notice_date = fields.Datetime(readonly=True, copy=False, tracking=True, string="Notice date")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("noticed", "Notice sent"),
            ("open", "In session"),
            ("closed", "Closed"),
            ("adjourned", "Adjourned (no quorum)"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    item_ids = fields.One2many("coop.meeting.item", "meeting_id", string="Agenda")
    attendance_ids = fields.One2many("coop.meeting.attendance", "meeting_id")
    eligible_count = fields.Integer(compute="_compute_quorum", string="Eligible count")
    attending_count = fields.Integer(compute="_compute_quorum", string="Attending count")
    quorum_met = fields.Boolean(compute="_compute_quorum", string="Quorum met")
    quorum_text = fields.Char(compute="_compute_quorum", string="Quorum")
    adjourned_from_id = fields.Many2one(
        "coop.meeting",
        string="Adjourned from",
        readonly=True,
        copy=False,
        index=True,
        check_company=True,
    )
    adjourned_to_id = fields.Many2one(
        "coop.meeting", string="Adjourned to", readonly=True, copy=False, check_company=True
    )
    minutes = fields.Html()
    minutes_state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        string="Minutes state",
    )
    minutes_proposal_id = fields.Many2one(
        "coop.proposal",
        readonly=True,
        copy=False,
        check_company=True,
        string="Minutes proposal",
    )
    minutes_hash = fields.Char(readonly=True, copy=False, string="Minutes hash")
    addendum_ids = fields.One2many(
        "coop.meeting.addendum",
        "meeting_id",
        string="Corrections",
        help="Approved minutes are never reopened: a correction is an addendum, which the "
        "members approve by a vote of its own.",
    )

    def _eligible(self):
        self.ensure_one()
        return self._coop_eligible_by_meeting().get(self.id, self.env["coop.membership"].sudo())

    def _coop_eligible_by_meeting(self, among=None):
        """``{meeting id: the memberships who may vote at it}`` for every
        meeting with a date, the rolls of all of them read together (on each
        meeting's date, under its rules). ``among``: only these memberships."""
        occasions = {
            rec.id: (
                rec.company_id.id,
                fields.Date.to_date(rec.date_start),
                rec.decision_type_id.min_member_days,
            )
            for rec in self
            if rec.date_start
        }
        Membership = self.env["coop.membership"].sudo()
        rolls = Membership._coop_voter_rolls(occasions.values(), among=among)
        return {meeting_id: rolls[key] for meeting_id, key in occasions.items()}

    @api.depends("attendance_ids.mode", "attendance_ids.revoked", "date_start")
    @api.depends_context("lang")
    def _compute_quorum(self):
        eligible_by_meeting = self.filtered("decision_type_id")._coop_eligible_by_meeting()
        for rec in self:
            eligible = len(eligible_by_meeting.get(rec.id, ()))
            attending = len(rec.attendance_ids.filtered(lambda a: not a.revoked))
            dtype = rec.decision_type_id
            rules = tally.Rules(
                quorum_basis="members",
                quorum_ratio=dtype.quorum_ratio,
                quorum_strict=dtype.quorum_strict,
                quorum_min_members=dtype.quorum_min_members,
            )
            if rec._coop_present_are_quorum():
                rules = tally.adjourned(rules)
            met, reason = tally.quorum(rules, eligible, attending, attending)
            rec.eligible_count, rec.attending_count = eligible, attending
            rec.quorum_met = met
            if not eligible:
                # A blank meeting: no "Quorum met: 0 of 0".
                rec.quorum_met = False
                rec.quorum_text = (
                    self.env._("No member may attend yet: the quorum is counted once they can.")
                    if dtype
                    else self.env._("Choose the decision type (bylaws) to count the quorum.")
                )
                continue
            rec.quorum_text = self.env["coop.proposal"]._coop_reason_text(reason)

    def _coop_minutes_when(self):
        """The meeting's start in words, in the reader's language and time
        zone: "Thursday, November 26, 2026 at 6:00 PM"."""
        self.ensure_one()
        local = fields.Datetime.context_timestamp(self, self.date_start)
        return self.env._(
            "%(day)s at %(time)s",
            day=format_date(self.env, local.date(), date_format="full"),
            time=format_time(self.env, local.time(), time_format="short"),
        )

    def _check_notice(self, now):
        """The notice period of the bylaws: at least the minimum days before
        the meeting (unless the type allows emergency notice), at most the
        maximum (governance.md: 10 to 90 days; UK 14 clear days)."""
        self.ensure_one()
        dtype = self.decision_type_id
        days = (self.date_start - now).days
        if days < dtype.notice_min_days and not (self.emergency and dtype.emergency_notice_allowed):
            raise UserError(
                self.env._(
                    "%(name)s is in %(days)s days: the bylaws ask for at least %(min)s "
                    "days' notice.",
                    name=self.name,
                    days=days,
                    min=dtype.notice_min_days,
                )
            )
        if dtype.notice_max_days and days > dtype.notice_max_days:
            raise UserError(
                self.env._(
                    "%(name)s is in %(days)s days: notice may be given at most %(max)s days "
                    "before.",
                    name=self.name,
                    days=days,
                    max=dtype.notice_max_days,
                )
            )

    def _coop_owned_message(self):
        return self.env._(
            "This is set by the meeting's own steps (notice, opening, closing, the members' "
            "approval of the minutes), never by hand."
        )

    def _check_secretary(self):
        self._coop_check_manager(self.env._("Only governance managers run meetings."))

    def action_send_notice(self):
        """Put the meeting on the calendar and send the notice with the agenda
        to every member who may attend."""
        self._check_secretary()
        now = fields.Datetime.now()
        for rec in self:
            if rec.state != "draft":
                raise UserError(self.env._("The notice of this meeting was already sent."))
            rec._check_notice(now)
            partners = rec._eligible().partner_id
            agenda = Markup("<ol>%s</ol>") % Markup().join(
                Markup("<li>%s</li>") % item.name for item in rec.item_ids
            )
            event = (
                self.env["calendar.event"]
                .sudo()
                .create(
                    {
                        "name": rec.name,
                        "start": rec.date_start,
                        "stop": rec.date_start + relativedelta(hours=rec.duration or 1),
                        "partner_ids": [(6, 0, partners.ids)],
                        "description": agenda,
                        "location": rec.location or False,
                        "videocall_location": rec.videocall_url or False,
                    }
                )
            )
            rec.message_notify(
                partner_ids=partners.ids,
                subject=self.env._("Notice of %s", rec.name),
                body=self.env._("%(name)s on %(date)s. Agenda:", name=rec.name, date=rec.date_start)
                + agenda,
            )
            # The rules announced with the notice hold for this meeting, whatever
            # changes to the bylaws later.
            rules = rec.decision_type_id._coop_freeze()
            rec.sudo().write(
                {
                    "state": "noticed",
                    "notice_date": now,
                    "event_id": event.id,
                    "decision_type_id": rules.id,
                }
            )
        return True

    def write(self, vals):
        if "minutes" in vals and any(rec.minutes_state == "approved" for rec in self):
            raise UserError(
                self.env._(
                    "Approved minutes are locked: put a correction to the members as an addendum."
                )
            )
        noticed = self.filtered(lambda m: m.state != "draft")
        if noticed and {"date_start", "decision_type_id", "company_id", "kind"} & set(vals):
            raise UserError(
                self.env._(
                    "The notice of %s is out: its date and rules no longer change (call a new "
                    "meeting instead).",
                    noticed[0].name,
                )
            )
        return super().write(vals)

    def _check_record_open(self):
        """The agenda and attendance of a closed or adjourned meeting are its record."""
        closed = self.filtered(lambda m: m.state in ("closed", "adjourned"))
        if closed:
            raise UserError(
                self.env._(
                    "%s is over: its agenda and attendance are kept as they were.", closed[0].name
                )
            )

    def _minutes_digest(self, proposal):
        """The minutes chained to the sealed vote that approved them, keyed."""
        self.ensure_one()
        return self._coop_hmac(self.id, proposal.chain_hash, self.minutes)

    def _coop_approve_minutes(self, proposal):
        """The members approved the minutes by a vote: lock them and chain
        them to that vote's sealed record."""
        for rec in self:
            rec.sudo().write(
                {
                    "minutes_state": "approved",
                    "minutes_proposal_id": proposal.id,
                    "minutes_hash": rec._minutes_digest(proposal),
                }
            )

    def action_verify(self):
        """Verify the meeting's record: every closed vote on its agenda and,
        once approved, the minutes against the vote that approved them.
        Returns a notification naming each vote and record checked."""
        verified = []
        for rec in self:
            votes = rec.item_ids.proposal_id.filtered(lambda p: p.state == "closed")
            if votes:
                verified.append(votes.action_verify()["params"]["message"])
            if rec.minutes_state == "approved":
                verified.append(rec.minutes_proposal_id.action_verify()["params"]["message"])
                if rec._minutes_digest(rec.minutes_proposal_id) != rec.minutes_hash:
                    raise UserError(
                        self.env._(
                            "The minutes of %s were changed after the members approved them.",
                            rec.name,
                        )
                    )
                verified.append(self.env._("%s: the approved minutes are unchanged.", rec.name))
            corrections = rec.addendum_ids.filtered(lambda a: a.state == "approved")
            corrections._coop_verify()
            if corrections:
                verified.append(
                    self.env._(
                        "%(name)s: the approved corrections (%(count)s) are unchanged.",
                        name=rec.name,
                        count=len(corrections),
                    )
                )
        return self.env["coop.proposal"]._coop_verified(verified)

    def action_open(self):
        self._check_secretary()
        for rec in self:
            if rec.state != "noticed":
                raise UserError(self.env._("Send the notice before opening the meeting."))
            rec.sudo().write({"state": "open"})
        return True

    def _coop_present_are_quorum(self):
        """An adjourned meeting where the bylaws make those present a quorum."""
        self.ensure_one()
        return bool(self.adjourned_from_id and self.decision_type_id.adjourned_quorum_present)

    def action_adjourn(self):
        """No quorum: adjourn the meeting and prepare the adjourned one, with
        the same agenda, at the earliest date the notice period allows (the
        secretary may move it before sending its notice)."""
        self._check_secretary()
        now = fields.Datetime.now()
        for rec in self:
            if rec.state != "open":
                raise UserError(self.env._("Only a meeting in session can be adjourned."))
            if rec.quorum_met:
                raise UserError(self.env._("The meeting has its quorum: it is not adjourned."))
            wait = rec.decision_type_id.adjourn_after_minutes
            if now < rec.date_start + relativedelta(minutes=wait):
                raise UserError(
                    self.env._(
                        "The bylaws wait %(minutes)s minutes for a quorum: the meeting can be "
                        "adjourned from %(time)s.",
                        minutes=wait,
                        time=rec.date_start + relativedelta(minutes=wait),
                    )
                )
            days = rec.decision_type_id.notice_min_days + 1
            adjourned = rec.sudo().copy(
                {
                    "name": self.env._("%s (adjourned)", rec.name),
                    "date_start": max(rec.date_start, now).replace(second=0, microsecond=0)
                    + relativedelta(days=days),
                    "adjourned_from_id": rec.id,
                    "state": "draft",
                    "minutes": False,
                    "item_ids": [
                        (0, 0, {"sequence": item.sequence, "name": item.name})
                        for item in rec.item_ids
                    ],
                }
            )
            rec.sudo().write({"state": "adjourned", "adjourned_to_id": adjourned.id})
            rec.message_post(
                body=self.env._(
                    "Adjourned for want of a quorum (%(quorum)s); to be held again: %(name)s.",
                    quorum=rec.quorum_text,
                    name=adjourned.name,
                )
            )
        return True

    def action_close(self):
        """End the meeting: its agenda and attendance are then its record,
        and it is never reopened."""
        self._check_secretary()
        if self.filtered(lambda m: m.state != "open"):
            raise UserError(
                self.env._("Only a meeting in session can be closed; a closed one stays closed.")
            )
        self.sudo().write({"state": "closed"})
        return True
