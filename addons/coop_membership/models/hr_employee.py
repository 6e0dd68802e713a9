from odoo import api, fields, models

from ..lib import lifecycle


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    coop_membership_ids = fields.One2many(
        "coop.membership",
        "employee_id",
        string="Co-op memberships",
        groups="coop_membership.group_coop_user",
    )
    coop_membership_id = fields.Many2one(
        "coop.membership",
        compute="_compute_coop_membership",
        string="Co-op membership",
        groups="coop_membership.group_coop_user",
    )
    coop_membership_state = fields.Selection(
        lifecycle.STATES,
        compute="_compute_coop_membership",
        string="Co-op membership state",
        groups="coop_membership.group_coop_user",
    )

    @api.depends("coop_membership_ids.state")
    def _compute_coop_membership(self):
        for employee in self:
            memberships = employee.coop_membership_ids.sorted("id", reverse=True)
            current = memberships.filtered(lambda m: m.state != "former")[:1]
            employee.coop_membership_id = current or memberships[:1]
            employee.coop_membership_state = employee.coop_membership_id.state

    def action_open_coop_membership(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_membership.action_coop_membership"
        )
        if self.coop_membership_id:
            action.update(
                view_mode="form", views=[(False, "form")], res_id=self.coop_membership_id.id
            )
        else:
            action.update(
                view_mode="form",
                views=[(False, "form")],
                context={
                    "default_employee_id": self.id,
                    "default_partner_id": self.work_contact_id.id,
                    "default_company_id": self.company_id.id,
                },
            )
        return action
