from odoo import api, models
from odoo.tools import SQL


class CoopMembership(models.Model):
    _inherit = "coop.membership"

    def _coop_hour_sources_in(self, periods):
        """The hours of the worker's timesheets (the analytic lines of their
        employee on projects) count as hours worked, on the timesheet's day."""
        sources = super()._coop_hour_sources_in(periods)
        self.env["account.analytic.line"].flush_model(
            ["project_id", "employee_id", "date", "unit_amount"]
        )
        timesheets = SQL(
            "SELECT employee_id AS key_id, date AS day, unit_amount AS amount"
            " FROM account_analytic_line WHERE project_id IS NOT NULL"
        )
        sources["timesheets"] = self._coop_sum_in_periods(
            periods, lambda rec: rec.employee_id.id, timesheets
        )
        return sources

    @api.model
    def _coop_hour_source_labels(self):
        labels = super()._coop_hour_source_labels()
        labels["timesheets"] = self.env._("Timesheets")
        return labels
