from odoo import api, fields, models
from odoo.tools import SQL


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

    def _coop_hour_sources_in(self, periods):
        """The hours of the worker's signed licensure weeks count toward the
        candidacy rule too: an hour is logged once and counts for both."""
        sources = super()._coop_hour_sources_in(periods)
        self.env["coop.hour.log"].flush_model(["associate_id", "date", "hours", "week_state"])
        logged = SQL(
            "SELECT associate_id AS key_id, date AS day, hours AS amount"
            " FROM coop_hour_log WHERE week_state = 'signed'"
        )
        sources["licensure"] = self._coop_sum_in_periods(
            periods, lambda rec: rec.employee_id.id, logged
        )
        sources["sessions"] = self._coop_session_hours(periods)
        return sources

    @api.model
    def _coop_hour_source_labels(self):
        labels = super()._coop_hour_source_labels()
        labels["licensure"] = self.env._("Licensure hours (signed weeks)")
        labels["sessions"] = self.env._("Therapy sessions")
        return labels

    def _coop_session_hours(self, periods):
        """Hours of attended therapy sessions that count as hours worked and
        did not go into a licensure hour log, in each membership's period
        (``{membership id: (first day, last day)}``, on the session's day).

        Log once, count twice, never three times: an associate's attended
        direct sessions become licensure hour logs, which count (once their
        week is signed) through the "licensure" source above; so this source
        takes only the sessions without a log (licensed clinicians, and
        session types that do not count toward licensure). Late cancels and
        no-shows never count; nor do archived sessions."""
        self.env["calendar.event"].flush_model(
            [
                *("active", "coop_session", "clinician_id", "coop_state", "coop_hour_log_id"),
                *("session_type_id", "start", "stop"),
            ]
        )
        self.env["coop.session.type"].flush_model(["counts_worked"])
        sessions = SQL(
            """SELECT e.clinician_id AS key_id, e.start::date AS day,
                      EXTRACT(EPOCH FROM e.stop - e.start) / 3600 AS amount
                 FROM calendar_event e
                 JOIN coop_session_type t ON t.id = e.session_type_id
                WHERE e.active AND e.coop_session AND e.coop_state = 'attended'
                  AND e.coop_hour_log_id IS NULL AND t.counts_worked"""
        )
        return self._coop_sum_in_periods(periods, lambda rec: rec.employee_id.id, sessions)
