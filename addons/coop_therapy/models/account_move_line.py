from odoo import api, fields, models
from odoo.exceptions import AccessError


class AccountMoveLine(models.Model):
    """A line of a self-pay invoice knows the session and the client it
    bills: each session is invoiced once per client. The link is set only by
    the invoicing batch, never by a caller."""

    _inherit = "account.move.line"

    coop_session_id = fields.Many2one(
        "calendar.event",
        string="Therapy session",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
    )
    coop_client_id = fields.Many2one(
        "coop.client", string="Client", readonly=True, copy=False, ondelete="restrict"
    )

    _sql_constraints = [
        (
            "coop_session_client_uniq",
            "UNIQUE (coop_session_id, coop_client_id)",
            "A session is invoiced once to each client.",
        )
    ]

    def _coop_check_link(self, vals_list):
        if self.env.su:
            return
        if any(
            vals.get(name) for vals in vals_list for name in ("coop_session_id", "coop_client_id")
        ):
            raise AccessError(
                self.env._("Only the self-pay invoicing batch links sessions to invoices.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._coop_check_link(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and {"coop_session_id", "coop_client_id"} & set(vals):
            raise AccessError(
                self.env._("Only the self-pay invoicing batch links sessions to invoices.")
            )
        return super().write(vals)
