from odoo import fields, models


class ResPartner(models.Model):
    """A client's contact (made for reminders or self-pay invoices) carries
    the client's name and contact details: the record rules of
    security/coop_therapy_rules.xml show it only to those who may see the
    client (scheduling.md, "Privacy")."""

    _inherit = "res.partner"

    coop_client_ids = fields.One2many(
        "coop.client", "partner_id", string="Therapy clients", readonly=True
    )
