from odoo import http

from odoo.addons.coop_membership.controllers.portal import CoopMembershipPortal


class CoopCapitalPortal(CoopMembershipPortal):
    def _coop_membership_counters(self):
        return (*super()._coop_membership_counters(), "coop_capital_count")

    @http.route("/my/capital", type="http", auth="user", website=True)
    def portal_my_capital(self, **_kw):
        return self._coop_render_memberships("coop_capital.portal_my_capital", "coop_capital")
