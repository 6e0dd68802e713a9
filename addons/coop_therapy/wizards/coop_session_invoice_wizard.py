from datetime import datetime, time, timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date

from ..lib import selfpay

SCHEDULER_GROUP = "coop_therapy.group_coop_scheduler"
INVOICE_GROUP = "account.group_account_invoice"


class CoopSessionInvoiceWizard(models.TransientModel):
    """One batch of self-pay invoices for a period: for every self-pay
    client, one customer invoice of their attended, late-cancelled and
    no-show sessions of the period not invoiced yet (shared/domain/
    scheduling.md: late cancellations and no-shows are billed to the client
    only). Run by schedulers, accountants and co-op managers."""

    _name = "coop.session.invoice.wizard"
    _description = "Invoice self-pay sessions"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date_from = fields.Date(
        string="From", required=True, default=lambda self: self._default_dates()[0]
    )
    date_to = fields.Date(string="To", required=True, default=lambda self: self._default_dates()[1])
    journal_id = fields.Many2one(
        "account.journal",
        required=True,
        help="A sales journal; those without invoicing rights get the co-op's first one.",
        domain="[('type', '=', 'sale'), ('company_id', '=', company_id)]",
        default=lambda self: self._default_journal(),
    )

    @api.model
    def _default_dates(self):
        """Last calendar month."""
        first = fields.Date.context_today(self).replace(day=1)
        last_month_end = first - timedelta(days=1)
        return last_month_end.replace(day=1), last_month_end

    @api.model
    def _default_journal(self):
        # As the system: a scheduler without accounting rights gets the first one.
        return (
            self.env["account.journal"]
            .sudo()
            .search([("type", "=", "sale"), ("company_id", "=", self.env.company.id)], limit=1)
        )

    def _coop_check_runner(self):
        user = self.env.user
        if not (self.env.su or user.has_group(SCHEDULER_GROUP) or user.has_group(INVOICE_GROUP)):
            raise AccessError(
                self.env._("Only schedulers, accountants and co-op managers invoice sessions.")
            )
        if not self.env.su and self.company_id not in user.company_ids:
            raise AccessError(
                self.env._(
                    "You do not work for %(company)s: its sessions are not yours to invoice.",
                    company=self.company_id.sudo().name,
                )
            )

    def _coop_charges(self):
        """The billed sessions of self-pay clients in the period, and the
        (session, client) pairs already on an invoice that is not cancelled."""
        self.ensure_one()
        start = datetime.combine(self.date_from, time.min)
        stop = datetime.combine(self.date_to + timedelta(days=1), time.min)
        sessions = (
            self.env["calendar.event"]
            .sudo()
            .search(
                [
                    ("coop_session", "=", True),
                    ("clinician_id.company_id", "=", self.company_id.id),
                    ("coop_state", "in", selfpay.BILLED_STATES),
                    ("start", ">=", start),
                    ("start", "<", stop),
                    ("client_ids.self_pay", "=", True),
                ],
                order="start, id",
            )
        )
        charges = [
            selfpay.Charge(s.id, c.id, s.fee_charged, s.coop_state, s.start)
            for s in sessions
            for c in s.client_ids
            if c.self_pay
        ]
        lines = sessions.coop_invoice_line_ids
        invoiced = {
            (line.coop_session_id.id, line.coop_client_id.id)
            for line in lines
            if line.parent_state != "cancel"
        }
        return sessions, charges, invoiced, lines.filtered(lambda ml: ml.parent_state == "cancel")

    def _coop_line_label(self, session, lang=None):
        """The line's text: CPT code, session type and the session's day
        (in the clinician's time zone), the day written as the invoice's
        partner reads dates (their language's format)."""
        kind = session.session_type_id
        when = session._coop_local(session.start, session._coop_tz(session.clinician_id))
        codes = " ".join(
            filter(None, [kind.cpt_code, "+90785" if kind.interactive_complexity else ""])
        )
        label = self.env._(
            "CPT %(code)s %(type)s, %(date)s",
            code=codes or "-",
            type=kind.name,
            date=format_date(self.env, when.date(), lang_code=lang or False),
        )
        if session.coop_state == "late_cancelled":
            label = self.env._("%(label)s: late cancellation", label=label)
        elif session.coop_state == "no_show":
            label = self.env._("%(label)s: no-show", label=label)
        return label

    def _coop_line_values(self, session, charge, lang=None):
        kind = session.session_type_id
        return {
            "product_id": kind._coop_product().id if kind else False,
            "name": self._coop_line_label(session, lang),
            "quantity": 1,
            "price_unit": charge.fee,
            "coop_session_id": charge.session,
            "coop_client_id": charge.client,
        }

    def action_invoice(self):
        """Make the batch's invoices (drafts, for the accountant to check and
        post) and open them."""
        self.ensure_one()
        self._coop_check_runner()
        if not self.company_id.coop_self_pay_invoicing:
            raise UserError(
                self.env._(
                    "Self-pay invoicing is off for %(company)s: turn it on in Settings, Co-op.",
                    company=self.company_id.name,
                )
            )
        if self.date_to < self.date_from:
            raise UserError(self.env._("The period ends before it starts."))
        journal = self.sudo().journal_id
        if journal.type != "sale" or journal.company_id != self.company_id:
            raise UserError(
                self.env._("Choose a sales journal of %(company)s.", company=self.company_id.name)
            )
        sessions, charges, invoiced, cancelled_lines = self._coop_charges()
        groups = selfpay.invoice_groups(charges, invoiced)
        if not groups:
            raise UserError(
                self.env._(
                    "No self-pay session from %(start)s to %(end)s is left to invoice.",
                    start=self.date_from,
                    end=self.date_to,
                )
            )
        # Lines of cancelled invoices free their sessions for this batch.
        cancelled_lines.sudo().write({"coop_session_id": False, "coop_client_id": False})
        cancelled_lines.flush_recordset()
        by_id = {s.id: s for s in sessions}
        Client = self.env["coop.client"].sudo()
        values = []
        for client_id, items in groups.items():
            client = Client.browse(client_id)
            partner = client._coop_billing_partner()
            values.append(
                {
                    "move_type": "out_invoice",
                    "company_id": self.company_id.id,
                    "journal_id": journal.id,
                    "partner_id": partner.id,
                    "invoice_date": self.date_to,
                    "ref": self.env._(
                        "Sessions %(start)s to %(end)s", start=self.date_from, end=self.date_to
                    ),
                    "invoice_line_ids": [
                        Command.create(
                            self._coop_line_values(by_id[item.session], item, partner.lang)
                        )
                        for item in items
                    ],
                }
            )
        moves = (
            self.env["account.move"]
            .sudo()
            .with_company(self.company_id)
            .with_context(default_move_type="out_invoice")
            .create(values)
        )
        user = self.env.user
        if not (user.has_group(INVOICE_GROUP) or user.has_group("account.group_account_readonly")):
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "success",
                    "message": self.env._(
                        "%(count)s draft invoices made for the accountant to check and post.",
                        count=len(moves),
                    ),
                    "next": {"type": "ir.actions.act_window_close"},
                },
            }
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Self-pay invoices"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", moves.ids)],
            "context": {"default_move_type": "out_invoice"},
        }
