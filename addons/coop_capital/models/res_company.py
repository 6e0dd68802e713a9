import math

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

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

    @api.constrains("coop_revolve_years")
    def _check_coop_revolve_years(self):
        for company in self:
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

    def _coop_solvency_shortfall(self, payout, date):
        """How far paying ``payout`` to a member would leave the co-op's
        assets below its debts (0 when it can pay); see lib.capital."""

        assets = liabilities = 0
        for account, balance in self._coop_balances(date).items():
            if account.account_type.startswith("asset"):
                assets += capital.to_cents(balance)
            elif account.account_type.startswith("liability"):
                liabilities -= capital.to_cents(balance)
        claims = -capital.to_cents(
            sum(self._coop_balances(date, self.coop_account_redemption_payable_id).values())
        )
        return capital.from_cents(
            capital.solvency_shortfall(assets, liabilities, claims, capital.to_cents(payout))
        )

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
        return result
