from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CoopShareClass(models.Model):
    """A class of shares of the co-op: the voting membership share (exactly
    one per member) or a non-voting investment share."""

    _name = "coop.share.class"
    _description = "Co-op share class"
    _inherit = ["mail.thread", "coop.guard.mixin"]
    _order = "company_id, kind, name"

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    kind = fields.Selection(
        [("membership", "Membership share (voting)"), ("investment", "Investment share")],
        required=True,
        default="investment",
        tracking=True,
    )
    price = fields.Monetary(required=True, tracking=True, help="Price of one share.")
    account_id = fields.Many2one(
        "account.account",
        string="Equity account",
        tracking=True,
        ondelete="set null",
        help="Credited when shares of this class are subscribed; empty: the "
        "company's membership shares account (3100) for the membership share, its "
        "investment shares account (3110) for investment shares.",
    )
    min_per_member = fields.Integer(string="Minimum shares per member", default=0)
    max_per_member = fields.Integer(string="Maximum shares per member", default=0, help="0: none.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "one_membership_class",
            "EXCLUDE USING btree (company_id WITH =) WHERE (kind = 'membership' AND active) "
            "DEFERRABLE INITIALLY DEFERRED",
            "A co-op has exactly one membership share class.",
        ),
    ]

    @api.constrains("kind", "company_id", "active")
    def _check_one_membership_class(self):
        for rec in self.filtered(lambda c: c.kind == "membership" and c.active):
            if self.search_count(
                [
                    ("company_id", "=", rec.company_id.id),
                    ("kind", "=", "membership"),
                    ("id", "!=", rec.id),
                ]
            ):
                raise ValidationError(
                    self.env._(
                        "%(company)s already has a membership share class; a co-op "
                        "has exactly one voting share.",
                        company=rec.company_id.name,
                    )
                )

    @api.constrains("price", "min_per_member", "max_per_member", "kind")
    def _check_amounts(self):
        for rec in self:
            if rec.price <= 0:
                raise ValidationError(
                    self.env._("The price of a %s must be more than zero.", rec.name)
                )
            if rec.min_per_member < 0 or rec.max_per_member < 0:
                raise ValidationError(self.env._("Share limits cannot be negative."))
            if rec.max_per_member and rec.max_per_member < rec.min_per_member:
                raise ValidationError(
                    self.env._(
                        "%(name)s: the maximum per member (%(max)s) is below the "
                        "minimum (%(min)s).",
                        name=rec.name,
                        max=rec.max_per_member,
                        min=rec.min_per_member,
                    )
                )

    def _coop_account(self):
        self.ensure_one()
        if self.account_id:
            return self.account_id
        if self.kind == "membership":
            return self.company_id.coop_account_share_id
        if not self.company_id.coop_account_investment_id:
            self.company_id._coop_capital_setup()  # a company set up before 3110 existed
        return self.company_id.coop_account_investment_id

    @api.model
    def _coop_ensure_membership_class(self, company):
        existing = self.with_context(active_test=False).search(
            [("company_id", "=", company.id), ("kind", "=", "membership")], limit=1
        )
        if existing:
            return existing
        return self.create(
            {
                "name": self.env._("Membership share"),
                "company_id": company.id,
                "kind": "membership",
                "price": 1000.0,
                "min_per_member": 1,
                "max_per_member": 1,
            }
        )

    @api.model
    def _coop_membership_class(self, company):
        share_class = self.search(
            [("company_id", "=", company.id), ("kind", "=", "membership")], limit=1
        )
        if not share_class:
            company._coop_capital_setup()
            share_class = self.search(
                [("company_id", "=", company.id), ("kind", "=", "membership")], limit=1
            )
        return share_class
