from odoo import fields, models


class CoopLicensePath(models.Model):
    """A path from a pre-licensure registration to a license, e.g. California
    AMFT -> LMFT. Its rules are dated versions (data, editable by an admin)."""

    _name = "coop.license.path"
    _description = "License path"
    _order = "jurisdiction, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    jurisdiction = fields.Char(required=True)
    board = fields.Char()
    title_from = fields.Char(string="Registration title", required=True)
    title_to = fields.Char(string="License title", required=True)
    rule_ids = fields.One2many("coop.license.rule", "path_id", string="Rule versions")
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_uniq", "UNIQUE (code)", "A license path code is unique.")]

    def _rule_on(self, day):
        """The rule version in force on ``day``."""
        self.ensure_one()
        for rule in self.rule_ids.sorted("date_from", reverse=True):
            if rule.date_from <= day and (not rule.date_to or day <= rule.date_to):
                return rule
        return self.env["coop.license.rule"]
