from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import capital, revolving
from .coop_patronage_revolving import check_capital_officer


class CoopPatronageInterest(models.Model):
    """A year's interest on the members' internal capital accounts (Conn.
    Gen. Stat. §33-418m(c)): credited once per company and year at the
    company's yearly rate on each member's retained balance at the year end,
    posted Dr interest expense / Cr 3200 or 3210 per member and kind, and
    kept as interest tranches the members see and that revolve like
    retained patronage. Made only by :meth:`_coop_credit`; never changed."""

    _name = "coop.patronage.interest"
    _description = "Interest on internal capital accounts"
    _check_company_auto = True
    _inherit = ["coop.guard.mixin"]
    _order = "date_to desc, id desc"
    _coop_protected_fields = ("company_id", "date_to", "year", "rate", "move_id")

    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_to = fields.Date(string="Year end", required=True, readonly=True)
    year = fields.Integer(required=True, readonly=True)
    rate = fields.Float(string="Rate (% a year)", digits=(6, 3), readonly=True)
    move_id = fields.Many2one("account.move", string="Entry", readonly=True, check_company=True)
    tranche_ids = fields.One2many(
        "coop.patronage.tranche", "interest_id", string="Interest credited", readonly=True
    )
    amount_total = fields.Monetary(compute="_compute_amount_total", string="Total")

    _sql_constraints = [
        (
            "company_year_unique",
            "unique(company_id, year)",
            "Interest on internal capital accounts is credited once a year.",
        )
    ]

    @api.depends("year")
    def _compute_name(self):
        for rec in self:
            rec.name = self.env._("Interest %(year)s", year=rec.year)

    @api.depends("tranche_ids.amount")
    def _compute_amount_total(self):
        for rec in self:
            rec.amount_total = sum(rec.sudo().tranche_ids.mapped("amount"))

    def write(self, vals):
        if vals and not self._coop_is_owner():
            for name in self._coop_protected_fields:
                if name in vals and not self._coop_unchanged(name, vals[name]):
                    self._coop_refuse(name)
        if set(vals) - set(self._coop_protected_fields) and not self._coop_is_owner():
            raise UserError(
                self.env._("Credited interest never changes: it is corrected by a reversal.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("Credited interest is never deleted: it is corrected by a reversal.")
        )

    @api.model
    def _coop_year_end(self, company, date_to):
        """The last day of the company's fiscal year that ``date_to`` is in."""
        return company.compute_fiscalyear_dates(fields.Date.to_date(date_to))["date_to"]

    @api.model
    def _coop_balances(self, company, date_to):
        """``{(membership, qualified): cents}`` retained at the end of
        ``date_to``, from the tranches of earlier years (patronage and
        interest) less what was redeemed by then: this year's own
        allocation, dated the same day, earns nothing yet."""
        tranches = (
            self.env["coop.patronage.tranche"]
            .sudo()
            .search([("company_id", "=", company.id), ("year", "<", date_to.year)])
        )
        balances = defaultdict(int)
        for tranche, cents in tranches._coop_remaining_on(date_to).items():
            if cents:
                balances[tranche.membership_id, tranche.qualified] += cents
        return dict(balances)

    @api.model
    def _coop_credit(self, company, date_to):
        """Credit the year's interest: refuse when it is off, when the year
        is not over, or when it was credited already. Returns the record."""
        check_capital_officer(self.env)
        company = company.sudo()
        date_to = self._coop_year_end(company, date_to)
        rate = revolving.as_rate(company.coop_interest_rate)
        if not rate:
            raise UserError(
                self.env._(
                    "%s credits no interest on internal capital accounts: set a yearly "
                    "rate in the settings first.",
                    company.name,
                )
            )
        if date_to >= fields.Date.context_today(self):
            raise UserError(
                self.env._(
                    "The year ending %s is not over: interest is credited at the year end.",
                    fields.Date.to_string(date_to),
                )
            )
        if self.sudo().search_count([("company_id", "=", company.id), ("year", "=", date_to.year)]):
            raise UserError(
                self.env._(
                    "Interest for %(year)s is already credited to the members' accounts "
                    "of %(company)s; it is credited once a year.",
                    year=date_to.year,
                    company=company.name,
                )
            )
        expense = company.coop_interest_account_id
        journal = company.coop_capital_journal_id
        if not expense or not journal:
            raise UserError(
                self.env._(
                    "Choose the interest expense account and the member capital journal "
                    "of %s in the settings first.",
                    company.name,
                )
            )
        company._coop_check_open_period(date_to)
        balances = self._coop_balances(company, date_to)
        credited = revolving.interest(balances, rate)
        if not credited:
            raise UserError(
                self.env._(
                    "No member of %(company)s had retained patronage at the end of "
                    "%(year)s: there is no interest to credit.",
                    company=company.name,
                    year=date_to.year,
                )
            )
        accounts = {
            True: company.coop_account_retained_qualified_id,
            False: company.coop_account_retained_nonqualified_id,
        }
        keys = sorted(credited, key=lambda key: (key[0].id, not key[1]))
        label = self.env._("Interest on internal capital accounts %(year)s", year=date_to.year)
        items = [
            {
                "name": label,
                "account_id": expense.id,
                "debit": capital.from_cents(sum(credited.values())),
                "credit": 0.0,
            }
        ]
        for membership, qualified in keys:
            items.append(
                {
                    "name": self.env._(
                        "Interest %(year)s - %(who)s", year=date_to.year, who=membership.name
                    ),
                    "account_id": accounts[qualified].id,
                    "partner_id": membership.partner_id.id,
                    "debit": 0.0,
                    "credit": capital.from_cents(credited[membership, qualified]),
                }
            )
        move = (
            self.env["account.move"]
            .sudo()
            ._coop_owner_create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "company_id": company.id,
                    "date": date_to,
                    "ref": label,
                    "coop_capital": True,
                    "line_ids": [
                        fields.Command.create(dict(item, analytic_distribution=False))
                        for item in items
                    ],
                }
            )
        )
        move._coop_post()
        record = self.sudo()._coop_owner_create(
            {
                "company_id": company.id,
                "date_to": date_to,
                "year": date_to.year,
                "rate": company.coop_interest_rate,
                "move_id": move.id,
            }
        )
        revolve = date_to + relativedelta(years=company.coop_revolve_years)
        self.env["coop.patronage.tranche"].sudo()._coop_owner_create(
            [
                {
                    "membership_id": membership.id,
                    "interest_id": record.id,
                    "kind": "interest",
                    "year": date_to.year,
                    "qualified": qualified,
                    "amount": capital.from_cents(credited[membership, qualified]),
                    "date_revolve": revolve,
                }
                for membership, qualified in keys
            ]
        )
        return record
