"""Year-end patronage costs the same number of SQL queries whatever the
number of members: loading the members and their hours, computing and
posting read and write in batches (bench/patronage.py measures the time)."""

import datetime

from odoo import fields
from odoo.tests import tagged

from .common import CapitalCase

D = datetime.date


@tagged("post_install", "-at_install")
class TestPatronageQueries(CapitalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Five members since 2023 (one left on 30 June 2024), 36 more who
        # joined in 2025, each on a day of their own (one in three left in
        # June, each on a day of their own): 5 members in 2023 and 2024, 40
        # in 2025, each with a membership period of their own in 2025.
        cls.first = [
            cls._member(f"Early {i}", date_state=D(2023, 1, 1), worked=cls._years(900 + i))
            for i in range(5)
        ]
        cls.later = [
            cls._member(
                f"Later {i}",
                date_state=D(2025, 1, 1) + datetime.timedelta(days=i),
                worked=cls._years(800 + i),
            )
            for i in range(36)
        ]
        # Associates who work but are not members: their hours split the margin.
        for i in range(2):
            cls._membership(
                f"Associate {i}",
                date_state=D(2022, 1, 1),
                date_work_start=D(2022, 1, 1),
                worked=cls._years(500),
            )
        cls.first[4]._coop_transition("former", date=D(2024, 6, 30), reason="resigned")
        for i, membership in enumerate(cls.later[::3]):
            membership._coop_transition(
                "former", date=D(2025, 6, 30) - datetime.timedelta(days=i), reason="resigned"
            )
        cls.env["coop.patronage.consent"].create(
            [
                {"membership_id": m.id, "method": "agreement", "date": m.date_member}
                for m in (*cls.first[:2], *cls.later[1::3])
            ]
        )
        cls.income = cls.env["account.account"].search(
            [("account_type", "=", "income"), ("company_ids", "in", cls.company.id)], limit=1
        )
        cls.misc = cls.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", cls.company.id)], limit=1
        )

    @classmethod
    def _years(cls, hours):
        """The same hours worked in each year the test closes."""
        return dict.fromkeys((2023, 2024, 2025), hours)

    def _book(self, amount, date):
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": self.misc.id,
                "date": date,
                "line_ids": [
                    fields.Command.create(
                        {"name": "Sales", "account_id": self.income.id, "credit": amount}
                    ),
                    fields.Command.create(
                        {
                            "name": "Sales",
                            "account_id": self.bank.default_account_id.id,
                            "debit": amount,
                        }
                    ),
                ],
            }
        )
        move.action_post()

    def _queries(self, method):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        method()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def _year(self, year):
        """Load, compute and post ``year``: the queries of each step."""
        self._book(100_000.37, D(year, 6, 30))
        allocation = self.env["coop.patronage.allocation"].create(
            {"company_id": self.company.id, "date_from": D(year, 1, 1), "date_to": D(year, 12, 31)}
        )
        counts = {
            "load": self._queries(allocation.action_load_members),
            "compute": self._queries(allocation.action_compute),
            "post": self._queries(allocation.action_post),
        }
        self.assertEqual(allocation.state, "posted")
        return allocation, counts

    def test_queries_do_not_grow_with_members(self):
        self._year(2023)  # warms the caches
        five, few = self._year(2024)
        forty, many = self._year(2025)
        self.assertEqual((len(five.line_ids), len(forty.line_ids)), (5, 40))
        # 40 lines, 12 of them leavers (owed through 2310), 14 tranches
        # qualified, 14 not: each part posted, in one entry.
        self.assertEqual(len(forty.move_id.line_ids), 2 + 40 + 40)
        self.assertEqual(len(forty.tranche_ids), 40 - 12)
        self.assertEqual(len(forty.tranche_ids.filtered("qualified")), 2 + 12)
        self.assertEqual(many, few)
