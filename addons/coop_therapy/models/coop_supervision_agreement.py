from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date


class CoopSupervisionAgreement(models.Model):
    """A supervisor supervises an associate in a work setting, for dates."""

    _name = "coop.supervision.agreement"
    _description = "Supervision agreement"
    _check_company_auto = True
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "associate_id, date_from desc"

    supervisor_id = fields.Many2one(
        "coop.supervisor", required=True, index=True, tracking=True, check_company=True
    )
    supervisor_user_id = fields.Many2one(
        related="supervisor_id.user_id", store=True, string="Supervisor (user)"
    )
    associate_id = fields.Many2one("hr.employee", required=True, index=True, tracking=True)
    associate_user_id = fields.Many2one(
        related="associate_id.user_id", store=True, string="Associate (user)"
    )
    company_id = fields.Many2one(related="associate_id.company_id", store=True)
    setting = fields.Char(string="Work setting", required=True, tracking=True)
    date_from = fields.Date(required=True, tracking=True, string="Date from")
    date_to = fields.Date(tracking=True, string="Date to")
    signed_date = fields.Date(string="Agreement signed", tracking=True)
    oversight_required = fields.Boolean(
        help="The supervisor is not employed by the work setting: a written "
        "oversight agreement is needed.",
        string="Oversight required",
    )
    oversight_signed_date = fields.Date(string="Oversight signed date")

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for rec in self:
            if rec.date_to and rec.date_to < rec.date_from:
                raise ValidationError(self.env._("An agreement cannot end before it starts."))

    @api.constrains("supervisor_id", "associate_id", "date_from", "date_to")
    def _check_supervisors_at_a_time(self):
        """No more supervisors at one time than the associate's path allows
        (Texas: up to two, 22 TAC 681.83(f)). The associates' files and
        agreements are read once for the whole batch."""
        files = {
            file.employee_id.id: file
            for file in self.env["coop.licensure"]
            .sudo()
            .search([("employee_id", "in", self.associate_id.ids)])
        }
        limited = self.filtered(
            lambda a: (
                a.associate_id.id in files
                and files[a.associate_id.id].path_id._rule_on(a.date_from).max_supervisors
            )
        )
        by_associate = defaultdict(list)
        for agreement in self.sudo().search([("associate_id", "in", limited.associate_id.ids)]):
            by_associate[agreement.associate_id.id].append(agreement.id)
        for rec in limited:
            rule = files[rec.associate_id.id].path_id._rule_on(rec.date_from)
            agreements = self.sudo().browse(by_associate[rec.associate_id.id])
            # The count of supervisors can only rise on a day an agreement starts.
            for day in {a.date_from for a in agreements if rec._coop_covers(a.date_from)}:
                supervisors = agreements.filtered(lambda a, d=day: a._coop_covers(d)).supervisor_id
                if len(supervisors) > rule.max_supervisors:
                    raise ValidationError(
                        self.env._(
                            "%(associate)s would have %(count)s supervisors on %(day)s; "
                            "%(path)s allows at most %(max)s at a time.",
                            associate=rec.associate_id.name,
                            count=len(supervisors),
                            day=day,
                            path=rule.path_id.name,
                            max=rule.max_supervisors,
                        )
                    )

    def _coop_files(self):
        return (
            self.env["coop.licensure"].sudo().search([("employee_id", "in", self.associate_id.ids)])
        )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._coop_files()._coop_refresh_supervisors()
        return records

    def write(self, vals):
        files = self._coop_files()
        result = super().write(vals)
        (files | self._coop_files())._coop_refresh_supervisors()
        return result

    def unlink(self):
        files = self._coop_files()
        result = super().unlink()
        files._coop_refresh_supervisors()
        return result

    def _coop_covers(self, day):
        self.ensure_one()
        return self.date_from <= day and (not self.date_to or day <= self.date_to)

    def _coop_signature_due(self):
        """Agreements not signed within 60 days of starting (licensure.md)."""
        today = fields.Date.context_today(self)
        return self.filtered(
            lambda a: (
                (not a.signed_date and today > a.date_from + relativedelta(days=60))
                or (a.oversight_required and not a.oversight_signed_date)
            )
        )

    @api.depends("associate_id.name", "supervisor_id.employee_id.name", "date_from")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = self.env._(
                "Supervision of %(associate)s by %(supervisor)s from %(date)s",
                associate=rec.sudo().associate_id.name or "",
                supervisor=rec.sudo().supervisor_id.employee_id.name or "",
                date=format_date(self.env, rec.date_from) if rec.date_from else "",
            )
