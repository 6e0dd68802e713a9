from datetime import timedelta

from odoo import api, fields, models

from .calendar_event import SESSION_STATES


class CoopCaseloadReport(models.Model):
    """Sessions per clinician, week and state (a SQL view over the
    sessions): hours, direct hours and counts for the caseload list, graph
    and pivot. One row per clinician, week and state; no client."""

    _name = "coop.caseload.report"
    _description = "Caseload per clinician and week"
    _auto = False
    _order = "week_start desc, clinician_id"
    _rec_name = "clinician_id"

    clinician_id = fields.Many2one("hr.employee", readonly=True)
    clinician_user_id = fields.Many2one("res.users", string="Clinician (user)", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    week_start = fields.Date(string="Week", readonly=True)
    coop_state = fields.Selection(SESSION_STATES, string="State", readonly=True)
    session_count = fields.Integer(string="Sessions", readonly=True)
    hours = fields.Float(readonly=True)
    direct_hours = fields.Float(string="Direct hours", readonly=True)

    @property
    def _table_query(self):
        return """
            SELECT MIN(e.id) AS id,
                   e.clinician_id,
                   emp.user_id AS clinician_user_id,
                   emp.company_id,
                   DATE_TRUNC('week', e.start)::date AS week_start,
                   e.coop_state,
                   COUNT(*) AS session_count,
                   SUM(EXTRACT(EPOCH FROM e.stop - e.start) / 3600.0) AS hours,
                   SUM(CASE WHEN t.licensure_bucket != 'none' AND
                                 e.coop_state IN ('scheduled', 'attended')
                            THEN EXTRACT(EPOCH FROM e.stop - e.start) / 3600.0
                            ELSE 0 END) AS direct_hours
              FROM calendar_event e
              JOIN hr_employee emp ON emp.id = e.clinician_id
         LEFT JOIN coop_session_type t ON t.id = e.session_type_id
             WHERE e.coop_session AND e.active
          GROUP BY e.clinician_id, emp.user_id, emp.company_id,
                   DATE_TRUNC('week', e.start), e.coop_state
        """

    @api.model
    def _coop_overview_caseload(self):
        """Sessions booked or attended this week, all clinicians (managers'
        overview)."""
        today = fields.Date.context_today(self)
        monday = today - timedelta(days=today.weekday())
        domain = [("week_start", "=", monday), ("coop_state", "in", ("scheduled", "attended"))]
        [(sessions, direct)] = self._read_group(
            domain, [], ["session_count:sum", "direct_hours:sum"]
        )
        return {
            "domain": domain,
            "value": sessions or 0,
            "note": self.env._("%(hours)s direct hours this week", hours=round(direct or 0.0, 1)),
            "action": "coop_therapy.coop_caseload_report_action",
            "context": {"search_default_group_clinician": 1},
        }
