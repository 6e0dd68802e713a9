from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import format_date


class CoopHourEntry(models.Model):
    """Hours a member worked, entered by hand with the day (or the last day of
    the period) they were worked on: the register's own dated source of
    hours. Year-end patronage counts the entries dated inside the year; the
    candidacy rule counts them all, plus the membership's opening balance of
    hours worked before the register kept dated entries."""

    _name = "coop.hour.entry"
    _description = "Hours worked (entry)"
    _check_company_auto = True
    _inherit = ["mail.thread", "coop.guard.mixin"]
    _order = "date desc, id desc"

    membership_id = fields.Many2one(
        "coop.membership",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="membership_id.company_id", store=True, index=True, precompute=True
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="The day the hours were worked, or the last day of the period they cover.",
    )
    hours = fields.Float(required=True, tracking=True)
    description = fields.Char(tracking=True)

    @api.depends("membership_id.partner_id.name", "hours", "date")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = self.env._(
                "%(person)s \u2013 %(hours)s h \u2013 %(date)s",
                person=rec.sudo().membership_id.partner_id.name or "",
                hours=self.env["coop.membership"]._coop_hours_text(rec.hours),
                date=format_date(self.env, rec.date) if rec.date else "",
            )

    @api.constrains("hours")
    def _check_hours(self):
        for rec in self:
            if rec.hours <= 0:
                raise ValidationError(
                    self.env._(
                        "Hours worked must be more than zero (%(hours)s entered for "
                        "%(person)s); to correct an entry, change or delete it.",
                        hours=rec.hours,
                        person=rec.sudo().membership_id.partner_id.name or "",
                    )
                )

    # ------------------------------------------------------------------
    # A closed year's hours stay as they were counted
    # ------------------------------------------------------------------
    def _coop_check_open(self):
        """Refuse a change to entries dated inside a closed year (the year's
        patronage allocation was posted: see ``res.company``'s
        ``_coop_hours_closed``)."""
        for company in self.sudo().company_id:
            company._coop_check_hours_open(
                self.sudo().filtered(lambda rec, c=company: rec.company_id == c).mapped("date")
            )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._coop_check_open()
        return records

    def write(self, vals):
        closing = {"membership_id", "date", "hours"} & set(vals)
        if closing:
            # Who may not write hears so first; then whether the year is open.
            self.check_access("write")
            self._coop_check_open()
        result = super().write(vals)
        if closing:
            self._coop_check_open()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_if_open(self):
        self._coop_check_open()
