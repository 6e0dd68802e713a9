from odoo import fields, models


class CoopPatronageLineSource(models.Model):
    """The hours of one source (hours entered, signed licensure weeks,
    sessions, timesheets...) in a member's patronage line: the allocation
    writes them with the line's hours, so the accountant sees where the
    member's hours come from. Nobody writes them by hand."""

    _name = "coop.patronage.line.source"
    _description = "Patronage line hours by source"
    _order = "line_id, id"

    line_id = fields.Many2one(
        "coop.patronage.line", required=True, index=True, ondelete="cascade", readonly=True
    )
    partner_id = fields.Many2one(
        related="line_id.partner_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="line_id.company_id", store=True, index=True, precompute=True
    )
    code = fields.Char(string="Source code", required=True, readonly=True)
    label = fields.Char(string="Source", required=True, readonly=True)
    hours = fields.Float(readonly=True)

    def _compute_display_name(self):
        for rec in self:
            rec.display_name = self.env._(
                "%(kind)s: %(hours)s h \u2013 %(person)s",
                kind=rec.label or "",
                hours=self.env["coop.membership"]._coop_hours_text(rec.hours),
                person=rec.sudo().line_id.partner_id.name or "",
            )
