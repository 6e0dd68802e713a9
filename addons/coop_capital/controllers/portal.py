from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.coop_membership.controllers.portal import CoopMembershipPortal


class CoopCapitalPortal(CoopMembershipPortal):
    def _coop_membership_counters(self):
        return (*super()._coop_membership_counters(), "coop_capital_count")

    @http.route("/my/capital", type="http", auth="user", website=True)
    def portal_my_capital(self, **_kw):
        return self._coop_render_memberships("coop_capital.portal_my_capital", "coop_capital")

    @http.route(
        "/my/capital/notice/<int:line_id>", type="http", auth="user", methods=["GET"], website=True
    )
    def portal_patronage_notice(self, line_id, **_kw):
        """The member's own notice of allocation as a PDF. Whether the person
        may read it is the record rules' answer for the logged-in user (a
        member reads only their own notices of posted years); anything else
        is not found."""
        line = request.env["coop.patronage.line"].browse(line_id).exists()
        try:
            if not line:
                raise MissingError(line_id)
            line.check_access("read")
            if line.allocation_id.state != "posted":
                raise MissingError(line_id)
        except (AccessError, MissingError) as error:
            raise NotFound() from error
        report = request.env.ref("coop_capital.action_report_patronage_notice").sudo()
        pdf, _type = report._render_qweb_pdf(report.report_name, res_ids=[line.id])
        name = f"notice-of-allocation-{line.allocation_id.date_to.year}.pdf"
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", http.content_disposition(name)),
            ],
        )
