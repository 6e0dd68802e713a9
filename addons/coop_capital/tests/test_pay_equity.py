from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import CapitalCase


@tagged("post_install", "-at_install")
class TestPayEquity(CapitalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A 40-hour week: 5 days of 8 hours.
        cls.calendar = cls.env["resource.calendar"].create(
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

    def _contract(self, name, wage, state="open"):
        _partner, employee = self._person(name, company=self.company)
        return self.env["hr.contract"].create(
            {
                "name": f"Contract {name}",
                "employee_id": employee.id,
                "company_id": self.company.id,
                "wage": wage,
                "resource_calendar_id": self.calendar.id,
                "state": state,
                "date_start": self.today,
            }
        )

    def test_ratio_and_report(self):
        low = self._contract("Ada Low", 3466.67)  # 20.00 an hour
        high = self._contract("Bo High", 6933.33)  # 40.00 an hour
        self.assertAlmostEqual(low._coop_hourly_rate(), 20.0, 2)
        ratio, top, bottom = self.env["hr.contract"]._coop_pay_ratio(self.company)
        self.assertAlmostEqual(ratio, 2.0, 3)
        self.assertEqual((top, bottom), (high, low))
        self.env.flush_all()
        rows = self.env["coop.pay.equity"].search([("company_id", "=", self.company.id)])
        self.assertEqual(len(rows), 2)
        self.assertAlmostEqual(max(rows.mapped("ratio_to_lowest")), 2.0, 2)
        self.assertAlmostEqual(min(rows.mapped("hourly_rate")), 20.0, 2)
        self.assertEqual(rows.mapped("weekly_hours"), [40.0, 40.0])

    def test_block_mode_refuses_a_contract_above_the_cap(self):
        self.company.coop_pay_ratio_mode = "block"
        self._contract("Cy Base", 3466.67)
        count = self.env["hr.contract"].search_count([("company_id", "=", self.company.id)])
        with (
            self.assertRaisesRegex(
                ValidationError, r"would be 3\.50:1, above the co-op's cap of 3\.00:1"
            ),
            self.env.cr.savepoint(),
        ):
            self._contract("Di Top", 12133.33)
        self.assertEqual(
            self.env["hr.contract"].search_count([("company_id", "=", self.company.id)]), count
        )
        raise_ = self._contract("Ed Fair", 6933.33)
        with (
            self.assertRaisesRegex(ValidationError, "above the co-op's cap"),
            self.env.cr.savepoint(),
        ):
            raise_.wage = 12133.33
        self.assertAlmostEqual(raise_.wage, 6933.33)

    def test_warn_mode_tells_the_manager(self):
        self.company.coop_pay_ratio_mode = "warn"
        self._contract("Fi Base", 3466.67)
        top = self._contract("Gil Top", 12133.33)
        self.assertEqual(top.state, "open")
        self.assertIn("above the co-op's cap", top.message_ids[0].body)
        self.assertEqual(
            top.activity_ids.activity_type_id,
            self.env.ref("coop_capital.mail_activity_type_pay_ratio"),
        )

    def test_members_only_scope(self):
        self.company.write({"coop_pay_ratio_mode": "block", "coop_pay_ratio_scope": "members"})
        self._contract("Hal Staff", 2000.0)
        top = self._contract("Ivy Member", 12000.0)  # not a member: not compared
        membership = self._membership(
            "Ivy Member (member)",
            state="member",
            company=self.company,
            employee_id=top.employee_id.id,
            partner_id=top.employee_id.work_contact_id.id,
        )
        self.assertEqual(membership.employee_id, top.employee_id)
        ratio, _high, _low = self.env["hr.contract"]._coop_pay_ratio(self.company)
        self.assertEqual(ratio, 1.0)

    def _member_contract(self, name, wage):
        contract = self._contract(name, wage)
        self._membership(
            f"{name} (member)",
            state="member",
            company=self.company,
            employee_id=contract.employee_id.id,
            partner_id=contract.employee_id.work_contact_id.id,
        )
        return contract

    def test_report_follows_the_members_only_scope(self):
        """The report compares the same people as the contract check: with
        the members-only scope, a lower-paid non-member is not the lowest."""
        self.company.coop_pay_ratio_cap = 0.0  # no check while hiring
        staff = self._contract("Jo Staff", 2311.11)  # 13.33 an hour, not a member
        low = self._member_contract("Kai Member", 3466.67)  # 20.00 an hour
        high = self._member_contract("Lu Member", 6933.33)  # 40.00 an hour
        self.company.write({"coop_pay_ratio_scope": "members", "coop_pay_ratio_cap": 3.0})
        self.env.flush_all()
        compared = self.env["hr.contract"]._coop_compared_contracts(self.company)
        self.assertEqual(compared, low | high)
        ratio, _high, _low = self.env["hr.contract"]._coop_pay_ratio(self.company)
        self.assertAlmostEqual(ratio, 2.0, 3)
        PayEquity = self.env["coop.pay.equity"]
        rows = PayEquity.search(PayEquity._coop_pay_equity_domain(self.company))
        self.assertEqual(rows.ids, [high.id, low.id])
        self.assertAlmostEqual(max(rows.mapped("ratio_to_lowest")), 2.0, 2)
        self.assertEqual(
            PayEquity.search([("compared", "=", True), ("company_id", "=", self.company.id)]),
            rows,
        )
        self.assertFalse(PayEquity.browse(staff.id).compared)
        manager = self._user("pay_scope_manager", self._manager_groups())
        distribution = PayEquity.with_user(manager).coop_pay_distribution(self.company.id)
        self.assertAlmostEqual(distribution["ratio"], 2.0, 2)
        self.assertEqual([round(r, 2) for r in distribution["hourly_rates"]], [20.0, 40.0])
        # Everyone compared again: the non-member is the lowest.
        self.company.coop_pay_ratio_scope = "all"
        PayEquity.invalidate_model()
        rows = PayEquity.search(PayEquity._coop_pay_equity_domain(self.company))
        self.assertEqual(len(rows), 3)
        self.assertAlmostEqual(max(rows.mapped("ratio_to_lowest")), 3.0, 2)

    def _summary(self, user):
        Summary = self.env["coop.pay.equity.summary"].with_user(user)
        action = Summary.with_company(self.company).action_coop_open()
        self.assertEqual((action["res_model"], action["view_mode"]), (Summary._name, "form"))
        return Summary.browse(action["res_id"])

    def test_summary_headline_sorted_bars_and_the_cap(self):
        self._contract("Mo Low", 3466.67)  # 20.00 an hour
        self._contract("Ned Top", 6933.33)  # 40.00 an hour
        self._contract("Oz Mid", 5200.0)  # 30.00 an hour
        self.env.flush_all()
        manager = self._user("pay_summary_manager", self._manager_groups())
        summary = self._summary(manager)
        self.assertEqual(summary.company_id, self.company)
        self.assertAlmostEqual(summary.ratio, 2.0, 2)
        self.assertEqual(summary.ratio_cap, 3.0)
        self.assertTrue(summary.within_cap)
        self.assertEqual(summary.headline, "Highest to lowest pay: 2.00 : 1 (cap 3.00 : 1)")
        self.assertEqual(summary.person_count, 3)
        self.assertAlmostEqual(summary.cap_rate, 60.0, 1)
        self.assertEqual(
            summary.line_ids.employee_id.mapped("name"), ["Ned Top", "Oz Mid", "Mo Low"]
        )
        chart = str(summary.chart)
        positions = [chart.index(name) for name in ("Ned Top", "Oz Mid", "Mo Low")]
        self.assertEqual(positions, sorted(positions))
        # The cap line at 60.00 is the right end of the scale; no bar passes it.
        self.assertEqual(chart.count("o_coop_pay_cap"), 3)
        self.assertIn("left: 100.0%", chart)
        self.assertNotIn("bg-danger", chart)
        # A lower cap: the top pay is beyond it.
        self.company.coop_pay_ratio_cap = 1.5
        summary.invalidate_recordset()
        self.assertFalse(summary.within_cap)
        self.assertEqual(summary.headline, "Highest to lowest pay: 2.00 : 1 (cap 1.50 : 1)")
        self.assertEqual(str(summary.chart).count("bg-danger"), 1)
        self.company.coop_pay_ratio_cap = 0.0
        summary.invalidate_recordset()
        self.assertTrue(summary.within_cap)
        self.assertEqual(summary.headline, "Highest to lowest pay: 2.00 : 1 (no cap set)")
        self.assertNotIn("o_coop_pay_cap", str(summary.chart))
        graph = summary.action_open_graph()
        self.assertEqual(self.env["coop.pay.equity"].search(graph["domain"]), summary.line_ids)

    def test_summary_for_a_member_without_open_pay_is_anonymous(self):
        self._contract("Pia Staff", 3466.67)  # 20.00 an hour
        top = self._member_contract("Quin Member", 5200.0)  # 30.00 an hour
        self.env.flush_all()
        partner = top.employee_id.work_contact_id
        member = self._user("pay_summary_member", self.env.ref("base.group_user"), partner)
        self.assertEqual(self.company.coop_pay_transparency, "ratio")
        summary = self._summary(member)
        self.assertAlmostEqual(summary.ratio, 1.5, 2)
        self.assertFalse(summary.line_ids)
        chart = str(summary.chart)
        self.assertNotIn("Quin Member", chart)
        self.assertLess(chart.index("30.00"), chart.index("20.00"))
        self.assertIn("#2", chart)
        # Someone who is neither a member-owner nor a manager gets nothing.
        _partner, employee = self._person("Ray Outsider", company=self.company)
        outsider = self._user(
            "pay_summary_outsider", self.env.ref("base.group_user"), employee.work_contact_id
        )
        summary = self._summary(outsider)
        self.assertEqual(
            summary.headline,
            f"The pay distribution of {self.company.name} is shown to its member-owners "
            "and managers.",
        )
        self.assertFalse(summary.ratio or summary.line_ids or summary.chart)
        with self.assertRaises(AccessError):
            self.env["coop.pay.equity"].with_user(outsider).coop_pay_distribution()
