import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from .coop_hour_log import format_hours


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
    self_study = fields.Boolean(string="Self study")

    @api.constrains("hours")
    def _check_hours(self):
        for rec in self:
            if not (math.isfinite(rec.hours) and rec.hours > 0):
                raise ValidationError(self.env._("CE hours must be a number more than zero."))

    @api.depends("employee_id.name", "hours", "date", "course", "topic")
    @api.depends_context("lang")
    def _compute_display_name(self):
        topics = dict(self._fields["topic"]._description_selection(self.env))
        for rec in self:
            rec.display_name = self.env._(
                "%(person)s \u2013 %(hours)s h CE (%(course)s) \u2013 %(date)s",
                person=rec.sudo().employee_id.name or "",
                hours=format_hours(self.env, rec.hours),
                course=rec.course or topics.get(rec.topic, ""),
                date=format_date(self.env, rec.date) if rec.date else "",
            )
