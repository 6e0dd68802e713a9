"""Installing the suite into an existing Odoo 18 database, and uninstalling it.

The database looks like a small practice before our addons arrive: two
companies (one in the US with l10n_us, one on the generic chart, each with
Odoo 18's generic chart of accounts), time off, projects with timesheets,
sales, employees, a posted invoice, and an equity account of the practice's
own coded 3100 like our membership shares account. No demo data.
"""

import hashlib

import pytest

from . import odoo_db
from .odoo_db import coopctl

PRACTICE_MODULES = ("l10n_us", "hr_holidays", "project", "hr_timesheet", "sale_management")

PRACTICE_SETUP = """
us = env.ref("base.main_company")
us.write({"name": "Riverside Counseling LLC", "country_id": env.ref("base.us").id})
assert us.chart_template == "generic_coa", us.chart_template
other = env["res.company"].create({"name": "Lakeside Therapy", "currency_id": us.currency_id.id})
env["account.chart.template"].try_loading("generic_coa", other, install_demo=False)
admin = env.ref("base.user_admin")
admin.company_ids |= other
own = env["account.account"].with_company(us).create({
    "code": "3100", "name": "Owner contributions", "account_type": "equity",
    "company_ids": [(6, 0, [us.id])],
})
for company, names in ((us, ["Ana Ruiz", "Ben Ortiz", "Cleo Park"]), (other, ["Dev Shah"])):
    for name in names:
        env["hr.employee"].create({"name": name, "company_id": company.id})
session = env["product.product"].create({
    "name": "Therapy session (50 min)", "type": "service", "list_price": 150.0,
})
client = env["res.partner"].create({"name": "A client", "company_id": us.id})
order = env["sale.order"].with_company(us).create({
    "partner_id": client.id, "company_id": us.id,
    "order_line": [(0, 0, {"product_id": session.id, "product_uom_qty": 2})],
})
order.action_confirm()
invoice = env["account.move"].with_company(us).create({
    "move_type": "out_invoice", "partner_id": client.id, "company_id": us.id,
    "invoice_line_ids": [(0, 0, {"product_id": session.id, "quantity": 2, "price_unit": 150.0})],
})
invoice.action_post()
project = env["project.project"].with_company(us).create({
    "name": "Client sessions", "company_id": us.id, "allow_timesheets": True,
})
env["account.analytic.line"].with_company(us).create({
    "name": "Intake", "project_id": project.id, "unit_amount": 1.0,
    "employee_id": env["hr.employee"].search([("name", "=", "Ana Ruiz")]).id,
})
env.cr.commit()
result({"invoice": invoice.id, "own_account": own.id})
"""

# What the practice has, before and after our addons come and go.
PRACTICE_STATE = """
us = env.ref("base.main_company")
other = env["res.company"].search([("name", "=", "Lakeside Therapy")])
invoice = env["account.move"].search([("move_type", "=", "out_invoice")])
own = env["account.account"].with_company(us).search(
    [("name", "=", "Owner contributions"), ("company_ids", "in", us.id)]
)
state = {
    "companies": [us.id, other.id],
    "invoice": [(m.name, m.state, m.amount_total, m.company_id.id) for m in invoice],
    "invoice_lines": sorted(
        (l.account_id.id, l.debit, l.credit) for l in invoice.line_ids
    ),
    "own_account": [(a.id, a.code, a.name, a.account_type, a.company_ids.ids) for a in own],
    "employees": sorted((e.name, e.company_id.id) for e in env["hr.employee"].search([])),
    "timesheets": env["account.analytic.line"].search_count([("project_id", "!=", False)]),
    "orders": [(o.name, o.state) for o in env["sale.order"].search([])],
    "accounts": {},
}
for company in (us, other):
    accounts = env["account.account"].with_company(company).search(
        [("company_ids", "in", company.id)]
    )
    state["accounts"][company.name] = sorted(
        (a.code, a.name, a.account_type) for a in accounts
    )
result(state)
"""

CAPITAL_STATE = """
Account = env["account.account"]
companies = {}
for company in env["res.company"].search([]):
    accounts = Account.with_company(company).search([("company_ids", "in", company.id)])
    codes = [a.code for a in accounts]
    fields = [name for name in company._fields if name.startswith("coop_account_")]
    companies[company.name] = {
        "duplicate_codes": sorted({c for c in codes if codes.count(c) > 1}),
        "capital_accounts": {
            name: [
                company[name].id,
                company[name].with_company(company).code,
                company[name].name,
                company[name].company_ids.ids,
            ]
            for name in sorted(fields)
        },
        "journal": [
            company.coop_capital_journal_id.id, company.coop_capital_journal_id.company_id.id
        ],
        "share_classes": env["coop.share.class"].search_count([("company_id", "=", company.id)]),
    }
result(companies)
"""


def build_practice(name):
    odoo_db.odoo(
        ["-d", name, "-i", ",".join(PRACTICE_MODULES), "--without-demo", "all"],
        "existing-practice-template.log",
    )
    odoo_db.shell(name, PRACTICE_SETUP, "existing-practice-setup.log")


@pytest.fixture(scope="module")
def practice():
    """A copy of the practice's template with our addons installed; yields
    the database name and the practice's state before they came."""
    db, _template = coopctl.prepare()
    template = odoo_db.cached_template(
        db,
        "coop_tpl_practice",
        PRACTICE_MODULES,
        build_practice,
        [hashlib.sha1(PRACTICE_SETUP.encode()).hexdigest()],
    )
    name = odoo_db.scratch_name("coop_existing")
    db.clone(template, name)
    try:
        before = odoo_db.shell(name, PRACTICE_STATE, "existing-before.log")
        odoo_db.odoo(
            ["-d", name, "-i", ",".join(coopctl.OUR_MODULES), "--without-demo", "all"],
            "existing-install.log",
        )
        yield name, before
    finally:
        db.drop(name)


def test_the_practice_keeps_everything_it_had(practice):
    name, before = practice
    after = odoo_db.shell(name, PRACTICE_STATE, "existing-after-install.log")
    for key in ("companies", "invoice", "invoice_lines", "own_account", "employees"):
        assert after[key] == before[key], key
    assert after["timesheets"] == before["timesheets"] > 0
    assert after["orders"] == before["orders"]
    assert before["invoice"][0][1] == "posted"
    for company, accounts in before["accounts"].items():
        # The practice's accounts are all still there, unchanged.
        assert set(map(tuple, accounts)) <= set(map(tuple, after["accounts"][company])), company


def test_each_company_gets_its_own_capital_set_up_without_duplicate_codes(practice):
    name, before = practice
    companies = odoo_db.shell(name, CAPITAL_STATE, "existing-capital.log")
    assert set(companies) == {"Riverside Counseling LLC", "Lakeside Therapy"}
    ids = dict(
        zip(("Riverside Counseling LLC", "Lakeside Therapy"), before["companies"], strict=True)
    )
    seen_accounts, seen_journals = set(), set()
    for company, found in companies.items():
        assert found["duplicate_codes"] == [], company
        assert found["share_classes"] == 1, company  # the membership share
        journal, journal_company = found["journal"]
        assert journal and journal_company == ids[company], company
        seen_journals.add(journal)
        for field, (account_id, code, _name, company_ids) in found["capital_accounts"].items():
            assert account_id, f"{company}: {field} is not set"
            assert code, f"{company}: {field} has no code"
            assert company_ids == [ids[company]], f"{company}: {field} is shared"
            seen_accounts.add(account_id)
    assert len(seen_journals) == 2
    assert len(seen_accounts) == sum(len(c["capital_accounts"]) for c in companies.values())


def test_an_account_of_the_practice_is_never_taken_over(practice):
    """The practice's own 3100 "Owner contributions" holds the owners' money:
    member share capital must not be posted into it. Rule: an account of the
    company that our set-up did not create is never reused, renamed or
    retyped; ours is created beside it under a free code."""
    name, before = practice
    companies = odoo_db.shell(name, CAPITAL_STATE, "existing-capital-own.log")
    own_id = before["own_account"][0][0]
    us = companies["Riverside Counseling LLC"]
    used = {field: acc for field, acc in us["capital_accounts"].items() if acc[0] == own_id}
    assert not used, (
        f"The practice's own account 3100 'Owner contributions' (id {own_id}) was taken "
        f"as the co-op's {', '.join(used)}: member capital would be posted into it."
    )


UNINSTALL = """
module = env["ir.module.module"].search([("name", "=", {module!r})])
assert module.state == "installed", module.state
module.button_immediate_uninstall()
result("done")
"""

LEFT_BEHIND = """
Module = env["ir.module.module"]
result({
    "states": {m.name: m.state for m in Module.search([("name", "in", MODULES)])},
    "models": env["ir.model"].search([("model", "=like", "coop.%")]).mapped("model"),
    "fields": env["ir.model.fields"].search([("name", "=like", "coop_%")]).mapped("name"),
    "menus": env["ir.ui.menu"].with_context(active_test=False).search_count(
        [("name", "=like", "Co-op%")]
    ),
})
"""


def test_every_addon_uninstalls_cleanly_in_reverse_dependency_order(practice):
    name, before = practice
    modules = list(coopctl.OUR_MODULES)
    for module in reversed(modules):
        odoo_db.shell(name, UNINSTALL.format(module=module), f"existing-uninstall-{module}.log")
        left = odoo_db.shell(
            name, LEFT_BEHIND.replace("MODULES", repr(modules)), "existing-left.log"
        )
        assert left["states"][module] == "uninstalled", left["states"]
    assert left["models"] == [], left["models"]
    assert left["fields"] == [], left["fields"]
    after = odoo_db.shell(name, PRACTICE_STATE, "existing-after-uninstall.log")
    for key in ("companies", "invoice", "invoice_lines", "own_account", "employees", "orders"):
        assert after[key] == before[key], key
