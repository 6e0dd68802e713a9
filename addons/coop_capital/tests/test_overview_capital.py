"""The capital's tiles of the managers' overview, its Overdue filter and the
membership form's smart buttons: each figure is the list it opens."""

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import safe_eval

from .common import CapitalCase


@tagged("post_install", "-at_install")
class TestCapitalOverview(CapitalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = cls.today
        # Due ten days ago, nothing paid: all of it is overdue.
        cls.late = cls._subscribe(cls._membership("La Late", state="candidate", subscribed=False))
        # Three monthly installments from five weeks ago, the first paid:
        # the second is overdue, the third not due yet.
        cls.plan = cls._subscribe(
            cls._membership("Pl Plan", state="candidate", subscribed=False),
            mode="installments",
            installment_count=3,
            installment_interval=1,
            date=today - relativedelta(weeks=5),
            first_due_date=today - relativedelta(weeks=5),
        )
        cls._pay(cls.plan, cls.plan.installment_ids.sorted("due_date")[0].amount)
        # Paid in full; due in a month; a draft: none overdue.
        cls.paid = cls._subscribe(
            cls._membership("Pa Paid", state="candidate", subscribed=False), pay=True
        )
        cls.future = cls._subscribe(
            cls._membership("Fu Future", state="candidate", subscribed=False),
            date=today,
            first_due_date=today + relativedelta(months=1),
        )
        cls.draft = cls._subscribe(
            cls._membership("Dr Draft", state="candidate", subscribed=False), confirm=False
        )
        # A member who left: their capital is payable at once.
        leaver = cls._member("Le Leaver")
        cls._subscribe(leaver, pay=True, method="bank")
        cls.env["coop.membership.exit.wizard"].create(
            {"membership_id": leaver.id, "reason": "resigned"}
        ).action_confirm()
        cls.redemption = leaver.redemption_ids
        cls.manager = cls._user("capital_overview_manager", cls._manager_groups())
        cls.env.flush_all()

    def _tile(self, xmlid):
        return self.env.ref(xmlid).with_user(self.manager)

    def _listed(self, tile):
        action = tile.action_open()
        return tile.env[action["res_model"]].search(action["domain"])

    def _filter_domain(self, model, name):
        """The domain of a filter of the model's search view, as the web
        client evaluates it today."""
        arch = self.env[model].get_views([(False, "search")])["views"]["search"]["arch"]
        node = etree.fromstring(arch).xpath(f"//filter[@name='{name}']")[0]
        today = self.today
        return safe_eval(
            node.get("domain"),
            {
                "context_today": lambda: today,
                "datetime": safe_datetime,
                "relativedelta": relativedelta,
            },
        )

    def test_the_overdue_filter_selects_exactly_the_overdue_subscriptions(self):
        mine = self.env["coop.share.subscription"].search([("company_id", "=", self.company.id)])
        overdue = mine.filtered(lambda s: s.amount_overdue > 0)
        self.assertEqual(overdue, self.late | self.plan)
        self.assertAlmostEqual(
            self.plan.amount_overdue, self.plan.installment_ids.sorted("due_date")[1].amount, 2
        )
        domain = self._filter_domain("coop.share.subscription", "overdue")
        self.assertEqual(mine.filtered_domain(domain), overdue)

    def test_capital_overdue_tile_is_its_list(self):
        tile = self._tile("coop_capital.overview_tile_capital_overdue")
        listed = self._listed(tile)
        self.assertEqual(listed, self.late | self.plan)
        self.assertAlmostEqual(tile.value, sum(listed.mapped("amount_overdue")), 2)
        self.assertAlmostEqual(
            tile.value, self.late.amount + self.plan.installment_ids.sorted("due_date")[1].amount, 2
        )
        self.assertEqual(tile.tone, "danger")
        self.assertEqual(tile.note, "2 subscriptions late")
        self.assertEqual(tile.action_open()["context"], {"search_default_group_member": 1})

    def test_capital_still_to_pay_tile_is_its_list(self):
        tile = self._tile("coop_capital.overview_tile_capital_due")
        listed = self._listed(tile)
        self.assertEqual(listed, self.late | self.plan | self.future)
        self.assertAlmostEqual(tile.value, sum(listed.mapped("amount_remaining")), 2)
        self.assertEqual(tile.note, "3 subscriptions still to pay")

    def test_redemptions_payable_tile_is_its_list(self):
        tile = self._tile("coop_capital.overview_tile_redemptions_payable")
        listed = self._listed(tile)
        self.assertEqual(listed, self.redemption)
        self.assertTrue(self.redemption.amount > 0)
        self.assertAlmostEqual(tile.value, self.redemption.amount, 2)
        self.assertEqual((tile.tone, tile.note), ("warning", "1 redemption to pay"))
        self.assertEqual(
            listed,
            self.env["coop.share.redemption"]
            .with_user(self.manager)
            .search(self._filter_domain("coop.share.redemption", "payable")),
        )

    def test_smart_buttons_count_their_lists(self):
        membership = self.plan.membership_id.with_user(self.manager)
        self.assertEqual(membership.subscription_count, 1)
        self.assertEqual(membership.share_payment_count, 1)
        for count, method in (
            ("subscription_count", "action_view_subscriptions"),
            ("share_payment_count", "action_view_share_payments"),
        ):
            action = getattr(membership, method)()
            listed = membership.env[action["res_model"]].search(action["domain"])
            self.assertEqual(len(listed), membership[count], method)
            self.assertEqual(listed.membership_id, membership)

    def test_the_capital_views_load(self):
        for model in (
            "coop.share.subscription",
            "coop.share.payment",
            "coop.share.holding",
            "coop.share.redemption",
            "coop.pay.equity",
        ):
            views = (
                self.env[model]
                .with_user(self.manager)
                .get_views([(False, "list"), (False, "pivot"), (False, "graph"), (False, "search")])
            )
            self.assertEqual(set(views["views"]), {"list", "pivot", "graph", "search"}, model)


@tagged("post_install", "-at_install")
class TestPayRatioTile(CapitalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        calendar = cls.env["resource.calendar"].create(
            {
                "name": "40 hours",
                "company_id": cls.company.id,
                "attendance_ids": [
                    (
                        0,
                        0,
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 8,
                            "hour_to": 16,
                            "day_period": "morning",
                        },
                    )
                    for day in range(5)
                ],
            }
        )
        cls.company.write({"coop_pay_ratio_cap": 3.0, "coop_pay_ratio_scope": "all"})
        for name, wage in (("Ada Low", 3466.67), ("Bo Mid", 5200.0), ("Cy High", 6933.33)):
            _partner, employee = cls._person(name)
            cls.env["hr.contract"].create(
                {
                    "name": f"Contract {name}",
                    "employee_id": employee.id,
                    "company_id": cls.company.id,
                    "wage": wage,
                    "resource_calendar_id": calendar.id,
                    "state": "open",
                    "date_start": cls.today,
                }
            )
        cls.manager = cls._user("pay_overview_manager", cls._manager_groups())
        cls.env.flush_all()

    def test_pay_ratio_against_the_cap(self):
        tile = self.env.ref("coop_capital.overview_tile_pay_ratio").with_user(self.manager)
        action = tile.action_open()
        rows = tile.env["coop.pay.equity"].search(action["domain"])
        self.assertEqual(len(rows), 3)
        self.assertAlmostEqual(tile.value, 2.0, 2)
        self.assertAlmostEqual(tile.value, max(rows.mapped("ratio_to_lowest")), 2)
        self.assertEqual(set(rows.mapped("ratio_cap")), {3.0})
        self.assertEqual((tile.value_display, tile.note, tile.tone), ("2.00:1", "cap 3.00:1", "ok"))
        # The list and the graph show the highest pay first.
        self.assertEqual(
            rows.mapped("hourly_rate"), sorted(rows.mapped("hourly_rate"), reverse=True)
        )
        self.company.write({"coop_pay_ratio_cap": 2.1})
        tile.invalidate_recordset()
        self.assertEqual(tile.tone, "warning")
        self.company.write({"coop_pay_ratio_cap": 1.5})
        tile.invalidate_recordset()
        self.assertEqual(tile.tone, "danger")
        self.assertEqual(tile.note, "cap 1.50:1")
