from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    coop_patronage_decision_type_id = fields.Many2one(
        "coop.decision.type",
        string="Patronage approved by",
        domain="[('company_id', '=', id), ('frozen_from_id', '=', False)]",
        help="The kind of decision the bylaws name for approving a year-end patronage "
        "allocation: an allocation is posted only with an adopted proposal of this kind. "
        "Empty: allocations are posted without a vote.",
    )

    @api.constrains("coop_patronage_decision_type_id")
    def _check_coop_patronage_decision_type(self):
        for company in self:
            rules = company.coop_patronage_decision_type_id
            if rules and (rules.company_id != company or rules.frozen_from_id):
                raise ValidationError(
                    self.env._(
                        "%(company)s approves its patronage allocations by one of its own "
                        "kinds of decision, not by %(rules)s.",
                        company=company.name,
                        rules=rules.display_name,
                    )
                )

    def _coop_default_patronage_decision_type(self):
        """Name the company's ordinary decision, where it has one and nothing
        is named yet."""
        DecisionType = self.env["coop.decision.type"].sudo()
        for company in self.sudo().filtered(lambda c: not c.coop_patronage_decision_type_id):
            ordinary = DecisionType.search(
                [
                    ("company_id", "=", company.id),
                    ("code", "=", "ordinary"),
                    ("frozen_from_id", "=", False),
                ],
                limit=1,
            )
            if ordinary:
                company.coop_patronage_decision_type_id = ordinary
