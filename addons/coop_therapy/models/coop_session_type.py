from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

from ..lib import scheduling

LICENSURE_BUCKETS = [
    ("none", "Does not count toward licensure"),
    ("individual", "Direct: individual"),
    ("cfc", "Direct: couples, families and children"),
    ("group", "Direct: group"),
]


class CoopSessionType(models.Model):
    """A kind of session the co-op offers (admin data): CPT code, length,
    modality, what it counts for and its fee (shared/domain/scheduling.md)."""

    _name = "coop.session.type"
    _description = "Session type"
    _order = "sequence, cpt_code, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    cpt_code = fields.Char(string="CPT code")
    interactive_complexity = fields.Boolean(
        string="Interactive complexity (+90785)",
        help="The add-on code 90785 is billed with this type.",
    )
    minutes = fields.Integer(required=True, default=50)
    modality = fields.Selection(
        [("in_person", "In person"), ("video", "Video (telehealth)"), ("phone", "Phone")],
        required=True,
        default="in_person",
    )
    place_of_service = fields.Selection(
        [("02", "02: telehealth, client elsewhere"), ("10", "10: telehealth, client at home")],
        help="Default place of service of a telehealth session.",
        string="Place of service",
    )
    licensure_bucket = fields.Selection(
        LICENSURE_BUCKETS,
        required=True,
        default="individual",
        help="Which direct-counseling category of an associate's license path the "
        "session's hours go to.",
        string="Licensure bucket",
    )
    counts_direct = fields.Boolean(
        string="Direct clinical hours",
        compute="_compute_counts_direct",
        store=True,
        help="Counts toward the weekly direct-hours limits and, for associates, licensure.",
    )
    counts_worked = fields.Boolean(
        string="Hours worked", default=True, help="Counts as hours worked (candidacy, patronage)."
    )
    group_capacity = fields.Integer(
        default=1, help="Clients in one session at most.", string="Group capacity"
    )
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id, required=True
    )
    fee = fields.Monetary(help="Fee of the session when no fee is set for the credential grade.")
    fee_licensed = fields.Monetary(string="Fee: licensed")
    fee_associate = fields.Monetary(string="Fee: associate")
    fee_trainee = fields.Monetary(string="Fee: trainee")
    product_id = fields.Many2one(
        "product.product",
        string="Invoiced as",
        domain="[('type', '=', 'service')]",
        help="The service product of self-pay invoices; made from the type when "
        "the first session of it is invoiced.",
    )

    @api.depends("licensure_bucket")
    def _compute_counts_direct(self):
        for rec in self:
            rec.counts_direct = rec.licensure_bucket != "none"

    @api.constrains("minutes", "cpt_code", "group_capacity")
    def _check_minutes(self):
        for rec in self:
            if rec.minutes <= 0:
                raise ValidationError(self.env._("A session lasts more than zero minutes."))
            if rec.group_capacity < 1:
                raise ValidationError(self.env._("A session has room for at least one client."))
            problem = scheduling.cpt_band_check(rec.cpt_code, rec.minutes)
            if problem:
                raise ValidationError(
                    self.env._(
                        "%(minutes)s minutes do not fit the time band of CPT %(code)s.",
                        minutes=rec.minutes,
                        code=rec.cpt_code,
                    )
                )

    def _coop_fee(self, grade):
        """The fee of this type for a clinician of the credential ``grade``."""
        self.ensure_one()
        by_grade = {
            "licensed": self.fee_licensed,
            "associate": self.fee_associate,
            "trainee": self.fee_trainee,
        }
        return by_grade.get(grade) or self.fee

    def _coop_product(self):
        """The service product invoiced for this type, made on demand (named
        after the type, its internal reference the CPT code, no taxes)."""
        self.ensure_one()
        if not self.product_id:
            product = (
                self.env["product.product"]
                .sudo()
                .create(
                    {
                        "name": self.name,
                        "type": "service",
                        "default_code": self.cpt_code or False,
                        "list_price": self.fee,
                        "sale_ok": True,
                        "purchase_ok": False,
                    }
                )
            )
            # Invoiced without sales tax; a co-op that owes one sets it on the product.
            product.taxes_id = [Command.set([])]
            self.sudo().product_id = product
        return self.product_id
