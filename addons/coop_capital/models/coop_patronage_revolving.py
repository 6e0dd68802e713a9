from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date

from ..lib import capital, revolving

# What the board sets while the batch is a draft.
DRAFT_FIELDS = (
    "company_id",
    "date_cutoff",
    "budget",
    "decision_date",
    "decision_ref",
    "decision_note",
    "date",
)


class CoopPatronageRevolving(models.Model):
    """A revolving redemption of retained patronage (shared/domain/capital.md,
    rule 10): the oldest tranches whose planned revolving date has passed,
    at the board's decision, after the solvency check.

    Draft (proposed: :meth:`action_propose`) -> posted (Dr 3200/3210 per
    member / Cr 2310: :meth:`action_post`, which also redeems the tranches)
    -> paid (one outbound payment per member, reconciled with 2310:
    :meth:`action_pay`). A draft may be cancelled; a posted batch never
    changes (correct it by a reversal)."""

    _name = "coop.patronage.revolving"
    _description = "Revolving redemption of retained patronage"
    _check_company_auto = True
    _inherit = ["mail.thread", "coop.guard.mixin"]
    _order = "date desc, id desc"
    _coop_protected_fields = (
        "name",
        "state",
        "move_id",
        "journal_id",
        "date_paid",
        "skipped_note",
    )

    name = fields.Char(readonly=True, copy=False, default=lambda self: self.env._("New"))
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [
            ("draft", "Proposed"),
            ("posted", "Posted"),
            ("paid", "Paid"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    date_cutoff = fields.Date(
        string="Planned revolving up to",
        required=True,
        default=fields.Date.context_today,
        help="Tranches whose planned revolving date is on or before this day are proposed.",
    )
    budget = fields.Monetary(
        help="The most the board decides to pay back in this batch; 0: no limit. The "
        "oldest tranches are taken first; the one at which the budget runs out is "
        "redeemed in part.",
    )
    decision_date = fields.Date(string="Board decision on", tracking=True)
    decision_ref = fields.Char(
        string="Decision reference", tracking=True, help="The minutes or resolution number."
    )
    decision_note = fields.Text(string="Decision")
    date = fields.Date(
        string="Entry date",
        required=True,
        default=fields.Date.context_today,
        help="The date of the entry moving the tranches to redemption payable (2310).",
    )
    line_ids = fields.One2many(
        "coop.patronage.revolving.line", "revolving_id", string="Tranches", readonly=True
    )
    skipped_note = fields.Text(string="Not revolved", readonly=True, copy=False)
    amount_total = fields.Monetary(compute="_compute_totals", string="Total", store=True)
    member_count = fields.Integer(compute="_compute_totals", string="Members", store=True)
    move_id = fields.Many2one(
        "account.move", string="Entry", readonly=True, copy=False, check_company=True
    )
    journal_id = fields.Many2one(
        "account.journal", string="Paid from", readonly=True, copy=False, check_company=True
    )
    date_paid = fields.Date(readonly=True, copy=False, string="Date paid")
    payment_ids = fields.Many2many(
        "account.payment", string="Payments", compute="_compute_payments"
    )
    # The solvency check on the entry date, shown before posting.
    assets = fields.Monetary(compute="_compute_solvency")
    liabilities = fields.Monetary(compute="_compute_solvency")
    member_claims = fields.Monetary(
        string="Members' redemption claims",
        compute="_compute_solvency",
        help="Owed to members on redemption payable (2310); they rank after the "
        "co-op's other debts.",
    )
    shortfall = fields.Monetary(
        compute="_compute_solvency",
        help="How far paying this batch would leave the assets below the co-op's other debts.",
    )
    solvency_mode = fields.Selection(related="company_id.coop_solvency_mode")

    @api.depends("line_ids.amount", "line_ids.membership_id")
    def _compute_totals(self):
        for rec in self:
            rec.amount_total = sum(rec.line_ids.mapped("amount"))
            rec.member_count = len(rec.line_ids.membership_id)

    @api.depends("line_ids.payment_id")
    def _compute_payments(self):
        for rec in self:
            rec.payment_ids = rec.line_ids.payment_id

    @api.depends("company_id", "date", "amount_total")
    def _compute_solvency(self):
        for rec in self:
            figures = dict.fromkeys(("assets", "liabilities", "claims", "shortfall"), 0)
            if rec.date and rec.company_id and rec.state == "draft":
                figures = rec.company_id.sudo()._coop_solvency_figures(rec.amount_total, rec.date)
            rec.assets = capital.from_cents(figures["assets"])
            rec.liabilities = capital.from_cents(figures["liabilities"])
            rec.member_claims = capital.from_cents(figures["claims"])
            rec.shortfall = capital.from_cents(figures["shortfall"])

    @api.constrains("budget")
    def _check_budget(self):
        for rec in self:
            if rec.budget < 0:
                raise UserError(self.env._("A revolving budget cannot be negative."))

    # ------------------------------------------------------------------
    # Only a draft changes
    # ------------------------------------------------------------------
    def _coop_free_fields(self):
        return set(self.env["mail.thread"]._fields)

    def _coop_check_draft(self):
        for rec in self:
            if rec.state != "draft":
                raise UserError(
                    self.env._(
                        "%(name)s is no longer a proposal: a posted revolving batch never "
                        "changes (correct it by a reversing entry).",
                        name=rec.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        for rec in records:
            rec._coop_owner_write(
                {"name": self.env._("Revolving %(date)s", date=fields.Date.to_string(rec.date))}
            )
        return records

    def write(self, vals):
        if not self._coop_is_owner() and set(vals) - self._coop_free_fields():
            for name in self._coop_protected_fields:
                if name in vals and not self._coop_unchanged(name, vals[name]):
                    self._coop_refuse(name)
            self._coop_check_draft()
            if "company_id" in vals and any(
                rec.line_ids and rec.company_id.id != vals["company_id"] for rec in self
            ):
                raise UserError(self.env._("Propose again after changing the co-op."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_proposals(self):
        for rec in self:
            if rec.state not in ("draft", "cancelled"):
                raise UserError(
                    self.env._("%s is posted: a revolving batch is never deleted.", rec.name)
                )
        lines = self.sudo().line_ids
        with lines._coop_owner_writes():
            lines.unlink()

    # ------------------------------------------------------------------
    # Proposal
    # ------------------------------------------------------------------
    def _coop_proposal(self):
        """lib.revolving's proposal for this batch, and the tranches by id."""
        self.ensure_one()
        tranches = (
            self.env["coop.patronage.tranche"]
            .sudo()
            .search([("company_id", "=", self.company_id.id), ("state", "=", "open")])
        )
        items = [
            revolving.Tranche(
                key=tranche.id,
                member=tranche.membership_id.id,
                order=(
                    tranche.date_revolve or tranche.create_date.date(),
                    tranche.year,
                    tranche.id,
                ),
                remaining=capital.to_cents(tranche.amount_remaining),
                due=bool(tranche.date_revolve and tranche.date_revolve <= self.date_cutoff),
            )
            for tranche in tranches
        ]
        budget = capital.to_cents(self.budget) if self.budget else None
        return revolving.propose(items, budget), {t.id: t for t in tranches}

    def _coop_skipped_text(self, proposal):
        Membership = self.env["coop.membership"].sudo()
        sentences = []
        for member, balance in sorted(proposal.skipped.items()):
            sentences.append(
                self.env._(
                    "%(who)s is not revolved: their internal capital account is "
                    "negative (%(balance)s) after a loss; later allocations net "
                    "against it first.",
                    who=Membership.browse(member).name,
                    balance=format(capital.from_cents(balance), ".2f"),
                )
            )
        for member, balance in sorted(proposal.capped.items()):
            sentences.append(
                self.env._(
                    "%(who)s is revolved only up to their balance of %(balance)s: a "
                    "younger loss nets against their older retained patronage.",
                    who=Membership.browse(member).name,
                    balance=format(capital.from_cents(balance), ".2f"),
                )
            )
        return "\n".join(sentences)

    def action_propose(self):
        """Propose the oldest open tranches whose planned revolving date has
        passed (on the cutoff day), up to the budget (lib.revolving.propose);
        members with a negative balance are skipped and named."""
        self.check_access("write")
        self._coop_check_draft()
        Line = self.env["coop.patronage.revolving.line"].sudo()
        for rec in self:
            proposal, _tranches = rec._coop_proposal()
            with Line._coop_owner_writes():
                rec.sudo().line_ids.unlink()
                Line.create(
                    [
                        {
                            "revolving_id": rec.id,
                            "tranche_id": key,
                            "amount": capital.from_cents(cents),
                        }
                        for key, _member, cents in proposal.lines
                    ]
                )
            rec._coop_owner_write({"skipped_note": rec._coop_skipped_text(proposal) or False})
        return True

    def action_cancel(self):
        self.check_access("write")
        self._coop_check_draft()
        self._coop_owner_write({"state": "cancelled"})
        return True

    # ------------------------------------------------------------------
    # Posting
    # ------------------------------------------------------------------
    def _coop_check_revolving_approval(self):
        """Hook: refuse to post a batch the co-op's governance has not
        approved. Here the board's decision (date and reference) recorded
        on the batch suffices; a governance bridge may require an adopted
        proposal."""
        return None

    def _coop_check_solvency(self, amount, date):
        """Refuse, with the check's figures, a payout the solvency check
        fails when the co-op's mode blocks (Conn. Gen. Stat. §33-418m(b));
        in warn mode, note it in the chatter."""
        self.ensure_one()
        company = self.company_id
        figures = company.sudo()._coop_solvency_figures(amount, date)
        if not figures["shortfall"]:
            return
        message = self.env._(
            "Paying %(amount)s on %(date)s would leave the co-op unable to pay its debts: "
            "its assets are %(assets)s, its liabilities other than members' claims "
            "%(other)s, a shortfall of %(short)s.",
            amount=format(amount, ".2f"),
            date=fields.Date.to_string(date),
            assets=format(capital.from_cents(figures["assets"]), ".2f"),
            other=format(capital.from_cents(figures["liabilities"] - figures["claims"]), ".2f"),
            short=format(capital.from_cents(figures["shortfall"]), ".2f"),
        )
        if company.coop_solvency_mode == "block":
            raise UserError(message)
        self.message_post(body=message)

    def _coop_check_post(self):
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("%s is already posted.", self.name))
        if not self.line_ids:
            raise UserError(
                self.env._("%s proposes no tranche: there is nothing to revolve.", self.name)
            )
        if not self.decision_date or not self.decision_ref:
            raise UserError(
                self.env._(
                    "Record the board's decision first (its date and the minutes' "
                    "reference): retained patronage revolves only at the board's decision."
                )
            )
        if self.decision_date > self.date:
            raise UserError(self.env._("The entry cannot be dated before the board's decision."))
        company = self.company_id
        if not (
            company.coop_capital_journal_id
            and company.coop_account_retained_qualified_id
            and company.coop_account_retained_nonqualified_id
            and company.coop_account_redemption_payable_id
        ):
            raise UserError(
                self.env._(
                    "Set the member capital journal and the retained patronage and "
                    "redemption payable accounts of %s in the settings first.",
                    company.name,
                )
            )
        company._coop_check_open_period(self.date)
        proposal, _tranches = self._coop_proposal()
        proposed = sorted((key, cents) for key, _member, cents in proposal.lines)
        recorded = sorted(
            (line.tranche_id.id, capital.to_cents(line.amount)) for line in self.sudo().line_ids
        )
        if proposed != recorded:
            raise UserError(
                self.env._(
                    "The members' retained patronage changed since %s was proposed: "
                    "propose it again before posting.",
                    self.name,
                )
            )
        self._coop_check_revolving_approval()
        self._coop_check_solvency(self.amount_total, self.date)

    def action_post(self):
        """Post the batch: Dr 3200/3210 per member and kind / Cr 2310 per
        member, the member's partner on each line, on the entry date; the
        tranches are redeemed by what each line takes."""
        self.check_access("write")
        for rec in self:
            rec._coop_check_post()
            rec._coop_post_one()
        return True

    def _coop_post_one(self):
        self.ensure_one()
        company = self.company_id
        lines = self.sudo().line_ids
        accounts = {
            True: company.coop_account_retained_qualified_id,
            False: company.coop_account_retained_nonqualified_id,
        }
        debits = defaultdict(int)
        credits = defaultdict(int)
        for line in lines:
            debits[line.membership_id, line.tranche_id.qualified] += capital.to_cents(line.amount)
            credits[line.membership_id] += capital.to_cents(line.amount)
        items = []
        for (membership, qualified), cents in sorted(
            debits.items(), key=lambda item: (item[0][0].id, not item[0][1])
        ):
            items.append(
                {
                    "name": self.env._(
                        "Revolving of retained patronage - %(who)s", who=membership.name
                    ),
                    "account_id": accounts[qualified].id,
                    "partner_id": membership.partner_id.id,
                    "debit": capital.from_cents(cents),
                    "credit": 0.0,
                }
            )
        for membership, cents in sorted(credits.items(), key=lambda item: item[0].id):
            items.append(
                {
                    "name": self.env._(
                        "Revolving of retained patronage, payable - %(who)s", who=membership.name
                    ),
                    "account_id": company.coop_account_redemption_payable_id.id,
                    "partner_id": membership.partner_id.id,
                    "debit": 0.0,
                    "credit": capital.from_cents(cents),
                }
            )
        move = (
            self.env["account.move"]
            .sudo()
            ._coop_owner_create(
                {
                    "move_type": "entry",
                    "journal_id": company.coop_capital_journal_id.id,
                    "company_id": company.id,
                    "date": self.date,
                    "ref": self.name,
                    "coop_capital": True,
                    "line_ids": [
                        fields.Command.create(dict(item, analytic_distribution=False))
                        for item in items
                    ],
                }
            )
        )
        move._coop_post()
        self.env["coop.patronage.tranche"].sudo()._coop_redeem(
            {line.tranche_id: capital.to_cents(line.amount) for line in lines}, self.date
        )
        self._coop_owner_write({"state": "posted", "move_id": move.id})
        return move

    # ------------------------------------------------------------------
    # Paying
    # ------------------------------------------------------------------
    def action_open_pay_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Pay the revolving batch"),
            "res_model": "coop.patronage.revolving.pay.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_revolving_id": self.id},
        }

    def action_pay(self, journal=None, date=None):
        """Pay a posted batch in one go: an outbound payment per member from
        ``journal`` (a bank or cash journal or its id) on ``date``, each
        against 2310 and reconciled with the member's 2310 line of the
        batch's entry, after the solvency check."""
        self.check_access("write")
        date = self._coop_date_arg(date)
        bank = self.env["coop.share.redemption"]._coop_bank_arg(journal)
        for rec in self:
            if rec.state != "posted":
                raise UserError(self.env._("%s is not posted and waiting to be paid.", rec.name))
            if not bank or bank.company_id != rec.company_id:
                raise UserError(
                    self.env._(
                        "Choose a bank or cash journal of %s to pay from.", rec.company_id.name
                    )
                )
            if date < rec.date:
                raise UserError(self.env._("The batch cannot be paid before its entry's date."))
            rec.company_id._coop_check_open_period(date)
            # Members' claims on 2310 already include this batch's.
            rec._coop_check_solvency(rec.amount_total, date)
            rec._coop_pay_one(bank, date)
        return True

    def _coop_pay_one(self, bank, date):
        self.ensure_one()
        company = self.company_id
        payable = company.coop_account_redemption_payable_id
        per_member = defaultdict(int)
        for line in self.sudo().line_ids:
            per_member[line.membership_id] += capital.to_cents(line.amount)
        members = sorted(per_member, key=lambda m: m.id)
        payments = (
            self.env["account.payment"]
            .sudo()
            .create(
                [
                    {
                        "payment_type": "outbound",
                        "partner_type": "supplier",
                        "partner_id": membership.partner_id.id,
                        "journal_id": bank.id,
                        "company_id": company.id,
                        "currency_id": company.currency_id.id,
                        "amount": capital.from_cents(per_member[membership]),
                        "date": date,
                        "memo": self.name,
                        "destination_account_id": payable.id,
                    }
                    for membership in members
                ]
            )
        )
        payments.action_post()
        payments.move_id._coop_owner_write({"coop_capital": True})
        plans = []
        for membership, payment in zip(members, payments, strict=True):
            plans.append(
                (self.move_id.line_ids | payment.move_id.line_ids).filtered(
                    lambda line, partner=membership.partner_id: (
                        line.account_id == payable
                        and line.partner_id == partner
                        and not line.reconciled
                    )
                )
            )
            with self.sudo().line_ids._coop_owner_writes():
                self.sudo().line_ids.filtered(
                    lambda line, m=membership: line.membership_id == m
                ).write({"payment_id": payment.id})
        self.env["account.move.line"].sudo()._reconcile_plan(plans)
        self._coop_owner_write(
            {
                "state": "paid",
                "journal_id": bank.id,
                "date_paid": date,
            }
        )
        return payments

    @api.depends("date")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = self.env._(
                "Revolving \u2013 %(date)s",
                date=format_date(self.env, rec.date) if rec.date else "",
            )


def check_capital_officer(env):
    """Refuse unless the user is a co-op manager or a chief accountant: the
    people who post member capital's yearly entries."""
    user = env.user
    if not (
        env.su
        or user.has_group("coop_membership.group_coop_manager")
        or user.has_group("account.group_account_manager")
    ):
        raise AccessError(
            env._("Only a co-op manager or the co-op's accountant posts member capital entries.")
        )
