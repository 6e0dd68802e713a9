"""The co-op's MIS reports and the OCA ledgers on a co-op of the test's own:
a few posted entries over two years on the accounts of
shared/domain/capital.md, and every figure the reports show, exactly."""

import datetime

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.coop_capital.tests.common import CapitalCase

D = datetime.date


@tagged("post_install", "-at_install")
class TestCoopReports(CapitalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.company
        accounts = cls.env["account.account"]
        cls.acc = {
            "3100": company.coop_account_share_id,
            "3110": company.coop_account_investment_id,
            "3105": company.coop_account_subscription_id,
            "3200": company.coop_account_retained_qualified_id,
            "3210": company.coop_account_retained_nonqualified_id,
            "3300": company.coop_account_reserve_id,
            "2300": company.coop_account_patronage_payable_id,
            "2310": company.coop_account_redemption_payable_id,
            "bank": cls.bank.default_account_id,
            "income": accounts.search(
                [("account_type", "=", "income"), ("company_ids", "in", company.id)], limit=1
            ),
            "earnings": accounts.search(
                [("account_type", "=", "equity_unaffected"), ("company_ids", "in", company.id)]
            ),
        }
        cls.leaver = cls.env["res.partner"].create({"name": "Lee Leaver"})
        cls.misc = cls.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", company.id)], limit=1
        )
        # A practice's own equity account coded 3100: the capital set-up gave
        # ours another code, and the reports still find ours by its role.
        cls.acc["3100"].code = "3101"
        cls.acc["own"] = accounts.create(
            {
                "code": "3100",
                "name": "Owner contributions",
                "account_type": "equity",
                "company_ids": [(6, 0, company.ids)],
            }
        )
        for date, lines in (
            # 2024: a membership share subscribed and partly paid; sales.
            (D(2024, 3, 1), {"3105": 1000, "3100": -1000}),
            (D(2024, 3, 15), {"bank": 600, "3105": -600}),
            (D(2024, 6, 30), {"bank": 5000, "income": -5000}),
            (D(2024, 7, 1), {"bank": 500, "own": -500}),
            # 2025: the rest paid, investment shares, sales, a leaver's share
            # redeemed, and the year's 3,000 margin allocated (30% reserve,
            # the rest 20% cash / 80% retained).
            (D(2025, 2, 1), {"bank": 400, "3105": -400}),
            (D(2025, 4, 1), {"3105": 2000, "3110": -2000}),
            (D(2025, 6, 30), {"bank": 3000, "income": -3000}),
            (D(2025, 9, 30), {"3100": 100, "2310": -100}),
            (D(2025, 12, 31), {"earnings": 3000, "3300": -900, "3200": -1680, "2300": -420}),
        ):
            cls._entry(date, lines)

    @classmethod
    def _entry(cls, date, lines):
        move = cls.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": cls.misc.id,
                "date": date,
                "line_ids": [
                    fields.Command.create(
                        {
                            "name": "Test entry",
                            "account_id": cls.acc[key].id,
                            "partner_id": cls.leaver.id if key == "2310" else False,
                            "debit": max(amount, 0),
                            "credit": max(-amount, 0),
                        }
                    )
                    for key, amount in lines.items()
                ],
            }
        )
        move.action_post()

    def _evaluate(self, xmlid, year):
        report = self.env.ref(f"coop_capital_reporting.{xmlid}")
        aep = report._prepare_aep(self.company)
        values = report.evaluate(aep, date_from=D(year, 1, 1), date_to=D(year, 12, 31))
        return {kpi.name: values[kpi.name] for kpi in report.kpi_ids}

    @staticmethod
    def _figures(values):
        """KPI values as plain numbers (MIS shows no movement as empty: 0 here)."""

        def number(value):
            return round(float(value or 0.0), 2)

        return {
            name: tuple(map(number, value)) if isinstance(value, tuple) else number(value)
            for name, value in values.items()
        }

    def test_balance_sheet_with_members_equity(self):
        figures = self._figures(self._evaluate("mis_report_coop_balance_sheet", 2025))
        self.assertEqual(
            figures,
            {
                "assets_cash": 9500.0,
                "assets_receivable": 0.0,
                "assets_other": 0.0,
                "assets": 9500.0,
                "liab_members": 520.0,
                "liab_other": 0.0,
                "liabilities": 520.0,
                "eq_membership": 900.0,
                "eq_investment": 2000.0,
                "eq_subscribed": -2000.0,
                "eq_retained_q": 1680.0,
                "eq_retained_nq": 0.0,
                "eq_reserve": 900.0,
                "members_equity": 3480.0,
                "eq_other": 500.0,
                # 2024's 5,000 margin was never allocated; 2025's 3,000 was.
                "eq_earlier": 2000.0,
                "eq_current": 3000.0,
                "equity": 8980.0,
                "liab_equity": 9500.0,
                "difference": 0.0,
            },
        )

    def test_statement_of_changes_in_members_equity(self):
        # (opening, credited, debited, closing), credit-positive.
        self.assertEqual(
            self._figures(self._evaluate("mis_report_coop_equity_changes", 2024)),
            {
                "membership": (0.0, 1000.0, 0.0, 1000.0),
                "investment": (0.0, 0.0, 0.0, 0.0),
                "subscribed": (0.0, 600.0, -1000.0, -400.0),
                "retained_q": (0.0, 0.0, 0.0, 0.0),
                "retained_nq": (0.0, 0.0, 0.0, 0.0),
                "reserve": (0.0, 0.0, 0.0, 0.0),
                "total": (0.0, 1600.0, -1000.0, 600.0),
            },
        )
        self.assertEqual(
            self._figures(self._evaluate("mis_report_coop_equity_changes", 2025)),
            {
                "membership": (1000.0, 0.0, -100.0, 900.0),
                "investment": (0.0, 2000.0, 0.0, 2000.0),
                "subscribed": (-400.0, 400.0, -2000.0, -2000.0),
                "retained_q": (0.0, 1680.0, 0.0, 1680.0),
                "retained_nq": (0.0, 0.0, 0.0, 0.0),
                "reserve": (0.0, 900.0, 0.0, 900.0),
                "total": (600.0, 4980.0, -2100.0, 3480.0),
            },
        )

    def test_accounts_are_found_by_their_capital_role(self):
        Account = self.env["account.account"]
        company = [("company_ids", "in", self.company.id)]
        self.assertEqual(self.acc["3100"].coop_capital_role, "share")
        self.assertFalse(self.acc["own"].coop_capital_role)
        self.assertEqual(
            Account.search([("coop_capital_role", "=", "share"), *company]), self.acc["3100"]
        )
        members = Account.search([("coop_capital_role", "!=", False), *company])
        self.assertEqual(len(members), 9)
        self.assertNotIn(self.acc["own"], members)
        self.assertIn(
            self.acc["own"], Account.search([("coop_capital_role", "=", False), *company])
        )

    def test_menu_opens_an_instance_per_company(self):
        report = self.env.ref("coop_capital_reporting.mis_report_coop_equity_changes")
        action = report._coop_open_instance()
        instance = self.env["mis.report.instance"].browse(action["res_id"])
        self.assertEqual((instance.report_id, instance.company_id), (report, self.company))
        self.assertEqual(
            [(p.name, p.mode, p.type, p.offset) for p in instance.period_ids],
            [
                ("Two years ago", "relative", "y", -2),
                ("Last year", "relative", "y", -1),
                ("This year", "relative", "y", 0),
            ],
        )
        self.assertEqual(report._coop_open_instance()["res_id"], instance.id)
        matrix = instance._compute_matrix()
        self.assertEqual(len(list(matrix.iter_rows())), 7)

    def test_bookkeepers_and_auditors_open_the_reports_from_the_menu(self):
        # The menu's server actions, run as the Capital menu runs them: an
        # accountant who is no Accounting administrator (the menu shows to
        # them) opens both reports, the first opening making the instance.
        coop_user = self._user("coop_user", self.env.ref("coop_membership.group_coop_user"))
        for login, group in (
            ("bookkeeper", "account.group_account_user"),
            ("auditor", "account.group_account_readonly"),
        ):
            user = self._user(login, self.env.ref(group))
            for xmlid in ("action_coop_balance_sheet", "action_coop_equity_changes"):
                action = self.env.ref(f"coop_capital_reporting.{xmlid}").with_user(user)
                with self.subTest(user=login, action=xmlid):
                    result = action.with_context(active_model=None).run()
                    instance = self.env["mis.report.instance"].with_user(user)
                    instance = instance.browse(result["res_id"])
                    self.assertEqual(instance.company_id, self.company)
                    self.assertTrue(list(instance._compute_matrix().iter_rows()))
                    with self.assertRaises(AccessError):
                        action.with_user(coop_user).run()
        self.assertEqual(
            self.env["mis.report.instance"].search_count([("company_id", "=", self.company.id)]),
            2,  # one per report, made once
        )

    def test_trial_balance_and_ledgers_on_our_accounts(self):
        codes = ("3100", "3105", "2310")
        wizard = self.env["trial.balance.report.wizard"].create(
            {
                "date_from": D(2025, 1, 1),
                "date_to": D(2025, 12, 31),
                "target_move": "posted",
                "hide_account_at_0": True,
                "company_id": self.company.id,
                "account_ids": [(6, 0, [self.acc[c].id for c in codes])],
                "fy_start_date": D(2025, 1, 1),
            }
        )
        values = self.env["report.account_financial_report.trial_balance"]._get_report_values(
            wizard, wizard._prepare_report_data()
        )
        rows = {
            row["code"]: (
                row["initial_balance"],
                row["debit"],
                row["credit"],
                row["ending_balance"],
            )
            for row in values["trial_balance"]
            if row["type"] == "account_type"
        }
        self.assertEqual(
            rows,
            {
                self.acc["3100"].code: (-1000.0, 100.0, 0.0, -900.0),
                self.acc["3105"].code: (400.0, 2000.0, 400.0, 2000.0),
                self.acc["2310"].code: (0.0, 0.0, 100.0, -100.0),
            },
        )
        # The general ledger by partner (the partner ledger) shows the leaver on 2310.
        ledger = self.env["general.ledger.report.wizard"].create(
            {
                "date_from": D(2025, 1, 1),
                "date_to": D(2025, 12, 31),
                "target_move": "posted",
                "company_id": self.company.id,
                "account_ids": [(6, 0, [self.acc["2310"].id, self.acc["3100"].id])],
                "fy_start_date": D(2025, 1, 1),
                "grouped_by": "partners",
                "centralize": False,
            }
        )
        values = self.env["report.account_financial_report.general_ledger"]._get_report_values(
            ledger, ledger._prepare_report_data()
        )
        accounts = {row["id"]: row for row in values["general_ledger"]}
        self.assertEqual(
            (
                accounts[self.acc["3100"].id]["init_bal"]["balance"],
                accounts[self.acc["3100"].id]["fin_bal"]["balance"],
            ),
            (-1000.0, -900.0),
        )
        payable = accounts[self.acc["2310"].id]
        self.assertEqual(
            [(group["id"], group["fin_bal"]["balance"]) for group in payable["list_grouped"]],
            [(self.leaver.id, -100.0)],
        )
