"""Year-end patronage, posted: the worked examples of
shared/domain/capital.md on a co-op of the test's own (its own chart of
accounts, people and logins), checked line by line to the cent; who is
included; consent; and that a posted year never changes."""

import datetime

from lxml import html as lxml_html

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.coop_membership.tests.common import REFUSED, assert_guarded

from .common import CapitalCase

D = datetime.date
FY_START, FY_END = D(2025, 1, 1), D(2025, 12, 31)


class PatronageCase(CapitalCase):
    """The worked example's co-op, people and logins, and helpers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.company
        cls.Allocation = cls.env["coop.patronage.allocation"]
        cls.Consent = cls.env["coop.patronage.consent"]
        # capital.md, worked example: hours as members A 2,000, B 1,800,
        # C 1,500, D 700 (D joined on 1 July).
        cls.members = {}
        for name, hours, since in (
            ("A", 2000, D(2023, 3, 1)),
            ("B", 1800, D(2024, 1, 15)),
            ("C", 1500, D(2024, 6, 1)),
            ("D", 700, D(2025, 7, 1)),
        ):
            cls.members[name] = cls._member(
                f"Member {name}",
                date_state=since,
                # The same hours in each year the tests close (2024 to 2026).
                worked=dict.fromkeys((2024, 2025, 2026), hours),
            )
            cls.Consent.create(
                {
                    "membership_id": cls.members[name].id,
                    "method": "agreement",
                    "date": since,
                }
            )
        cls.income = cls.env["account.account"].search(
            [("account_type", "=", "income"), ("company_ids", "in", company.id)], limit=1
        )
        cls.expense = cls.env["account.account"].search(
            [("account_type", "=", "expense"), ("company_ids", "in", company.id)], limit=1
        )
        cls.misc = cls.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", company.id)], limit=1
        )
        cls.earnings = cls.env["account.account"].search(
            [("account_type", "=", "equity_unaffected"), ("company_ids", "in", company.id)]
        )
        cls.manager = cls._user(
            "manager",
            cls.env.ref("coop_membership.group_coop_manager")
            | cls.env.ref("account.group_account_invoice"),
        )
        cls.accountant = cls._user("accountant", cls.env.ref("account.group_account_manager"))
        cls.coop_user = cls._user("coop_user", cls.env.ref("coop_membership.group_coop_user"))
        internal = cls.env.ref("base.group_user")
        cls.user_a = cls._member_user(cls.members["A"], internal)
        cls.user_b = cls._member_user(cls.members["B"], cls.env.ref("base.group_portal"))

    @classmethod
    def _member_user(cls, membership, group):
        """A login of the member's own person (an employee or a portal user)."""
        partner = membership.partner_id
        return cls.env["res.users"].create(
            {
                "name": partner.name,
                "login": f"patronage_{partner.name}",
                "partner_id": partner.id,
                "company_id": cls.company.id,
                "company_ids": [(6, 0, cls.company.ids)],
                "groups_id": [(6, 0, group.ids)],
            }
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _book(self, amount, date, account=None, company=None):
        """A posted sale (amount > 0) or expense (amount < 0) on ``date``
        (in ``company``'s books, with its ``account``, when given)."""
        account = account or (self.income if amount > 0 else self.expense)
        misc, bank = self.misc, self.bank
        if company:
            misc = self.env["account.journal"].search(
                [("type", "=", "general"), ("company_id", "=", company.id)], limit=1
            )
            bank = company._coop_bank_journal()
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": misc.id,
                "date": date,
                "line_ids": [
                    fields.Command.create(
                        {
                            "name": "Year's business",
                            "account_id": account.id,
                            "debit": max(-amount, 0),
                            "credit": max(amount, 0),
                        }
                    ),
                    fields.Command.create(
                        {
                            "name": "Year's business",
                            "account_id": bank.default_account_id.id,
                            "debit": max(amount, 0),
                            "credit": max(-amount, 0),
                        }
                    ),
                ],
            }
        )
        move.action_post()
        return move

    def _allocation(self, **vals):
        return self.Allocation.with_user(self.manager).create(
            dict(
                {
                    "company_id": self.company.id,
                    "date_from": FY_START,
                    "date_to": FY_END,
                    "reserve_rate": 30.0,
                },
                **vals,
            )
        )

    def _move_table(self, move):
        """The entry as {(account code, partner name or ''): (debit, credit)}."""
        table = {}
        for line in move.line_ids:
            key = (line.account_id.code, line.partner_id.name or "")
            self.assertNotIn(key, table, "one line per account and member")
            table[key] = (line.debit, line.credit)
        return table

    def _count(self):
        return (
            self.Allocation.search_count([]),
            self.env["coop.patronage.line"].search_count([]),
            self.env["coop.patronage.adjustment"].search_count([]),
            self.env["coop.patronage.tranche"].search_count([]),
            self.env["account.move"].search_count([("coop_capital", "=", True)]),
        )


@tagged("post_install", "-at_install")
class TestPatronage(PatronageCase):
    # ------------------------------------------------------------------
    # The worked examples, posted
    # ------------------------------------------------------------------
    def test_worked_example_posted_to_the_cent(self):
        self._book(150_000, D(2025, 3, 31))
        self._book(-30_000, D(2025, 9, 30))
        self._book(99_999, D(2024, 12, 31))  # last year: not this year's margin
        self._book(55_555, D(2026, 1, 1))  # next year
        allocation = self._allocation()
        allocation.with_user(self.accountant).action_compute()
        self.assertEqual(allocation.state, "computed")
        self.assertEqual(allocation.ledger_margin, 120_000)
        self.assertEqual(allocation.net_margin, 120_000)
        self.assertEqual((allocation.member_hours, allocation.all_hours), (6000, 6000))
        self.assertEqual((allocation.reserve_amount, allocation.pool_amount), (36_000, 84_000))
        lines = {line.membership_id: line for line in allocation.line_ids}
        self.assertEqual(set(lines), set(self.members.values()))
        expected = {
            "A": (2000, 28_000, 5_600, 22_400),
            "B": (1800, 25_200, 5_040, 20_160),
            "C": (1500, 21_000, 4_200, 16_800),
            "D": (700, 9_800, 1_960, 7_840),
        }
        for name, figures in expected.items():
            line = lines[self.members[name]]
            self.assertEqual((line.hours, line.amount, line.cash, line.retained), figures, name)
            self.assertTrue(line.qualified, name)
        self.assertEqual(lines[self.members["D"]].period_from, D(2025, 7, 1))
        self.assertEqual((allocation.cash_total, allocation.retained_total), (16_800, 67_200))
        self.assertEqual(allocation.payment_deadline, D(2026, 9, 15))
        # The accountant reads the computed year, line by line, before posting.
        as_accountant = allocation.with_user(self.accountant)
        self.assertEqual(as_accountant.read(["state"])[0]["state"], "computed")
        self.assertEqual(len(as_accountant.line_ids.read(["amount"])), 4)

        allocation.with_user(self.accountant).action_post()
        self.assertEqual(allocation.state, "posted")
        move = allocation.move_id
        self.assertEqual(
            (move.state, move.date, move.journal_id, move.coop_capital),
            ("posted", FY_END, self.company.coop_capital_journal_id, True),
        )
        company = self.company
        qualified = company.coop_account_retained_qualified_id.code
        payable = company.coop_account_patronage_payable_id.code
        table = {
            (self.earnings.code, ""): (120_000, 0),
            (company.coop_account_reserve_id.code, ""): (0, 36_000),
        }
        for name, (_hours, _amount, cash, retained) in expected.items():
            table[(payable, f"Member {name}")] = (0, cash)
            table[(qualified, f"Member {name}")] = (0, retained)
        self.assertEqual(self._move_table(move), table)
        self.assertEqual(
            {
                (t.partner_id.name, t.year, t.qualified, t.amount, t.amount_redeemed)
                for t in allocation.tranche_ids
            },
            {
                (f"Member {name}", 2025, True, retained, 0)
                for name, (*_rest, retained) in expected.items()
            },
        )
        self.assertEqual(set(allocation.tranche_ids.mapped("date_revolve")), {D(2030, 12, 31)})
        # The margin read again leaves the allocation's own entry out.
        self.assertEqual(allocation._coop_ledger_margin(), 12_000_000)

    def test_worked_loss_split_by_hours(self):
        self._book(-30_000, D(2025, 6, 30))
        allocation = self._allocation(loss_policy="split")
        allocation.action_compute()
        self.assertEqual((allocation.reserve_amount, allocation.pool_amount), (-9_000, -21_000))
        allocation.action_post()
        company = self.company
        qualified = company.coop_account_retained_qualified_id.code
        table = {
            (self.earnings.code, ""): (0, 30_000),
            (company.coop_account_reserve_id.code, ""): (9_000, 0),
            (qualified, "Member A"): (7_000, 0),
            (qualified, "Member B"): (6_300, 0),
            (qualified, "Member C"): (5_250, 0),
            (qualified, "Member D"): (2_450, 0),
        }
        self.assertEqual(self._move_table(allocation.move_id), table)
        self.assertEqual(sum(allocation.tranche_ids.mapped("amount")), -21_000)

    def test_nothing_to_post_in_a_year_without_margin(self):
        allocation = self._allocation()
        allocation.action_compute()
        self.assertEqual(set(allocation.line_ids.mapped("amount")), {0})
        with self.assertRaisesRegex(UserError, "nothing to post"):
            allocation.action_post()
        self.assertEqual((allocation.state, allocation.move_id.id), ("computed", False))

    def test_loss_all_to_the_reserve(self):
        self._book(-5_000, D(2025, 6, 30))
        allocation = self._allocation()
        allocation.action_compute()
        allocation.action_post()
        self.assertEqual(
            self._move_table(allocation.move_id),
            {
                (self.earnings.code, ""): (0, 5_000),
                (self.company.coop_account_reserve_id.code, ""): (5_000, 0),
            },
        )
        self.assertFalse(allocation.tranche_ids)

    # ------------------------------------------------------------------
    # Who is in the year
    # ------------------------------------------------------------------
    def test_leaver_included_non_members_split_off(self):
        leaver = self._member("Member E", date_state=D(2022, 1, 1), worked={2025: 1000})
        leaver._coop_transition("former", date=D(2025, 6, 30), reason="resigned")
        gone = self._member("Member F", date_state=D(2022, 1, 1), worked={2024: 900})
        gone._coop_transition("former", date=D(2024, 12, 31), reason="resigned")
        associate = self._membership(
            "Associate G",
            worked={2025: 1000},
            date_state=D(2025, 2, 1),
            date_work_start=D(2025, 2, 1),
        )
        self._book(140_000, D(2025, 6, 30))
        allocation = self._allocation()
        allocation.action_compute()
        members = allocation.line_ids.membership_id
        self.assertIn(leaver, members)
        self.assertNotIn(gone, members)
        self.assertNotIn(associate, members)
        line = allocation.line_ids.filtered(lambda line: line.membership_id == leaver)
        self.assertEqual(
            (line.period_from, line.period_to, line.hours), (FY_START, D(2025, 6, 30), 1000)
        )
        # 7,000 member hours of 8,000: the associate's eighth goes to the reserve.
        self.assertEqual((allocation.member_hours, allocation.all_hours), (7000, 8000))
        self.assertEqual(
            (allocation.member_margin, allocation.non_member_margin), (122_500, 17_500)
        )
        self.assertEqual(
            (allocation.reserve_amount, allocation.pool_amount), (17_500 + 36_750, 85_750)
        )
        self.assertEqual(line.amount, 12_250)  # 85,750 x 1,000 / 7,000
        self.assertEqual(sum(allocation.line_ids.mapped("amount")), 85_750)
        # The leaver's retained part is owed through 2310, paid on the
        # bylaws' schedule; the members' parts stay retained as tranches.
        allocation.action_post()
        company = self.company
        table = self._move_table(allocation.move_id)
        payable = company.coop_account_patronage_payable_id.code
        self.assertEqual(table[(payable, "Member E")], (0, 2_450))
        self.assertEqual(
            table[(company.coop_account_redemption_payable_id.code, "Member E")], (0, 9_800)
        )
        self.assertNotIn((company.coop_account_retained_qualified_id.code, "Member E"), table)
        self.assertNotIn(leaver, allocation.tranche_ids.membership_id)
        self.assertEqual(len(allocation.tranche_ids), 4)
        redemption = leaver.redemption_ids
        self.assertEqual(
            (redemption.amount, redemption.due_date, redemption.exit_move_id),
            (9_800, FY_END, allocation.move_id),
        )
        for account, register, ledger in company._coop_member_balances(FY_END):
            self.assertEqual(dict(register), {p: c for p, c in ledger.items() if c}, account.code)

    # ------------------------------------------------------------------
    # Consent
    # ------------------------------------------------------------------
    def test_qualified_needs_consent(self):
        no_consent = self._member("Member N", date_state=D(2024, 1, 1), worked={2025: 500})
        consent_a = self.members["A"].patronage_consent_ids
        self.assertTrue(self.members["A"]._coop_has_patronage_consent(FY_END))
        self.assertFalse(self.members["A"]._coop_has_patronage_consent(D(2023, 2, 1)))
        self._book(100_000, D(2025, 6, 30))
        allocation = self._allocation()
        allocation.action_load_members()
        line_n = allocation.line_ids.filtered(lambda line: line.membership_id == no_consent)
        self.assertFalse(line_n.qualified)
        with (
            self.assertRaisesRegex(ValidationError, "Member N has no patronage consent"),
            self.env.cr.savepoint(),
        ):
            line_n.with_user(self.manager).write({"qualified": True})
        self.assertFalse(line_n.qualified)
        # A consent revoked before the year end no longer qualifies A's notice.
        consent_a.with_user(self.manager).action_revoke(date="2025-12-01", note="Asked to")
        self.assertEqual(consent_a.date_revoked, D(2025, 12, 1))
        self.assertFalse(self.members["A"]._coop_has_patronage_consent(FY_END))
        with self.assertRaisesRegex(UserError, "Member A has no patronage consent"):
            allocation.action_compute()
        self.assertEqual(allocation.state, "draft")
        line_a = allocation.line_ids.filtered(lambda line: line.membership_id == self.members["A"])
        line_a.write({"qualified": False})
        allocation.action_compute()
        allocation.action_post()
        nonqualified = self.company.coop_account_retained_nonqualified_id
        posted_a = allocation.move_id.line_ids.filtered(
            lambda line: (
                line.partner_id == self.members["A"].partner_id and line.account_id == nonqualified
            )
        )
        self.assertEqual(posted_a.credit, line_a.retained)
        self.assertFalse(
            allocation.tranche_ids.filtered(lambda t: t.membership_id == no_consent).qualified
        )

    def test_consent_is_immutable_but_revocable(self):
        consent = self.members["B"].patronage_consent_ids
        for vals in ({"date": D(2020, 1, 1)}, {"method": "check"}, {"note": "changed"}):
            with self.assertRaisesRegex(REFUSED, "changes only through"), self.env.cr.savepoint():
                consent.with_user(self.manager).write(vals)
        with self.assertRaises(REFUSED), self.env.cr.savepoint():
            consent.with_user(self.manager).unlink()
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.Consent.with_user(self.coop_user).create(
                {"membership_id": self.members["B"].id, "method": "agreement", "date": FY_END}
            )
        with (
            self.assertRaisesRegex(ValidationError, "version of the bylaws"),
            self.env.cr.savepoint(),
        ):
            self.Consent.with_user(self.manager).create(
                {"membership_id": self.members["B"].id, "method": "bylaw", "date": FY_END}
            )
        with self.assertRaisesRegex(UserError, "not a date"):
            consent.with_user(self.manager).action_revoke(date="31/12/2025")
        with self.assertRaisesRegex(ValidationError, "before it was given"):
            consent.with_user(self.manager).action_revoke(date="2020-01-01")
        self.assertFalse(consent.date_revoked)
        consent.with_user(self.manager).action_revoke(date="2025-12-01")
        with self.assertRaisesRegex(UserError, "already revoked"):
            consent.with_user(self.manager).action_revoke()

    # ------------------------------------------------------------------
    # A posted year never changes; lines only through the allocation
    # ------------------------------------------------------------------
    def test_posted_allocation_refuses_write_and_unlink(self):
        self._book(120_000, D(2025, 6, 30))
        allocation = self._allocation()
        allocation.action_compute()
        allocation.action_post()
        before = self._count()
        as_manager = allocation.with_user(self.manager)
        for vals in ({"reserve_rate": 10.0}, {"note": "edited"}, {"date_to": D(2025, 11, 30)}):
            for target in (as_manager, allocation.sudo()):
                with self.assertRaisesRegex(UserError, "is Posted"), self.env.cr.savepoint():
                    target.write(vals)
        for target in (as_manager, allocation.sudo()):
            with self.assertRaisesRegex(UserError, "is Posted"), self.env.cr.savepoint():
                target.unlink()
            with self.assertRaisesRegex(UserError, "never cancelled"), self.env.cr.savepoint():
                target.action_cancel()
            with self.assertRaises(UserError), self.env.cr.savepoint():
                target.action_compute()
        line = allocation.line_ids[:1]
        tranche = allocation.tranche_ids[:1]
        for target, vals in (
            (line, {"gross_wages": 10.0}),
            (line, {"qualified": False}),
            (allocation.adjustment_ids.browse(), None),
        ):
            if vals is None:
                with self.assertRaisesRegex(UserError, "is Posted"), self.env.cr.savepoint():
                    self.env["coop.patronage.adjustment"].with_user(self.manager).create(
                        {"allocation_id": allocation.id, "amount": 5.0, "reason": "late"}
                    )
                continue
            with self.assertRaisesRegex(UserError, "is Posted"), self.env.cr.savepoint():
                target.with_user(self.manager).write(vals)
        with self.assertRaises(REFUSED), self.env.cr.savepoint():
            tranche.sudo().unlink()
        with self.assertRaises(REFUSED), self.env.cr.savepoint():
            line.sudo().unlink()
        with self.assertRaisesRegex(UserError, "never edited"), self.env.cr.savepoint():
            allocation.move_id.button_draft()
        self.assertEqual(self._count(), before)
        self.assertEqual((allocation.state, allocation.reserve_rate), ("posted", 30.0))

    def test_lines_refuse_direct_writes(self):
        self._book(120_000, D(2025, 6, 30))
        allocation = self._allocation()
        allocation.action_compute()
        line = allocation.line_ids.filtered(lambda line: line.membership_id == self.members["A"])
        # Amounts and hours are the allocation's, in draft as in computed.
        for vals in ({"amount": 99_999.0}, {"cash": 1.0}, {"hours": 5000.0}):
            with self.assertRaisesRegex(REFUSED, "changes only through"), self.env.cr.savepoint():
                line.with_user(self.manager).write(vals)
        # Inputs wait for a draft: the computed amounts stand until then.
        with self.assertRaisesRegex(UserError, "is Computed"), self.env.cr.savepoint():
            line.with_user(self.manager).write({"gross_wages": 50_000.0})
        with self.assertRaises(REFUSED), self.env.cr.savepoint():
            self.env["coop.patronage.line"].with_user(self.manager).create(
                {"allocation_id": allocation.id, "membership_id": self.members["A"].id}
            )
        with self.assertRaises(REFUSED), self.env.cr.savepoint():
            line.with_user(self.manager).unlink()
        self.assertEqual(line.amount, 28_000)
        allocation.with_user(self.manager).action_reset_to_draft()
        self.assertEqual((allocation.state, line.amount), ("draft", 0))
        line.with_user(self.accountant).write(
            {"hours_adjustment": 100, "adjustment_reason": "Leave"}
        )
        allocation.action_compute()
        self.assertEqual(line.hours_counted, 2100)
        self.assertEqual(sum(allocation.line_ids.mapped("amount")), 84_000)

    def test_lines_show_the_hours_of_each_source(self):
        """A line keeps its hours per source of hours, as loaded: the
        accountant sees where a member's hours come from; nobody writes
        them by hand."""
        self._book(120_000, D(2025, 6, 30))
        allocation = self._allocation()
        allocation.action_load_members()
        line = allocation.line_ids.filtered(lambda line: line.membership_id == self.members["A"])
        # Other addons' sources (licensure weeks, timesheets), when
        # installed, have no hours here.
        entered = line.source_ids.filtered(lambda s: s.code == "entered")
        self.assertEqual((entered.label, entered.hours), ("Hours entered", 2000.0))
        self.assertEqual(entered.display_name, "Hours entered: 2,000 h \u2013 Member A")
        self.assertEqual(sum(line.source_ids.mapped("hours")), 2000.0)
        self.assertIn("Hours entered 2,000", line.hours_sources_text)
        # Hours entered later in the year (or out of it) reload with the members.
        self._enter_hours(self.members["A"], 120.5, D(2025, 11, 30))
        self._enter_hours(self.members["A"], 80, D(2026, 1, 2))
        allocation.action_load_members()
        self.assertEqual(line.hours, 2120.5)
        entered = line.source_ids.filtered(lambda s: s.code == "entered")
        self.assertEqual(entered.hours, 2120.5)
        self.assertEqual(sum(line.source_ids.mapped("hours")), 2120.5)
        Source = self.env["coop.patronage.line.source"]
        rows = Source.search(
            [("line_id.allocation_id", "=", allocation.id), ("code", "=", "entered")]
        )
        self.assertEqual(len(rows), 4)
        source = entered
        for user in (self.manager, self.accountant, self.user_a):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                source.with_user(user).write({"hours": 9999})
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                Source.with_user(user).create(
                    {"line_id": line.id, "code": "entered", "label": "Forged", "hours": 1}
                )
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                source.with_user(user).unlink()
        self.assertEqual(source.hours, 2120.5)
        # A member reads their own once posted, never another's.
        allocation.action_compute()
        allocation.action_post()
        self.assertEqual(Source.with_user(self.user_a).search([]), line.source_ids)
        self.assertEqual(sum(line.with_user(self.user_a).source_ids.mapped("hours")), 2120.5)

    def test_guarded_fields_of_patronage(self):
        self._book(120_000, D(2025, 6, 30))
        allocation = self._allocation()
        allocation.action_compute()
        allocation.action_post()
        # Another year, so that a line or tranche could be moved to it.
        self._allocation(date_from=D(2024, 1, 1), date_to=D(2024, 12, 31))
        # An interest run, so that a tranche could be moved to it.
        self.env["coop.patronage.interest"].sudo()._coop_owner_create(
            {"company_id": self.company.id, "date_to": D(2020, 12, 31), "year": 2020}
        )
        roles = {"manager": self.manager, "accountant": self.accountant, "member": self.user_a}
        records = (
            allocation,
            self.members["A"].patronage_consent_ids,
            allocation.line_ids[:1],
            allocation.tranche_ids[:1],
        )
        # Every protected field of the four models, as each role and as superuser
        # (the line's wages_source among them).
        self.assertEqual(assert_guarded(self, records, roles), 368)

    # ------------------------------------------------------------------
    # Bad inputs: a sentence, and nothing written
    # ------------------------------------------------------------------
    def test_bad_inputs_are_refused_with_nothing_written(self):
        self._book(120_000, D(2025, 6, 30))
        before = self._count()
        for vals, message in (
            ({"date_to": D(2024, 12, 31)}, "cannot end before it starts"),
            ({"date_to": D(2026, 12, 31)}, "at most a year"),
            ({"reserve_rate": 120.0}, "between 0 and 100"),
            ({"cash_rate": 10.0}, "At least 20%"),
            ({"cash_rate": 101.0}, "between 0 and 100"),
            ({"hours_weight": -1.0}, "between 0 and 100"),
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
                self.env.cr.savepoint(),
            ):
                self._allocation(**vals)
            self.assertEqual(self._count(), before)
        allocation = self._allocation()
        with self.assertRaisesRegex(ValidationError, "overlapping"), self.env.cr.savepoint():
            self._allocation(date_from=D(2025, 6, 1), date_to=D(2026, 5, 31))
        with self.assertRaisesRegex(ValidationError, "Say why"), self.env.cr.savepoint():
            allocation.write(
                {"adjustment_ids": [fields.Command.create({"amount": 10.0, "reason": " "})]}
            )
        with self.assertRaisesRegex(ValidationError, "to the cent"), self.env.cr.savepoint():
            allocation.write(
                {"adjustment_ids": [fields.Command.create({"amount": 10.001, "reason": "x"})]}
            )
        allocation.action_load_members()
        line = allocation.line_ids[:1]
        with self.assertRaisesRegex(ValidationError, "say why the hours"), self.env.cr.savepoint():
            line.write({"hours_adjustment": 10})
        with self.assertRaisesRegex(ValidationError, "fewer than zero"), self.env.cr.savepoint():
            line.write({"hours_adjustment": -5000, "adjustment_reason": "typo"})
        with self.assertRaisesRegex(ValidationError, "cannot be negative"), self.env.cr.savepoint():
            line.write({"gross_wages": -1.0})
        # Wages are the measure, and nobody entered them.
        allocation.write({"measure_basis": "wages"})
        with self.assertRaisesRegex(UserError, "gross wages first"):
            allocation.action_compute()
        self.assertEqual(allocation.state, "draft")
        self.assertFalse(any(allocation.line_ids.mapped("amount")))
        with self.assertRaisesRegex(UserError, "Compute"):
            allocation.action_post()
        self.assertFalse(allocation.move_id)
        # A year nobody was a member of.
        empty = self._allocation(date_from=D(2020, 1, 1), date_to=D(2020, 12, 31))
        with self.assertRaisesRegex(UserError, "nobody to allocate to"):
            empty.action_compute()
        self.assertEqual((empty.state, len(empty.line_ids)), ("draft", 0))

    def test_wages_and_blend_measures(self):
        self._book(100_000, D(2025, 6, 30))
        allocation = self._allocation(reserve_rate=0.0, measure_basis="blend", hours_weight=50.0)
        allocation.action_load_members()
        wages = {"A": 30_000, "B": 30_000, "C": 30_000, "D": 10_000}
        for name, amount in wages.items():
            allocation.line_ids.filtered(
                lambda line, m=self.members[name]: line.membership_id == m
            ).write({"gross_wages": amount})
        allocation.action_compute()
        amounts = {line.membership_id.name[-1]: line.amount for line in allocation.line_ids}
        # A: 0.5 x 2000/6000 + 0.5 x 30/100 = 0.31666..., of 100,000.
        self.assertEqual(amounts["A"], 31_666.67)
        self.assertEqual(sum(amounts.values()), 100_000)

    # ------------------------------------------------------------------
    # Who sees what
    # ------------------------------------------------------------------
    def test_members_read_only_their_own(self):
        self._book(120_000, D(2025, 6, 30))
        allocation = self._allocation()
        allocation.action_compute()
        Line = self.env["coop.patronage.line"]
        # Before posting, a member sees nothing of the year.
        self.assertFalse(Line.with_user(self.user_a).search([]))
        allocation.action_post()
        for user, name in ((self.user_a, "A"), (self.user_b, "B")):
            own = self.members[name]
            lines = Line.with_user(user).search([])
            self.assertEqual(lines.membership_id, own)
            self.assertEqual(lines.amount, {"A": 28_000, "B": 25_200}[name])
            self.assertEqual(self.Allocation.with_user(user).search([]), allocation)
            tranches = self.env["coop.patronage.tranche"].with_user(user).search([])
            self.assertEqual(tranches.membership_id, own)
            consents = self.Consent.with_user(user).search([])
            self.assertEqual(consents.membership_id, own)
            other = allocation.line_ids.filtered(lambda line, o=own: line.membership_id != o)[:1]
            with self.assertRaises(AccessError):
                other.with_user(user).read(["amount"])
            with self.assertRaises(AccessError):
                lines.with_user(user).write({"gross_wages": 1.0})
        self.assertEqual(len(Line.with_user(self.coop_user).search([])), 4)
        # Someone of the co-op who had no part in the year sees none of it.
        outsider = self._user("patronage_outsider", self.env.ref("base.group_user"))
        self.assertFalse(self.Allocation.with_user(outsider).search([]))
        with self.assertRaises(AccessError):
            allocation.with_user(outsider).read(["pool_amount"])
        with self.assertRaises(AccessError):
            self.Allocation.with_user(self.coop_user).create(
                {"date_from": D(2026, 1, 1), "date_to": D(2026, 12, 31)}
            )
        with self.assertRaises(AccessError):
            allocation.with_user(self.coop_user).action_compute()

    def test_other_company_is_apart(self):
        self._book(120_000, D(2025, 6, 30))
        allocation = self._allocation()
        other = self.env["res.company"].create({"name": "Other co-op"})
        outsider = self.env["res.users"].create(
            {
                "name": "Other manager",
                "login": "patronage_other_manager",
                "company_id": other.id,
                "company_ids": [(6, 0, other.ids)],
                "groups_id": [(6, 0, self.env.ref("coop_membership.group_coop_manager").ids)],
            }
        )
        as_outsider = self.Allocation.with_user(outsider).with_context(
            allowed_company_ids=other.ids
        )
        self.assertFalse(as_outsider.search([]))
        with self.assertRaises(AccessError):
            as_outsider.browse(allocation.id).read(["name"])

    def test_two_companies_never_mix(self):
        """Each co-op's year reads its own ledger and members and posts in its
        own books; the other's allocation of the same year is untouched."""
        other = self.env["res.company"].create(
            {"name": "Second Capital Co-op", "currency_id": self.env.ref("base.USD").id}
        )
        self.env["account.chart.template"].with_context(allowed_company_ids=[other.id]).try_loading(
            "generic_coa", other, install_demo=False
        )
        self.env = self.env(context=dict(self.env.context, allowed_company_ids=[other.id]))
        income = self.env["account.account"].search(
            [("account_type", "=", "income"), ("company_ids", "in", other.id)], limit=1
        )
        self._book(120_000, D(2025, 6, 30))
        self._book(10_000, D(2025, 6, 30), account=income, company=other)  # theirs only
        worker = self._membership(
            "Other member", state="member", company=other, date_state=D(2024, 1, 1)
        )
        self._enter_hours(worker, 1_000, FY_START)
        self.env = self.env(
            context=dict(self.env.context, allowed_company_ids=[self.company.id, other.id])
        )
        ours = self._allocation()
        theirs = self.Allocation.create(
            {
                "company_id": other.id,
                "date_from": FY_START,
                "date_to": FY_END,
                "reserve_rate": 50.0,
            }
        )
        both = self.Allocation.browse([ours.id, theirs.id])
        both.action_compute()
        both.action_post()
        self.assertEqual(
            ours.line_ids.membership_id, self.env["coop.membership"].union(*self.members.values())
        )
        self.assertEqual((ours.ledger_margin, ours.pool_amount), (120_000, 84_000))
        self.assertEqual(theirs.line_ids.membership_id, worker)
        self.assertEqual(
            (theirs.ledger_margin, theirs.reserve_amount, theirs.pool_amount),
            (10_000, 5_000, 5_000),
        )
        self.assertEqual(theirs.line_ids.read(["amount", "cash", "retained"])[0]["amount"], 5_000)
        self.assertEqual(
            (theirs.move_id.company_id, theirs.move_id.journal_id),
            (other, other.coop_capital_journal_id),
        )
        self.assertEqual(theirs.move_id.line_ids.account_id.company_ids, other)
        self.assertEqual(ours.move_id.line_ids.account_id.company_ids, self.company)
        self.assertEqual(theirs.tranche_ids.company_id, other)
        self.assertEqual(len(ours.tranche_ids), 4)

    def test_posting_refusals_write_nothing(self):
        """What posting refuses leaves the computed allocation as it was: no
        entry, no tranche, no redemption."""
        self._book(120_000, D(2025, 6, 30))
        allocation = self._allocation()
        allocation.action_compute()
        before = self._count()
        redemptions = self.env["coop.share.redemption"].search_count([])
        # The ledger changed after the computation.
        self._book(1_000, D(2025, 9, 30))
        with self.assertRaisesRegex(UserError, "compute it again"):
            allocation.with_user(self.accountant).action_post()
        self.assertEqual(self._count(), before)
        self.assertEqual((allocation.state, allocation.move_id.id), ("computed", False))
        # The books are closed for the year.
        allocation.action_reset_to_draft()
        allocation.action_compute()
        self.company.sudo().fiscalyear_lock_date = FY_END
        with self.assertRaisesRegex(UserError, "closed up to"):
            allocation.with_user(self.accountant).action_post()
        self.assertEqual(self._count(), before)
        self.assertEqual(self.env["coop.share.redemption"].search_count([]), redemptions)
        self.assertEqual((allocation.state, allocation.move_id.id), ("computed", False))
        # Hours are the measure and no member has any.
        self.company.sudo().fiscalyear_lock_date = False
        allocation.action_reset_to_draft()
        for line in allocation.line_ids:
            line.write({"hours_adjustment": -line.hours, "adjustment_reason": "Not worked"})
        with self.assertRaisesRegex(UserError, "hours worked this year are unknown"):
            allocation.action_compute()
        self.assertEqual(allocation.state, "draft")
        self.assertEqual(set(allocation.line_ids.mapped("amount")), {0})

    def test_cash_paid_through_the_payment_flow_and_tranche_on_the_statement(self):
        """The cash part is paid like any supplier payment from the bank (Dr
        2300 / Cr outstanding payments), reconciled with the member's 2300
        line and left for the bank statement to match; the retained part is a
        tranche on the member's own capital statement."""
        self._book(120_000, D(2025, 6, 30))
        allocation = self._allocation()
        allocation.action_compute()
        allocation.action_post()
        company = self.company
        payable = company.coop_account_patronage_payable_id
        partner = self.members["B"].partner_id
        owed = allocation.move_id.line_ids.filtered(
            lambda line: line.account_id == payable and line.partner_id == partner
        )
        payment = self.env["account.payment"].create(
            {
                "payment_type": "outbound",
                "partner_type": "supplier",
                "partner_id": partner.id,
                "journal_id": self.bank.id,
                "amount": 5_040.0,
                "date": D(2026, 3, 31),
                "destination_account_id": payable.id,
            }
        )
        payment.action_post()
        counterpart = payment.move_id.line_ids.filtered(lambda line: line.account_id == payable)
        self.assertEqual((counterpart.debit, counterpart.partner_id), (5_040, partner))
        (counterpart | owed).reconcile()
        self.assertEqual((payment.is_reconciled, payment.is_matched), (True, False))
        self.assertEqual(self._balance(payable, partner), 0)
        self.assertEqual(self._balance(payable), -(16_800 - 5_040))
        html = self.env["ir.actions.report"]._render_qweb_html(
            "coop_capital.action_report_capital_statement", self.members["B"].ids
        )[0]
        rows = [
            " ".join(row.text_content().split())
            for row in lxml_html.fromstring(html).xpath(
                "//table[contains(@class, 'o_coop_retained')]/tbody/tr"
            )
        ]
        self.assertEqual(rows, ["2025 Qualified $ 20,160.00 $ 0.00 $ 20,160.00 12/31/2030"])
