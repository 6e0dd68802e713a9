"""Redemptions of retained patronage read at any date: box 5 of the
1099-PATR counts a non-qualified notice once, in the calendar year it is
paid back (not when an exit or a revolving batch moves it to redemption
payable, 2310), and the capital check at a past date reads what was
redeemed by then from the dated history, so that a date before a
redemption shows no false difference (shared/domain/capital.md, rules 9
and 10, "On exit" and "Form 1099-PATR")."""

import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import CapitalCase
from .test_patronage_notices import PostedYearMixin

D = datetime.date


class RedemptionCase(PostedYearMixin, CapitalCase):
    """The worked example posted on 31 December 2025 (A, B, C qualified, D
    non-qualified: 7,840.00 on 3210), its notices issued in February 2026."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_posted_year()
        with freeze_time("2026-02-10"):
            cls.allocation.with_user(cls.accountant).action_send_notices()
            cls.allocation.with_user(cls.accountant).action_hand_over_notices()
        cls.q = cls.company.coop_account_retained_qualified_id
        cls.nq = cls.company.coop_account_retained_nonqualified_id
        cls.payable = cls.company.coop_account_redemption_payable_id

    def _box5(self, year):
        Form = self.env["coop.patronage.form1099"]
        form = Form.search(
            [("company_id", "=", self.company.id), ("year", "=", year)]
        ) or Form.create({"company_id": self.company.id, "year": year})
        form.action_compute()
        return {line.partner_id.name: line.box5 for line in form.line_ids if line.box5}

    def _differences(self, date):
        """What the capital check finds on ``date``: every account and member
        whose register and ledger differ, as {(code, partner): (register, ledger)}."""
        found = {}
        company = self.company
        for account, register, ledger in company._coop_equity_balances(
            date
        ) + company._coop_member_balances(date):
            for partner in set(register) | set(ledger):
                if register.get(partner, 0) != ledger.get(partner, 0):
                    found[account.code, partner and partner.name] = (
                        register.get(partner, 0),
                        ledger.get(partner, 0),
                    )
        for account, register, ledger in company._coop_capital_check(date):
            if round(register - ledger, 2):
                found[account.code, None] = (register, ledger)
        return found

    def _retained(self, date, name):
        """The register's retained patronage of member ``name`` on ``date``
        (3200 and 3210), in cents."""
        partner = self.members[name].partner_id
        balances = {
            account: register for account, register, _l in self.company._coop_equity_balances(date)
        }
        return balances[self.q].get(partner, 0), balances[self.nq].get(partner, 0)


@tagged("post_install", "-at_install")
class TestRevolvingRedemption(RedemptionCase):
    def test_revolved_once_in_the_year_paid_and_checked_at_any_date(self):
        # The board revolves every 2025 tranche: the entry on 30 October 2026
        # (Dr 3200/3210 / Cr 2310), paid on 11 January 2027.
        wizard = self.env["coop.patronage.revolving.wizard"].create(
            {
                "company_id": self.company.id,
                "date_cutoff": D(2040, 12, 31),
                "decision_date": D(2026, 10, 15),
                "decision_ref": "Board minutes 2026-10",
                "date": D(2026, 10, 30),
            }
        )
        batch = self.env["coop.patronage.revolving"].browse(wizard.action_propose()["res_id"])
        self.assertEqual(batch.amount_total, 67_200)
        batch.with_user(self.accountant).action_post()
        batch.with_user(self.accountant).action_pay(journal=self.bank.id, date="2027-01-11")
        self.assertEqual(batch.state, "paid")
        # Box 5: D's non-qualified notice, once, in 2027 when it was paid;
        # the qualified tranches never.
        self.assertEqual(self._box5(2026), {})
        self.assertEqual(self._box5(2027), {"Member D": 7_840})
        # The capital check at dates around the redemption agrees with the
        # ledger, and reads the tranches as they were on each day.
        for day, retained_a, retained_d in (
            (D(2025, 12, 31), 2_240_000, 784_000),
            (D(2026, 10, 29), 2_240_000, 784_000),
            (D(2026, 10, 30), 0, 0),
            (D(2027, 1, 10), 0, 0),
            (D(2027, 1, 11), 0, 0),
        ):
            with self.subTest(day=day):
                self.assertEqual(self._differences(day), {})
                self.assertEqual(self._retained(day, "A"), (retained_a, 0))
                self.assertEqual(self._retained(day, "D"), (0, retained_d))
        # Owed on 2310 between the entry and the payment, by register and ledger.
        payable = {
            account: register
            for account, register, _l in self.company._coop_member_balances(D(2027, 1, 10))
        }[self.payable]
        self.assertEqual(payable[self.members["D"].partner_id], 784_000)
        self.assertEqual(sum(payable.values()), 6_720_000)

    def test_interest_credited_counts_in_the_check(self):
        """Interest credited to the members' accounts (Cr 3200/3210) is part
        of their retained patronage in the check from the day it is posted."""
        expense = self.env["account.account"].search(
            [("account_type", "=", "expense"), ("company_ids", "in", self.company.id)], limit=1
        )
        self.company.write({"coop_interest_rate": 2.5, "coop_interest_account_id": expense.id})
        with freeze_time("2027-01-05"):
            interest = self.env["coop.patronage.interest"]._coop_credit(
                self.company, D(2026, 12, 31)
            )
        self.assertEqual(interest.amount_total, 1_680)  # 2.5% of 67,200.00
        for day, retained_a, retained_d in (
            (D(2026, 12, 30), 2_240_000, 784_000),
            (D(2026, 12, 31), 2_296_000, 803_600),
            (D(2027, 1, 5), 2_296_000, 803_600),
        ):
            with self.subTest(day=day):
                self.assertEqual(self._differences(day), {})
                self.assertEqual(self._retained(day, "A"), (retained_a, 0))
                self.assertEqual(self._retained(day, "D"), (0, retained_d))


@tagged("post_install", "-at_install")
class TestExitRedemption(RedemptionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"coop_redemption_years": 2, "coop_redemption_installments": 2})
        cls.member_d = cls.members["D"]
        cls._subscribe(cls.member_d, pay=True)

    def test_exit_counts_box5_when_each_payout_is_paid(self):
        self.assertEqual(self.member_d.share_capital, 1_000)
        self.env["coop.membership.exit.wizard"].create(
            {
                "membership_id": self.member_d.id,
                "reason": "resigned",
                "date": D(2026, 6, 30),
                "set_off": False,
            }
        ).action_confirm()
        payouts = self.member_d.redemption_ids.sorted("due_date")
        # The share (1,000.00) and the non-qualified notice (7,840.00) in two
        # payouts; each carries its part of the notice.
        self.assertEqual(
            [(p.amount, p.amount_nonqualified) for p in payouts],
            [(4_420, 3_920), (4_420, 3_920)],
        )
        # Moving 3210 to 2310 on exit is no redemption yet.
        self.assertEqual(self._box5(2026), {})
        payouts[0].action_pay(journal=self.bank, date=D(2026, 9, 30))
        payouts[1].action_pay(journal=self.bank, date=D(2027, 3, 31))
        self.assertEqual(self._box5(2026), {"Member D": 3_920})
        self.assertEqual(self._box5(2027), {"Member D": 3_920})
        # The capital check around the exit and the payouts agrees with the
        # ledger on every day, the tranche read as it was then.
        for day, retained_d in (
            (D(2026, 6, 29), 784_000),
            (D(2026, 6, 30), 0),
            (D(2026, 9, 29), 0),
            (D(2026, 9, 30), 0),
            (D(2027, 3, 31), 0),
        ):
            with self.subTest(day=day):
                self.assertEqual(self._differences(day), {})
                self.assertEqual(self._retained(day, "D"), (0, retained_d))

    def test_a_leaver_paid_through_2310_by_the_allocation(self):
        """A member who left before the year was posted gets the retained
        part through 2310 (capital.md, rule 3): a non-qualified one counts in
        box 5 when paid, never when posted."""
        correction = self.env["coop.patronage.allocation"].browse(
            self.allocation.with_user(self.manager).action_correct()["res_id"]
        )
        self.member_d._coop_owner_write({"state": "former"})
        correction.with_user(self.accountant).action_compute()
        correction.with_user(self.accountant).action_post()
        payouts = self.env["coop.share.redemption"].search(
            [("exit_move_id", "=", correction.move_id.id)]
        )
        self.assertEqual(
            [(p.partner_id.name, p.amount, p.amount_nonqualified) for p in payouts],
            [("Member D", 3_920, 3_920), ("Member D", 3_920, 3_920)],
        )
        self.assertEqual(self._box5(2026), {})
        payouts.action_pay(journal=self.bank, date=D(2026, 8, 1))
        self.assertEqual(self._box5(2026), {"Member D": 7_840})
