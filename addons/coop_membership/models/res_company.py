import math

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .coop_guard_mixin import check_values


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

    @api.constrains("coop_candidacy_min_hours")
    def _check_coop_candidacy_hours(self):
        for company in self:
            if not math.isfinite(company.coop_candidacy_min_hours):
                raise ValidationError(
                    self.env._("%s: the candidacy hours are a number, zero or more.", company.name)
                )

    def write(self, vals):
        # Every co-op setting, whichever co-op addon adds it, is a real
        # number, money to the cent, a text of sensible length.
        coop_vals = {name: value for name, value in vals.items() if name.startswith("coop_")}
        if coop_vals:
            check_values(self, coop_vals, lambda _field: self.currency_id)
        return super().write(vals)

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

    def _coop_hours_closed(self, _days):
        """Why the hours worked on these days (a set of dates) in this
        company can no longer change: a sentence, or None while they are
        open. Hours feed the year-end patronage allocation; a module that
        closes years (member capital posts the allocation) overrides this.
        Nothing is closed here."""
        return None

    def _coop_check_hours_open(self, days):
        """Refuse, with the reason, a change to the hours worked on ``days``
        (dates) in this company once their year is closed."""
        days = {day for day in days if day}
        for company in self:
            reason = company._coop_hours_closed(days) if days else None
            if reason:
                raise UserError(reason)
