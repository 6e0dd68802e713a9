import hashlib
import hmac
import json
import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.misc import formatLang

from ..lib import arguments, tally

METHODS = [
    ("yes_no", "Yes / no / abstain"),
    ("approval", "Approval"),
    ("irv", "Ranked choice, one seat (instant runoff)"),
    ("stv", "Ranked choice, several seats (STV, Droop quota)"),
]


def sha256(*parts):
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()


class CoopProposal(models.Model):
    """A question put to the members: the roll is frozen when it opens, each
    member on it casts one counted ballot, and once closed the roll, ballots
    and result are immutable and linked by a hash chain."""

    _name = "coop.proposal"
    _description = "Proposal (a question put to the members)"
    _check_company_auto = True
    _inherit = ["mail.thread", "coop.governance.guard"]
    _order = "date_close desc, id desc"
    _coop_owned_fields = (
        "state",
        "seed",
        "conflict_ids",
        "reminder_sent",
        "adopted",
        "result_summary",
        "result_json",
        "roll_hash",
        "ballots_hash",
        "result_hash",
        "chain_hash",
        "sealed_record",
    )
    _coop_text_limits = {"name": 200, "early_close_reason": 1000, "notice_reasons": 10000}
    _coop_required_texts = ("name",)

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    description = fields.Html()
    decision_type_id = fields.Many2one(
        "coop.decision.type",
        required=True,
        domain="[('company_id', '=', company_id)]",
        tracking=True,
        check_company=True,
        string="Decision type",
    )
    mover_id = fields.Many2one("coop.membership", string="Moved by", check_company=True)
    seconder_id = fields.Many2one("coop.membership", string="Seconded by", check_company=True)
    parent_id = fields.Many2one(
        "coop.proposal", string="Amendment of", index=True, check_company=True
    )
    method = fields.Selection(METHODS, required=True, default="yes_no", tracking=True)
    action = fields.Selection(
        [
            ("none", "None"),
            ("admission", "Admit a candidate"),
            ("expulsion", "Expel a member"),
            ("minutes", "Approve a meeting's minutes"),
            ("addendum", "Approve a correction to approved minutes"),
        ],
        string="Acts on the register",
        default="none",
        required=True,
        tracking=True,
        help="Adopted, the decision moves the membership: admission makes the "
        "candidate a member-owner; expulsion ends the membership (expelled).",
    )
    subject_membership_id = fields.Many2one(
        "coop.membership",
        string="Concerning",
        tracking=True,
        help="The member this decision is about (their admission, expulsion, pay...): "
        "recused from the vote for a conflict of interest.",
        check_company=True,
    )
    meeting_id = fields.Many2one(
        "coop.meeting",
        string="Minutes of",
        tracking=True,
        help="For approving minutes.",
        check_company=True,
    )
    addendum_id = fields.Many2one(
        "coop.meeting.addendum",
        string="Correction",
        tracking=True,
        help="For approving a correction to minutes the members already approved.",
        check_company=True,
    )
    conflict_ids = fields.Many2many(
        "coop.membership",
        string="Recused (conflict of interest)",
        readonly=True,
        copy=False,
        help="Declared a conflict of interest on the agenda item holding this proposal: "
        "left out of its roll, quorum and vote.",
    )
    notice_date = fields.Date(
        string="Written notice given",
        tracking=True,
        help="Expulsion: the date the member received the written notice with the reasons.",
    )
    notice_reasons = fields.Text(string="Reasons given")
    hearing_date = fields.Date(
        tracking=True, help="Expulsion: the member's hearing.", string="Hearing date"
    )
    reminder_days = fields.Integer(string="Remind non-voters (days before the close)", default=2)
    reminder_sent = fields.Boolean(readonly=True, copy=False, string="Reminder sent")
    seats = fields.Integer(default=1)
    option_ids = fields.One2many("coop.proposal.option", "proposal_id", string="Candidates")
    secret = fields.Boolean(string="Secret ballot", tracking=True)
    results_hidden = fields.Boolean(
        string="Hide results until the close",
        help="Otherwise members and managers see the running count while the vote is open. "
        "A secret ballot always hides it: watching the count move as one member "
        "votes would reveal that member's ballot.",
    )
    running_count = fields.Text(
        compute="_compute_running_count",
        help="The count so far of an open vote whose results are not hidden.",
        string="Running count",
    )
    record_date = fields.Date(
        default=fields.Date.context_today, required=True, string="Record date"
    )
    date_open = fields.Datetime(string="Opens")
    date_close = fields.Datetime(string="Closes", required=True)
    state = fields.Selection(
        [("draft", "Draft"), ("open", "Open"), ("closed", "Closed"), ("annulled", "Annulled")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        help="Annulled: a secret vote that closed with fewer ballots than the bylaws' "
        "minimum; its result and ballots stay sealed.",
    )
    roll_ids = fields.One2many("coop.vote.roll", "proposal_id", string="Voter roll", readonly=True)
    ballot_ids = fields.One2many("coop.ballot", "proposal_id", readonly=True)
    published_ballot_ids = fields.Many2many(
        "coop.ballot.published",
        string="Published ballots",
        compute="_compute_published_ballot_ids",
        help="The counted ballots with their receipts, published after the close.",
    )
    roll_count = fields.Integer(compute="_compute_counts", string="Roll count")
    voted_count = fields.Integer(compute="_compute_counts", string="Voted count")
    seed = fields.Char(readonly=True, copy=False, help="Seed of any recorded tie-break draw.")
    early_close_reason = fields.Char(
        copy=False,
        help="Needed to close the vote before its closing date.",
        string="Early close reason",
    )
    adopted = fields.Boolean(readonly=True, copy=False)
    result_summary = fields.Text(readonly=True, copy=False, string="Result summary")
    result_json = fields.Text(readonly=True, copy=False, string="Result JSON")
    roll_hash = fields.Char(readonly=True, copy=False, string="Roll hash")
    ballots_hash = fields.Char(readonly=True, copy=False, string="Ballots hash")
    result_hash = fields.Char(readonly=True, copy=False, string="Result hash")
    chain_hash = fields.Char(readonly=True, copy=False, string="Chain hash")
    sealed_record = fields.Text(
        readonly=True,
        copy=False,
        help="The question and its result exactly as sealed at the close (the result hash "
        "covers this text).",
        string="Sealed record",
    )

    # ------------------------------------------------------------------
    # Smart buttons and the managers' overview
    # ------------------------------------------------------------------
    def _coop_roll_list(self, title, domain):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": "coop.vote.roll",
            "view_mode": "list",
            "domain": [("proposal_id", "=", self.id), *domain],
            "context": {"create": False, "delete": False},
        }

    def action_view_roll(self):
        """The frozen voter roll: who may vote."""
        return self._coop_roll_list(self.env._("Voter roll of %s", self.name), [])

    def action_view_voted(self):
        """The members who voted (that they voted, never how)."""
        return self._coop_roll_list(
            self.env._("Votes cast on %s", self.name), [("voted", "=", True)]
        )

    @api.model
    def _coop_overview_open_votes(self):
        """Votes open now; the ones closing within three days need a push."""
        domain = [("state", "=", "open")]
        soon = fields.Datetime.now() + timedelta(days=3)
        count = self.search_count(domain)
        closing = self.search_count([*domain, ("date_close", "<=", soon)]) if count else 0
        return {
            "domain": domain,
            "value": count,
            "note": self.env._("%s closing within three days", closing) if closing else "",
            "tone": "warning" if closing else "ok",
            "action": "coop_governance.action_coop_proposal",
        }

    @api.depends("roll_ids.voted")
    def _compute_counts(self):
        for rec in self:
            rec.roll_count = len(rec.roll_ids)
            rec.voted_count = len(rec.roll_ids.filtered("voted"))

    @api.depends("state", "ballot_ids.counted")
    def _compute_published_ballot_ids(self):
        Published = self.env["coop.ballot.published"]
        for rec in self:
            proposal_id = rec._origin.id
            rec.published_ballot_ids = proposal_id and Published.search(
                [("proposal_id", "=", proposal_id)]
            )

    @api.depends("state", "results_hidden", "secret", "roll_ids.voted")
    @api.depends_context("lang")
    def _compute_running_count(self):
        for rec in self:
            rec.running_count = False
            if rec.state != "open" or rec.results_hidden or rec.secret:
                continue
            contents = [json.loads(b.content) for b in rec._counted_ballots()]
            names = {str(o.id): o.name for o in rec.option_ids}
            counts = tally.running_count(contents)
            shown = ", ".join(
                f"{names.get(str(key)) or self._coop_ballot_text(('choice', key))}: {votes}"
                for key, votes in sorted(counts.items(), key=lambda kv: -kv[1])
            )
            rec.running_count = self.env._(
                "%(voted)s of %(roll)s have voted. %(counts)s",
                voted=len(contents),
                roll=len(rec.roll_ids),
                counts=shown,
            )

    @api.constrains("date_open", "date_close")
    def _check_dates(self):
        for rec in self:
            if rec.date_open and rec.date_close and rec.date_close <= rec.date_open:
                raise ValidationError(
                    self.env._(
                        "%(name)s closes before it opens (%(close)s, before %(open)s).",
                        name=rec.name,
                        close=rec.date_close,
                        open=rec.date_open,
                    )
                )

    @api.constrains("parent_id", "seconder_id", "mover_id", "decision_type_id", "seats", "method")
    def _check_motion(self):
        for rec in self:
            depth, parent = 0, rec.parent_id
            while parent:
                depth, parent = depth + 1, parent.parent_id
            if depth > 2:
                raise ValidationError(
                    self.env._("An amendment can amend an amendment, but no deeper.")
                )
            if rec.seconder_id and rec.seconder_id == rec.mover_id:
                raise ValidationError(self.env._("The mover cannot second their own motion."))
            if rec.seats < 1:
                raise ValidationError(
                    self.env._("A vote fills at least one seat, not %s.", rec.seats)
                )
            if rec.method == "stv" and rec.seats < 2:
                raise ValidationError(self.env._("A single transferable vote fills several seats."))

    def _coop_owned_message(self):
        return self.env._("This is set by opening and closing the vote, never by hand.")

    def write(self, vals):
        # A closed or annulled vote is its sealed record: nobody changes it, not
        # even the vote's own methods. An open one changes only through them.
        if any(rec.state in ("closed", "annulled") for rec in self) and set(vals) - {
            "message_main_attachment_id"
        }:
            raise UserError(self.env._("A closed vote cannot be changed."))
        if (
            not self.env.su
            and any(rec.state == "open" for rec in self)
            and set(vals) - {"description", "early_close_reason"}
        ):
            raise UserError(self.env._("An open vote cannot be changed; close it first."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_drafts_only(self):
        if any(rec.state != "draft" for rec in self):
            raise UserError(self.env._("Only a draft proposal can be deleted."))

    # ------------------------------------------------------------------
    def _check_manager(self):
        self._coop_check_manager(self.env._("Only governance managers open and close votes."))

    def action_open(self):
        """Open the vote: freeze the roll of members eligible on the record
        date, with a hash over it."""
        self._check_manager()
        for rec in self:
            if rec.state != "draft":
                raise UserError(self.env._("This vote is already open or closed."))
            rec._check_open_dates()
            if rec.decision_type_id.seconder_required and not rec.seconder_id:
                raise UserError(self.env._("This kind of decision needs a seconder."))
            rec._check_due_process()
            rec._check_written_ballot_period()
            rec._check_at_meeting()
            if rec.method != "yes_no" and len(rec.option_ids) < 2:
                raise UserError(self.env._("List at least two candidates or options."))
            # The bylaws as they stand now decide this vote, whatever changes later.
            rules = rec.decision_type_id._coop_freeze()
            roll = (
                self.env["coop.membership"]
                .sudo()
                ._coop_voter_roll(rec.record_date, company=rec.company_id, decision_type=rules)
            )
            # Conflict of interest: recused members are not counted and do not vote.
            conflicts = rec._coop_agenda_item().conflict_ids
            # The member a decision concerns (their admission, expulsion, pay...)
            # does not vote on it: a conflict the register itself shows.
            conflicts |= rec.subject_membership_id
            conflicts &= roll
            roll -= conflicts
            if not roll:
                raise UserError(self.env._("Nobody may vote on the record date."))
            rec.env["coop.vote.roll"].sudo().create(
                [{"proposal_id": rec.id, "membership_id": m.id} for m in roll]
            )
            rec.sudo().write(
                {
                    "state": "open",
                    "decision_type_id": rules.id,
                    "date_open": rec.date_open or fields.Datetime.now(),
                    "seed": secrets.token_hex(16),
                    "roll_hash": sha256(rec.record_date, *sorted(roll.ids)),
                    "conflict_ids": [(6, 0, conflicts.ids)],
                }
            )
        return True

    def _check_open_dates(self):
        """A vote opens on its opening date, before its closing date."""
        self.ensure_one()
        now = fields.Datetime.now()
        if self.date_close <= now:
            raise UserError(
                self.env._(
                    "The closing date has passed (%s): set a new one before opening the vote.",
                    self.date_close,
                )
            )
        if self.date_open and self.date_open > now:
            raise UserError(
                self.env._(
                    "This vote opens on %s: open it then, or clear the opening date to open "
                    "it now.",
                    self.date_open,
                )
            )

    def _check_written_ballot_period(self):
        """A vote held outside a meeting is a written ballot: it must reach
        the members the bylaws' number of days before it closes
        (governance.md, California sample: at least 10 days)."""
        self.ensure_one()
        days = self.decision_type_id.ballot_min_days
        if not days or self._coop_agenda_item():
            return
        opens = max(self.date_open or fields.Datetime.now(), fields.Datetime.now())
        if self.date_close - opens < timedelta(days=days):
            raise UserError(
                self.env._(
                    "A written ballot must reach the members at least %(days)s days before "
                    "it closes (bylaws: %(type)s); this one closes on %(close)s.",
                    days=days,
                    type=self.decision_type_id.name,
                    close=self.date_close,
                )
            )

    def _check_at_meeting(self):
        """Some decisions are taken only at a meeting in session (governance.md,
        California sample: an expulsion needs 75% of members at a meeting with
        quorum)."""
        self.ensure_one()
        if not self.decision_type_id.meeting_required:
            return
        item = self._coop_agenda_item()
        if not item or item.meeting_id.state != "open":
            raise UserError(
                self.env._(
                    "A decision of the type %s is taken at a meeting: put it on the agenda "
                    "of a meeting and open the vote once the meeting is in session.",
                    self.decision_type_id.name,
                )
            )

    def _check_due_process(self):
        """Admission and expulsion act on the register: check their conditions
        before the vote opens (governance.md: expulsion needs 15 days' written
        notice with reasons and a hearing at least 5 days before it takes
        effect; the numbers are the decision type's)."""
        self.ensure_one()
        subject = self.subject_membership_id
        if self.action == "none":
            return
        if self.action == "minutes":
            if not self.meeting_id or not self.meeting_id.minutes:
                raise UserError(self.env._("Say which meeting's minutes are approved."))
            if self.meeting_id.minutes_state == "approved":
                raise UserError(
                    self.env._(
                        "These minutes are already approved; put a correction to the members "
                        "as an addendum."
                    )
                )
            return
        if self.action == "addendum":
            if not self.addendum_id or self.addendum_id.state != "draft":
                raise UserError(self.env._("Say which draft correction the members approve."))
            return
        if not subject:
            raise UserError(self.env._("Say which membership this decision concerns."))
        if self.method != "yes_no":
            raise UserError(self.env._("Admissions and expulsions are yes / no votes."))
        if self.action == "admission":
            if subject.state != "candidate" or not subject.candidacy_rule_met:
                raise UserError(
                    self.env._(
                        "%(who)s is not a candidate who meets the candidacy rule (%(summary)s).",
                        who=subject.name,
                        summary=subject.candidacy_summary,
                    )
                )
            return
        if subject.state != "member":
            raise UserError(self.env._("Only a member-owner can be expelled."))
        notice_days = self.decision_type_id.notice_min_days
        opens = (self.date_open or fields.Datetime.now()).date()
        if not self.notice_date or not self.notice_reasons:
            raise UserError(
                self.env._("An expulsion needs the written notice: its date and reasons.")
            )
        if (opens - self.notice_date).days < notice_days:
            raise UserError(
                self.env._(
                    "The member must have %(days)s days' written notice before the vote; "
                    "notice was given on %(date)s.",
                    days=notice_days,
                    date=self.notice_date,
                )
            )
        if not self.hearing_date or (self.date_close.date() - self.hearing_date).days < 5:
            raise UserError(
                self.env._("The member's hearing must be at least 5 days before the vote closes.")
            )

    def _act_on_register(self):
        """Carry out an adopted admission or expulsion."""
        for rec in self.filtered(lambda p: p.adopted and p.action != "none"):
            membership = rec.subject_membership_id.sudo()
            note = self.env._("Decided by the members: %s", rec.name)
            if rec.action == "minutes":
                rec.meeting_id.sudo()._coop_approve_minutes(rec)
            elif rec.action == "addendum":
                rec.addendum_id.sudo()._coop_approve(rec)
            elif rec.action == "admission":
                membership._coop_transition("member", note=note)
            else:
                membership._coop_end_membership(
                    fields.Date.context_today(self), "expelled", note=note
                )

    @api.model
    def _cron_remind_voters(self, batch_size=50):
        """Email the members on the roll who have not voted, N days before
        the close (no content of the vote beyond its title), in the vote's
        company. Only the open votes not yet reminded are read, at most
        ``batch_size`` due ones a call; the cron is told how many are left."""
        now = fields.Datetime.now()
        template = self.env.ref("coop_governance.mail_template_vote_reminder")
        due = self.search(
            [("state", "=", "open"), ("reminder_sent", "=", False), ("reminder_days", ">", 0)],
            order="date_close, id",
        ).filtered(lambda p: (p.date_close - now).days <= p.reminder_days)
        batch = due[:batch_size] if batch_size else due
        for company, proposals in batch.grouped("company_id").items():
            for proposal in proposals.with_company(company):
                partners = proposal.roll_ids.filtered(lambda r: not r.voted).partner_id
                # One message per language and time zone, written from the template.
                for (lang, tz), group in partners.grouped(lambda p: (p.lang, p.tz)).items():
                    rendering = template.with_context(tz=tz or self.env.context.get("tz"))
                    rendered = {
                        name: rendering._render_field(
                            name, proposal.ids, set_lang=lang or self.env.lang
                        )[proposal.id]
                        for name in ("subject", "body_html")
                    }
                    proposal.message_notify(
                        partner_ids=group.ids,
                        subject=rendered["subject"],
                        body=rendered["body_html"],
                    )
                proposal.sudo().write({"reminder_sent": True})
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=len(due) - len(batch))

    def _voter_token(self, membership):
        """Links a member to their ballot for the uniqueness guarantee only:
        a keyed hash that nobody without the database secret can recompute."""
        key = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        return hmac.new(key.encode(), f"{self.id}|{membership.id}".encode(), "sha256").hexdigest()

    def _my_roll_line(self):
        """The current user's line on this proposal's roll (one query)."""
        self.ensure_one()
        return (
            self.env["coop.vote.roll"]
            .sudo()
            .search_fetch(
                [("proposal_id", "=", self.id), ("partner_id.user_ids", "=", self.env.uid)],
                ["membership_id", "voted"],
                limit=1,
                order="id",
            )
        )

    def _check_agenda_change(self):
        """Whether a vote is taken at a meeting decides its proxies, who is
        present and its written-ballot period: fixed once the vote opens."""
        opened = self.filtered(lambda p: p.state != "draft")
        if opened:
            raise UserError(
                self.env._(
                    "%s is already open or closed: put a proposal on the agenda (or take it "
                    "off) before its vote opens.",
                    opened[0].name,
                )
            )

    def _coop_agenda_item(self):
        """The agenda item holding this proposal, if it is put to a meeting."""
        self.ensure_one()
        return self.env["coop.meeting.item"].sudo().search([("proposal_id", "=", self.id)], limit=1)

    def _coop_standing_proxy(self, membership):
        """The proxy ``membership`` gave for a meeting in session (or over)
        that holds this proposal on its agenda (revocable until it opens)."""
        Attendance = self.env["coop.meeting.attendance"].sudo()
        if not self.decision_type_id.proxies_allowed:
            return Attendance
        return Attendance.search_fetch(
            [
                ("meeting_id.item_ids.proposal_id", "=", self.id),
                ("meeting_id.state", "in", ("open", "closed")),
                ("membership_id", "=", membership.id),
                ("mode", "=", "proxy"),
                ("revoked", "=", False),
            ],
            ["meeting_id", "proxy_holder_id"],
            limit=1,
            order="id",
        )

    def _coop_proxy_grant(self, grantor_id):
        """The proxy of membership ``grantor_id`` that the current user holds
        at the meeting in session that holds this proposal (one query), or a
        clear refusal."""
        grant = self.env["coop.meeting.attendance"].sudo()
        if self.decision_type_id.proxies_allowed:
            grant = grant.search_fetch(
                [
                    ("meeting_id.item_ids.proposal_id", "=", self.id),
                    ("meeting_id.state", "=", "open"),
                    ("membership_id", "=", grantor_id),
                    ("mode", "=", "proxy"),
                    ("revoked", "=", False),
                    ("proxy_holder_id.partner_id.user_ids", "=", self.env.uid),
                ],
                ["meeting_id", "membership_id", "proxy_holder_id", "proxy_directed"],
                limit=1,
                order="id",
            )
        if grant:
            return grant
        # Refused: say why, in the order a member would ask.
        item = self._coop_agenda_item()
        if not item:
            raise UserError(
                self.env._("Proxies vote on a meeting's agenda; this proposal is on none.")
            )
        if not self.decision_type_id.proxies_allowed:
            raise UserError(
                self.env._(
                    "The bylaws do not allow proxies for this decision (%s).",
                    self.decision_type_id.name,
                )
            )
        if item.meeting_id.state != "open":
            raise UserError(self.env._("A proxy votes while its meeting is in session."))
        raise AccessError(
            self.env._(
                "You hold no proxy of %(who)s for %(meeting)s.",
                who=self.env["coop.membership"].sudo().browse(grantor_id).exists().name,
                meeting=item.meeting_id.name,
            )
        )

    def action_cast(self, choice=None, ranking=None, approvals=None, on_behalf_of=None):
        """Cast (or change) the current user's ballot, or, with
        ``on_behalf_of`` (a membership id), the ballot of a member whose
        proxy the user holds at the meeting this proposal is put to.
        Returns the receipt.

        Who may vote is decided here, by the frozen roll and the proxies
        (never by what the user may read), so the method reads as the
        system: a ballot costs a few queries (tests/test_cast.py)."""
        self.ensure_one()
        grantor_id = None
        if on_behalf_of is not None and on_behalf_of is not False:
            grantor_id = arguments.record_id(on_behalf_of)
            if grantor_id is None:
                raise ValidationError(
                    self.env._("Say for which member you vote by proxy (their membership's id).")
                )
        proposal = self.sudo()
        if proposal.state != "open" or fields.Datetime.now() > proposal.date_close:
            raise UserError(self.env._("This vote is closed: no more ballots."))
        content = proposal._ballot_content(choice, ranking, approvals)
        Roll = self.env["coop.vote.roll"].sudo()
        if grantor_id:
            grant = proposal._coop_proxy_grant(grantor_id)
            line = Roll.search_fetch(
                [("proposal_id", "=", self.id), ("membership_id", "=", grantor_id)],
                ["membership_id", "voted"],
                limit=1,
                order="id",
            )
            if not line:
                raise AccessError(
                    self.env._("%s is not on the roll of this vote.", grant.membership_id.name)
                )
            if grant.proxy_directed:
                proposal._coop_check_direction(grant, content)
        else:
            grant = self.env["coop.meeting.attendance"]
            line = proposal._my_roll_line()
            if not line:
                raise AccessError(
                    self.env._("You are not on the roll of this vote, so you cannot vote on it.")
                )
            given = proposal._coop_standing_proxy(line.membership_id)
            if given:
                raise UserError(
                    self.env._(
                        "You gave your proxy for %(meeting)s to %(holder)s, who votes for you.",
                        meeting=given.meeting_id.name,
                        holder=given.proxy_holder_id.name,
                    )
                )
        receipt = proposal._coop_record_ballot(line, grant.proxy_holder_id, content)
        if not receipt:
            raise UserError(
                self.env._(
                    "%s has voted already, and ballots cannot be changed.",
                    line.membership_id.name,
                )
                if grantor_id
                else self.env._("You have voted already, and ballots cannot be changed.")
            )
        return receipt

    def _coop_check_direction(self, grant, content):
        """A directed proxy votes as directed on this proposal's item, and
        only there."""
        direction = (
            self.env["coop.meeting.proxy.direction"]
            .sudo()
            .search_fetch(
                [("attendance_id", "=", grant.id), ("item_id.proposal_id", "=", self.id)],
                ["choice"],
                limit=1,
                order="id",
            )
        )
        grantor = grant.membership_id.name
        if not direction:
            raise UserError(
                self.env._("%s directed their proxy on other items, not on this one.", grantor)
            )
        if content != {"choice": direction.choice}:
            raise UserError(
                self.env._(
                    '%(who)s directed their proxy to vote "%(choice)s" on this item.',
                    who=grantor,
                    choice=direction.choice,
                )
            )

    def _coop_record_ballot(self, line, holder, content):
        """Record ``content`` as the counted ballot of roll ``line`` (cast by
        the proxy ``holder``, a membership, if any), mark the line voted and
        return the receipt; None when the member has a counted ballot and
        the bylaws do not let it change.

        In SQL, one statement (two to change a ballot): the ballot table is
        the system's alone and this is its only writer. The database keeps
        one counted ballot per member: its exclusion constraint decides, and
        a ballot sent twice at once is not inserted twice (under Odoo's
        repeatable read, PostgreSQL reports the second as a serialization
        failure and Odoo retries the request, which then sees the first).
        A failed statement is never logged: it holds the ballot and the
        voter's token."""
        change = self.decision_type_id.ballot_change_allowed
        if line.voted and not change:
            return None
        token = self._voter_token(line.membership_id)
        receipt = secrets.token_hex(8)
        # A secret ballot names nobody, not even a proxy holder: with few
        # proxies, "cast by proxy" alone would point at the member.
        named = not self.secret
        self.env["coop.ballot"].flush_model()
        self.env["coop.vote.roll"].flush_model()
        cr = self.env.cr
        for retire_previous in (line.voted, True):
            if retire_previous:
                cr.execute(
                    SQL(
                        "UPDATE coop_ballot SET counted = FALSE"
                        " WHERE proposal_id = %s AND voter_token = %s AND counted",
                        self.id,
                        token,
                    ),
                    log_exceptions=False,
                )
            cr.execute(
                SQL(
                    """
                    WITH ballot AS (
                        INSERT INTO coop_ballot (proposal_id, company_id, voter_token,
                                                 membership_id, proxy_holder_id, receipt,
                                                 content, counted)
                        VALUES (%s, %s, %s, %s, %s, %s, %s, TRUE)
                        ON CONFLICT ON CONSTRAINT coop_ballot_one_counted_ballot DO NOTHING
                        RETURNING id
                    )
                    UPDATE coop_vote_roll SET voted = TRUE, proxy_holder_id = %s
                     WHERE id = %s AND EXISTS (SELECT FROM ballot)
                    """,
                    self.id,
                    self.company_id.id,
                    token,
                    (named and line.membership_id.id) or None,
                    (named and holder.id) or None,
                    receipt,
                    json.dumps(content, sort_keys=True),
                    holder.id or None,
                    line.id,
                ),
                log_exceptions=False,
            )
            if cr.rowcount or not change:
                break
            # A counted ballot the roll did not show (recorded by a
            # transaction that read committed): the last one counts.
        self.env["coop.ballot"].invalidate_model()
        line.invalidate_recordset(["voted", "proxy_holder_id"])
        self.invalidate_recordset()
        return receipt if cr.rowcount else None

    def _ballot_content(self, choice, ranking, approvals):
        if self.method == "yes_no":
            allowed = ["yes", "no", "abstain"] + (
                ["block"] if self.decision_type_id.consensus else []
            )
            if not isinstance(choice, str) or choice not in allowed:
                raise ValidationError(self.env._("Vote one of: %s.", ", ".join(allowed)))
            return {"choice": choice}
        options = set(self.option_ids.ids)
        if self.method == "approval":
            approvals = [] if approvals is None else arguments.id_list(approvals)
            if approvals is None:
                raise ValidationError(
                    self.env._("Give your approvals as a list of the candidates of this vote.")
                )
            if len(set(approvals)) != len(approvals) or not set(approvals) <= options:
                raise ValidationError(
                    self.env._("Approve each candidate of this vote at most once.")
                )
            return {"approvals": sorted(approvals)}
        ranking = [] if ranking is None else arguments.id_list(ranking)
        if ranking is None:
            raise ValidationError(
                self.env._(
                    "Give your ranking as a list of the candidates of this vote, "
                    "first choice first."
                )
            )
        error = tally.validate_ranking(ranking, options)
        if error:
            raise ValidationError(self._coop_ranking_error_text(error))
        if not ranking:
            raise ValidationError(self.env._("Rank at least one candidate."))
        return {"ranking": ranking}

    def action_close(self, reason=None):
        """Close, tally and seal the vote (roll -> ballots -> result, keyed),
        or annul a secret vote with too few ballots to keep them secret."""
        self._check_manager()
        now = fields.Datetime.now()
        for rec in self:
            reason = reason or rec.early_close_reason
            if rec.state != "open":
                raise UserError(self.env._("Only an open vote can be closed."))
            early = now < rec.date_close
            if early and not reason:
                raise UserError(
                    self.env._(
                        "This vote closes on %s; closing it early needs the manager's reason.",
                        rec.date_close,
                    )
                )
            short = rec._coop_secret_too_few()
            if short and early:
                raise UserError(
                    self.env._(
                        "Only %(cast)s ballot(s) were cast on this secret vote, and the bylaws "
                        "publish a secret result from at least %(min)s ballots: a smaller count "
                        "would show how those members voted. Keep it open until %(close)s; "
                        "if it is still short then, it is annulled.",
                        cast=short[0],
                        min=short[1],
                        close=rec.date_close,
                    )
                )
            result = rec._coop_annulment(*short) if short else rec._tally()
            if rec.conflict_ids:
                result["reasons"].insert(
                    0,
                    self.env._(
                        "Recused for a conflict of interest (not counted, did not vote): %s.",
                        ", ".join(rec.conflict_ids.mapped("name")),
                    ),
                )
            closed = {}
            if early:
                # A vote closed early closed now: its closing date is when it
                # closed (sealed with it), never a day still to come.
                opened = rec.date_open or now
                closed["date_close"] = max(now, opened + timedelta(seconds=1))
            rec.sudo().write(
                {
                    **closed,
                    "early_close_reason": reason if early else False,
                    "adopted": result["adopted"],
                    "result_summary": "\n".join(result["reasons"]),
                    "result_json": json.dumps(result, sort_keys=True, default=str),
                }
            )
            rec._coop_seal("annulled" if short else "closed")
        self._act_on_register()
        return True

    def _coop_secret_too_few(self):
        """``(ballots cast, minimum)`` when a secret vote has fewer counted
        ballots than the bylaws' minimum to publish its result, else ()."""
        self.ensure_one()
        minimum = self.decision_type_id.secret_min_ballots
        cast = len(self._counted_ballots())
        return (cast, minimum) if self.secret and cast < minimum else ()

    def _coop_annulment(self, cast, minimum):
        return {
            "adopted": False,
            "annulled": True,
            "reasons": [
                self.env._(
                    "The vote is annulled: %(cast)s ballot(s) were cast, fewer than the "
                    "%(min)s the bylaws need to publish a secret result. Its ballots stay "
                    "sealed.",
                    cast=cast,
                    min=minimum,
                )
            ],
        }

    def _coop_sealed_result(self, state=None):
        """Every field of the result and of the question it answers, as sealed
        at the close: changing any of them breaks the seal."""
        self.ensure_one()
        return {
            "name": self.name,
            "company": self.company_id.id,
            "method": self.method,
            "action": self.action,
            "subject": self.subject_membership_id.id,
            "meeting": self.meeting_id.id,
            "addendum": self.addendum_id.id,
            "bylaws": self.decision_type_id._coop_rule_values(),
            "seats": self.seats,
            "secret": self.secret,
            "options": [(o.id, o.name, o.membership_id.id) for o in self.option_ids],
            "record_date": self.record_date,
            "date_open": self.date_open,
            "date_close": self.date_close,
            "early_close_reason": self.early_close_reason or "",
            "seed": self.seed or "",
            "conflicts": sorted(self.conflict_ids.ids),
            "state": state or self.state,
            "adopted": self.adopted,
            "summary": self.result_summary or "",
            "result": self.result_json or "",
        }

    def _coop_sealed_text(self, state=None):
        return json.dumps(self._coop_sealed_result(state), sort_keys=True, default=str)

    def _coop_seal_hashes(self, sealed_text):
        """(ballots hash, result hash, chain hash) of ``sealed_text``: the last
        two keyed with the co-op's seal key, which only the system reads."""
        ballots_hash = self._ballots_hash()
        result_hash = self._coop_hmac(ballots_hash, sealed_text)
        return ballots_hash, result_hash, self._coop_hmac(self.roll_hash, ballots_hash, result_hash)

    def _coop_seal(self, state):
        """Seal the closed vote and post the seal to its chatter at once, as
        the co-op's system (a record nobody edits afterwards)."""
        self.ensure_one()
        sealed_text = self._coop_sealed_text(state)
        ballots_hash, result_hash, chain_hash = self._coop_seal_hashes(sealed_text)
        self.sudo().write(
            {
                "state": state,
                "sealed_record": sealed_text,
                "ballots_hash": ballots_hash,
                "result_hash": result_hash,
                "chain_hash": chain_hash,
            }
        )
        self._coop_post_seal()

    def _coop_sealed_changes(self):
        """The sealed fields whose value is no longer the one sealed (fields
        added to the seal by later versions are compared from then on)."""
        self.ensure_one()
        sealed = json.loads(self.sealed_record or "{}")
        now = json.loads(self._coop_sealed_text())
        changed = []
        for key, value in sorted(sealed.items()):
            current = now.get(key)
            if isinstance(value, dict) and isinstance(current, dict):
                if any(current.get(k) != v for k, v in value.items()):
                    changed.append(key)
            elif current != value:
                changed.append(key)
        return changed

    def _coop_post_seal(self):
        """Post the seal to the chatter, written by the system (nobody edits
        the system's notes but a system administrator)."""
        self.ensure_one()
        self.sudo().message_post(
            body=self.env._(
                "Sealed at the close. Roll: %(roll)s. Ballots: %(ballots)s. Result: "
                "%(result)s. Chain: %(chain)s.",
                roll=self.roll_hash,
                ballots=self.ballots_hash,
                result=self.result_hash,
                chain=self.chain_hash,
            ),
            author_id=self.env.ref("base.partner_root").id,
            message_type="notification",
            subtype_xmlid="mail.mt_note",
        )

    def _counted_ballots(self):
        self.ensure_one()
        return (
            self.env["coop.ballot"]
            .sudo()
            .search([("proposal_id", "=", self.id), ("counted", "=", True)], order="receipt")
        )

    def _ballots_hash(self):
        return sha256(*(f"{b.receipt}:{b.content}" for b in self._counted_ballots()))

    def _tally(self):
        self.ensure_one()
        dtype = self.decision_type_id
        rules = tally.Rules(
            quorum_basis=dtype.quorum_basis,
            quorum_ratio=dtype.quorum_ratio,
            quorum_strict=dtype.quorum_strict,
            quorum_min_members=dtype.quorum_min_members,
            threshold_basis=dtype.threshold_basis,
            threshold_ratio=dtype.threshold_ratio,
            threshold_strict=dtype.threshold_strict,
            abstentions_count=dtype.abstentions_count,
            consensus=dtype.consensus,
            consensus_fallback_ratio=dtype.consensus_fallback_ratio or 0.75,
        )
        contents = [json.loads(b.content) for b in self._counted_ballots()]
        eligible = len(self.roll_ids)
        present = len(contents)
        item = self._coop_agenda_item()
        if item:
            # Voted at a meeting: "present" is the members on the roll who attend
            # it (in person, online or by proxy), whether or not they vote.
            attending = item.meeting_id.attendance_ids.filtered(lambda a: not a.revoked)
            present = max(present, len(attending.membership_id & self.roll_ids.membership_id))
            if item.meeting_id._coop_present_are_quorum():
                rules = tally.adjourned(rules)
        options = [o.id for o in self.option_ids]
        if self.method == "yes_no":
            result = tally.yes_no(rules, eligible, present, [c["choice"] for c in contents])
        elif self.method == "approval":
            result = tally.approval(
                rules,
                eligible,
                present,
                [c["approvals"] for c in contents],
                options,
                self.seats,
                self.seed,
            )
        else:
            result = tally.single_transferable_vote(
                rules,
                eligible,
                present,
                [c["ranking"] for c in contents],
                options,
                self.seats if self.method == "stv" else 1,
                self.seed,
            )
        names = {o.id: o.name for o in self.option_ids}
        return {
            "adopted": result.adopted,
            "quorum_met": result.quorum_met,
            "reasons": [self._coop_reason_text(reason, names) for reason in result.reasons],
            "counts": {str(k): v for k, v in result.counts.items()},
            "rounds": result.rounds,
            "elected": result.elected,
            "tie_breaks": result.tie_breaks,
        }

    # ------------------------------------------------------------------
    # The tally's reasons in words (the pure functions return data)
    # ------------------------------------------------------------------
    @api.model
    def _coop_percent(self, ratio):
        """``ratio`` as a percentage in the user's number format, to one
        decimal where it has one: "50%", "66.7%"."""
        lang = self.env["res.lang"]._get_data(code=self.env.lang or "en_US")
        text = formatLang(self.env, round(ratio * 100, 1), digits=1)
        zero = f"{lang.decimal_point or '.'}0"
        if text.endswith(zero):
            text = text[: -len(zero)]
        return f"{text}%"

    @api.model
    def _coop_count_text(self, count, base):
        """ "2 of 3 = 66.7%" (just "0 of 0" when nobody counts)."""
        if not base:
            return self.env._("%(count)s of %(base)s", count=count, base=base)
        return self.env._(
            "%(count)s of %(base)s = %(share)s",
            count=count,
            base=base,
            share=self._coop_percent(count / base),
        )

    @api.model
    def _coop_share_text(self, ratio, strict):
        """ "more than 50%" / "at least 66.7%" (never rounded up: a 2/3 rule
        is not "67%")."""
        share = self._coop_percent(ratio)
        if strict:
            return self.env._("more than %(share)s", share=share)
        return self.env._("at least %(share)s", share=share)

    @api.model
    def _coop_reason_text(self, reason, names=None):
        """A reason of ``tally`` (``{"code": ..., figures}``) in words;
        ``names`` maps option ids to the names of the elected."""
        code = reason["code"]
        if code == "quorum":
            need = self.env._(
                "%(share)s needed", share=self._coop_share_text(reason["ratio"], reason["strict"])
            )
            if reason["min_members"]:
                need = self.env._(
                    "%(need)s, and at least %(min)s members", need=need, min=reason["min_members"]
                )
            count = self._coop_count_text(reason["attending"], reason["base"])
            if reason["met"]:
                return self.env._("Quorum met: %(count)s (%(need)s).", count=count, need=need)
            return self.env._("Quorum not met: %(count)s (%(need)s).", count=count, need=need)
        if code == "no_quorum":
            return self.env._("Not adopted: without quorum nothing is decided.")
        if code == "consensus":
            if reason["adopted"]:
                return self.env._("Consensus reached: no block and no objection.")
            return self.env._("No consensus: nobody supported the proposal.")
        if code == "no_consensus":
            share = self._coop_percent(reason["ratio"])
            return self.env._(
                "No consensus (%(blocks)s block(s), %(objections)s objection(s)): the "
                "fallback vote needs %(share)s of votes cast.",
                blocks=reason["blocks"],
                objections=reason["objections"],
                share=share,
            )
        if code == "threshold":
            need = self.env._(
                "%(share)s needed", share=self._coop_share_text(reason["ratio"], reason["strict"])
            )
            if reason["tie_lost"]:
                need = self.env._("%(need)s; a tie is lost", need=need)
            values = {
                "votes": reason["votes_for"],
                "base": reason["base"],
                "share": self._coop_percent(reason["votes_for"] / reason["base"])
                if reason["base"]
                else self._coop_percent(0),
                "need": need,
            }
            if reason["adopted"]:
                return self.env._(
                    "Adopted: %(votes)s for out of %(base)s = %(share)s (%(need)s).", **values
                )
            return self.env._(
                "Not adopted: %(votes)s for out of %(base)s = %(share)s (%(need)s).", **values
            )
        if code == "blank":
            return self.env._(
                "%(count)s ballot(s) ranked nobody and count as no vote.", count=reason["count"]
            )
        if code == "elected":
            if not reason["elected"]:
                return self.env._("Nobody elected.")
            names = names or {}
            return self.env._(
                "Elected: %(names)s.",
                names=", ".join(str(names.get(e, e)) for e in reason["elected"]),
            )
        raise ValueError(f"Unknown tally reason {code!r}")

    @api.model
    def _coop_ranking_error_text(self, error):
        """A ``tally.validate_ranking`` error in words."""
        if error["code"] == "duplicate":
            return self.env._("A ranked ballot cannot rank a candidate twice.")
        return self.env._(
            "Unknown candidate(s) on the ballot: %(candidates)s.",
            candidates=", ".join(map(str, error["candidates"])),
        )

    @api.model
    def _coop_ballot_text(self, described):
        """A ``tally.describe_ballot`` in words: "Yes", "Approves: A, B",
        "1. A  2. B"."""
        kind, value = described
        if kind == "choice":
            choices = {
                "yes": self.env._("Yes"),
                "no": self.env._("No"),
                "abstain": self.env._("Abstain"),
                "block": self.env._("Block"),
            }
            return choices.get(value, value)
        if kind == "approvals":
            return self.env._("Approves: %(names)s", names=", ".join(value) or self.env._("nobody"))
        return "  ".join(f"{rank}. {name}" for rank, name in enumerate(value, 1))

    # ------------------------------------------------------------------
    # The member's vote page: the rules in plain words, the tally as rows
    # ------------------------------------------------------------------
    def _coop_rules_in_words(self):
        """How this vote is decided, in sentences a member reads before
        voting: the quorum and what it is counted on, the threshold and what
        its share is of, what Block means, whether a ballot can change."""
        self.ensure_one()
        dtype = self.decision_type_id
        rules = []
        share = self._coop_share_text(dtype.quorum_ratio, dtype.quorum_strict)
        if dtype.quorum_basis == "present":
            quorum = self.env._("Quorum: %(share)s of the members present must vote", share=share)
        else:
            quorum = self.env._(
                "Quorum: %(share)s of the %(roll)s members on the voter roll must vote",
                share=share,
                roll=self.roll_count,
            )
        if dtype.quorum_min_members:
            quorum = self.env._(
                "%(quorum)s, and at least %(min)s members",
                quorum=quorum,
                min=dtype.quorum_min_members,
            )
        rules.append(self.env._("%(quorum)s; without quorum nothing is decided.", quorum=quorum))
        if self.method == "yes_no":
            if dtype.consensus:
                rules.append(
                    self.env._(
                        "This decision seeks consensus: it passes at once if nobody votes No or "
                        "Block. Block means you object on principle and will not stand aside. "
                        "A single No or Block ends the consensus; the proposal then passes only "
                        "with at least %(share)s of the votes cast as Yes.",
                        share=self._coop_percent(dtype.consensus_fallback_ratio),
                    )
                )
            else:
                need = self._coop_share_text(dtype.threshold_ratio, dtype.threshold_strict)
                if dtype.threshold_basis == "eligible":
                    rules.append(
                        self.env._(
                            "Adopted with Yes from %(need)s of all %(roll)s members on the voter "
                            "roll: not voting counts like voting No.",
                            need=need,
                            roll=self.roll_count,
                        )
                    )
                elif dtype.threshold_basis == "present":
                    rules.append(
                        self.env._(
                            "Adopted with Yes from %(need)s of the members present.", need=need
                        )
                    )
                else:
                    rules.append(
                        self.env._("Adopted with Yes from %(need)s of the votes cast.", need=need)
                    )
            if dtype.abstentions_count or dtype.threshold_basis != "cast":
                rules.append(self.env._("An abstention counts as a vote, and so against."))
            else:
                rules.append(
                    self.env._("An abstention is not counted either way; it counts for the quorum.")
                )
        elif self.method == "approval":
            rules.append(
                self.env._(
                    "Approve every option you can accept; the option approved by the most "
                    "voters wins."
                )
            )
        else:
            rules.append(
                self.env._(
                    "Rank the candidates in your order of preference. When your first choice "
                    "is eliminated or elected with votes to spare, your ballot moves on to your "
                    "next choice."
                )
            )
        if dtype.ballot_change_allowed:
            rules.append(
                self.env._("You may change your ballot until the vote closes; the last one counts.")
            )
        else:
            rules.append(self.env._("Your ballot is final once cast."))
        if self.secret:
            rules.append(
                self.env._(
                    "The ballot is secret: nobody, not even the co-op, can see how you voted; "
                    "your receipt lets you find your ballot in the published list."
                )
            )
        return rules

    def _coop_tally_rows(self):
        """The count as rows for the page: ``[(label, votes, percent of the
        ballots, that percent in words)]``, most votes first; the closed
        result, or the running count of an open vote that shows it (never
        for secret ballots before the close)."""
        self.ensure_one()
        if self.method not in ("yes_no", "approval"):
            return []  # ranked: the rounds, in the result's sentences, tell it
        if self.state == "closed" and self.result_json:
            counts = json.loads(self.result_json).get("counts") or {}
        elif self.state == "open" and self.running_count:
            counts = tally.running_count([json.loads(b.content) for b in self._counted_ballots()])
        else:
            return []
        names = {str(o.id): o.name for o in self.option_ids}
        total = self.voted_count or sum(counts.values()) or 1  # share of the ballots
        rows = [
            (
                names.get(str(key)) or self._coop_ballot_text(("choice", key)),
                votes,
                round(100.0 * votes / total, 1),
                self._coop_percent(votes / total),
            )
            for key, votes in counts.items()
        ]
        return sorted(rows, key=lambda row: -row[1])

    def action_verify(self):
        """Recompute the seal from the stored roll, ballots and result, with
        the co-op's seal key; raise if anything was altered. Returns a
        notification naming what was checked: the voters on the roll and
        the ballots counted, for each vote."""
        verified = []
        for rec in self:
            if rec.state not in ("closed", "annulled"):
                raise UserError(self.env._("Only a closed vote can be verified."))
            roll = rec.roll_ids.sudo().membership_id
            ballots_hash = rec._ballots_hash()
            problems = []
            if sha256(rec.record_date, *sorted(roll.ids)) != rec.roll_hash:
                problems.append(self.env._("the voter roll"))
            if ballots_hash != rec.ballots_hash:
                problems.append(self.env._("the ballots"))
            changed = rec._coop_sealed_changes()
            if changed:
                problems.append(self.env._("the result (%s)", ", ".join(changed)))
            elif rec._coop_hmac(ballots_hash, rec.sealed_record) != rec.result_hash:
                problems.append(self.env._("the result"))
            if rec._coop_hmac(rec.roll_hash, rec.ballots_hash, rec.result_hash) != rec.chain_hash:
                problems.append(self.env._("the hash chain"))
            if not rec._coop_seal_posted():
                problems.append(self.env._("the seal posted at the close"))
            if problems:
                raise UserError(
                    self.env._(
                        "%(name)s was tampered with after its close: %(what)s no longer "
                        "match the sealed record.",
                        name=rec.name,
                        what=", ".join(problems),
                    )
                )
            verified.append(
                self.env._(
                    "%(name)s: a roll of %(voters)s voters and %(ballots)s counted ballots "
                    "match the sealed result.",
                    name=rec.name,
                    voters=len(roll),
                    ballots=len(rec._counted_ballots()),
                )
            )
        return self._coop_verified(verified)

    def _coop_verified(self, lines):
        """The notification a Verify button shows: one line per record checked."""
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Verified"),
                "message": "\n".join(lines),
                "type": "success",
                "sticky": False,
            },
        }

    def _coop_seal_posted(self):
        """Whether the chatter still holds the seal posted at the close."""
        self.ensure_one()
        return bool(
            self.env["mail.message"]
            .sudo()
            .search_count(
                [
                    ("model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("body", "ilike", self.chain_hash),
                ],
                limit=1,
            )
        )

    def _coop_demo_ballots(self, votes):
        """Demo data: members with a login cast ``votes`` = [(login, kwargs)]
        as themselves (never on anyone's behalf)."""
        self.ensure_one()
        Users = self.env["res.users"].sudo()
        for login, kwargs in votes:
            user = Users.search([("login", "=", login)], limit=1)
            self.with_user(user).action_cast(**kwargs)
