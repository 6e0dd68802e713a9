from odoo import models


class CoopMembership(models.Model):
    _inherit = "coop.membership"

    def _coop_hour_sources(self, date_from=None, date_to=None):
        """The hours of the worker's signed licensure weeks count toward the
        candidacy rule too: an hour is logged once and counts for both."""
        sources = super()._coop_hour_sources(date_from, date_to)
        logged = {}
        if self.employee_id:
            domain = [("associate_id", "in", self.employee_id.ids), ("week_state", "=", "signed")]
            if date_from:
                domain.append(("date", ">=", date_from))
            if date_to:
                domain.append(("date", "<=", date_to))
            logged = dict(
                self.env["coop.hour.log"]
                .sudo()
                ._read_group(domain, ["associate_id"], ["hours:sum"])
            )
        sources["licensure"] = {rec.id: logged.get(rec.employee_id, 0.0) for rec in self}
        return sources
