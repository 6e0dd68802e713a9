from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.coop_membership.controllers.portal import CoopMembershipPortal


class CoopCapitalPortal(CoopMembershipPortal):
    def _coop_membership_counters(self):
        return (*super()._coop_membership_counters(), "coop_capital_count")

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if not counters:  # the home page itself: what the member still owes, on the card
            memberships = self._coop_memberships()
            due = sum(memberships.mapped("capital_due"))
            currency = memberships[:1].currency_id
            values["coop_capital_due"] = (due, currency) if currency and due > 0 else False
        return values

    @http.route("/my/capital", type="http", auth="user", website=True)
    def portal_my_capital(self, **_kw):
        return self._coop_render_memberships("coop_capital.portal_my_capital", "coop_capital")

    # The member's own documents of /my/capital: report, file name.
    _coop_capital_documents = {
        "statement": ("coop_capital.action_report_capital_statement", "capital-statement"),
        "certificate": ("coop_capital.action_report_share_certificate", "share-certificates"),
    }

    @http.route(
        "/my/capital/<int:membership_id>/<string:document>",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
    )
    def portal_capital_document(self, membership_id, document, **_kw):
        """The member's capital statement or share certificates as a PDF, for
        the memberships the record rules let the logged-in user read (their
        own); anything else is not found."""
        if document not in self._coop_capital_documents:
            raise NotFound()
        membership = request.env["coop.membership"].browse(membership_id).exists()
        try:
            if not membership or membership.partner_id != request.env.user.partner_id:
                raise MissingError(membership_id)
            membership.check_access("read")
        except (AccessError, MissingError) as error:
            raise NotFound() from error
        xmlid, stem = self._coop_capital_documents[document]
        report = request.env.ref(xmlid).sudo()
        pdf, _type = report._render_qweb_pdf(report.report_name, res_ids=membership.ids)
        number = membership.register_number or membership.id
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", http.content_disposition(f"{stem}-{number}.pdf")),
            ],
        )

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
