from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date, formatLang

from ..lib import capital


class CoopSharePayoutWizard(models.TransientModel):
    """Pay member capital back: the date, the bank journal, and the solvency
    check's figures shown before anything posts. Posting goes through
    ``coop.share.redemption.action_pay``, which checks solvency again."""

    _name = "coop.share.payout.wizard"
    _description = "Pay member capital back"

    redemption_ids = fields.Many2many(
        "coop.share.redemption", string="Payouts", required=True, readonly=True
    )
    company_id = fields.Many2one("res.company", compute="_compute_company")
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(string="Payment date", required=True, default=fields.Date.context_today)
    journal_id = fields.Many2one(
        "account.journal",
        string="Pay from",
        required=True,
        domain="[('type', 'in', ('bank', 'cash')), ('company_id', '=', company_id)]",
        compute="_compute_journal",
        store=True,
        readonly=False,
        precompute=True,
    )
    amount = fields.Monetary(compute="_compute_amount")
    assets = fields.Monetary(compute="_compute_solvency")
    liabilities = fields.Monetary(compute="_compute_solvency")
    member_claims = fields.Monetary(
        string="Members' redemption claims",
        compute="_compute_solvency",
        help="Owed to members on redemption payable (2310); they rank after the "
        "co-op's other debts.",
    )
    payout = fields.Monetary(compute="_compute_solvency")
    shortfall = fields.Monetary(
        compute="_compute_solvency",
        help="How far the payout would leave the assets below the co-op's other debts.",
    )
    solvency_mode = fields.Selection(related="company_id.coop_solvency_mode")
    checks = fields.Text(string="Checked", compute="_compute_checks")

    @api.depends("redemption_ids", "date")
    @api.depends_context("lang")
    def _compute_checks(self):
        for wizard in self:
            lines = []
            for rec in wizard.redemption_ids:
                amount = formatLang(self.env, rec.amount, currency_obj=rec.currency_id)
                left = rec._coop_left_on()
                if left:
                    lines.append(
                        self.env._(
                            "%(who)s: %(amount)s, payable since %(left)s, due on %(due)s.",
                            who=rec.membership_id.name,
                            amount=amount,
                            left=format_date(self.env, left),
                            due=format_date(self.env, rec.due_date),
                        )
                    )
                else:
                    lines.append(
                        self.env._(
                            "%(who)s: %(amount)s, due on %(due)s.",
                            who=rec.membership_id.name,
                            amount=amount,
                            due=format_date(self.env, rec.due_date),
                        )
                    )
                if rec.state != "scheduled":
                    lines.append(self.env._("This payout is already made."))
                error = rec._coop_pay_date_error(wizard.date) if wizard.date else None
                if error:
                    lines.append(error)
            wizard.checks = "\n".join(lines) or False

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if (
            "redemption_ids" in fields_list
            and not values.get("redemption_ids")
            and context.get("active_model") == "coop.share.redemption"
            and context.get("active_ids")
        ):
            values["redemption_ids"] = [fields.Command.set(context["active_ids"])]
        return values

    @api.depends("redemption_ids")
    def _compute_company(self):
        for wizard in self:
            wizard.company_id = wizard.redemption_ids.company_id[:1] or self.env.company

    @api.depends("redemption_ids")
    def _compute_journal(self):
        for wizard in self:
            if not wizard.journal_id or wizard.journal_id.company_id != wizard.company_id:
                wizard.journal_id = wizard.company_id._coop_bank_journal()

    @api.depends("redemption_ids.amount")
    def _compute_amount(self):
        for wizard in self:
            wizard.amount = sum(wizard.redemption_ids.mapped("amount"))

    @api.depends("company_id", "date", "amount")
    def _compute_solvency(self):
        for wizard in self:
            figures = dict.fromkeys(("assets", "liabilities", "claims", "payout", "shortfall"), 0)
            if wizard.date and wizard.redemption_ids:
                figures = wizard.company_id._coop_solvency_figures(wizard.amount, wizard.date)
            wizard.assets = capital.from_cents(figures["assets"])
            wizard.liabilities = capital.from_cents(figures["liabilities"])
            wizard.member_claims = capital.from_cents(figures["claims"])
            wizard.payout = capital.from_cents(figures["payout"])
            wizard.shortfall = capital.from_cents(figures["shortfall"])

    def action_confirm(self):
        """Pay the payouts on the chosen date from the chosen journal. The
        payout method checks solvency itself for every caller; refused here
        first, with the figures shown, when the co-op's mode blocks."""
        self.ensure_one()
        redemptions = self.redemption_ids
        if len(redemptions.company_id) > 1:
            raise UserError(self.env._("Pay back the capital of one co-op at a time."))
        if any(rec.state != "scheduled" for rec in redemptions):
            raise UserError(self.env._("Some of these payouts are already made."))
        if self.shortfall > 0 and self.solvency_mode == "block":
            # Figures formatted outside the _() call: the term export reads
            # only literal strings inside it.
            amount = formatLang(self.env, self.amount, currency_obj=self.currency_id)
            short = formatLang(self.env, self.shortfall, currency_obj=self.currency_id)
            raise UserError(
                self.env._(
                    "Payout refused. Paying %(amount)s on %(date)s would leave the co-op "
                    "unable to pay its debts: its liabilities other than members' claims "
                    "would exceed its assets by %(short)s. The co-op's solvency check blocks "
                    "this payout.",
                    amount=amount,
                    date=format_date(self.env, self.date),
                    short=short,
                )
            )
        redemptions.action_pay(journal=self.journal_id, date=self.date)
        return {"type": "ir.actions.act_window_close"}
