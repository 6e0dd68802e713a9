from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date, formatLang

from ..lib import capital, form1099


class CoopShareRedemption(models.Model):
    """A payout owed to a member who left: their capital, moved to 2310 on
    exit, paid on the bylaws' schedule after a solvency check."""

    _name = "coop.share.redemption"
    _description = "Member capital redemption payout"
    _check_company_auto = True
    _inherit = ["mail.thread", "mail.activity.mixin", "coop.guard.mixin"]
    _order = "due_date, id"
    # Scheduled on exit or redemption, paid by action_pay; nothing else.
    _coop_protected_fields = (
        "membership_id",
        "due_date",
        "amount",
        "state",
        "exit_move_id",
        "move_id",
        "date_paid",
        "amount_nonqualified",
    )

    membership_id = fields.Many2one("coop.membership", required=True, index=True, readonly=True)
    partner_id = fields.Many2one(related="membership_id.partner_id", store=True, index=True)
    company_id = fields.Many2one(related="membership_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    due_date = fields.Date(required=True, readonly=True, string="Due date")
    amount = fields.Monetary(required=True, readonly=True)
    amount_nonqualified = fields.Monetary(
        string="Non-qualified notices redeemed",
        readonly=True,
        help="The part of this payout that redeems the member's non-qualified notices "
        "of allocation (3210): box 5 of the 1099-PATR of the year it is paid.",
    )
    state = fields.Selection(
        [("scheduled", "Scheduled"), ("paid", "Paid")],
        default="scheduled",
        required=True,
        readonly=True,
        tracking=True,
    )
    exit_move_id = fields.Many2one(
        "account.move", string="Exit entry", readonly=True, check_company=True
    )
    move_id = fields.Many2one(
        "account.move", string="Payout entry", readonly=True, check_company=True
    )
    date_paid = fields.Date(readonly=True, string="Date paid")

    @api.constrains("amount")
    def _check_amount(self):
        for rec in self:
            if rec.amount <= 0:
                raise UserError(self.env._("A payout must be more than zero."))

    def _coop_bank_arg(self, journal):
        """The bank journal given to action_pay: a journal or its id."""
        if not journal:
            return self.env["account.journal"]
        if isinstance(journal, models.BaseModel):
            journal = journal.id
        if isinstance(journal, bool) or not isinstance(journal, int):
            raise UserError(
                self.env._("“%s” is not a journal: give the id of a bank journal.", journal)
            )
        bank = self.env["account.journal"].browse(journal).exists()
        if not bank:
            raise UserError(
                self.env._("There is no journal with the id %s: choose a bank journal.", journal)
            )
        if bank.type not in ("bank", "cash") or any(
            rec.company_id != bank.company_id for rec in self
        ):
            raise UserError(
                self.env._(
                    "%(journal)s is not a bank or cash journal of this co-op: the payout "
                    "is paid from the co-op's bank.",
                    journal=bank.display_name,
                )
            )
        return bank

    def _coop_left_on(self):
        """The day the member's capital became payable: their exit (the exit
        entry's date), or None."""
        self.ensure_one()
        return self.exit_move_id.date or self.membership_id.date_exit or None

    def _coop_pay_date_error(self, day):
        """What is wrong with paying this payout on ``day``, in words, or None:
        never before the capital became payable. (A transfer may be dated
        ahead, like any bank entry; the period lock and the solvency check on
        that day still apply.)"""
        self.ensure_one()
        left = self._coop_left_on()
        if left and day < left:
            return self.env._(
                "Payout refused. The capital of %(who)s became payable on %(date)s; it "
                "cannot be paid before that.",
                who=self.membership_id.name,
                date=format_date(self.env, left),
            )
        return None

    def action_open_payout_wizard(self):
        """Ask for the date and journal and show the solvency check's figures
        before paying (the wizard posts through :meth:`action_pay`)."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Pay capital back"),
            "res_model": "coop.share.payout.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "active_model": self._name,
                "active_ids": self.ids,
                "default_redemption_ids": [fields.Command.set(self.ids)],
            },
        }

    def action_pay(self, journal=None, date=None):
        """Pay the member: Dr 2310 / Cr bank, after the solvency check.

        ``journal``: a bank journal or its id (the co-op's first bank journal
        when empty); ``date``: a date or 'YYYY-MM-DD' (today when empty)."""
        self.check_access("write")
        date = self._coop_date_arg(date)
        journal = self._coop_bank_arg(journal)
        for rec in self:
            if rec.state != "scheduled":
                raise UserError(self.env._("This payout is already made."))
            error = rec._coop_pay_date_error(date)
            if error:
                raise UserError(error)
        for rec in self:
            company = rec.company_id
            company._coop_check_open_period(date)
            shortfall = company._coop_solvency_shortfall(rec.amount, date)
            if shortfall > 0:
                message = self.env._(
                    "Payout refused. Paying %(amount)s to %(who)s on %(date)s would leave the "
                    "co-op unable to pay its debts: its liabilities would exceed its assets "
                    "by %(short)s.",
                    amount=formatLang(self.env, rec.amount, currency_obj=rec.currency_id),
                    who=rec.membership_id.name,
                    date=format_date(self.env, date),
                    short=formatLang(self.env, shortfall, currency_obj=rec.currency_id),
                )
                if company.coop_solvency_mode == "block":
                    raise UserError(message)
                rec.message_post(body=message)
            bank = journal or self.env["account.journal"].search(
                [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
            )
            if not bank:
                raise UserError(self.env._("The co-op has no bank journal to pay from."))
            label = self.env._("Capital redemption - %s", rec.membership_id.name)
            move = (
                self.env["account.move"]
                .sudo()
                ._coop_owner_create(
                    {
                        "move_type": "entry",
                        "journal_id": bank.id,
                        "company_id": company.id,
                        "date": date,
                        "ref": label,
                        "partner_id": rec.partner_id.id,
                        "coop_capital": True,
                        "line_ids": [
                            fields.Command.create(
                                {
                                    "name": label,
                                    "account_id": company.coop_account_redemption_payable_id.id,
                                    "partner_id": rec.partner_id.id,
                                    "debit": rec.amount,
                                }
                            ),
                            fields.Command.create(
                                {
                                    "name": label,
                                    "account_id": bank.default_account_id.id,
                                    "partner_id": rec.partner_id.id,
                                    "credit": rec.amount,
                                }
                            ),
                        ],
                    }
                )
            )
            move._coop_post()
            payable = company.coop_account_redemption_payable_id
            lines = (rec.exit_move_id.line_ids | move.line_ids).filtered(
                lambda line, payable=payable, partner=rec.partner_id: (
                    line.account_id == payable
                    and line.partner_id == partner
                    and not line.reconciled
                )
            )
            lines.reconcile()
            rec._coop_owner_write({"state": "paid", "move_id": move.id, "date_paid": date})
        return True

    @api.model
    def _coop_schedule_vals(self, membership, total, start, exit_move, nonqualified=0):
        """The payouts of ``total`` on the bylaws' schedule from ``start``;
        ``nonqualified``: the cents of non-qualified notices among them,
        spread over the payouts in proportion (lib.form1099.nonqualified_parts)."""
        company = membership.company_id
        schedule = capital.redemption_schedule(
            capital.to_cents(total),
            company.coop_redemption_years,
            company.coop_redemption_installments,
            start,
        )
        parts = form1099.nonqualified_parts([cents for _due, cents in schedule], nonqualified)
        return [
            {
                "membership_id": membership.id,
                "due_date": due,
                "amount": capital.from_cents(cents),
                "amount_nonqualified": capital.from_cents(part),
                "exit_move_id": exit_move.id,
            }
            for (due, cents), part in zip(schedule, parts, strict=True)
        ]

    @api.model
    def _coop_overview_redemptions_payable(self):
        """Redemptions due by today and not yet paid (managers' overview)."""
        today = fields.Date.context_today(self)
        domain = [("state", "=", "scheduled"), ("due_date", "<=", today)]
        [(count, amount)] = self._read_group(domain, [], ["__count", "amount:sum"])
        amount = amount or 0.0
        return {
            "domain": domain,
            "value": amount,
            "display": formatLang(self.env, amount, currency_obj=self.env.company.currency_id),
            "note": (
                self.env._("1 redemption to pay")
                if count == 1
                else self.env._("%s redemptions to pay", count)
                if count
                else ""
            ),
            "tone": "warning" if count else "ok",
            "action": "coop_capital.action_coop_share_redemption",
        }

    @api.depends("membership_id.partner_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = self.env._(
                "Redemption \u2013 %(person)s",
                person=rec.sudo().membership_id.partner_id.name or "",
            )
