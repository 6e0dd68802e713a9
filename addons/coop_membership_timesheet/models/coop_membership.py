from odoo import api, models


class CoopMembership(models.Model):
    _inherit = "coop.membership"

    def _coop_hour_sources(self, date_from=None, date_to=None):
        """The hours of the worker's timesheets (the analytic lines of their
        employee on projects) count as hours worked, on the timesheet's day."""
        sources = super()._coop_hour_sources(date_from, date_to)
        logged = {}
        employees = self.employee_id
        if employees:
            domain = [("project_id", "!=", False), ("employee_id", "in", employees.ids)]
            if date_from:
                domain.append(("date", ">=", date_from))
            if date_to:
                domain.append(("date", "<=", date_to))
            logged = {
                employee.id: hours
                for employee, hours in self.env["account.analytic.line"]
                .sudo()
                ._read_group(domain, ["employee_id"], ["unit_amount:sum"])
            }
        sources["timesheets"] = {rec.id: logged.get(rec.employee_id.id, 0.0) for rec in self}
        return sources

    @api.model
    def _coop_hour_source_labels(self):
        labels = super()._coop_hour_source_labels()
        labels["timesheets"] = self.env._("Timesheets")
        return labels
