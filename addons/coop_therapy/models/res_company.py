from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # Defaults from shared/domain/governance.md (California worker-co-op
    # sample bylaws): 650 hours or 6 months of work, whichever is longer.
    coop_candidacy_min_hours = fields.Float(
        string="Candidacy: minimum hours",
        default=650.0,
        help="Hours a worker must have worked before becoming a candidate member.",
    )
    coop_candidacy_min_months = fields.Integer(
        string="Candidacy: minimum months",
        default=6,
        help="Months a worker must have worked before becoming a candidate "
        "member. Both conditions must be met (whichever is longer).",
    )

    _sql_constraints = [
        (
            "coop_candidacy_rule_positive",
            "CHECK (coop_candidacy_min_hours >= 0 AND coop_candidacy_min_months >= 0)",
            "The candidacy rule cannot ask for negative hours or months.",
        ),
    ]
