from odoo import fields, models


class ResCompany(models.Model):
    """The co-op's scheduling policy (defaults from shared/domain/scheduling.md;
    defaults, not standards: each co-op sets its own)."""

    _inherit = "res.company"

    coop_direct_hours_warn = fields.Float(
        string="Direct hours a week: warn above",
        default=25,
        help="A clinician's direct clinical hours booked in a week above which "
        "booking warns (0: never).",
    )
    coop_direct_hours_block = fields.Float(
        string="Direct hours a week: block above",
        default=30,
        help="Above this, a booking needs a manager's written override reason (0: never).",
    )
    coop_sessions_per_day = fields.Integer(
        string="Sessions a day at most", default=6, help="0: no limit."
    )
    coop_active_clients_max = fields.Integer(
        string="Active clients at most",
        default=25,
        help="Clients with a session in the last 30 days or one booked (0: no limit).",
    )
    coop_late_cancel_hours = fields.Selection(
        [("24", "24 hours"), ("48", "48 hours"), ("72", "72 hours")],
        string="Late-cancellation window",
        default="24",
        required=True,
    )
    coop_session_buffer = fields.Integer(string="Buffer between sessions (minutes)", default=0)
    coop_late_cancel_fee = fields.Monetary(
        string="Late-cancellation fee", currency_field="currency_id", default=0.0
    )
    coop_no_show_fee = fields.Monetary(
        string="No-show fee", currency_field="currency_id", default=0.0
    )
    coop_self_pay_invoicing = fields.Boolean(
        string="Invoice self-pay sessions",
        help="Attended, late-cancelled and no-show sessions of self-pay clients are "
        "invoiced in one batch per period with customer invoices.",
    )
