"""Gross wages of a patronage year: imported from the payroll provider's
file (all rows or none), or estimated from the members' contracts, and
said so on each line."""

import base64
import datetime
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.exceptions import AccessError, UserError
from odoo.tests import BaseCase, tagged

from ..lib import wages
from .test_patronage import PatronageCase

D = datetime.date
pure = settings(database=None, deadline=None, max_examples=200)
days = st.dates(min_value=D(2023, 1, 1), max_value=D(2027, 12, 31))


@tagged("post_install", "-at_install")
class TestWagesPure(BaseCase):
    def test_months_by_their_share_of_days(self):
        self.assertEqual(wages.months_between(D(2025, 1, 1), D(2025, 3, 31)), 3)
        self.assertEqual(wages.months_between(D(2025, 4, 16), D(2025, 4, 30)), Fraction(1, 2))
        self.assertEqual(wages.months_between(D(2025, 7, 16), D(2025, 7, 31)), Fraction(16, 31))
        self.assertEqual(wages.months_between(D(2024, 2, 1), D(2024, 2, 29)), 1)
        self.assertEqual(wages.months_between(D(2025, 5, 2), D(2025, 5, 1)), 0)

    def test_estimate_is_each_wage_times_its_months(self):
        # 3 x 3,000 + 1/2 x 3,000 + 1/2 x 3,500 + 8 x 3,500 = 40,250.00
        contracts = [(3000.0, D(2024, 1, 1), D(2025, 4, 15)), (3500.0, D(2025, 4, 16), None)]
        self.assertEqual(wages.estimate_wages(contracts, D(2025, 1, 1), D(2025, 12, 31)), 4_025_000)
        # 1,000.01 for a third of a 30-day month: 333.336... -> 333.34
        self.assertEqual(
            wages.estimate_wages([(1000.01, D(2025, 6, 21), None)], D(2025, 1, 1), D(2025, 6, 30)),
            33_334,
        )

    def test_parse_rows_and_problems(self):
        text = (
            "Employee,Gross wages\n"
            "M-0001,52000\n"
            "\n"
            'ben@example.org,"$48,250.50"\n'
            "M-0003,12.345\n"
            "M-0004,-5\n"
            ",100\n"
            "M-0005,lots\n"
        )
        rows, problems = wages.parse_wages_csv(text)
        self.assertEqual(rows, [(2, "M-0001", 5_200_000), (4, "ben@example.org", 4_825_050)])
        self.assertEqual(
            problems,
            [
                (5, "amount", "12.345"),
                (6, "negative", "-5"),
                (7, "identifier", ",100"),
                (8, "amount", "lots"),
            ],
        )

    @pure
    @given(days, days, days)
    def test_months_of_a_split_period_add_up(self, a, b, c):
        first, middle, last = sorted((a, b, c))
        self.assertEqual(
            wages.months_between(first, last),
            wages.months_between(first, middle)
            + wages.months_between(middle + datetime.timedelta(days=1), last),
        )


@tagged("post_install", "-at_install")
class TestPatronageWages(PatronageCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.members["B"].employee_id.work_email = "ben@example.org"

    def _loaded(self):
        allocation = self._allocation()
        allocation.action_load_members()
        lines = {
            name: allocation.line_ids.filtered(lambda line, m=m: line.membership_id == m)
            for name, m in self.members.items()
        }
        return allocation, lines

    def _import(self, allocation, text, user=None):
        wizard = (
            self.env["coop.patronage.wages.import"]
            .with_user(user or self.accountant)
            .create({"allocation_id": allocation.id, "file": base64.b64encode(text.encode())})
        )
        return wizard.action_import()

    def _wages(self, lines):
        return {name: (line.gross_wages, line.wages_source) for name, line in lines.items()}

    def test_import_fills_the_matched_lines(self):
        allocation, lines = self._loaded()
        text = (
            "Employee,Gross wages 2025\n"
            f"{lines['A'].register_number},52000\n"
            'BEN@example.org,"$48,250.50"\n'
        )
        self._import(allocation, text)
        self.assertEqual(
            self._wages(lines),
            {
                "A": (52_000.0, "imported"),
                "B": (48_250.5, "imported"),
                "C": (0.0, "entered"),
                "D": (0.0, "entered"),
            },
        )
        # Wages changed by hand are the accountant's own again.
        lines["B"].with_user(self.accountant).write({"gross_wages": 48_000.0})
        self.assertEqual(self._wages(lines)["B"], (48_000.0, "entered"))
        # Nobody sets where the wages come from by hand.
        with self.assertRaisesRegex(UserError, "changes only through"):
            lines["C"].with_user(self.accountant).write({"wages_source": "imported"})

    def test_a_bad_row_imports_nothing(self):
        allocation, lines = self._loaded()
        text = (
            f"{lines['A'].register_number},52000\n"
            "M-9999,100\n"
            f"{lines['C'].register_number},12.345\n"
            f"{lines['A'].register_number},1\n"
        )
        with self.assertRaisesRegex(UserError, "Nothing was imported") as caught:
            self._import(allocation, text)
        message = str(caught.exception)
        self.assertIn("row 2: “M-9999” is no member of this allocation", message)
        self.assertIn("row 3: “12.345” is not an amount in dollars and cents", message)
        self.assertIn("row 4: Member A is already in an earlier row", message)
        self.assertEqual(
            set(self._wages(lines).values()), {(0.0, "entered")}, "nothing was written"
        )

    def test_only_those_who_compute_import_and_only_a_draft(self):
        allocation, lines = self._loaded()
        text = f"{lines['A'].register_number},52000\n"
        for user in (self.user_a, self.coop_user):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                self._import(allocation, text, user=user)
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                allocation.with_user(user).action_estimate_wages()
        self._book(120_000, D(2025, 6, 30))
        allocation.action_compute()
        with self.assertRaisesRegex(UserError, "changes only on a draft"):
            self._import(allocation, text)
        with self.assertRaisesRegex(UserError, "changes only on a draft"):
            allocation.with_user(self.accountant).action_estimate_wages()
        self.assertEqual(lines["A"].gross_wages, 0.0)

    def test_estimate_from_contracts(self):
        Contract = self.env["hr.contract"].sudo()

        def contract(name, wage, start, end=None, state="open"):
            return Contract.create(
                {
                    "name": f"Contract {name}",
                    "employee_id": self.members[name].employee_id.id,
                    "wage": wage,
                    "date_start": start,
                    "date_end": end,
                    "state": state,
                    "company_id": self.company.id,
                }
            )

        a_contract = contract("A", 4000, D(2024, 1, 1))
        contract("C", 3000, D(2024, 1, 1), D(2025, 4, 15), state="close")
        contract("C", 3500, D(2025, 4, 16))
        contract("D", 3100, D(2025, 7, 16))
        allocation, lines = self._loaded()
        lines["B"].with_user(self.accountant).write({"gross_wages": 45_000.0})
        allocation.with_user(self.accountant).action_estimate_wages()
        self.assertEqual(
            self._wages(lines),
            {
                "A": (48_000.0, "estimate"),  # 12 x 4,000
                "B": (45_000.0, "entered"),  # entered: kept
                "C": (40_250.0, "estimate"),  # 3 x 3,000 + 1/2 x 3,000 + 1/2 x 3,500 + 8 x 3,500
                "D": (17_100.0, "estimate"),  # member from July: 16/31 x 3,100 + 5 x 3,100
            },
        )
        # A new wage: the estimate is made again; an import replaces it.
        a_contract.wage = 4200
        allocation.with_user(self.accountant).action_estimate_wages()
        self.assertEqual(self._wages(lines)["A"], (50_400.0, "estimate"))
        self._import(allocation, f"{lines['A'].register_number},51000.00\n")
        allocation.with_user(self.accountant).action_estimate_wages()
        self.assertEqual(self._wages(lines)["A"], (51_000.0, "imported"))
