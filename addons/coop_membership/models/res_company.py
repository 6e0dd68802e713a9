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

    def _coop_sequence(self, code, name, prefix):
        """This company's own sequence for ``code`` (created when missing)."""
        self.ensure_one()
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search([("code", "=", code), ("company_id", "=", self.id)], limit=1)
        if not sequence:
            sequence = Sequence.create(
                {
                    "name": f"{name} ({self.name})",
                    "code": code,
                    "company_id": self.id,
                    "prefix": prefix,
                    "padding": 4,
                    "implementation": "no_gap",
                }
            )
        return sequence

    def _coop_manager_user(self):
        """Who gets the co-op's to-dos: a co-op manager of this company."""
        self.ensure_one()
        managers = self.env.ref("coop_membership.group_coop_manager").users.filtered(
            lambda u: self in u.company_ids and not u.share and u.active
        )
        return managers.sorted("id")[:1] or self.env.ref("base.user_admin")
