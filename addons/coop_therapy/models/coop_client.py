from odoo import api, fields, models

REMINDER_CHANNELS = [("none", "No reminders"), ("email", "Email"), ("portal", "Portal")]


class CoopClient(models.Model):
    """A client of the co-op: an opaque code plus what scheduling needs.

    There is no field for notes, diagnoses, treatment or any free text about
    care (HIPAA minimum necessary, shared/domain/scheduling.md): a test
    proves it. The name and contact details are readable only by the
    treating clinician, that clinician's supervisor and schedulers (record
    rules); everyone else, sessions included, sees the code."""

    _name = "coop.client"
    _description = "Client"
    _inherit = ["mail.thread"]
    _order = "code"
    _rec_name = "code"
    _check_company_auto = True

    code = fields.Char(
        readonly=True,
        copy=False,
        index=True,
        help="Given from the sequence when the client is created.",
    )
    name = fields.Char(required=True, tracking=True)
    email = fields.Char()
    phone = fields.Char()
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact for reminders",
        readonly=True,
        copy=False,
        help="Made when the client opts into reminders (the only way the client "
        "appears on their sessions) or is first invoiced as self-pay.",
    )
    clinician_id = fields.Many2one(
        "hr.employee", string="Treating clinician", required=True, index=True, tracking=True
    )
    clinician_user_id = fields.Many2one(
        related="clinician_id.user_id", store=True, string="Treating clinician (user)"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    reminder_channel = fields.Selection(
        REMINDER_CHANNELS,
        required=True,
        default="none",
        tracking=True,
        string="Reminder channel",
    )
    self_pay = fields.Boolean(string="Self-pay")
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_uniq", "UNIQUE (code)", "A client code is unique.")]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("code"):
                vals["code"] = self.env["ir.sequence"].next_by_code("coop.client") or "/"
        records = super().create(vals_list)
        records._coop_sync_partner()
        return records

    def write(self, vals):
        result = super().write(vals)
        if {"reminder_channel", "name", "email", "phone"} & set(vals):
            self._coop_sync_partner()
        return result

    def _coop_sync_partner(self, create=None):
        """A contact exists only for clients who chose reminders or were
        invoiced (``create``: make it for these clients too); it follows the
        client's name and contact details."""
        for rec in self:
            values = {"name": rec.name, "email": rec.email, "phone": rec.phone}
            if rec.partner_id:
                rec.partner_id.sudo().write(values)
            elif rec.reminder_channel != "none" or (create and rec in create):
                rec.sudo().partner_id = self.env["res.partner"].sudo().create(values)

    def _coop_billing_partner(self):
        """The contact self-pay invoices are addressed to, made (as the
        system) on the first invoice when the client has none."""
        self.ensure_one()
        if not self.partner_id:
            self._coop_sync_partner(create=self)
        return self.partner_id
