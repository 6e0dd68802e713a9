import json

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..lib import arguments, tally


def _form_number(value, refusal):
    """A form's whole number from 1; None when left blank; anything else is
    refused with the sentence ``refusal`` (never read as something else)."""
    if not (value or "").strip():
        return None
    number = arguments.record_id(value)
    if number is None:
        raise ValidationError(refusal)
    return number


class CoopVotesPortal(CustomerPortal):
    def _coop_my_proposals(self):
        """Proposals whose frozen roll holds the current user."""
        lines = (
            request.env["coop.vote.roll"]
            .sudo()
            .search([("partner_id", "=", request.env.user.partner_id.id)])
        )
        return lines.proposal_id.sorted(lambda p: (p.state != "open", p.date_close))

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "coop_vote_count" in counters:
            values["coop_vote_count"] = len(
                self._coop_my_proposals().filtered(lambda p: p.state == "open")
            )
        if not counters:  # the home page itself: the votes still to cast, on the card
            values["coop_votes_to_cast"] = (
                request.env["coop.vote.roll"]
                .sudo()
                .search_count(
                    [
                        ("partner_id", "=", request.env.user.partner_id.id),
                        ("proposal_id.state", "=", "open"),
                        ("voted", "=", False),
                    ]
                )
            )
        return values

    _coop_meetings_per_page = 20

    def _coop_my_meetings(self, domain=None):
        """Meetings whose notice went out to the current user: those where the
        user may vote (on the meeting's date, under its rules), newest first.
        Every such meeting, however old: the list is paged after this filter."""
        user = request.env.user
        mine = (
            request.env["coop.membership"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", user.partner_id.id),
                    ("company_id", "in", user.company_ids.ids),
                ]
            )
        )
        meetings = (
            request.env["coop.meeting"]
            .sudo()
            .search(
                [("company_id", "in", mine.company_id.ids), ("state", "!=", "draft")]
                + (domain or [])
            )
        )
        eligible = meetings._coop_eligible_by_meeting(among=mine)
        return meetings.filtered(lambda m: eligible.get(m.id))

    @http.route(["/my/votes", "/my/votes/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_votes(self, page=1, **_kw):
        return self._coop_render_votes(page=page)

    def _coop_render_votes(self, error=None, page=1):
        values = self._prepare_portal_layout_values()
        proposals = self._coop_my_proposals()
        partner = request.env.user.partner_id
        voted = {
            line.proposal_id.id
            for line in request.env["coop.vote.roll"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", partner.id),
                    ("proposal_id", "in", proposals.ids),
                    ("voted", "=", True),
                ]
            )
        }
        requisitions = (
            request.env["coop.requisition"]
            .sudo()
            .search(
                [
                    ("company_id", "in", request.env.user.company_ids.ids),
                    ("state", "in", ("open", "reached")),
                ],
                limit=20,
            )
        )
        meetings = self._coop_my_meetings()
        pager = portal_pager(
            url="/my/votes",
            total=len(meetings),
            page=page,
            step=self._coop_meetings_per_page,
        )
        offset = pager["offset"]
        values.update(
            proposals=proposals,
            voted=voted,
            meetings=meetings[offset : offset + self._coop_meetings_per_page],
            pager=pager,
            requisitions=requisitions,
            signed={r.id for r in requisitions if partner in r.signer_ids.partner_id},
            error=error,
            page_name="coop_votes",
        )
        return request.render("coop_governance.portal_my_votes", values)

    @http.route(
        ["/my/votes/requisition", "/my/votes/requisition/<int:requisition_id>"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_requisition(self, requisition_id=None, **post):
        """Start a members' requisition, sign it or withdraw one's signature."""
        Requisition = request.env["coop.requisition"]
        try:
            with request.env.cr.savepoint():
                if not requisition_id:
                    Requisition.coop_start(post.get("name") or "", post.get("kind") or "meeting")
                elif post.get("withdraw"):
                    Requisition.browse(requisition_id).coop_withdraw_signature()
                else:
                    Requisition.browse(requisition_id).coop_sign()
        except (UserError, ValidationError, AccessError) as exc:
            return self._coop_render_votes(error=exc.args[0])
        return request.redirect("/my/votes")

    @http.route(
        "/my/votes/meeting/<int:meeting_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_meeting(self, meeting_id, **post):
        """A meeting's notice and agenda; give or revoke one's proxy; the
        approved minutes."""
        meeting = self._coop_my_meetings([("id", "=", meeting_id)])
        if not meeting:
            raise request.not_found()
        Attendance = request.env["coop.meeting.attendance"]
        values = self._prepare_portal_layout_values()
        values.update(meeting=meeting, page_name="coop_votes", error=None, message=None)
        if request.httprequest.method == "POST":
            try:
                with request.env.cr.savepoint():
                    if post.get("revoke"):
                        Attendance.coop_revoke_my_proxy(meeting.id)
                        values["message"] = request.env._("Your proxy is revoked.")
                    else:
                        directions = {
                            item.id: post[f"direct_{item.id}"]
                            for item in meeting.item_ids
                            if post.get(f"direct_{item.id}")
                        }
                        holder = _form_number(
                            post.get("holder_id"),
                            request.env._("Choose the member who holds your proxy."),
                        )
                        Attendance.coop_give_proxy(meeting.id, holder, directions)
                        values["message"] = request.env._("Your proxy is recorded.")
            except (UserError, ValidationError, AccessError) as exc:
                values["error"] = exc.args[0]
        partner = request.env.user.partner_id
        values["mine"] = meeting.attendance_ids.filtered(
            lambda a: a.membership_id.partner_id == partner
        )
        values["holders"] = meeting._eligible().filtered(lambda m: m.partner_id != partner)
        return request.render("coop_governance.portal_meeting", values)

    @http.route("/my/votes/meeting/<int:meeting_id>/minutes", type="http", auth="user")
    def portal_meeting_minutes(self, meeting_id, **_kw):
        """The approved minutes as PDF, for the members who could attend."""
        meeting = self._coop_my_meetings([("id", "=", meeting_id)])
        if not meeting or meeting.minutes_state != "approved":
            raise request.not_found()
        pdf, _kind = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("coop_governance.action_report_minutes", meeting.ids)
        )
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Disposition", f'inline; filename="minutes-{meeting.id}.pdf"'),
            ],
        )

    @http.route(
        "/my/votes/<int:proposal_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_vote(self, proposal_id, **post):
        proposal = self._coop_my_proposals().filtered(lambda p: p.id == proposal_id)
        if not proposal:
            raise request.not_found()
        values = self._prepare_portal_layout_values()
        values.update(proposal=proposal, page_name="coop_votes", receipt=None, error=None)
        if request.httprequest.method == "POST":
            try:
                with request.env.cr.savepoint():
                    values["receipt"] = self._coop_cast(proposal, post)
            except (UserError, ValidationError, AccessError) as exc:
                values["error"] = exc.args[0]
        values["proxies"] = self._coop_proxies_held(proposal)
        values.update(self._coop_my_ballot(proposal))
        return request.render("coop_governance.portal_vote", values)

    def _coop_my_ballot(self, proposal):
        """Whether the current user has voted on ``proposal`` and, on an open
        ballot, what their counted ballot says (a secret ballot is linked to
        nobody: only the member's receipt finds it)."""
        line = (
            request.env["coop.vote.roll"]
            .sudo()
            .search(
                [
                    ("proposal_id", "=", proposal.id),
                    ("partner_id", "=", request.env.user.partner_id.id),
                ],
                limit=1,
            )
        )
        my_choice = False
        if line.voted and not proposal.secret:
            ballot = (
                request.env["coop.ballot"]
                .sudo()
                .search(
                    [
                        ("proposal_id", "=", proposal.id),
                        ("membership_id", "=", line.membership_id.id),
                        ("counted", "=", True),
                    ],
                    limit=1,
                )
            )
            if ballot:
                names = {o.id: o.name for o in proposal.option_ids}
                my_choice = proposal._coop_ballot_text(
                    tally.describe_ballot(json.loads(ballot.content), names)
                )
        return {
            "has_voted": bool(line.voted),
            "my_choice": my_choice,
            "can_change": proposal.decision_type_id.ballot_change_allowed,
        }

    def _coop_proxies_held(self, proposal):
        """The members whose proxy the current user holds for this proposal's
        meeting, while it is in session."""
        item = proposal._coop_agenda_item()
        proxies_allowed = proposal.decision_type_id.proxies_allowed
        if not item or item.meeting_id.state != "open" or not proxies_allowed:
            return request.env["coop.membership"]
        return item.meeting_id.attendance_ids.filtered(
            lambda a: (
                a.mode == "proxy"
                and not a.revoked
                and a.proxy_holder_id.partner_id == request.env.user.partner_id
            )
        ).membership_id

    def _coop_cast(self, proposal, post):
        as_user = proposal.with_user(request.env.user).sudo(False)
        on_behalf_of = _form_number(
            post.get("on_behalf_of"),
            request.env._("Say for which member you vote by proxy (their membership's id)."),
        )
        if proposal.method == "yes_no":
            return as_user.action_cast(choice=post.get("choice"), on_behalf_of=on_behalf_of)
        if proposal.method == "approval":
            approvals = [o.id for o in proposal.option_ids if post.get(f"approve_{o.id}")]
            return as_user.action_cast(approvals=approvals, on_behalf_of=on_behalf_of)
        ranks = []
        for option in proposal.option_ids:
            rank = _form_number(
                post.get(f"rank_{option.id}"),
                request.env._(
                    "Rank with whole numbers from 1 (1 = first choice); leave blank the "
                    "candidates you do not rank."
                ),
            )
            if rank:
                ranks.append((rank, option.id))
        if len({rank for rank, _option in ranks}) != len(ranks):
            raise ValidationError(request.env._("Give each candidate you rank a different number."))
        return as_user.action_cast(
            ranking=[option for _rank, option in sorted(ranks)], on_behalf_of=on_behalf_of
        )
