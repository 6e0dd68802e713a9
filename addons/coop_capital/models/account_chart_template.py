from odoo import models


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    def _load(self, template_code, company, install_demo):
        """Loading a first chart wipes a company's accounts and journals: set
        the co-op's capital accounts up again afterwards."""
        result = super()._load(template_code, company, install_demo)
        self.env["res.company"].browse(company.id)._coop_capital_setup()
        return result
