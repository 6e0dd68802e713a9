import datetime

from odoo import api, fields, models


class CoopPatronageInterestWizard(models.TransientModel):
    """Credit a year's interest on internal capital accounts."""

    _name = "coop.patronage.interest.wizard"
    _description = "Credit interest on internal capital accounts"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date_to = fields.Date(
        string="Year ending",
        required=True,
        default=lambda self: self._default_date_to(),
    )
    rate = fields.Float(related="company_id.coop_interest_rate", string="Rate (% a year)")

    @api.model
    def _default_date_to(self):
        today = fields.Date.context_today(self)
        start = self.env.company.compute_fiscalyear_dates(today)["date_from"]
        return start - datetime.timedelta(days=1)

    def action_confirm(self):
        self.ensure_one()
        record = self.env["coop.patronage.interest"]._coop_credit(self.company_id, self.date_to)
        return {
            "type": "ir.actions.act_window",
            "res_model": "coop.patronage.interest",
            "res_id": record.id,
            "view_mode": "form",
        }
