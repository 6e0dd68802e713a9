from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class CoopSupervisor(models.Model):
    """A licensed clinician who may supervise associates."""

    _name = "coop.supervisor"
    _description = "Clinical supervisor"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "employee_id"
    _rec_name = "employee_id"

    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    user_id = fields.Many2one(related="employee_id.user_id", store=True)
    company_id = fields.Many2one(related="employee_id.company_id", store=True)
    licensed_since = fields.Date(
        required=True,
        help="Date the supervisor was first licensed (continuously since).",
        string="Licensed since",
    )
    date_start = fields.Date(string="Supervising since", required=True)
    license_title = fields.Char(
        string="License held",
        help="E.g. LMFT, LCSW: some paths need weeks supervised by a given license "
        "(California ASW: 13 weeks by an LCSW).",
    )
    training_hours = fields.Float(string="Supervision training (hours)")
    training_date = fields.Date(string="Training completed")
    renewal_training_date = fields.Date(string="Last renewal-cycle training")
    agreement_ids = fields.One2many("coop.supervision.agreement", "supervisor_id")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("employee_uniq", "UNIQUE (employee_id)", "This clinician is already a supervisor.")
    ]

    def _coop_ineligible_reason(self, day, rule):
        """Why this supervisor may not supervise on ``day`` under ``rule``
        (None when they may): licensed for at least 2 of the last 5 years;
        15 hours of training within 60 days of starting (licensure.md)."""
        self.ensure_one()
        years = rule.supervisor_licensed_years or 0
        if self.licensed_since > day - relativedelta(years=years):
            return self.env._(
                "%(who)s had not been licensed for %(years)s years on %(day)s.",
                who=self.employee_id.name,
                years=years,
                day=day,
            )
        grace = self.date_start + relativedelta(days=rule.supervisor_training_days or 0)
        trained = (
            self.training_hours >= (rule.supervisor_training_hours or 0)
            and self.training_date
            and self.training_date <= day
        )
        if day > grace and not trained:
            return self.env._(
                "%(who)s had not completed the %(hours)s hours of supervision training "
                "required within %(days)s days of starting to supervise.",
                who=self.employee_id.name,
                hours=rule.supervisor_training_hours,
                days=rule.supervisor_training_days,
            )
        return None

    @api.model
    def _coop_training_due(self):
        today = fields.Date.context_today(self)
        due = self.browse()
        for supervisor in self.search([("training_date", "=", False)]):
            if not supervisor.training_date and today >= supervisor.date_start + relativedelta(
                days=45
            ):
                due |= supervisor
        return due
