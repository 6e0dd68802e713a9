from odoo import fields, models

from ..lib import scheduling


class HrEmployee(models.Model):
    """A clinician's own caseload limits (0 or empty: the co-op's)."""

    _inherit = "hr.employee"

    coop_credential_grade = fields.Selection(
        [("licensed", "Licensed"), ("associate", "Associate"), ("trainee", "Trainee")],
        string="Credential grade",
        groups="hr.group_hr_user,coop_therapy.group_coop_scheduler",
    )
    coop_accepting_clients = fields.Boolean(
        string="Accepting new clients",
        default=True,
        groups="hr.group_hr_user,coop_therapy.group_coop_scheduler",
    )
    coop_direct_hours_warn = fields.Float(
        string="Own limit: direct hours a week, warn above",
        groups="hr.group_hr_user,coop_therapy.group_coop_scheduler",
    )
    coop_direct_hours_block = fields.Float(
        string="Own limit: direct hours a week, block above",
        groups="hr.group_hr_user,coop_therapy.group_coop_scheduler",
    )
    coop_sessions_per_day = fields.Integer(
        string="Own limit: sessions a day",
        groups="hr.group_hr_user,coop_therapy.group_coop_scheduler",
    )
    coop_active_clients_max = fields.Integer(
        string="Own limit: active clients",
        groups="hr.group_hr_user,coop_therapy.group_coop_scheduler",
    )
    coop_agreement_ids = fields.One2many(
        "coop.supervision.agreement",
        "associate_id",
        string="Supervision agreements (as associate)",
        groups="hr.group_hr_user,coop_therapy.group_coop_scheduler",
    )

    def _coop_limits(self, licensure_rule=None):
        """The clinician's caseload limits (their own where set, else the
        company's) as a :class:`scheduling.Limits`; for associates the
        licensure rule adds the supervision-unit threshold and the week cap."""
        self.ensure_one()
        emp = self.sudo()
        company = emp.company_id
        return scheduling.pick_limits(
            (
                emp.coop_direct_hours_warn,
                emp.coop_direct_hours_block,
                emp.coop_sessions_per_day,
                emp.coop_active_clients_max,
                emp.coop_accepting_clients,
            ),
            (
                company.coop_direct_hours_warn,
                company.coop_direct_hours_block,
                company.coop_sessions_per_day,
                company.coop_active_clients_max,
            ),
            (
                licensure_rule.extra_unit_above_direct,
                licensure_rule.weekly_units,
                licensure_rule.max_hours_per_week,
            )
            if licensure_rule
            else None,
        )
