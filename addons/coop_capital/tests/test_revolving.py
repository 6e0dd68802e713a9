"""Revolving redemption, interest on internal capital accounts and the exit
of retained patronage, posted on a co-op of the test's own: the proposal
(oldest first, only tranches past their planned revolving date, members
with a negative balance skipped), the solvency check, the entries to the
cent, the payments reconciled with 2310, the interest once a year, and the
guards as the lowest roles over the ORM."""

import datetime

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.coop_membership.tests.common import REFUSED, assert_guarded

from .common import CapitalCase

D = datetime.date


@tagged("post_install", "-at_install")
class TestRevolving(CapitalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.company
        company.write({"coop_revolve_years": 5, "coop_solvency_mode": "block"})
        cls.Revolving = cls.env["coop.patronage.revolving"]
        cls.Tranche = cls.env["coop.patronage.tranche"]
        cls.a = cls._member("Ada Revolve", date_state=D(2015, 1, 1))
        cls.b = cls._member("Ben Revolve", date_state=D(2015, 1, 1))
        cls.c = cls._member("Cy Revolve", date_state=D(2015, 1, 1))
        cls.earnings = cls.env["account.account"].search(
            [("account_type", "=", "equity_unaffected"), ("company_ids", "in", company.id)]
        )
        cls.expense = cls.env["account.account"].search(
            [("account_type", "=", "expense"), ("company_ids", "in", company.id)], limit=1
        )
        cls.q = company.coop_account_retained_qualified_id
        cls.nq = company.coop_account_retained_nonqualified_id
        cls.payable = company.coop_account_redemption_payable_id
        cls.manager = cls._user("manager", cls.env.ref("coop_membership.group_coop_manager"))
        cls.accountant = cls._user("accountant", cls.env.ref("account.group_account_manager"))
        cls.coop_user = cls._user("coop_user", cls.env.ref("coop_membership.group_coop_user"))
        cls.user_a = cls._login(cls.a, cls.env.ref("base.group_user"))
        cls.user_b = cls._login(cls.b, cls.env.ref("base.group_portal"))
        cls.user_c = cls._login(cls.c, cls.env.ref("base.group_user"))
        # The co-op has money in the bank: 100,000.00 of reserve.
        cls._post([(cls.bank.default_account_id, None, 100_000.0, 0.0)], D(2018, 12, 31))

    @classmethod
    def _login(cls, membership, group):
        """A login of the member's own person (an employee or a portal user)."""
        partner = membership.partner_id
        return cls.env["res.users"].create(
            {
                "name": partner.name,
                "login": f"revolving_{partner.id}",
                "partner_id": partner.id,
                "company_id": cls.company.id,
                "company_ids": [(6, 0, cls.company.ids)],
                "groups_id": [(6, 0, group.ids)],
            }
        )

    def setUp(self):
        super().setUp()
        self.allocations = {}

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @classmethod
    def _post(cls, lines, date, counterpart=None):
        """A posted capital entry: ``lines`` (account, membership, debit,
        credit) balanced on ``counterpart`` (the reserve by default)."""
        counterpart = counterpart or cls.company.coop_account_reserve_id
        balance = sum(debit - credit for _a, _m, debit, credit in lines)
        commands = [
            fields.Command.create(
                {
                    "name": "Test",
                    "account_id": account.id,
                    "partner_id": membership.partner_id.id if membership else False,
                    "debit": debit,
                    "credit": credit,
                }
            )
            for account, membership, debit, credit in lines
        ]
        commands.append(
            fields.Command.create(
                {
                    "name": "Test",
                    "account_id": counterpart.id,
                    "debit": max(-balance, 0),
                    "credit": max(balance, 0),
                }
            )
        )
        move = (
            cls.env["account.move"]
            .sudo()
            ._coop_owner_create(
                {
                    "move_type": "entry",
                    "journal_id": cls.company.coop_capital_journal_id.id,
                    "date": date,
                    "coop_capital": True,
                    "line_ids": commands,
                }
            )
        )
        move._coop_post()
        return move

    def _tranche(self, membership, year, amount, qualified=True):
        """A year's retained patronage as the allocation posts it: Cr 3200 or
        3210 with the member (Dr current year earnings), and its tranche."""
        if year not in self.allocations:
            self.allocations[year] = self.env["coop.patronage.allocation"].create(
                {
                    "company_id": self.company.id,
                    "date_from": D(year, 1, 1),
                    "date_to": D(year, 12, 31),
                }
            )
        account = self.company[
            "coop_account_retained_qualified_id"
            if qualified
            else "coop_account_retained_nonqualified_id"
        ]
        self._post(
            [(account, membership, max(-amount, 0.0), max(amount, 0.0))],
            D(year, 12, 31),
            counterpart=self.env["account.account"].search(
                [("account_type", "=", "equity_unaffected"), ("company_ids", "in", self.company.id)]
            ),
        )
        return self.Tranche.sudo()._coop_owner_create(
            {
                "membership_id": membership.id,
                "allocation_id": self.allocations[year].id,
                "year": year,
                "qualified": qualified,
                "amount": amount,
                "date_revolve": D(year, 12, 31) + relativedelta(years=5),
            }
        )

    def _batch(self, user=None, **vals):
        user = user or self.manager
        wizard = (
            self.env["coop.patronage.revolving.wizard"]
            .with_user(user)
            .create(
                dict(
                    {
                        "company_id": self.company.id,
                        "date_cutoff": D(2026, 1, 31),
                        "decision_date": D(2026, 1, 15),
                        "decision_ref": "Board minutes 2026-01",
                        "date": D(2026, 1, 31),
                    },
                    **vals,
                )
            )
        )
        action = wizard.action_propose()
        return self.Revolving.browse(action["res_id"])

    def _setup_years(self):
        """A: 2019 1,000.00 and 2020 500.00 qualified, 2021 700.00 (not due
        in January 2026); B: 2020 300.00 non-qualified; C: 2019 400.00 and a
        loss of 900.00 charged in 2022 (balance -500.00)."""
        t = {}
        t["a19"] = self._tranche(self.a, 2019, 1000.0)
        t["c19"] = self._tranche(self.c, 2019, 400.0)
        t["a20"] = self._tranche(self.a, 2020, 500.0)
        t["b20"] = self._tranche(self.b, 2020, 300.0, qualified=False)
        t["a21"] = self._tranche(self.a, 2021, 700.0)
        t["c22"] = self._tranche(self.c, 2022, -900.0)
        return t

    def _table(self, move):
        table = {}
        for line in move.line_ids:
            key = (line.account_id.code, line.partner_id.name or "")
            self.assertNotIn(key, table)
            table[key] = (line.debit, line.credit)
        return table

    def _count(self):
        return (
            self.Revolving.search_count([]),
            self.env["coop.patronage.revolving.line"].search_count([]),
            self.env["account.move"].search_count([]),
            self.env["account.payment"].search_count([]),
            tuple(self.Tranche.search([]).mapped("amount_redeemed")),
        )

    # ------------------------------------------------------------------
    # Proposal
    # ------------------------------------------------------------------
    def test_proposal_oldest_first_due_only_negative_skipped(self):
        t = self._setup_years()
        batch = self._batch()
        self.assertEqual(batch.state, "draft")
        self.assertEqual(
            [(line.tranche_id, line.amount) for line in batch.line_ids],
            [(t["a19"], 1000.0), (t["a20"], 500.0), (t["b20"], 300.0)],
        )
        self.assertEqual(batch.amount_total, 1800.0)
        self.assertEqual(batch.member_count, 2)
        self.assertEqual(
            batch.skipped_note,
            "Cy Revolve is not revolved: their internal capital account is negative "
            "(-500.00) after a loss; later allocations net against it first.",
        )
        # The solvency check's figures are shown before posting.
        self.assertEqual(
            (batch.assets, batch.liabilities, batch.member_claims, batch.shortfall),
            (100_000.0, 0.0, 0.0, 0.0),
        )
        # A budget: the oldest first, the tranche where it runs out in part.
        budgeted = self._batch(budget=1200.0)
        self.assertEqual(
            [(line.tranche_id, line.amount, line.partial) for line in budgeted.line_ids],
            [(t["a19"], 1000.0, False), (t["a20"], 200.0, True)],
        )
        # A later cutoff also proposes 2021.
        later = self._batch(date_cutoff=D(2026, 12, 31), date=D(2026, 12, 31))
        self.assertIn(t["a21"], later.line_ids.tranche_id)

    # ------------------------------------------------------------------
    # Posting and paying
    # ------------------------------------------------------------------
    def test_posted_to_the_cent_and_paid_reconciled(self):
        t = self._setup_years()
        batch = self._batch(budget=1600.0)
        batch.with_user(self.accountant).action_post()
        self.assertEqual(batch.state, "posted")
        self.assertEqual(
            self._table(batch.move_id),
            {
                ("3200", "Ada Revolve"): (1500.0, 0.0),
                ("3210", "Ben Revolve"): (100.0, 0.0),
                ("2310", "Ada Revolve"): (0.0, 1500.0),
                ("2310", "Ben Revolve"): (0.0, 100.0),
            },
        )
        self.assertEqual(batch.move_id.date, D(2026, 1, 31))
        self.assertEqual(
            [(x.state, x.amount_redeemed, x.amount_remaining) for x in t.values()],
            [
                ("redeemed", 1000.0, 0.0),
                ("open", 0.0, 400.0),
                ("redeemed", 500.0, 0.0),
                ("open", 100.0, 200.0),
                ("open", 0.0, 700.0),
                ("open", 0.0, -900.0),
            ],
        )
        self.assertEqual(t["a19"].date_redeemed, D(2026, 1, 31))
        self.assertFalse(t["b20"].date_redeemed)
        # Pay: the date and journal asked for, one payment per member.
        wizard = (
            self.env["coop.patronage.revolving.pay.wizard"]
            .with_user(self.accountant)
            .create({"revolving_id": batch.id, "date": D(2026, 2, 10), "journal_id": self.bank.id})
        )
        self.assertEqual((wizard.assets, wizard.shortfall), (100_000.0, 0.0))
        self.assertEqual(wizard.member_claims, 1600.0)
        wizard.action_confirm()
        self.assertEqual(batch.state, "paid")
        self.assertEqual(batch.date_paid, D(2026, 2, 10))
        payments = batch.payment_ids.sorted("amount")
        self.assertEqual(
            [(p.partner_id, p.amount, p.payment_type, p.date) for p in payments],
            [
                (self.b.partner_id, 100.0, "outbound", D(2026, 2, 10)),
                (self.a.partner_id, 1500.0, "outbound", D(2026, 2, 10)),
            ],
        )
        self.assertTrue(all(p.move_id.coop_capital for p in payments))
        for membership in (self.a, self.b):
            self.assertEqual(self._balance(self.payable, membership.partner_id), 0.0)
        lines = (batch.move_id | payments.move_id).line_ids.filtered(
            lambda line: line.account_id == self.payable
        )
        self.assertEqual(len(lines), 4)
        self.assertTrue(all(line.reconciled for line in lines))
        self.assertEqual(batch.line_ids.payment_id, payments)
        # Retained patronage left in the ledger equals the tranches left.
        for membership in (self.a, self.b, self.c):
            ledger = -self._balance(self.q, membership.partner_id) - self._balance(
                self.nq, membership.partner_id
            )
            tranches = sum(
                self.Tranche.search([("membership_id", "=", membership.id)]).mapped(
                    "amount_remaining"
                )
            )
            self.assertAlmostEqual(ledger, tranches, 2)
        with self.assertRaisesRegex(UserError, "not posted and waiting to be paid"):
            batch.action_pay(self.bank.id, "2026-02-11")

    def test_capital_check_counts_a_posted_batch_until_it_is_paid(self):
        """Between its entry and its payment a revolving batch is owed to its
        members on 2310: the capital check's register counts it, so the check
        agrees with the ledger before, while and after it is owed."""
        self._setup_years()
        batch = self._batch(budget=1600.0)
        batch.with_user(self.accountant).action_post()

        def payable(date):
            check = self.env["coop.capital.check.wizard"].create(
                {"company_id": self.company.id, "date": date}
            )
            return [
                (row.partner_id.name or "", row.register, row.ledger, row.message or "")
                for row in check.line_ids
                if row.kind == "payable"
            ]

        self.assertEqual(payable(D(2026, 1, 30)), [("", 0.0, 0.0, "")])
        self.assertEqual(payable(D(2026, 1, 31)), [("", 1600.0, 1600.0, "")])
        batch.action_pay(self.bank.id, "2026-02-10")
        self.assertEqual(payable(D(2026, 2, 9)), [("", 1600.0, 1600.0, "")])
        self.assertEqual(payable(D(2026, 2, 10)), [("", 0.0, 0.0, "")])

    def test_solvency_refusal_writes_nothing(self):
        self._setup_years()
        batch = self._batch()
        debt = self.env["account.account"].search(
            [
                ("account_type", "=", "liability_current"),
                ("company_ids", "in", self.company.id),
                (
                    "id",
                    "not in",
                    (self.payable | self.company.coop_account_patronage_payable_id).ids,
                ),
            ],
            limit=1,
        )
        self._post([(self.expense, None, 99_000.0, 0.0)], D(2026, 1, 20), counterpart=debt)
        batch.invalidate_recordset()
        self.assertEqual(batch.shortfall, 800.0)
        before = self._count()
        with self.assertRaisesRegex(UserError, r"shortfall of 800\.00"):
            batch.with_user(self.manager).action_post()
        self.assertEqual(self._count(), before)
        self.assertEqual(batch.state, "draft")
        self.assertFalse(batch.move_id)

    def test_decision_required_and_changes_refused(self):
        t = self._setup_years()
        batch = self._batch(decision_ref=False)
        before = self._count()
        with self.assertRaisesRegex(UserError, "Record the board's decision first"):
            batch.action_post()
        self.assertEqual(self._count(), before)
        batch.write({"decision_ref": "Minutes 7"})
        twin = self._batch()
        batch.action_post()
        # The same tranches cannot be revolved twice.
        with self.assertRaisesRegex(UserError, "changed since"):
            twin.action_post()
        twin.action_propose()
        self.assertFalse(twin.line_ids)
        with self.assertRaisesRegex(UserError, "nothing to revolve"):
            twin.action_post()
        with self.assertRaisesRegex(UserError, "no longer a proposal"):
            batch.write({"budget": 10.0})
        with self.assertRaisesRegex(UserError, "never deleted"):
            batch.unlink()
        self.assertEqual(t["a19"].state, "redeemed")

    # ------------------------------------------------------------------
    # Interest
    # ------------------------------------------------------------------
    def test_interest_exact_and_once_a_year(self):
        self._tranche(self.a, 2019, 1000.0)
        self._tranche(self.a, 2020, 333.33, qualified=False)
        self._tranche(self.b, 2020, 100.01)
        self._tranche(self.c, 2019, 400.0)
        self._tranche(self.c, 2022, -900.0)
        self._tranche(self.a, 2023, 5000.0)  # this year's own: no interest yet
        Interest = self.env["coop.patronage.interest"]
        with self.assertRaisesRegex(UserError, "set a yearly rate"):
            Interest.with_user(self.manager)._coop_credit(self.company, D(2023, 12, 31))
        self.company.write({"coop_interest_rate": 2.5, "coop_interest_account_id": self.expense.id})
        with self.assertRaises(AccessError):
            Interest.with_user(self.coop_user)._coop_credit(self.company, D(2023, 12, 31))
        wizard = (
            self.env["coop.patronage.interest.wizard"]
            .with_user(self.accountant)
            .create({"company_id": self.company.id, "date_to": D(2023, 6, 30)})
        )
        action = wizard.action_confirm()
        record = Interest.browse(action["res_id"])
        self.assertEqual((record.year, record.date_to, record.rate), (2023, D(2023, 12, 31), 2.5))
        # 1,000.00 x 2.5% = 25.00; 333.33 x 2.5% = 8.33325 -> 8.33;
        # 100.01 x 2.5% = 2.50025 -> 2.50; Cy's balance is negative: nothing.
        self.assertEqual(
            self._table(record.move_id),
            {
                (self.expense.code, ""): (35.83, 0.0),
                ("3200", "Ada Revolve"): (0.0, 25.0),
                ("3210", "Ada Revolve"): (0.0, 8.33),
                ("3200", "Ben Revolve"): (0.0, 2.5),
            },
        )
        self.assertEqual(record.move_id.date, D(2023, 12, 31))
        self.assertEqual(
            sorted(
                (x.membership_id.name, x.kind, x.year, x.qualified, x.amount, x.date_revolve)
                for x in record.tranche_ids
            ),
            [
                ("Ada Revolve", "interest", 2023, False, 8.33, D(2028, 12, 31)),
                ("Ada Revolve", "interest", 2023, True, 25.0, D(2028, 12, 31)),
                ("Ben Revolve", "interest", 2023, True, 2.5, D(2028, 12, 31)),
            ],
        )
        self.assertEqual(record.amount_total, 35.83)
        before = self._count()
        with self.assertRaisesRegex(UserError, "already credited"):
            wizard.action_confirm()
        self.assertEqual(self._count(), before)
        # Members see their own interest, and nobody else's.
        own = self.Tranche.with_user(self.user_b).search([("kind", "=", "interest")])
        self.assertEqual(own.mapped("amount"), [2.5])
        self.assertEqual(Interest.with_user(self.user_b).search([]), record)
        self.assertFalse(Interest.with_user(self.user_c).search([]))
        with self.assertRaisesRegex(UserError, "changes only through"):
            record.sudo().write({"rate": 3.0})
        with self.assertRaises(UserError):
            record.with_user(self.manager).write({"rate": 3.0})

    def test_interest_reads_the_balance_as_of_the_year_end(self):
        """A revolving posted after a year end does not change that year's
        interest: the balance is read as of the year end, whenever the
        interest is credited."""
        tranche = self._tranche(self.a, 2019, 1000.0)
        self.company.write({"coop_interest_rate": 2.5, "coop_interest_account_id": self.expense.id})
        self._batch(
            date_cutoff=D(2025, 6, 30), decision_date=D(2025, 6, 15), date=D(2025, 6, 30)
        ).action_post()
        self.assertEqual(tranche.state, "redeemed")
        Interest = self.env["coop.patronage.interest"]
        late = Interest._coop_credit(self.company, D(2024, 12, 31))
        self.assertEqual(late.tranche_ids.mapped("amount"), [25.0])
        # 2025: the 2019 tranche was revolved in June; the 2024 interest
        # earns 25.00 x 2.5% = 0.625 -> 0.63.
        record = Interest._coop_credit(self.company, D(2025, 12, 31))
        self.assertEqual(record.tranche_ids.mapped("amount"), [0.63])

    # ------------------------------------------------------------------
    # Exit
    # ------------------------------------------------------------------
    def test_exit_moves_retained_tranches_to_2310(self):
        t = self._setup_years()
        wizard = self.env["coop.membership.exit.wizard"].create(
            {"membership_id": self.a.id, "date": D(2026, 3, 1), "reason": "resigned"}
        )
        self.assertEqual(
            (wizard.retained_qualified, wizard.retained_nonqualified, wizard.retained_total),
            (2200.0, 0.0, 2200.0),
        )
        self.assertEqual(self.a._coop_exit_retained_lines(D(2026, 3, 1)), [(self.q, 2200.0)])
        wizard.action_confirm()
        redemption = self.a.redemption_ids
        self.assertEqual((redemption.amount, redemption.state), (2200.0, "scheduled"))
        self.assertEqual(
            self._table(redemption.exit_move_id),
            {("3200", "Ada Revolve"): (2200.0, 0.0), ("2310", "Ada Revolve"): (0.0, 2200.0)},
        )
        for key in ("a19", "a20", "a21"):
            self.assertEqual(
                (t[key].state, t[key].amount_remaining, t[key].date_redeemed),
                ("redeemed", 0.0, D(2026, 3, 1)),
            )
        self.assertEqual(self._balance(self.q, self.a.partner_id), 0.0)

    def test_exit_with_a_negative_balance_sets_it_off(self):
        self._tranche(self.c, 2019, 400.0)
        self._tranche(self.c, 2022, -900.0)
        self._subscribe(self.c, pay=True)
        share = self.share_class.price
        self.assertGreater(share, 500.0)
        wizard = self.env["coop.membership.exit.wizard"].create(
            {"membership_id": self.c.id, "date": D(2026, 3, 1), "reason": "resigned"}
        )
        self.assertEqual(wizard.retained_total, -500.0)
        wizard.action_confirm()
        move = self.c.redemption_ids.exit_move_id
        table = self._table(move)
        self.assertEqual(table[("3200", "Cy Revolve")], (0.0, 500.0))
        self.assertEqual(table[("2310", "Cy Revolve")], (0.0, share - 500.0))
        self.assertEqual(sum(self.c.redemption_ids.mapped("amount")), share - 500.0)
        self.assertEqual(self._balance(self.q, self.c.partner_id), 0.0)

    def test_exit_deficit_beyond_the_share_is_borne_by_the_reserve(self):
        self._tranche(self.c, 2022, -900.0)
        self.env["coop.membership.exit.wizard"].create(
            {"membership_id": self.c.id, "date": D(2026, 3, 1), "reason": "resigned"}
        ).action_confirm()
        self.assertFalse(self.c.redemption_ids)
        move = self.env["account.move"].search(
            [("ref", "=", "Exit of Cy Revolve: capital to redemption payable")]
        )
        self.assertEqual(
            self._table(move),
            {("3200", "Cy Revolve"): (0.0, 900.0), ("3300", "Cy Revolve"): (900.0, 0.0)},
        )
        self.assertEqual(self.Tranche.search([("membership_id", "=", self.c.id)]).state, "redeemed")

    # ------------------------------------------------------------------
    # Who may do what, over the ORM as the lowest roles
    # ------------------------------------------------------------------
    def test_guards_as_member_and_coop_user(self):
        t = self._setup_years()
        with self.assertRaises(AccessError):
            self._batch(user=self.user_a)
        with self.assertRaises(AccessError):
            self._batch(user=self.coop_user)
        with self.assertRaises(AccessError):
            self.Revolving.with_user(self.coop_user).create({"company_id": self.company.id})
        batch = self._batch()
        for user in (self.user_a, self.coop_user):
            with self.assertRaises(AccessError):
                batch.with_user(user).action_post()
            with self.assertRaises(AccessError):
                batch.with_user(user).action_propose()
            with self.assertRaises(UserError):
                t["a19"].with_user(user).write({"amount_redeemed": 1000.0})
            with self.assertRaises(UserError):
                batch.line_ids[:1].with_user(user).write({"amount": 1.0})
            with self.assertRaises(UserError):
                self.env["coop.patronage.revolving.line"].with_user(user).create(
                    {"revolving_id": batch.id, "tranche_id": t["a21"].id, "amount": 700.0}
                )
        # A manager writes the draft's parameters, never its lines or state.
        for command in (
            fields.Command.delete(batch.line_ids[0].id),
            fields.Command.unlink(batch.line_ids[0].id),
            fields.Command.update(batch.line_ids[0].id, {"amount": 1.0}),
        ):
            with self.assertRaises(UserError), self.env.cr.savepoint():
                batch.with_user(self.manager).write({"line_ids": [command]})
        self.assertEqual(batch.line_ids.mapped("amount"), [1000.0, 500.0, 300.0])
        with self.assertRaisesRegex(REFUSED, "changes only through"):
            batch.with_user(self.manager).write({"state": "posted"})
        with self.assertRaisesRegex(REFUSED, "changes only through"):
            t["a19"].sudo().write({"amount_redeemed": 5.0})
        with self.assertRaisesRegex(REFUSED, "changes only through"):
            t["a19"].sudo().write({"state": "redeemed"})
        batch.action_post()
        batch.action_pay(self.bank.id, "2026-02-01")
        # Members read their own lines and batches; the co-op user reads all.
        lines = self.env["coop.patronage.revolving.line"]
        self.assertEqual(lines.with_user(self.user_a).search([]).partner_id, self.a.partner_id)
        self.assertEqual(lines.with_user(self.user_b).search([]).partner_id, self.b.partner_id)
        self.assertEqual(len(lines.with_user(self.coop_user).search([])), 3)
        self.assertEqual(self.Revolving.with_user(self.user_b).search([]), batch)
        self.assertFalse(self.Revolving.with_user(self.user_c).search([]))
        with self.assertRaises(AccessError):
            batch.line_ids.with_user(self.user_b).read(["amount"])
        # The paid payments are member capital: never reset or changed.
        with self.assertRaises(UserError):
            batch.payment_ids[:1].sudo().action_draft()
        roles = {
            "member": self.user_a,
            "co-op user": self.coop_user,
            "manager": self.manager,
            "accountant": self.accountant,
        }
        interest = (
            self.env["coop.patronage.interest"]
            .sudo()
            ._coop_owner_create(
                {"company_id": self.company.id, "date_to": D(2020, 12, 31), "year": 2020}
            )
        )
        self._batch()  # another batch, for the forged values to point to
        tried = assert_guarded(self, (batch, batch.line_ids[:1], interest), roles)
        self.assertEqual(tried, 150)
