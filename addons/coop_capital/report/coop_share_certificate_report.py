from odoo import api, models


class CoopShareCertificateReport(models.AbstractModel):
    """Share certificates of register operations: read with the printer's
    own rights (a member prints only their own), refused before rendering."""

    _name = "report.coop_capital.report_share_certificate_operation"
    _description = "Share certificate"

    @api.model
    def _get_report_values(self, docids, **_options):
        """``_options``: what the printing passes (``data``); certificates take none."""
        operations = self.env["coop.share.operation"].browse(docids)
        operations.check_access("read")
        return {
            "doc_ids": operations.ids,
            "doc_model": "coop.share.operation",
            "docs": operations.filtered("certificate_number"),
        }
