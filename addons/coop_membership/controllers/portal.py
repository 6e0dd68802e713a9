from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class CoopMembershipPortal(CustomerPortal):
    def _coop_memberships(self):
        """The memberships of the logged-in person (record rules apply)."""
        return request.env["coop.membership"].search(
            [("partner_id", "=", request.env.user.partner_id.id)], order="id desc"
        )

    def _coop_membership_counters(self):
        """Counters of the portal home that show how many memberships the
        person has; addons with a page over the memberships add theirs."""
        return ("coop_membership_count",)

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        wanted = [counter for counter in self._coop_membership_counters() if counter in counters]
        if wanted:
            values.update(dict.fromkeys(wanted, len(self._coop_memberships())))
        return values

    def _coop_render_memberships(self, template, page_name):
        """A portal page of ``template`` over the person's memberships."""
        values = self._prepare_portal_layout_values()
        values.update(memberships=self._coop_memberships(), page_name=page_name)
        return request.render(template, values)

    @http.route("/my/membership", type="http", auth="user", website=True)
    def portal_my_membership(self, **_kw):
        return self._coop_render_memberships(
            "coop_membership.portal_my_membership", "coop_membership"
        )
