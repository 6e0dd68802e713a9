from odoo import fields, models


class CoopLicenseCategory(models.Model):
    _name = "coop.license.category"
    _description = "Hour log category of a license path"
    _order = "rule_id, sequence, id"

    rule_id = fields.Many2one("coop.license.rule", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    code = fields.Char(required=True)
    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(
        [
            ("direct", "Direct counseling"),
            ("clinical", "Other clinical"),
            ("nonclinical", "Non-clinical"),
            ("sup_individual", "Supervision: individual"),
            ("sup_triadic", "Supervision: triadic"),
            ("sup_group", "Supervision: group"),
        ],
        required=True,
    )
    bucket_ids = fields.Many2many(
        "coop.license.bucket",
        string="Counts toward",
        domain="[('rule_id', '=', rule_id)]",
    )
