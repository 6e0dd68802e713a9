from odoo import fields, models


class CoopLicenseBucket(models.Model):
    _name = "coop.license.bucket"
    _description = "License path hour bucket"
    _order = "rule_id, sequence, id"

    rule_id = fields.Many2one("coop.license.rule", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    code = fields.Char(required=True)
    name = fields.Char(required=True, translate=True)
    min_hours = fields.Float(string="At least")
    max_hours = fields.Float(string="At most", help="0: no maximum.")
