from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


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

    @api.model
    def _coop_demo_odoo_records(self, model, company):
        """Odoo's own demo records of ``model`` in ``company``: those with an
        external id of a module that is not one of the co-op's."""
        ids = (
            self.env["ir.model.data"]
            .sudo()
            .search([("model", "=", model), ("module", "not like", "coop\\_%")])
            .mapped("res_id")
        )
        records = self.env[model].sudo().with_context(active_test=False).browse(ids).exists()
        return records.filtered(lambda rec: rec.company_id == company)

    def _coop_demo_set_aside_odoo_demo(self):
        """Demo data only. The demo co-op lives in the main company, which
        also holds Odoo's own demo records (a furniture firm's employees,
        invoices and bank statement) in a database with demo data. They are
        set aside the way a co-op would, so that the co-op's figures are its
        own: the running contracts of Odoo's demo employees who are not
        co-op people (no membership) end yesterday and their incoming ones
        are cancelled; those without a login are archived (the admin's and
        the demo user's stay, as their logins' employees); Odoo's demo
        invoices, bills and entries are cancelled and its demo bank
        statement removed. The pay-equity rule itself is unchanged: everyone
        with a running contract in the co-op is compared."""
        self.ensure_one()
        yesterday = fields.Date.context_today(self) - relativedelta(days=1)
        people = self.env["coop.membership"].sudo().search([("company_id", "=", self.id)])
        contracts = self._coop_demo_odoo_records("hr.contract", self).filtered(
            lambda c: c.employee_id not in people.employee_id and c.state in ("draft", "open")
        )
        running = contracts.filtered(
            lambda c: c.state == "open" and c.date_start and c.date_start <= yesterday
        )
        running.write({"state": "close", "date_end": yesterday})
        (contracts - running).write({"state": "cancel"})
        employees = self._coop_demo_odoo_records("hr.employee", self).filtered(
            lambda e: e.active and not e.user_id and e not in people.employee_id
        )
        employees.with_context(no_wizard=True).action_archive()

        statements = self._coop_demo_odoo_records("account.bank.statement", self)
        lines = self._coop_demo_odoo_records("account.bank.statement.line", self)
        (lines | statements.line_ids).unlink()
        statements.unlink()
        moves = self._coop_demo_odoo_records("account.move", self)
        moves.activity_ids.unlink()
        moves.filtered(lambda m: m.state == "posted").button_draft()
        moves.filtered(lambda m: m.state == "draft").button_cancel()
        return True
