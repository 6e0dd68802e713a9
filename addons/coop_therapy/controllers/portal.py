from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class CoopCapitalPortal(CustomerPortal):
    def _coop_memberships(self):
        return request.env["coop.membership"].search(
            [("partner_id", "=", request.env.user.partner_id.id)], order="id desc"
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "coop_capital_count" in counters:
            values["coop_capital_count"] = len(self._coop_memberships())
        return values

    @http.route("/my/capital", type="http", auth="user", website=True)
    def portal_my_capital(self, **_kw):
        values = self._prepare_portal_layout_values()
        values.update(memberships=self._coop_memberships(), page_name="coop_capital")
        return request.render("coop_therapy.portal_my_capital", values)
