from odoo import api, fields, models
from odoo.exceptions import UserError


class CoopPatronageForm1099Line(models.Model):
    """One recipient's Form 1099-PATR boxes for a calendar year, read from
    the ledger by the year's ``action_compute``; only box 4 (backup
    withholding) is entered by the accountant."""

    _name = "coop.patronage.form1099.line"
    _description = "Form 1099-PATR recipient"
    _check_company_auto = True
    _inherit = ["coop.guard.mixin"]
    _order = "form_id, id"
    _coop_protected_fields = (
        "form_id",
        "partner_id",
        "membership_id",
        "tin",
        "cash",
        "qualified",
        "box5",
    )

    form_id = fields.Many2one(
        "coop.patronage.form1099", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="form_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    year = fields.Integer(related="form_id.year")
    partner_id = fields.Many2one("res.partner", string="Recipient", required=True, readonly=True)
    membership_id = fields.Many2one("coop.membership", readonly=True)
    tin = fields.Char(
        string="TIN",
        readonly=True,
        groups="account.group_account_user,account.group_account_readonly,"
        "coop_membership.group_coop_manager",
    )
    street = fields.Char(related="partner_id.street")
    city = fields.Char(related="partner_id.city")
    zip = fields.Char(related="partner_id.zip")
    cash = fields.Monetary(string="Cash paid", readonly=True)
    qualified = fields.Monetary(string="Qualified notices", readonly=True)
    box1 = fields.Monetary(string="Box 1", compute="_compute_box1", store=True)
    box4 = fields.Monetary(
        string="Box 4 (withheld)",
        help="Backup withholding from the recipient's payments in the year.",
    )
    box5 = fields.Monetary(string="Box 5", readonly=True)

    @api.depends("cash", "qualified")
    def _compute_box1(self):
        for line in self:
            line.box1 = line.cash + line.qualified

    @api.constrains("box4")
    def _check_box4(self):
        for line in self:
            if line.box4 < 0:
                raise UserError(
                    self.env._("%s: backup withholding cannot be negative.", line.partner_id.name)
                )

    def write(self, vals):
        if not self._coop_is_owner():
            self.check_access("write")
            for name in self._coop_protected_fields:
                if name in vals and not self._coop_unchanged(name, vals[name]):
                    self._coop_refuse(name)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_by_form(self):
        if not self._coop_is_owner():
            raise UserError(
                self.env._(
                    "1099-PATR rows are read from the ledger: read the year again "
                    "instead of deleting a row."
                )
            )

    @api.depends("form_id.year", "partner_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = self.env._(
                "1099-PATR %(year)s \u2013 %(person)s",
                year=rec.sudo().form_id.year or "",
                person=rec.sudo().partner_id.name or "",
            )
