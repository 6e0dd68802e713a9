from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# The demo co-op's consents to qualified notices: method and bylaw version.
DEMO_CONSENTS = [
    ("agreement", "Consent agreement 2022"),
    ("bylaw", "Bylaws 2023, art. 9.4"),
    ("check", False),
]


class CoopPatronageAllocation(models.Model):
    _inherit = "coop.patronage.allocation"

    @api.model
    def _coop_demo_close_prior_year(self, company_id, consenting_ids, payment_ids=()):
        """Demo data only: the demo co-op's previous fiscal year (relative to
        today, so that it stays the prior year) closed as an accountant
        would: the year's business in the ledger, consents of some members,
        the patronage allocation computed and posted (tranches on the
        members' capital statements), and each member's cash part paid by a
        supplier payment from the bank reconciled with their 2300 line.

        ``payment_ids``: the demo's recent share payments, still drafts,
        posted in date order around that cash payout, so that the bank
        journal's numbers follow the dates (an older payment never gets a
        higher number than a newer one)."""
        company = self.env["res.company"].browse(company_id)
        today = fields.Date.context_today(self)
        year = company.compute_fiscalyear_dates(today - relativedelta(years=1))
        date_from, date_to = year["date_from"], year["date_to"]
        payout = min(today, date_to + relativedelta(months=3))
        payments = (
            self.env["coop.share.payment"]
            .browse(payment_ids)
            .filtered(lambda p: p.state == "draft")
            .sorted(lambda p: (p.date, p.id))
        )
        earlier = payments.filtered(lambda p: p.date <= payout)
        for payment in earlier:
            payment.action_post()
        if self.search_count([("company_id", "=", company.id), ("date_to", "=", date_to)]):
            for payment in payments - earlier:
                payment.action_post()
            return False
        memberships = self.env["coop.membership"].browse(consenting_ids)
        self.env["coop.patronage.consent"].create(
            [
                {
                    "membership_id": membership.id,
                    "method": method,
                    "bylaw_version": version,
                    "date": min(membership.date_member or date_from, date_to),
                }
                for membership, (method, version) in zip(
                    memberships, DEMO_CONSENTS * len(memberships), strict=False
                )
            ]
        )
        self._coop_demo_book_year(company, date_to)
        allocation = self.create(
            {
                "company_id": company.id,
                "date_from": date_from,
                "date_to": date_to,
                "reserve_rate": 30.0,
                "cash_rate": 20.0,
                "note": "Approved by the members' meeting after the year end.",
            }
        )
        allocation._coop_demo_enter_hours()
        allocation.action_compute()
        # The demo's prior year was allocated before the co-op's bylaws asked
        # for a members' vote on each allocation (coop_capital_governance
        # names the decision type on install): the requirement is lifted for
        # this one posting and put back.
        field = "coop_patronage_decision_type_id"
        required = company[field] if field in company._fields else None
        if required:
            company[field] = False
        allocation.action_post()
        if required:
            company[field] = required
        allocation._coop_demo_pay_cash(payout)
        for payment in payments - earlier:
            payment.action_post()
        return allocation.id

    def _coop_demo_enter_hours(self, full_year=1720):
        """Demo data only: the year's hours worked by everyone of the co-op,
        entered as the register's dated entries: ``full_year`` hours for a
        whole year, in proportion to the days worked; a member's hours as a
        member dated on the last day of their period in the year, the hours
        they worked before joining on the day before they joined."""
        self.ensure_one()
        periods = self._coop_year_memberships()
        workers = self.env["coop.membership"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("date_work_start", "!=", False),
                ("date_work_start", "<=", self.date_to),
                "|",
                ("date_exit", "=", False),
                ("date_exit", ">=", self.date_from),
            ]
        )
        days_in_year = (self.date_to - self.date_from).days + 1

        def hours(first, last):
            return round(full_year * ((last - first).days + 1) / days_in_year)

        entries = []
        for worker in workers:
            first = max(worker.date_work_start, self.date_from)
            last = min(worker.date_exit or self.date_to, self.date_to)
            start, end = periods.get(worker, (last + relativedelta(days=1), last))
            if first < start:
                before = start - relativedelta(days=1)
                entries.append((worker, hours(first, before), before))
            if worker in periods:
                entries.append((worker, hours(max(first, start), end), end))
        self.env["coop.hour.entry"].create(
            [
                {
                    "membership_id": worker.id,
                    "hours": amount,
                    "date": day,
                    "description": "Hours worked (demo)",
                }
                for worker, amount, day in entries
                if amount > 0
            ]
        )

    @api.model
    def _coop_demo_book_year(self, company, date_to):
        """The year's fees and costs in one summary entry (demo data only)."""
        Account = self.env["account.account"]
        income = Account.search(
            [("account_type", "=", "income"), ("company_ids", "in", company.id)], limit=1
        )
        expense = Account.search(
            [("account_type", "=", "expense"), ("company_ids", "in", company.id)], limit=1
        )
        misc = self.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", company.id)], limit=1
        )
        bank = company._coop_bank_journal().default_account_id
        fees, costs = 412_500.00, 318_240.00
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": misc.id,
                "company_id": company.id,
                "date": date_to,
                "ref": "Therapy fees and costs of the year (summary)",
                "line_ids": [
                    fields.Command.create(
                        {"name": "Therapy fees", "account_id": income.id, "credit": fees}
                    ),
                    fields.Command.create(
                        {"name": "Therapy fees", "account_id": bank.id, "debit": fees}
                    ),
                    fields.Command.create(
                        {"name": "Wages and rent", "account_id": expense.id, "debit": costs}
                    ),
                    fields.Command.create(
                        {"name": "Wages and rent", "account_id": bank.id, "credit": costs}
                    ),
                ],
            }
        )
        move.action_post()
        return move

    def _coop_demo_pay_cash(self, date):
        """Each member's cash part paid from the bank on ``date`` and
        reconciled with their 2300 line (demo data only)."""
        self.ensure_one()
        company = self.company_id
        payable = company.coop_account_patronage_payable_id
        owed = self.move_id.line_ids.filtered(
            lambda line: line.account_id == payable and line.credit
        )
        payments = self.env["account.payment"].create(
            [
                {
                    "payment_type": "outbound",
                    "partner_type": "supplier",
                    "partner_id": line.partner_id.id,
                    "journal_id": company._coop_bank_journal().id,
                    "company_id": company.id,
                    "amount": line.credit,
                    "date": date,
                    "memo": line.name,
                    "destination_account_id": payable.id,
                }
                for line in owed
            ]
        )
        payments.action_post()
        for payment, line in zip(payments, owed, strict=True):
            (
                payment.move_id.line_ids.filtered(lambda p: p.account_id == payable) | line
            ).reconcile()
        return payments
