from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The company fields naming a kind of decision of its bylaws for a capital
# record (coop.approval.mixin); each gets the ordinary decision on install.
DECISION_FIELDS = ("coop_patronage_decision_type_id", "coop_revolving_decision_type_id")


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
    coop_revolving_decision_type_id = fields.Many2one(
        "coop.decision.type",
        string="Revolving decided by",
        domain="[('company_id', '=', id), ('frozen_from_id', '=', False)]",
        help="The kind of decision the bylaws name for a revolving redemption of "
        "retained patronage: a batch is posted and paid only with an adopted proposal "
        "of this kind. Empty: the board's decision recorded on the batch suffices.",
    )

    @api.constrains(*DECISION_FIELDS)
    def _check_coop_patronage_decision_type(self):
        for company in self:
            for name in DECISION_FIELDS:
                rules = company[name]
                if rules and (rules.company_id != company or rules.frozen_from_id):
                    raise ValidationError(
                        self.env._(
                            "%(company)s names one of its own kinds of decision for "
                            "“%(setting)s”, not %(rules)s.",
                            company=company.name,
                            setting=self._fields[name].get_description(self.env)["string"],
                            rules=rules.display_name,
                        )
                    )

    def _coop_default_decision_types(self, names=DECISION_FIELDS):
        """Name the company's ordinary decision in each of the settings
        ``names`` that names none yet, where the company has one."""
        DecisionType = self.env["coop.decision.type"].sudo()
        for company in self.sudo():
            empty = [name for name in names if not company[name]]
            if not empty:
                continue
            ordinary = DecisionType.search(
                [
                    ("company_id", "=", company.id),
                    ("code", "=", "ordinary"),
                    ("frozen_from_id", "=", False),
                ],
                limit=1,
            )
            if ordinary:
                company.write(dict.fromkeys(empty, ordinary.id))
