from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


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
        return values

    @http.route("/my/votes", type="http", auth="user", website=True)
    def portal_my_votes(self, **_kw):
        values = self._prepare_portal_layout_values()
        proposals = self._coop_my_proposals()
        voted = {
            line.proposal_id.id
            for line in request.env["coop.vote.roll"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", request.env.user.partner_id.id),
                    ("proposal_id", "in", proposals.ids),
                    ("voted", "=", True),
                ]
            )
        }
        values.update(proposals=proposals, voted=voted, page_name="coop_votes")
        return request.render("coop_governance.portal_my_votes", values)

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
            return request.not_found()
        values = self._prepare_portal_layout_values()
        values.update(proposal=proposal, page_name="coop_votes", receipt=None, error=None)
        if request.httprequest.method == "POST":
            try:
                values["receipt"] = self._coop_cast(proposal, post)
            except (UserError, ValidationError, AccessError) as exc:
                values["error"] = exc.args[0]
        return request.render("coop_governance.portal_vote", values)

    def _coop_cast(self, proposal, post):
        as_user = proposal.with_user(request.env.user).sudo(False)
        if proposal.method == "yes_no":
            return as_user.action_cast(choice=post.get("choice"))
        if proposal.method == "approval":
            approvals = [o.id for o in proposal.option_ids if post.get(f"approve_{o.id}")]
            return as_user.action_cast(approvals=approvals)
        ranks = []
        for option in proposal.option_ids:
            rank = post.get(f"rank_{option.id}")
            if rank:
                ranks.append((int(rank), option.id))
        return as_user.action_cast(ranking=[option for _rank, option in sorted(ranks)])
