from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date


class CoopMembershipTransitionWizard(models.TransientModel):
    """Record license: the license itself (number, path, dates) is asked
    for and kept on a license record of the employee, with the change of
    state."""

    _inherit = "coop.membership.transition.wizard"

    employee_id = fields.Many2one(related="membership_id.employee_id")
    license_path_id = fields.Many2one(
        "coop.license.path",
        string="License type",
        compute="_compute_license_path",
        store=True,
        readonly=False,
        help="The path from the registration to the license, e.g. California AMFT to LMFT.",
    )
    license_number = fields.Char(string="License number")
    license_date_issue = fields.Date(string="License issued")
    license_date_expiry = fields.Date(string="License expires")

    @api.depends("membership_id", "to_state")
    def _compute_license_path(self):
        for wizard in self:
            if wizard.license_path_id or wizard.to_state != "licensed":
                continue
            registration = (
                self.env["coop.license"]
                .sudo()
                .search(
                    [("employee_id", "=", wizard.employee_id.id), ("kind", "=", "registration")],
                    order="date_issue desc",
                    limit=1,
                )
                if wizard.employee_id
                else self.env["coop.license"]
            )
            wizard.license_path_id = registration.path_id

    @api.depends(
        "membership_id",
        "to_state",
        "date",
        "license_path_id",
        "license_number",
        "license_date_issue",
        "license_date_expiry",
    )
    @api.depends_context("lang")
    def _compute_checks(self):
        return super()._compute_checks()

    def _coop_license_error(self):
        """What keeps the license from being recorded, in words, or None."""
        self.ensure_one()
        if self.to_state != "licensed" or not self.employee_id:
            return None
        if not (
            self.license_path_id
            and self.license_number
            and self.license_date_issue
            and self.license_date_expiry
        ):
            return self.env._(
                "License not recorded. Give the license's type, number, and the dates it "
                "was issued and expires."
            )
        today = fields.Date.context_today(self)
        if self.license_date_issue > today:
            return self.env._(
                "License not recorded. A license issued on %(date)s is not issued yet.",
                date=format_date(self.env, self.license_date_issue),
            )
        if self.license_date_expiry < today:
            return self.env._(
                "License not recorded. The license expired on %(date)s: record the "
                "renewed license.",
                date=format_date(self.env, self.license_date_expiry),
            )
        if self.date and self.date < self.license_date_issue:
            return self.env._(
                "License not recorded. The effective date cannot be before the license "
                "was issued, on %(date)s.",
                date=format_date(self.env, self.license_date_issue),
            )
        return None

    def _coop_checks(self):
        lines = super()._coop_checks()
        if self.to_state != "licensed":
            return lines
        if not self.employee_id:
            lines.append(
                self.env._(
                    "No employee is linked to this membership: the license is not kept in "
                    "licensure."
                )
            )
            return lines
        if self.license_number and self.license_date_issue and self.license_date_expiry:
            lines.append(
                self.env._(
                    "%(title)s %(number)s, issued on %(issue)s, expires on %(expiry)s.",
                    title=self.license_path_id.title_to or self.env._("License"),
                    number=self.license_number,
                    issue=format_date(self.env, self.license_date_issue),
                    expiry=format_date(self.env, self.license_date_expiry),
                )
            )
        error = self._coop_license_error()
        if error:
            lines.append(error)
        return lines

    def _coop_apply(self):
        error = self._coop_license_error()
        if error:
            raise UserError(error)
        result = super()._coop_apply()
        if self.to_state == "licensed" and self.employee_id:
            self.env["coop.license"].create(
                {
                    "employee_id": self.employee_id.id,
                    "path_id": self.license_path_id.id,
                    "kind": "license",
                    "number": self.license_number,
                    "date_issue": self.license_date_issue,
                    "date_expiry": self.license_date_expiry,
                }
            )
        return result
