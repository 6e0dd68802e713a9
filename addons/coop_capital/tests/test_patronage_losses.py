"""Losses under the three policies of shared/domain/capital.md (rule 8 and
"Loss policy parameters"), deficits netted against later allocations, the
members' equity invariant at several dates (rule 9), and corrections after
close (rule 11): exact entries, to the cent."""

import datetime

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .test_patronage import PatronageCase

D = datetime.date
FY_START, FY_END = D(2025, 1, 1), D(2025, 12, 31)


@tagged("post_install", "-at_install")
class TestPatronageLosses(PatronageCase):
    def _year(self, year, **vals):
        return self._allocation(
            date_from=D(year, 1, 1),
            date_to=D(year, 12, 31),
            member_split="rate",
            member_share_rate=100.0,
            **vals,
        )

    def _post(self, allocation):
        allocation.with_user(self.accountant).action_compute()
        allocation.with_user(self.accountant).action_post()
        return allocation

    def _check(self, date):
        """The capital check's rows that say something is wrong."""
        wizard = self.env["coop.capital.check.wizard"].create(
            {"company_id": self.company.id, "date": date}
        )
        return wizard.line_ids.filtered("message")

    def _codes(self):
        company = self.company
        return {
            "reserve": company.coop_account_reserve_id.code,
            "startup": company.coop_account_startup_loss_id.code,
            "q": company.coop_account_retained_qualified_id.code,
            "nq": company.coop_account_retained_nonqualified_id.code,
            "cash": company.coop_account_patronage_payable_id.code,
        }

    # ------------------------------------------------------------------
    # The three policies
    # ------------------------------------------------------------------
    def test_split_loss_own_rate_capped_at_the_reserve(self):
        # 2024: a surplus of 10,000 leaves 3,000 in the reserve.
        self._book(10_000, D(2024, 6, 30))
        first = self._post(self._year(2024))
        self.assertEqual(first.reserve_amount, 3_000)
        # 2025: a loss of 30,000; the bylaws send 80% of a loss to the reserve,
        # capped at its balance (3,000): the members carry 27,000 by hours
        # (4.50 an hour over 6,000 hours).
        self._book(-30_000, D(2025, 6, 30))
        allocation = self._allocation(
            loss_policy="split", loss_reserve_rate=80.0, loss_cap_at_reserve=True
        )
        self._post(allocation)
        self.assertEqual(
            (allocation.reserve_balance, allocation.reserve_amount, allocation.pool_amount),
            (3_000, -3_000, -27_000),
        )
        codes = self._codes()
        self.assertEqual(
            self._move_table(allocation.move_id),
            {
                (self.earnings.code, ""): (0, 30_000),
                (codes["reserve"], ""): (3_000, 0),
                (codes["q"], "Member A"): (9_000, 0),
                (codes["q"], "Member B"): (8_100, 0),
                (codes["q"], "Member C"): (6_750, 0),
                (codes["q"], "Member D"): (3_150, 0),
            },
        )
        self.assertEqual(
            sorted(allocation.tranche_ids.mapped("amount")), [-9_000, -8_100, -6_750, -3_150]
        )
        self.assertEqual(set(allocation.line_ids.mapped("cash")), {0})
        for day in (D(2024, 12, 31), FY_END, D(2026, 6, 30)):
            self.assertFalse(self._check(day).mapped("message"), day)
        self.assert_capital_matches_ledger(FY_END)

    def test_split_loss_without_cap_uses_the_loss_rate(self):
        self._book(-30_000, D(2025, 6, 30))
        allocation = self._post(self._allocation(loss_policy="split", loss_reserve_rate=80.0))
        codes = self._codes()
        self.assertEqual(
            self._move_table(allocation.move_id),
            {
                (self.earnings.code, ""): (0, 30_000),
                (codes["reserve"], ""): (24_000, 0),
                (codes["q"], "Member A"): (2_000, 0),
                (codes["q"], "Member B"): (1_800, 0),
                (codes["q"], "Member C"): (1_500, 0),
                (codes["q"], "Member D"): (700, 0),
            },
        )

    def test_loss_to_the_startup_account_cleared_by_the_next_surplus(self):
        self._book(-5_000, D(2024, 6, 30))
        loss = self._post(self._year(2024, loss_policy="startup"))
        codes = self._codes()
        self.assertEqual(codes["startup"], "3310")
        self.assertEqual(
            self._move_table(loss.move_id),
            {(self.earnings.code, ""): (0, 5_000), (codes["startup"], ""): (5_000, 0)},
        )
        self.assertEqual((loss.startup_charge_amount, loss.pool_amount), (5_000, 0))
        self.assertFalse(loss.tranche_ids)
        # 2025: 120,000 pays down the 5,000 first; 30% of 115,000 = 34,500 to
        # the reserve, 80,500 to the members by hours.
        self._book(120_000, D(2025, 6, 30))
        allocation = self._post(self._allocation())
        self.assertEqual(
            (
                allocation.startup_balance,
                allocation.startup_paydown_amount,
                allocation.reserve_amount,
                allocation.pool_amount,
            ),
            (5_000, 5_000, 34_500, 80_500),
        )
        amounts = {line.partner_id.name: line.amount for line in allocation.line_ids}
        self.assertEqual(
            amounts,
            {
                "Member A": 26_833.33,
                "Member B": 24_150.0,
                "Member C": 20_125.0,
                "Member D": 9_391.67,
            },
        )
        table = self._move_table(allocation.move_id)
        self.assertEqual(table[(self.earnings.code, "")], (120_000, 0))
        self.assertEqual(table[(codes["startup"], "")], (0, 5_000))
        self.assertEqual(table[(codes["reserve"], "")], (0, 34_500))
        self.assertEqual(table[(codes["cash"], "Member A")], (0, 5_366.67))
        self.assertEqual(table[(codes["q"], "Member A")], (0, 21_466.66))
        self.assertAlmostEqual(self._balance(self.company.coop_account_startup_loss_id), 0, 2)
        for day in (D(2024, 12, 31), FY_END):
            self.assertFalse(self._check(day).mapped("message"), day)

    def test_deficit_netted_against_the_next_allocation(self):
        # capital.md's loss: 30,000 split, 30% to the reserve, 21,000 by hours.
        self._book(-30_000, D(2025, 6, 30))
        loss = self._post(self._allocation(loss_policy="split"))
        self._book(120_000, D(2026, 6, 30))
        later = self._post(self._year(2026))
        deficits = {"Member A": 7_000, "Member B": 6_300, "Member C": 5_250, "Member D": 2_450}
        codes = self._codes()
        table = {}
        for move_line in later.move_id.line_ids:
            key = (move_line.account_id.code, move_line.partner_id.name or "", move_line.name)
            table[key] = (move_line.debit, move_line.credit)
        for line in later.line_ids:
            who = line.partner_id.name
            # The cash part is paid in full (20%, rounded up); the retained part
            # pays the deficit first and the rest is the new tranche.
            self.assertEqual(line.deficit_offset, deficits[who], who)
            self.assertEqual(line.tranche_amount, line.retained - deficits[who], who)
            self.assertGreaterEqual(line.cash * 5, line.amount)
            self.assertEqual(
                table[(codes["cash"], who, f"Patronage 2026, cash part - {who}")], (0, line.cash)
            )
            # One line pays the deficit down, one makes the new tranche.
            self.assertEqual(
                table[(codes["q"], who, f"Patronage 2026, deficit paid down - {who}")],
                (0, deficits[who]),
            )
            self.assertEqual(
                table[(codes["q"], who, f"Patronage 2026, retained - {who}")],
                (0, line.tranche_amount),
            )
        self.assertEqual(later.deficit_total, 21_000)
        self.assertEqual(set(loss.tranche_ids.mapped("amount_remaining")), {0})
        self.assertEqual(
            sorted(loss.tranche_ids.mapped("amount_netted")), sorted(deficits.values())
        )
        self.assertEqual(
            {t.partner_id.name: t.amount for t in later.tranche_ids},
            {line.partner_id.name: line.tranche_amount for line in later.line_ids},
        )
        for day in (FY_END, D(2026, 12, 31)):
            self.assertFalse(self._check(day).mapped("message"), day)
        # The year that paid deficits down is not reversed automatically.
        with self.assertRaisesRegex(UserError, "deficits"):
            later.action_correct()
        with self.assertRaisesRegex(UserError, "netted"):
            loss.action_correct()

    # ------------------------------------------------------------------
    # The invariant says where it breaks
    # ------------------------------------------------------------------
    def test_invariant_reports_a_manual_entry(self):
        self._book(120_000, D(2025, 6, 30))
        self._post(self._allocation())
        self.assertFalse(self._check(FY_END))
        account = self.company.coop_account_retained_qualified_id
        manual = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": self.misc.id,
                "date": D(2026, 2, 1),
                "line_ids": [
                    fields.Command.create(
                        {
                            "name": "Hand entry",
                            "account_id": account.id,
                            "partner_id": self.members["A"].partner_id.id,
                            "credit": 100.0,
                        }
                    ),
                    fields.Command.create(
                        {
                            "name": "Hand entry",
                            "account_id": self.bank.default_account_id.id,
                            "debit": 100.0,
                        }
                    ),
                ],
            }
        )
        manual.with_user(self.accountant).action_post()
        self.assertFalse(self._check(D(2026, 1, 31)))
        rows = self._check(D(2026, 2, 1))
        by_kind = {(row.kind, row.partner_id.name or ""): row for row in rows}
        self.assertEqual(set(by_kind), {("retained", "Member A"), ("retained", ""), ("equity", "")})
        row = by_kind[("retained", "Member A")]
        self.assertEqual(
            (row.account_id, row.register, row.ledger, row.difference),
            (account, 22_400, 22_500, 100),
        )
        self.assertIn("Member A", row.message)
        self.assertIn(account.display_name, row.message)
        self.assertEqual(by_kind[("equity", "")].difference, 100)

    # ------------------------------------------------------------------
    # Corrections after close
    # ------------------------------------------------------------------
    def test_correction_after_the_lock_date(self):
        self._book(120_000, D(2025, 6, 30))
        original = self._post(self._allocation())
        self.company.write({"fiscalyear_lock_date": FY_END})
        action = original.with_user(self.manager).action_correct()
        correction = self.Allocation.browse(action["res_id"])
        self.assertEqual(
            (correction.state, correction.corrected_allocation_id, correction.is_correction),
            ("draft", original, True),
        )
        self.assertEqual(correction.date_entry, D(2026, 1, 1))
        self.assertEqual(set(correction.line_ids.mapped("is_correction")), {True})
        self.assertFalse(original.is_correction)
        with self.assertRaisesRegex(UserError, "in progress"):
            original.with_user(self.manager).action_correct()
        # Non-patronage income of 12,000 was found in the year.
        correction.with_user(self.manager).write(
            {"adjustment_ids": [fields.Command.create({"amount": -12_000, "reason": "Grant"})]}
        )
        with (
            self.assertRaisesRegex(ValidationError, "before the year end"),
            self.env.cr.savepoint(),
        ):
            correction.with_user(self.manager).write({"date_entry": D(2025, 6, 30)})
        # An entry date in the closed year is refused, with nothing written.
        correction.with_user(self.manager).write({"date_entry": FY_END})
        correction.with_user(self.accountant).action_compute()
        before = self._count()
        with self.assertRaisesRegex(UserError, "closed"):
            correction.with_user(self.accountant).action_post()
        self.assertEqual(self._count(), before)
        self.assertEqual((original.state, correction.state), ("posted", "computed"))
        correction.with_user(self.accountant).action_reset_to_draft()
        correction.with_user(self.manager).write({"date_entry": D(2026, 1, 1)})
        self._post(correction)
        self.assertEqual((original.state, correction.state), ("corrected", "posted"))
        reversal = original.reversal_move_id
        self.assertEqual((reversal.date, reversal.state), (D(2026, 1, 1), "posted"))
        self.assertEqual(reversal.reversed_entry_id, original.move_id)
        codes = self._codes()
        expected = {
            "A": (25_200, 5_040, 20_160),
            "B": (22_680, 4_536, 18_144),
            "C": (18_900, 3_780, 15_120),
            "D": (8_820, 1_764, 7_056),
        }
        new_table = {
            (self.earnings.code, ""): (108_000, 0),
            (codes["reserve"], ""): (0, 32_400),
        }
        old_reversed = {
            (self.earnings.code, ""): (0, 120_000),
            (codes["reserve"], ""): (36_000, 0),
        }
        for name, (_amount, cash, retained) in expected.items():
            new_table[(codes["cash"], f"Member {name}")] = (0, cash)
            new_table[(codes["q"], f"Member {name}")] = (0, retained)
        for name, (cash, retained) in {
            "A": (5_600, 22_400),
            "B": (5_040, 20_160),
            "C": (4_200, 16_800),
            "D": (1_960, 7_840),
        }.items():
            old_reversed[(codes["cash"], f"Member {name}")] = (cash, 0)
            old_reversed[(codes["q"], f"Member {name}")] = (retained, 0)
        self.assertEqual(self._move_table(correction.move_id), new_table)
        self.assertEqual(correction.move_id.date, D(2026, 1, 1))
        self.assertEqual(self._move_table(reversal), old_reversed)
        self.assertEqual(
            {(t.state, t.date_reversed, t.amount_remaining) for t in original.tranche_ids},
            {("reversed", D(2026, 1, 1), 0)},
        )
        self.assertEqual(
            {t.partner_id.name: (t.year, t.amount) for t in correction.tranche_ids},
            {f"Member {name}": (2025, fig[2]) for name, fig in expected.items()},
        )
        # The original entry is as it was posted.
        self.assertEqual(original.move_id.state, "posted")
        for day in (FY_END, D(2026, 1, 1), D(2026, 6, 30)):
            self.assertFalse(self._check(day).mapped("message"), day)
        self.assert_capital_matches_ledger(D(2026, 1, 1))
        # A corrected allocation is not corrected again.
        with self.assertRaisesRegex(UserError, "Only a posted"):
            original.with_user(self.manager).action_correct()

    def test_correction_refused_to_the_lowest_roles(self):
        self._book(120_000, D(2025, 6, 30))
        original = self._post(self._allocation())
        before = self._count()
        # The lowest roles cannot start a correction.
        for user in (self.coop_user, self.user_a, self.user_b, self.accountant):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                original.with_user(user).action_correct()
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.Allocation.with_user(self.manager).create(
                {
                    "date_from": FY_START,
                    "date_to": FY_END,
                    "corrected_allocation_id": original.id,
                }
            )
        self.assertEqual(self._count(), before)
        self.assertEqual(original.state, "posted")

    def test_correction_refused_once_redeemed(self):
        self._book(120_000, D(2025, 6, 30))
        original = self._post(self._allocation())
        tranche = original.tranche_ids[:1]
        tranche.sudo()._coop_owner_write({"amount_redeemed": 1_000.0})
        before = self._count()
        with self.assertRaisesRegex(UserError, "already redeemed"):
            original.with_user(self.manager).action_correct()
        self.assertEqual(self._count(), before)
        with self.assertRaisesRegex(UserError, "Only a posted"):
            self._allocation(date_from=D(2026, 1, 1), date_to=D(2026, 12, 31)).action_correct()

    # ------------------------------------------------------------------
    # Bad inputs, guarded fields, companies
    # ------------------------------------------------------------------
    def test_bad_loss_inputs_write_nothing(self):
        before = self._count()
        for vals, message in (
            ({"loss_reserve_rate": 120.0}, "between 0 and 100"),
            ({"loss_reserve_rate": -1.0}, "between 0 and 100"),
            ({"date_entry": D(2026, 6, 30)}, "only a correction"),
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
                self.env.cr.savepoint(),
            ):
                self._allocation(**vals)
            self.assertEqual(self._count(), before)
        allocation = self._allocation(loss_policy="split")
        for vals in (
            {"startup_paydown_amount": 5.0},
            {"reserve_balance": 5.0},
            {"reversal_move_id": self.misc.id},
            {"is_correction": True},
        ):
            with self.assertRaises(UserError), self.env.cr.savepoint():
                allocation.with_user(self.manager).write(vals)
        self.assertEqual(allocation.startup_paydown_amount, 0)
        # The lowest roles cannot change the bylaws' loss parameters.
        for user in (self.coop_user, self.user_a, self.user_b):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                allocation.with_user(user).write({"loss_reserve_rate": 0.0})
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                allocation.with_user(user).action_compute()
        self.assertEqual((allocation.loss_reserve_rate, allocation.state), (30.0, "draft"))

    def test_other_company_checks_its_own_books(self):
        self._book(-30_000, D(2025, 6, 30))
        self._post(self._allocation(loss_policy="split"))
        other = self.env["res.company"].create(
            {"name": "Other loss co-op", "currency_id": self.env.ref("base.USD").id}
        )
        self.env["account.chart.template"].with_context(allowed_company_ids=[other.id]).try_loading(
            "generic_coa", other, install_demo=False
        )
        other._coop_capital_setup()
        rows = other._coop_equity_balances(FY_END)
        self.assertEqual({sum(reg.values()) for _a, reg, _l in rows}, {0})
        self.assertEqual({sum(led.values()) for _a, _r, led in rows}, {0})
        self.assertEqual({account.company_ids for account, _r, _l in rows}, {other})
