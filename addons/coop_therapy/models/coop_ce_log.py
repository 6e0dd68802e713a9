import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CoopCeLog(models.Model):
    """Continuing education hours of a licensed clinician."""

    _name = "coop.ce.log"
    _description = "Continuing education"
    _order = "date desc"

    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    company_id = fields.Many2one(related="employee_id.company_id", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    hours = fields.Float(required=True)
    topic = fields.Selection(
        [
            ("law_ethics", "Law and ethics"),
            ("ethics", "Ethics"),
            ("cultural", "Cultural diversity"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
    )
    course = fields.Char()
    self_study = fields.Boolean()

    @api.constrains("hours")
    def _check_hours(self):
        for rec in self:
            if not (math.isfinite(rec.hours) and rec.hours > 0):
                raise ValidationError(self.env._("CE hours must be a number more than zero."))
