import math
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount
from odoo.tools.misc import format_date

from ..lib import capital

# Accounts of shared/domain/capital.md, created per company on install
# (editable afterwards). Odoo 18 account types in the last column.
CAPITAL_ACCOUNTS = [
    ("coop_account_share_id", "3100", "Membership shares", "equity", False),
    ("coop_account_investment_id", "3110", "Investment shares", "equity", False),
    (
        "coop_account_subscription_id",
        "3105",
        "Member share subscriptions receivable",
        "equity",
        True,
    ),
    (
        "coop_account_retained_qualified_id",
        "3200",
        "Internal capital accounts - qualified retained patronage",
        "equity",
        False,
    ),
    (
        "coop_account_retained_nonqualified_id",
        "3210",
        "Internal capital accounts - non-qualified retained patronage",
        "equity",
        False,
    ),
    ("coop_account_reserve_id", "3300", "Collective (unallocated) reserve", "equity", False),
    # capital.md rule 8: a start-up loss account, paid down by later surpluses.
    ("coop_account_startup_loss_id", "3310", "Start-up losses", "equity", False),
    (
        "coop_account_patronage_payable_id",
        "2300",
        "Patronage payable (cash portion)",
        "liability_current",
        True,
    ),
    (
        "coop_account_redemption_payable_id",
        "2310",
        "Member equity redemption payable",
        "liability_current",
        True,
    ),
    (
        "coop_account_wages_payable_id",
        "2320",
        "Wages payable (member share deductions)",
        "liability_current",
        True,
    ),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    # Member capital (shared/domain/capital.md)
    coop_account_share_id = fields.Many2one("account.account", string="Membership shares")
    coop_account_investment_id = fields.Many2one(
        "account.account",
        string="Investment shares",
        help="Credited for investment shares whose class names no account of its own.",
    )
    coop_account_subscription_id = fields.Many2one(
        "account.account", string="Share subscriptions receivable"
    )
    coop_account_retained_qualified_id = fields.Many2one(
        "account.account", string="Qualified retained patronage"
    )
    coop_account_retained_nonqualified_id = fields.Many2one(
        "account.account", string="Non-qualified retained patronage"
    )
    coop_account_reserve_id = fields.Many2one("account.account", string="Collective reserve")
    coop_account_startup_loss_id = fields.Many2one(
        "account.account",
        string="Start-up losses",
        help="Takes a loss under the start-up loss policy; later surpluses pay it "
        "down before any allocation.",
    )
    coop_account_patronage_payable_id = fields.Many2one(
        "account.account", string="Patronage payable"
    )
    coop_account_redemption_payable_id = fields.Many2one(
        "account.account", string="Redemption payable"
    )
    coop_account_wages_payable_id = fields.Many2one(
        "account.account",
        string="Wages payable",
        help="Credited by payroll for the share deductions it withholds.",
    )
    coop_capital_journal_id = fields.Many2one("account.journal", string="Member capital journal")
    coop_installment_policy = fields.Selection(
        [
            ("lump", "Paid at once only"),
            ("installments", "Installments allowed"),
            ("payroll", "Installments and payroll deduction allowed"),
        ],
        string="Installment policy",
        default="payroll",
    )
    coop_max_installments = fields.Integer(string="At most installments", default=24)
    coop_min_investment = fields.Monetary(
        string="Minimum investment per member",
        currency_field="currency_id",
        help="Least a member must hold in investment shares (0: none).",
    )
    coop_max_investment = fields.Monetary(
        string="Maximum investment per member",
        currency_field="currency_id",
        help="Most a member may hold in investment shares (0: no limit).",
    )
    # References (capital.md): Mondragon 3:1 at founding, about 6:1 per
    # co-op now; the average US worker co-op about 2:1.
    coop_pay_ratio_cap = fields.Float(string="Pay ratio cap", default=3.0)
    coop_pay_ratio_mode = fields.Selection(
        [("warn", "Warn"), ("block", "Block")], string="Pay ratio check", default="warn"
    )
    coop_pay_ratio_scope = fields.Selection(
        [("members", "Member-owners only"), ("all", "Everyone with a running contract")],
        string="Pay ratio compares",
        default="all",
    )
    coop_pay_transparency = fields.Selection(
        [
            ("ratio", "Members see the ratio and the anonymous distribution"),
            ("open", "Open pay: members see names and wages"),
        ],
        string="Pay transparency",
        default="ratio",
        required=True,
        help="Names and wages are always shown to co-op managers.",
    )
    coop_solvency_mode = fields.Selection(
        [("block", "Block payouts that fail it"), ("warn", "Warn only")],
        string="Solvency check",
        default="block",
    )
    coop_redemption_years = fields.Integer(
        string="Redeem capital within (years)",
        default=0,
        help="0: a leaving member's capital is paid out at once.",
    )
    coop_redemption_installments = fields.Integer(string="Redemption installments", default=1)
    # The two officers who sign share certificates (title and name).
    coop_certificate_signer1_title = fields.Char(
        string="First signatory's office", default="President"
    )
    coop_certificate_signer1_name = fields.Char(string="First signatory")
    coop_certificate_signer2_title = fields.Char(
        string="Second signatory's office", default="Secretary"
    )
    coop_certificate_signer2_name = fields.Char(string="Second signatory")
    coop_revolve_years = fields.Integer(
        string="Revolve retained patronage after (years)",
        default=5,
        help="Each year's retained patronage is planned for redemption this many "
        "years after the year end, the oldest first.",
    )

    # Conn. Gen. Stat. §33-418m(c): interest may be credited yearly to the
    # members' internal capital accounts.
    coop_interest_rate = fields.Float(
        string="Interest on internal capital accounts (% a year)",
        digits=(6, 3),
        default=0.0,
        help="Credited yearly on each member's retained balance at the year end; 0: no interest.",
    )
    coop_interest_account_id = fields.Many2one(
        "account.account",
        string="Interest expense",
        help="The expense account debited for the interest credited to members' accounts.",
    )

    @api.constrains("coop_revolve_years", "coop_interest_rate")
    def _check_coop_revolve_years(self):
        for company in self:
            if not 0 <= company.coop_interest_rate <= 100:
                raise ValidationError(
                    self.env._(
                        "%(company)s: the interest on internal capital accounts is a "
                        "yearly percentage between 0 and 100, not %(rate)s.",
                        company=company.name,
                        rate=company.coop_interest_rate,
                    )
                )
            if company.coop_revolve_years < 0:
                raise ValidationError(
                    self.env._(
                        "%s: retained patronage revolves after zero or more years.", company.name
                    )
                )

    @api.constrains(
        "coop_pay_ratio_cap",
        "coop_max_installments",
        "coop_redemption_years",
        "coop_redemption_installments",
        "coop_min_investment",
        "coop_max_investment",
    )
    def _check_coop_capital_settings(self):
        for company in self:
            numbers = (
                company.coop_pay_ratio_cap,
                company.coop_min_investment,
                company.coop_max_investment,
            )
            if not all(math.isfinite(n) and n >= 0 for n in numbers):
                raise ValidationError(
                    self.env._(
                        "%s: the pay ratio cap and the investment limits are numbers, "
                        "zero or more.",
                        company.name,
                    )
                )
            if company.coop_max_installments < 1 or company.coop_redemption_installments < 1:
                raise ValidationError(
                    self.env._("%s: installments are counted from one.", company.name)
                )
            if company.coop_redemption_years < 0:
                raise ValidationError(
                    self.env._("%s: capital is redeemed within zero or more years.", company.name)
                )

    @api.model
    def _coop_capital_setup_all(self):
        """At install: set up the companies that keep accounts. Others are set
        up when a chart of accounts is loaded, or on their first subscription."""
        self.sudo().search([("chart_template", "!=", False)])._coop_capital_setup()

    def _coop_capital_setup(self):
        """Create the capital accounts, the journal and the membership share
        class of each company where they are missing.

        The set-up uses only what it created itself: an account or journal of
        the company that already has one of our codes (a practice's own 3100
        "Owner contributions") is never reused, renamed or retyped; ours is
        created beside it under the next free code (3101, ...). Each one is
        created with an external id, ``coop_capital.<field>_<company id>``,
        by which the set-up finds it again (a second run, a re-install)."""
        Account = self.env["account.account"].sudo()
        Journal = self.env["account.journal"].sudo()
        planned = {code for _field, code, *_rest in CAPITAL_ACCOUNTS}
        for company in self.sudo():
            vals = {}
            for field, code, name, account_type, reconcile in CAPITAL_ACCOUNTS:
                if company[field]:
                    continue
                account = company._coop_own_record(field, "account.account")
                if not account:
                    # The next free code, leaving our other codes to their accounts.
                    free = Account.with_company(company)._search_new_account_code(
                        code, cache=planned - {code}
                    )
                    account = company._coop_create_own(
                        field,
                        Account.with_company(company),
                        {
                            "code": free,
                            "name": name,
                            "account_type": account_type,
                            "reconcile": reconcile,
                            "company_ids": [(6, 0, [company.id])],
                        },
                    )
                vals[field] = account.id
            if not company.coop_capital_journal_id:
                journal = company._coop_own_record("coop_capital_journal_id", "account.journal")
                if not journal:
                    taken = set(Journal.search([("company_id", "=", company.id)]).mapped("code"))
                    code = next(
                        c for c in ("CAPTL", *(f"CAPT{n}" for n in range(1, 10))) if c not in taken
                    )
                    journal = company._coop_create_own(
                        "coop_capital_journal_id",
                        Journal,
                        {
                            "name": "Member capital",
                            "code": code,
                            "type": "general",
                            "company_id": company.id,
                        },
                    )
                vals["coop_capital_journal_id"] = journal.id
            if vals:
                company.write(vals)
            self.env["coop.share.class"].sudo()._coop_ensure_membership_class(company)

    def _coop_own_xmlid(self, field):
        self.ensure_one()
        return f"coop_capital.{field}_{self.id}"

    def _coop_own_record(self, field, model):
        """The record the capital set-up created for ``field`` of this company,
        if it still exists."""
        record = self.env.ref(self._coop_own_xmlid(field), raise_if_not_found=False)
        return record if record is not None and record._name == model else self.env[model]

    def _coop_create_own(self, field, model, vals):
        """Create a record of the capital set-up for ``field``, with the
        external id by which the set-up knows it as its own (kept on module
        updates: noupdate)."""
        record = model.create(vals)
        self.env["ir.model.data"].sudo()._update_xmlids(
            [{"xml_id": self._coop_own_xmlid(field), "record": record, "noupdate": True}]
        )
        return record

    def _coop_check_open_period(self, date):
        """Member capital never posts into closed books: refuse clearly rather
        than let the entry move to another date than the register's."""
        self.ensure_one()
        violated = self._get_violated_lock_dates(date, False, None)
        if violated:
            raise UserError(
                self.env._(
                    "The books of %(company)s are closed up to %(lock)s: record this "
                    "on a later date.",
                    company=self.name,
                    lock=max(lock_date for lock_date, _kind in violated),
                )
            )

    def _coop_bank_journal(self):
        """The bank journal member money comes into by default."""
        self.ensure_one()
        return self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.id)], limit=1
        )

    def _coop_balances(self, date, accounts=None):
        """Posted balances (debit - credit) up to ``date``, by account."""
        self.ensure_one()
        domain = [
            ("company_id", "=", self.id),
            ("parent_state", "=", "posted"),
            ("date", "<=", date),
        ]
        if accounts is not None:
            domain.append(("account_id", "in", accounts.ids))
        groups = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(domain, ["account_id"], ["balance:sum"])
        )
        return dict(groups)

    def _coop_solvency_figures(self, payout, date):
        """The solvency check's figures for paying ``payout`` on ``date``, in
        cents: ``{assets, liabilities, claims, payout, shortfall}`` (claims:
        the members' redemption claims on 2310, which rank after the co-op's
        other debts); see lib.capital.solvency_shortfall."""
        self.ensure_one()
        assets = liabilities = 0
        for account, balance in self._coop_balances(date).items():
            if account.account_type.startswith("asset"):
                assets += capital.to_cents(balance)
            elif account.account_type.startswith("liability"):
                liabilities -= capital.to_cents(balance)
        claims = -capital.to_cents(
            sum(self._coop_balances(date, self.coop_account_redemption_payable_id).values())
        )
        payout = capital.to_cents(payout)
        return {
            "assets": assets,
            "liabilities": liabilities,
            "claims": claims,
            "payout": payout,
            "shortfall": capital.solvency_shortfall(assets, liabilities, claims, payout),
        }

    def _coop_solvency_shortfall(self, payout, date):
        """How far paying ``payout`` to a member would leave the co-op's
        assets below its debts (0 when it can pay); see lib.capital."""
        return capital.from_cents(self._coop_solvency_figures(payout, date)["shortfall"])

    def _coop_capital_check(self, date):
        """Compare the share register with the general ledger on ``date``:
        ``[(share class, register amount, ledger amount)]`` per class."""
        self.ensure_one()
        classes = (
            self.env["coop.share.class"]
            .with_context(active_test=False)
            .search([("company_id", "=", self.id)])
        )
        register = (
            self.env["coop.share.operation"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.id),
                    ("date", "<=", date),
                    ("membership_to_id", "!=", False),
                ],
                ["share_class_id"],
                ["amount:sum"],
            )
        )
        removed = (
            self.env["coop.share.operation"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.id),
                    ("date", "<=", date),
                    ("membership_from_id", "!=", False),
                ],
                ["share_class_id"],
                ["amount:sum"],
            )
        )
        held = dict(register)
        for share_class, amount in removed:
            held[share_class] = held.get(share_class, 0.0) - amount
        accounts = self.env["account.account"].union(*(c._coop_account() for c in classes))
        ledger = self._coop_balances(date, accounts)
        result = []
        for account in accounts:
            account_classes = classes.filtered(lambda c, a=account: c._coop_account() == a)
            register_total = sum(held.get(c, 0.0) for c in account_classes)
            result.append((account, register_total, -ledger.get(account, 0.0)))
        for account, register, ledger in self._coop_member_balances(date):
            result.append(
                (
                    account,
                    capital.from_cents(sum(register.values())),
                    capital.from_cents(sum(ledger.values())),
                )
            )
        patronage_accounts = self._coop_patronage_accounts()
        for account, register, ledger in self._coop_equity_balances(date):
            if account not in patronage_accounts:
                continue  # the share accounts, compared by class above
            result.append(
                (
                    account,
                    capital.from_cents(sum(register.values())),
                    capital.from_cents(sum(ledger.values())),
                )
            )
        return result

    def _coop_patronage_accounts(self):
        """Retained patronage, reserve and start-up losses accounts."""
        self.ensure_one()
        return (
            self.coop_account_retained_qualified_id
            | self.coop_account_retained_nonqualified_id
            | self.coop_account_reserve_id
            | self.coop_account_startup_loss_id
        )

    def _coop_equity_balances(self, date):
        """The members' equity beyond the share register on ``date`` (capital.md
        rule 9), by the co-op's records and by the ledger, as credits in cents:
        ``[(account, {partner or False: register}, {partner or False: ledger})]``
        for each member's shares (3100, 3110 and class accounts), the retained
        patronage (3200, 3210: open tranches, less what was redeemed, plus the
        deficits paid down), the collective reserve (3300: what the allocations
        posted) and the start-up loss account (3310, a debit: negative).

        An entry dated up to ``date`` counts; an allocation corrected by then
        counts no more; the tranches count what was redeemed of them by then
        (revolving batches and exits, from their dated history), and the
        interest credited by then counts too."""
        self.ensure_one()
        retained_q = self.coop_account_retained_qualified_id
        retained_n = self.coop_account_retained_nonqualified_id
        reserve = self.coop_account_reserve_id
        startup = self.coop_account_startup_loss_id
        classes = (
            self.env["coop.share.class"]
            .sudo()
            .with_context(active_test=False)
            .search([("company_id", "=", self.id)])
        )
        share_accounts = {c: c._coop_account() for c in classes}
        accounts = self.env["account.account"].union(
            *share_accounts.values(), retained_q, retained_n, reserve, startup
        )
        register = {account: defaultdict(int) for account in accounts}
        for operation in (
            self.env["coop.share.operation"]
            .sudo()
            .search([("company_id", "=", self.id), ("date", "<=", date)])
        ):
            account = share_accounts.get(operation.share_class_id)
            if not account:
                continue
            cents = capital.to_cents(operation.amount)
            if operation.membership_to_id:
                register[account][operation.membership_to_id.partner_id] += cents
            if operation.membership_from_id:
                register[account][operation.membership_from_id.partner_id] -= cents
        allocations = (
            self.env["coop.patronage.allocation"]
            .sudo()
            .search([("company_id", "=", self.id), ("move_id.date", "<=", date)])
        )
        tranches = self.env["coop.patronage.tranche"].sudo()
        for allocation in allocations:
            sign = 1
            if allocation.reversal_move_id and allocation.reversal_move_id.date <= date:
                sign = 0
            if reserve:
                register[reserve][False] += sign * capital.to_cents(allocation.reserve_amount)
            if startup:
                register[startup][False] += sign * capital.to_cents(
                    allocation.startup_paydown_amount - allocation.startup_charge_amount
                )
            for line in allocation.line_ids.filtered("deficit_offset"):
                register[retained_q][line.partner_id] += sign * capital.to_cents(
                    line.deficit_offset
                )
            if sign:
                tranches |= allocation.tranche_ids
        # Interest credited to the members' accounts (Cr 3200/3210) by then.
        tranches |= (
            self.env["coop.patronage.interest"]
            .sudo()
            .search([("company_id", "=", self.id), ("move_id.date", "<=", date)])
            .tranche_ids
        )
        redeemed = tranches._coop_redeemed_on(date)
        for tranche in tranches:
            account = retained_q if tranche.qualified else retained_n
            register[account][tranche.partner_id] += (
                capital.to_cents(tranche.amount) - redeemed[tranche]
            )
        ledger = {account: defaultdict(int) for account in accounts}
        for account, partner, balance in (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.id),
                    ("parent_state", "=", "posted"),
                    ("date", "<=", date),
                    ("account_id", "in", accounts.ids),
                ],
                ["account_id", "partner_id"],
                ["balance:sum"],
            )
        ):
            key = False if account in (reserve | startup) else partner or False
            ledger[account][key] -= capital.to_cents(balance)
        return [(account, register[account], ledger[account]) for account in accounts]

    def _coop_member_balances(self, date):
        """What each member owes on subscriptions (3105) and is owed for
        redemptions (2310) on ``date``, by the register and by the ledger:
        ``[(account, {partner: register cents}, {partner: ledger cents})]``.

        The register side is read from the events dated up to ``date`` (the
        subscriptions, their payments, the exits, the payouts and the
        corrections), never from today's stored totals; the ledger side from
        the posted lines of the account with their partner."""
        self.ensure_one()
        receivable = self.coop_account_subscription_id
        payable = self.coop_account_redemption_payable_id
        ledger = {receivable: defaultdict(int), payable: defaultdict(int)}
        groups = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.id),
                    ("parent_state", "=", "posted"),
                    ("date", "<=", date),
                    ("account_id", "in", (receivable | payable).ids),
                ],
                ["account_id", "partner_id"],
                ["balance:sum"],
            )
        )
        for account, partner, balance in groups:
            # 3105 is owed to the co-op (a debit), 2310 by it (a credit).
            sign = 1 if account == receivable else -1
            ledger[account][partner] += sign * capital.to_cents(balance)
        return [
            (receivable, self._coop_register_owed(date), ledger[receivable]),
            (payable, self._coop_register_payable(date), ledger[payable]),
        ]

    def _coop_register_owed(self, date):
        """``{partner: cents}`` members owe on their confirmed subscriptions
        on ``date``: subscribed, less paid, less what an exit cancelled, less
        issues corrected, each counted from its own date."""
        self.ensure_one()
        owed = defaultdict(int)
        subscriptions = (
            self.env["coop.share.subscription"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.id),
                    ("state", "in", ("confirmed", "closed")),
                    ("date", "<=", date),
                ]
            )
        )
        payments = (
            self.env["coop.share.payment"]
            .sudo()
            .search([("company_id", "=", self.id), ("state", "=", "posted")])
        )
        paid = defaultdict(int)
        for payment in payments:
            paid[payment.subscription_id] += capital.to_cents(payment.amount)
            if payment.date <= date:
                owed[payment.partner_id] -= capital.to_cents(payment.amount)
        # An exit cancels what is still unpaid on the member's subscriptions
        # (Cr 3105) on the day the membership ends.
        closed = subscriptions.filtered(lambda s: s.state == "closed")
        exits = defaultdict(list)
        for transition in (
            self.env["coop.membership.transition"]
            .sudo()
            .search(
                [
                    ("membership_id", "in", closed.membership_id.ids),
                    ("to_state", "=", "former"),
                ]
            )
        ):
            exits[transition.membership_id].append(transition.date)
        for subscription in subscriptions:
            owed[subscription.partner_id] += capital.to_cents(subscription.amount)
            if subscription.state != "closed":
                continue
            ended = [day for day in exits[subscription.membership_id] if day >= subscription.date]
            if ended and min(ended) <= date:
                owed[subscription.partner_id] -= max(
                    0, capital.to_cents(subscription.amount) - paid[subscription]
                )
        for correction in self._coop_register_corrections(date, "issue"):
            corrected = correction.corrected_id
            owed[corrected.membership_to_id.partner_id] -= capital.to_cents(corrected.amount)
        return owed

    def _coop_register_payable(self, date):
        """``{partner: cents}`` the co-op owes members for redemptions on
        ``date``: payouts scheduled by an exit or a redemption dated up to
        it, less those paid by then, less redemptions corrected by then, and
        revolving batches posted by then, less what they paid by then."""
        self.ensure_one()
        payable = defaultdict(int)
        redemptions = (
            self.env["coop.share.redemption"].sudo().search([("company_id", "=", self.id)])
        )
        for redemption in redemptions:
            cents = capital.to_cents(redemption.amount)
            scheduled = redemption.exit_move_id.date or redemption.due_date
            if scheduled <= date:
                payable[redemption.partner_id] += cents
            if redemption.state == "paid" and redemption.date_paid <= date:
                payable[redemption.partner_id] -= cents
        for correction in self._coop_register_corrections(date, "redemption"):
            corrected = correction.corrected_id
            payable[corrected.membership_from_id.partner_id] -= capital.to_cents(corrected.amount)
        # Revolving batches posted by then (Cr 2310), less what they paid by then.
        for line in (
            self.env["coop.patronage.revolving.line"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.id),
                    ("revolving_id.state", "in", ("posted", "paid")),
                    ("revolving_id.date", "<=", date),
                ]
            )
        ):
            cents = capital.to_cents(line.amount)
            payable[line.partner_id] += cents
            if line.payment_id.state in ("in_process", "paid") and line.payment_id.date <= date:
                payable[line.partner_id] -= cents
        return payable

    def _coop_register_corrections(self, date, kind):
        """The register's corrections of operations of ``kind``, dated up to
        ``date``."""
        return (
            self.env["coop.share.operation"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.id),
                    ("kind", "=", "correction"),
                    ("date", "<=", date),
                    ("corrected_id.kind", "=", kind),
                ]
            )
        )

    def _coop_capital_check_lines(self, date):
        """The capital check on ``date`` as rows for the accountant: one per
        account (the share accounts, 3105 and 2310), and one per member whose
        3105 or 2310 balance differs from the register, each with its
        sentence. Values of each row: account, partner, kind ("shares",
        "owed", "payable"), register, ledger, message."""
        self.ensure_one()
        rows = []
        members = self._coop_member_balances(date)
        member_accounts = {account for account, _register, _ledger in members}
        member_accounts |= set(self._coop_patronage_accounts())
        for account, register, ledger in self._coop_capital_check(date):
            if account in member_accounts:
                continue
            rows.append(self._coop_check_row(account, False, "shares", register, ledger, date))
        for (account, register, ledger), kind in zip(members, ("owed", "payable"), strict=True):
            rows.append(
                self._coop_check_row(
                    account,
                    False,
                    kind,
                    capital.from_cents(sum(register.values())),
                    capital.from_cents(sum(ledger.values())),
                    date,
                )
            )
            for partner, reg, led, _diff in capital.balance_differences(
                {p: c for p, c in register.items() if c}, {p: c for p, c in ledger.items() if c}
            ):
                rows.append(
                    self._coop_check_row(
                        account,
                        partner,
                        kind,
                        capital.from_cents(reg),
                        capital.from_cents(led),
                        date,
                    )
                )
        rows.extend(self._coop_equity_check_lines(date))
        return rows

    def _coop_equity_check_lines(self, date):
        """The members' equity rows of the capital check (capital.md rule 9):
        one per member whose shares or retained patronage differ from the
        ledger, one per account of retained patronage, reserve and start-up
        losses, and the members' equity in total."""
        self.ensure_one()
        rows = []
        kinds = {
            self.coop_account_retained_qualified_id: "retained",
            self.coop_account_retained_nonqualified_id: "retained",
            self.coop_account_reserve_id: "reserve",
            self.coop_account_startup_loss_id: "startup",
        }
        total_register = total_ledger = 0
        for account, register, ledger in self._coop_equity_balances(date):
            kind = kinds.get(account, "shares")
            total_register += sum(register.values())
            total_ledger += sum(ledger.values())
            if kind != "shares":
                rows.append(
                    self._coop_check_row(
                        account,
                        False,
                        kind,
                        capital.from_cents(sum(register.values())),
                        capital.from_cents(sum(ledger.values())),
                        date,
                    )
                )
            for partner, reg, led, _diff in capital.balance_differences(
                {p: c for p, c in register.items() if c and p},
                {p: c for p, c in ledger.items() if c and p},
            ):
                rows.append(
                    self._coop_check_row(
                        account,
                        partner,
                        kind,
                        capital.from_cents(reg),
                        capital.from_cents(led),
                        date,
                    )
                )
            if kind in ("shares", "retained") and ledger.get(False):
                # Lines that name no member on a member's account.
                rows.append(
                    self._coop_check_row(
                        account,
                        self.env["res.partner"],
                        kind,
                        capital.from_cents(register.get(False, 0)),
                        capital.from_cents(ledger[False]),
                        date,
                        nobody=True,
                    )
                )
        rows.append(
            self._coop_check_row(
                self.env["account.account"],
                False,
                "equity",
                capital.from_cents(total_register),
                capital.from_cents(total_ledger),
                date,
            )
        )
        return rows

    def _coop_check_row(self, account, partner, kind, register, ledger, date, nobody=False):
        """One row of the capital check with the sentence an accountant reads
        when the register and the ledger differ."""
        currency = self.currency_id
        message = ""
        if currency.compare_amounts(register, ledger):
            values = {
                "account": account.display_name or "",
                "member": partner.display_name if partner else self.env._("no member"),
                "date": fields.Date.to_string(date),
                "register": format_amount(self.env, register, currency),
                "ledger": format_amount(self.env, ledger, currency),
                "difference": format_amount(self.env, ledger - register, currency),
            }
            if nobody:
                message = self.env._(
                    "%(account)s: on %(date)s the ledger holds %(ledger)s on lines that name "
                    "no member. Every member equity line carries the member: look for "
                    "entries on this account without a partner.",
                    **values,
                )
            elif kind == "equity":
                message = self.env._(
                    "Members' equity: on %(date)s shares, retained patronage, the reserve "
                    "and start-up losses come to %(register)s by the co-op's records and "
                    "%(ledger)s in the ledger (difference %(difference)s); the rows above "
                    "say where.",
                    **values,
                )
            elif kind == "retained" and partner:
                message = self.env._(
                    "%(account)s, %(member)s: on %(date)s the retained patronage of "
                    "%(member)s (tranches less redemptions) is %(register)s, the ledger "
                    "shows %(ledger)s (difference %(difference)s). Look for entries on "
                    "this account for %(member)s that no allocation, correction or "
                    "redemption made.",
                    **values,
                )
            elif kind in ("retained", "reserve", "startup"):
                message = self.env._(
                    "%(account)s: on %(date)s the patronage allocations give %(register)s "
                    "and the ledger %(ledger)s (difference %(difference)s). Look for "
                    "entries on this account that no allocation or correction made.",
                    **values,
                )
            elif kind == "shares" and partner:
                message = self.env._(
                    "%(account)s, %(member)s: on %(date)s the share register gives "
                    "%(member)s %(register)s and the ledger %(ledger)s (difference "
                    "%(difference)s). Look for entries on this account for %(member)s "
                    "that no subscription, transfer, redemption or exit made.",
                    **values,
                )
            elif kind == "shares":
                message = self.env._(
                    "%(account)s: on %(date)s the share register holds %(register)s and "
                    "the ledger %(ledger)s (difference %(difference)s). Look for entries "
                    "on this account that no subscription, transfer, redemption or exit "
                    "made.",
                    **values,
                )
            elif not partner:
                message = self.env._(
                    "%(account)s: on %(date)s the register gives %(register)s in all and "
                    "the ledger %(ledger)s (difference %(difference)s); the members' "
                    "rows below say where.",
                    **values,
                )
            elif kind == "owed":
                message = self.env._(
                    "%(account)s, %(member)s: on %(date)s the register says %(member)s "
                    "owes %(register)s on confirmed subscriptions, the ledger shows "
                    "%(ledger)s (difference %(difference)s). Look for entries on this "
                    "account for %(member)s that no subscription, payment or exit made.",
                    **values,
                )
            else:
                message = self.env._(
                    "%(account)s, %(member)s: on %(date)s the register says the co-op "
                    "owes %(member)s %(register)s for redemptions, the ledger shows "
                    "%(ledger)s (difference %(difference)s). Look for entries on this "
                    "account for %(member)s that no exit, redemption or payout made.",
                    **values,
                )
        return {
            "account_id": account.id or False,
            "partner_id": partner.id if partner else False,
            "kind": kind,
            "register": register,
            "ledger": ledger,
            "message": message,
        }

    def _coop_hours_closed(self, days):
        """The hours of a fiscal year whose patronage allocation is posted
        are closed: the allocation counted them, its notices state them. A
        correction of that allocation in progress (draft or computed) opens
        them again until it is posted (capital.md rule 11: corrections after
        close are a reversal and a re-post)."""
        reason = super()._coop_hours_closed(days)
        if reason:
            return reason
        self.ensure_one()
        first, last = min(days), max(days)
        posted = (
            self.env["coop.patronage.allocation"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.id),
                    ("state", "=", "posted"),
                    ("date_from", "<=", last),
                    ("date_to", ">=", first),
                ],
                order="date_from, id",
            )
        )
        for allocation in posted:
            if allocation.correction_ids.filtered(lambda c: c.state in ("draft", "computed")):
                continue
            if any(allocation.date_from <= day <= allocation.date_to for day in days):
                return self.env._(
                    "The hours worked in %(year)s are closed: the patronage allocation "
                    "%(name)s counted them and was posted on %(date)s. To correct them, "
                    "start a correction of %(name)s (Correct): while the correction is a "
                    "draft the year's hours can be changed, and posting it reverses the "
                    "entry and posts the corrected allocation.",
                    year=allocation.date_to.year,
                    name=allocation.name,
                    date=format_date(self.env, allocation.date_posted or allocation.date_to),
                )
        return None
