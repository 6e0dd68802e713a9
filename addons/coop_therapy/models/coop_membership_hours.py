from datetime import timedelta

from odoo import api, fields, models


class CoopMembership(models.Model):
    _inherit = "coop.membership"

    licensure_count = fields.Integer(compute="_compute_licensure_count", string="Licensure")

    def _compute_licensure_count(self):
        """The worker's licensure file (one at most), as the reader may read it."""
        counts = dict(
            self.env["coop.licensure"]._read_group(
                [("employee_id", "in", self.employee_id.ids)], ["employee_id"], ["__count"]
            )
        )
        for rec in self:
            rec.licensure_count = counts.get(rec.employee_id, 0) if rec.employee_id else 0

    def action_view_licensure(self):
        """The worker's licensure file."""
        self.ensure_one()
        files = self.env["coop.licensure"].search([("employee_id", "=", self.employee_id.id)])
        action = {
            "type": "ir.actions.act_window",
            "name": self.env._("Licensure of %s", self.name),
            "res_model": "coop.licensure",
            "view_mode": "list,form",
            "domain": [("employee_id", "=", self.employee_id.id)],
            "context": {"create": False},
        }
        if len(files) == 1:
            action.update(view_mode="form", views=[(False, "form")], res_id=files.id)
        return action

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
        sources["sessions"] = self._coop_session_hours(date_from, date_to)
        return sources

    @api.model
    def _coop_hour_source_labels(self):
        labels = super()._coop_hour_source_labels()
        labels["licensure"] = self.env._("Licensure hours (signed weeks)")
        labels["sessions"] = self.env._("Therapy sessions")
        return labels

    def _coop_session_hours(self, date_from=None, date_to=None):
        """Hours of attended therapy sessions that count as hours worked and
        did not go into a licensure hour log.

        Log once, count twice, never three times: an associate's attended
        direct sessions become licensure hour logs, which count (once their
        week is signed) through the "licensure" source above; so this source
        takes only the sessions without a log (licensed clinicians, and
        session types that do not count toward licensure). Late cancels and
        no-shows never count."""
        counted = {}
        if self.employee_id:
            domain = [
                ("coop_session", "=", True),
                ("clinician_id", "in", self.employee_id.ids),
                ("coop_state", "=", "attended"),
                ("coop_hour_log_id", "=", False),
                ("session_type_id.counts_worked", "=", True),
            ]
            if date_from:
                domain.append(("start", ">=", fields.Datetime.to_datetime(date_from)))
            if date_to:
                domain.append(
                    ("start", "<", fields.Datetime.to_datetime(date_to) + timedelta(days=1))
                )
            for row in (
                self.env["calendar.event"]
                .sudo()
                .search_read(domain, ["clinician_id", "start", "stop"], load=None)
            ):
                hours = (row["stop"] - row["start"]).total_seconds() / 3600
                counted[row["clinician_id"]] = counted.get(row["clinician_id"], 0.0) + hours
        return {rec.id: counted.get(rec.employee_id.id, 0.0) for rec in self}
