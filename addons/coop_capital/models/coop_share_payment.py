from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from ..lib import capital


class CoopSharePayment(models.Model):
    """Money received for a subscription: by bank, or withheld from pay.

    Posting reconciles Cr 3105, with the member's partner, with the
    subscription's receivable. Money into a bank or cash journal is an Odoo
    customer payment (``payment_id``): Dr the journal's outstanding receipts /
    Cr 3105, so that the bank statement line matches it like any payment. A
    payroll deduction is an entry of the member capital journal: Dr wages
    payable / Cr 3105.
    """

    _name = "coop.share.payment"
    _description = "Share subscription payment"
    _check_company_auto = True
    _inherit = ["mail.thread", "coop.guard.mixin"]
    _order = "date desc, id desc"
    # Set by posting only.
    _coop_protected_fields = ("state", "move_id", "payment_id")

    subscription_id = fields.Many2one(
        "coop.share.subscription", required=True, index=True, ondelete="restrict"
    )
    membership_id = fields.Many2one(
        "coop.membership",
        string="Paid by",
        required=True,
        index=True,
        help="The member whose money this is; it must be the subscriber.",
        check_company=True,
    )
    partner_id = fields.Many2one(related="subscription_id.partner_id", store=True, index=True)
    company_id = fields.Many2one(related="subscription_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="subscription_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    amount = fields.Monetary(required=True)
    method = fields.Selection(
        [("bank", "Bank"), ("payroll", "Payroll deduction")], required=True, default="bank"
    )
    journal_id = fields.Many2one(
        "account.journal",
        string="Bank journal",
        domain="[('type', 'in', ('bank', 'cash')), ('company_id', '=', company_id)]",
        check_company=True,
    )
    period = fields.Char(string="Pay period", help="For payroll deductions, e.g. 2026-11.")
    state = fields.Selection(
        [("draft", "Draft"), ("posted", "Posted")], default="draft", required=True, tracking=True
    )
    move_id = fields.Many2one("account.move", readonly=True, copy=False, check_company=True)
    payment_id = fields.Many2one(
        "account.payment",
        string="Bank payment",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
        help="The customer payment of a payment by bank: its entry waits on the "
        "journal's outstanding receipts account for the bank statement line.",
    )

    @api.constrains("amount")
    def _check_amount(self):
        for rec in self:
            if rec.amount <= 0:
                raise ValidationError(self.env._("A payment must be more than zero."))

    @api.constrains("membership_id", "subscription_id")
    def _check_payer(self):
        for rec in self:
            if rec.membership_id != rec.subscription_id.membership_id:
                raise ValidationError(
                    self.env._(
                        "This subscription belongs to %(owner)s; a payment by "
                        "%(payer)s cannot be recorded on it.",
                        owner=rec.subscription_id.membership_id.name,
                        payer=rec.membership_id.name,
                    )
                )

    def write(self, vals):
        if any(rec.state == "posted" for rec in self) and set(vals) - {
            "message_main_attachment_id"
        }:
            raise UserError(
                self.env._(
                    "A posted payment cannot be changed: it changes only through the "
                    "reversal of its entry."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_draft_only(self):
        if any(rec.state == "posted" for rec in self):
            raise UserError(self.env._("A posted payment cannot be deleted."))

    def _coop_check_post(self):
        remaining = defaultdict(int)
        for rec in self:
            subscription = rec.subscription_id
            if rec.state != "draft":
                raise UserError(self.env._("This payment is already posted."))
            rec.company_id._coop_check_open_period(rec.date)
            if subscription.state != "confirmed":
                raise UserError(
                    self.env._(
                        "%s's subscription is not open for payments (confirm it first).",
                        subscription.membership_id.name,
                    )
                )
            if rec.method == "bank" and not rec._coop_journal():
                raise UserError(self.env._("Choose the bank journal the money came into."))
            key = subscription.id
            if key not in remaining:
                remaining[key] = capital.to_cents(subscription.amount_remaining)
            remaining[key] -= capital.to_cents(rec.amount)
            if remaining[key] < 0:
                raise UserError(
                    self.env._(
                        "%(who)s owes %(left).2f on this subscription; a payment of "
                        "%(amount).2f is more than that.",
                        who=subscription.membership_id.name,
                        left=subscription.amount_remaining,
                        amount=rec.amount,
                    )
                )

    def _coop_journal(self):
        self.ensure_one()
        if self.method == "payroll":
            return self.company_id.coop_capital_journal_id
        return self.journal_id

    def _coop_debit_account(self):
        self.ensure_one()
        if self.method == "payroll":
            return self.company_id.coop_account_wages_payable_id
        journal = self._coop_journal()
        return journal.default_account_id

    def action_post(self):
        """Post the payments: by bank, an Odoo customer payment each; from pay,
        one entry per journal and date for the batch. Each reconciled with its
        subscription's receivable, all in one plan."""
        self.check_access("write")
        banks = {company: company._coop_bank_journal() for company in self.company_id}
        for rec in self.filtered(lambda p: p.method == "bank" and not p.journal_id):
            rec.journal_id = banks[rec.company_id]
        self._coop_check_post()
        by_bank = self.filtered(lambda p: p.method == "bank")
        payments = by_bank._coop_post_bank_payments()
        lines = {rec: payment.move_id.line_ids for rec, payment in payments.items()}
        if self - by_bank:
            lines.update(
                self.env["account.move"]._coop_post_batches(
                    self - by_bank,
                    lambda rec: (rec._coop_journal(), rec.date),
                    lambda rec: rec._coop_lines(),
                    self.env._("Member share payments"),
                )
            )
        plans = []
        for rec in self:
            receivable = rec.subscription_id.receivable_line_id
            credit = lines[rec].filtered(
                lambda line, account=receivable.account_id: line.account_id == account
            )
            plans.append((receivable + credit).filtered(lambda line: not line.reconciled))
        self.env["account.move.line"].sudo()._reconcile_plan(plans)
        for rec in self:
            rec._coop_owner_write(
                {
                    "state": "posted",
                    "move_id": lines[rec].move_id.id,
                    "payment_id": payments.get(rec, self.env["account.payment"]).id,
                }
            )
        return True

    def _coop_post_bank_payments(self):
        """Create and post a customer payment for each payment by bank: the
        member pays into the journal's outstanding receipts, against 3105
        instead of the receivable. Its entry is a member capital entry, so
        that it changes only by reversal. Returns ``{record: its payment}``."""
        if not self:
            return {}
        payments = (
            self.env["account.payment"]
            .sudo()
            .create(
                [
                    {
                        "payment_type": "inbound",
                        "partner_type": "customer",
                        "partner_id": rec.partner_id.id,
                        "journal_id": rec.journal_id.id,
                        "company_id": rec.company_id.id,
                        "currency_id": rec.currency_id.id,
                        "amount": rec.amount,
                        "date": rec.date,
                        "memo": rec.subscription_id.name,
                        "destination_account_id": rec.company_id.coop_account_subscription_id.id,
                    }
                    for rec in self
                ]
            )
        )
        payments.action_post()
        payments.move_id._coop_owner_write({"coop_capital": True})
        return dict(zip(self, payments, strict=True))

    def _coop_lines(self):
        """Dr bank (or wages payable) / Cr 3105, the member on both lines."""
        self.ensure_one()
        # No f-string inside the call: the term extractor would skip the file.
        period = f" ({self.period})" if self.period else ""
        label = self.env._(
            "Share payment - %(who)s%(period)s", who=self.membership_id.name, period=period
        )
        return [
            {
                "name": label,
                "account_id": self._coop_debit_account().id,
                "partner_id": self.partner_id.id,
                "debit": self.amount,
                "credit": 0.0,
            },
            {
                "name": label,
                "account_id": self.company_id.coop_account_subscription_id.id,
                "partner_id": self.partner_id.id,
                "debit": 0.0,
                "credit": self.amount,
            },
        ]

    @api.depends("partner_id.name", "date")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = self.env._(
                "Payment \u2013 %(person)s \u2013 %(date)s",
                person=rec.sudo().partner_id.name or "",
                date=format_date(self.env, rec.date) if rec.date else "",
            )
