"""One co-op year end over JSON-RPC, as the real roles walk it: the year's
hours and business -> the patronage allocation computed and reviewed ->
the members' vote approving it -> posting -> each member's notice of
allocation -> the cash parts paid in one batch -> the 1099-PATR data of the
year of payment and its CSV -> a revolving redemption five years later ->
a member's exit with retained patronage left.

The ledger is checked at each step: the posted lines on 3300, 2300, 3200,
3210 and 2310 per member partner, the tranches, and the capital check. The
expected amounts are computed here from the inputs by the rules of
shared/domain/capital.md (largest-remainder cents, the cash part rounded
up), never read back from the product.

The co-op manager enters the year's hours as the register's dated hour
entries: each member's on a day of their membership in the year, and an
associate's. The opening balances of hours worked before dated entries (the
demo's "Hours before dated entries") belong to no year and count nowhere
here.
"""

import base64
import csv
import datetime
import io
import math
from collections import defaultdict
from fractions import Fraction

import pytest

from .odoo_rpc import Rpc, RpcError

CODES = ("3300", "2300", "3200", "3210", "2310")
MARGIN_TYPES = ("income", "income_other", "expense", "expense_depreciation", "expense_direct_cost")
RESERVE_RATE = Fraction(30, 100)
CASH_RATE = Fraction(20, 100)  # capital.md rule 5: at least 20% in cash
# The year's hours as members, entered by the co-op manager (xml id -> hours).
YEAR_HOURS = {
    "membership_maya": "1742.5",
    "membership_daniel": "1618",
    "membership_priya": "1505.25",
    "membership_samuel": "1388",
    "membership_lena": "97.5",  # admitted during the year (today)
    "membership_robert": "1130.75",  # left during the year (demo: two months ago)
}
# Hours of workers who are not member-owners (non-member labour).
WORKER_HOURS = {"membership_grace": "812.5"}
FEES, COSTS = 26_341_738, 19_120_411  # the year's business, in cents
PASSWORD = "ledger-pass-1"


# ----------------------------------------------------------------------
# The rules, computed here (capital.md, "Year-end patronage allocation")
# ----------------------------------------------------------------------
def cents(amount):
    return round(amount * 100)


def half_away(value):
    """A Fraction of cents to whole cents, halves away from zero."""
    sign = -1 if value < 0 else 1
    return sign * math.floor(abs(value) + Fraction(1, 2))


def largest_remainder(total, weights):
    """``total`` cents split by ``weights`` ({key: Fraction}): quotas rounded
    down, the cents left one each to the largest remainders, ties by key
    (rule 4)."""
    whole = sum(weights.values())
    quotas = {key: Fraction(total) * weight / whole for key, weight in weights.items()}
    shares = {key: math.floor(quota) for key, quota in quotas.items()}
    left = total - sum(shares.values())
    order = sorted(quotas, key=lambda key: (-(quotas[key] - shares[key]), key))
    for key in order[:left]:
        shares[key] += 1
    assert sum(shares.values()) == total
    return shares


def cash_part(allocation):
    """At least 20% in cash, rounded up to the cent (rule 5)."""
    return math.ceil(allocation * CASH_RATE)


# ----------------------------------------------------------------------
# Reading the ledger and the register
# ----------------------------------------------------------------------
def ledger(rpc):
    """``{(code, partner id or False): cents}``: posted balances (debit -
    credit) of the member equity accounts, per partner."""
    accounts = rpc("account.account", "search_read", [("code", "in", CODES)], fields=["code"])
    code_of = {a["id"]: a["code"] for a in accounts}
    rows = rpc(
        "account.move.line",
        "search_read",
        [("account_id", "in", list(code_of)), ("parent_state", "=", "posted")],
        fields=["account_id", "partner_id", "balance"],
    )
    result = defaultdict(int)
    for row in rows:
        key = (code_of[row["account_id"][0]], row["partner_id"] and row["partner_id"][0])
        result[key] += cents(row["balance"])
    return result


def changes(before, after):
    """What moved on the ledger between two readings (zeros left out)."""
    keys = set(before) | set(after)
    moved = {key: after.get(key, 0) - before.get(key, 0) for key in keys}
    return {key: value for key, value in moved.items() if value}


def capital_check(rpc, date):
    """The capital check on ``date``: the register agrees with the ledger,
    account by account and member by member (capital.md rule 9)."""
    wizard = rpc("coop.capital.check.wizard", "create", {"date": date.isoformat()})
    (check,) = rpc(
        "coop.capital.check.wizard",
        "read",
        [wizard],
        fields=["difference", "mismatch_count", "line_ids"],
    )
    rows = rpc(
        "coop.capital.check.line",
        "read",
        check["line_ids"],
        fields=["kind", "account_id", "partner_id", "register", "ledger", "message"],
    )
    wrong = [row for row in rows if row["message"] or cents(row["ledger"] - row["register"])]
    assert wrong == [], "\n".join(str(row) for row in wrong)
    assert (check["difference"], check["mismatch_count"]) == (0.0, 0)
    kinds = {row["kind"] for row in rows}
    assert {"retained", "reserve", "equity"} <= kinds
    return rows


def tranches(rpc, domain):
    return rpc(
        "coop.patronage.tranche",
        "search_read",
        domain,
        fields=[
            "membership_id",
            "allocation_id",
            "year",
            "qualified",
            "amount",
            "amount_redeemed",
            "amount_remaining",
            "date_revolve",
            "state",
        ],
        order="id",
    )


def accountant_login(admin):
    """The co-op's accountant (the demo has none): the invoicing
    administrator, with the full accounting features shown."""
    partner = admin("res.partner", "create", {"name": "Alex Ledger"})
    admin(
        "res.users",
        "create",
        {
            "login": "ledger",
            "password": PASSWORD,
            "partner_id": partner,
            "groups_id": [
                (
                    6,
                    0,
                    [
                        admin.ref("account.group_account_manager"),
                        admin.ref("account.group_account_user"),
                    ],
                )
            ],
        },
    )
    return Rpc(admin.url, admin.db, "ledger", PASSWORD)


def year_members(admin, date_from, date_to):
    """The memberships that were member-owners during the year, with their
    first and last day as members in it (members who joined or left during
    the year included)."""
    rows = admin(
        "coop.membership",
        "search_read",
        [("date_member", "!=", False), ("date_member", "<=", date_to.isoformat())],
        fields=["name", "state", "date_member", "date_exit", "register_number", "partner_id"],
    )
    members = {}
    for row in rows:
        start = datetime.date.fromisoformat(row["date_member"])
        end = row["date_exit"] and datetime.date.fromisoformat(row["date_exit"])
        if end and end < date_from:
            continue
        row["period"] = (max(start, date_from), min(end, date_to) if end else date_to)
        members[row["id"]] = row
    return members


def signed_hours(admin, date_from, date_to):
    """{employee id: hours} of the signed licensure weeks between the dates."""
    logs = admin(
        "coop.hour.log",
        "search_read",
        [
            ("week_state", "=", "signed"),
            ("date", ">=", date_from.isoformat()),
            ("date", "<=", date_to.isoformat()),
        ],
        fields=["associate_id", "hours"],
    )
    hours = defaultdict(Fraction)
    for log in logs:
        hours[log["associate_id"][0]] += Fraction(str(log["hours"]))
    return hours


def to_millionths(hours):
    """Exact hours to the millionth of an hour (halves to even)."""
    return Fraction(round(hours * 10**6), 10**6)


def entered_hours(admin, date_from, date_to):
    """{membership id: hours} of the dated hour entries between the dates."""
    entries = admin(
        "coop.hour.entry",
        "search_read",
        [("date", ">=", date_from.isoformat()), ("date", "<=", date_to.isoformat())],
        fields=["membership_id", "hours"],
    )
    hours = defaultdict(Fraction)
    for entry in entries:
        hours[entry["membership_id"][0]] += Fraction(str(entry["hours"]))
    return hours


def worked_hours(admin, date_from, date_to):
    """{employee id: hours} of the other work the register counts: attended
    therapy sessions that count as hours worked and made no licensure log,
    and timesheets (coop_membership_timesheet)."""
    hours = defaultdict(Fraction)
    sessions = admin(
        "calendar.event",
        "search_read",
        [
            ("coop_session", "=", True),
            ("coop_state", "=", "attended"),
            ("coop_hour_log_id", "=", False),
            ("session_type_id.counts_worked", "=", True),
            ("start", ">=", f"{date_from.isoformat()} 00:00:00"),
            ("start", "<", f"{(date_to + datetime.timedelta(days=1)).isoformat()} 00:00:00"),
        ],
        fields=["clinician_id", "start", "stop"],
    )
    for row in sessions:
        if row["clinician_id"]:
            start, stop = (datetime.datetime.fromisoformat(row[key]) for key in ("start", "stop"))
            seconds = int((stop - start).total_seconds())
            hours[row["clinician_id"][0]] += Fraction(seconds, 3600)
    timesheets = admin(
        "account.analytic.line",
        "search_read",
        [
            ("project_id", "!=", False),
            ("employee_id", "!=", False),
            ("date", ">=", date_from.isoformat()),
            ("date", "<=", date_to.isoformat()),
        ],
        fields=["employee_id", "unit_amount"],
    )
    for row in timesheets:
        hours[row["employee_id"][0]] += Fraction(str(row["unit_amount"]))
    return hours


def decide(secretary, voters, rules, name):
    """A proposal of the kind of decision ``rules``, opened, voted yes by
    ``voters`` and closed adopted (coop_governance's own methods)."""
    close = datetime.datetime.now(datetime.UTC).replace(tzinfo=None) + datetime.timedelta(days=20)
    proposal = secretary(
        "coop.proposal",
        "create",
        {"name": name, "decision_type_id": rules, "date_close": f"{close:%Y-%m-%d %H:%M:%S}"},
    )
    secretary("coop.proposal", "action_open", [proposal])
    for voter in voters:
        receipt = voter("coop.proposal", "action_cast", [proposal], choice="yes")
        assert len(receipt) == 16
    secretary("coop.proposal", "action_close", [proposal], reason="Every voter has voted")
    (decision,) = secretary("coop.proposal", "read", [proposal], fields=["state", "adopted"])
    assert (decision["state"], decision["adopted"]) == ("closed", True)
    return proposal


def test_a_coop_year_end(odoo_server, admin, member):  # noqa: PLR0915 - one year, in order
    accountant = accountant_login(admin)
    daniel = Rpc(odoo_server.url, odoo_server.db, "daniel", "daniel")
    priya = Rpc(odoo_server.url, odoo_server.db, "priya", "priya")
    today = admin.today()
    (company,) = admin(
        "res.company",
        "read",
        [admin.ref("base.main_company")],
        fields=[
            "fiscalyear_last_month",
            "fiscalyear_last_day",
            "coop_revolve_years",
            "coop_patronage_decision_type_id",
        ],
    )
    assert (company["fiscalyear_last_month"], company["fiscalyear_last_day"]) == ("12", 31)
    year = today.year
    date_from, date_to = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    ids = {name: admin.ref(f"coop_therapy.{name}") for name in (*YEAR_HOURS, *WORKER_HOURS)}
    lena, priya_id = ids["membership_lena"], ids["membership_priya"]

    # ------------------------------------------------------------------
    # The year: Lena, a candidate, is admitted today and signs the consent
    # to qualified notices; the manager enters each member's hours; the
    # accountant books the year's fees and costs.
    # ------------------------------------------------------------------
    admin("coop.membership", "action_to_member", [lena])
    admin(
        "coop.patronage.consent",
        "create",
        {
            "membership_id": lena,
            "method": "agreement",
            "bylaw_version": "Consent agreement 2022",
            "date": today.isoformat(),
        },
    )
    members = year_members(admin, date_from, date_to)
    for name, hours in (*YEAR_HOURS.items(), *WORKER_HOURS.items()):
        if name in YEAR_HOURS and ids[name] not in members:
            continue  # Robert, when he left before this year began
        day = members[ids[name]]["period"][0] if name in YEAR_HOURS else today
        admin(
            "coop.hour.entry",
            "create",
            {
                "membership_id": ids[name],
                "date": day.isoformat(),
                "hours": float(hours),
                "description": f"Hours worked in {year}",
            },
        )
    margin_accounts = admin(
        "account.account",
        "search_read",
        [("account_type", "in", MARGIN_TYPES)],
        fields=["account_type"],
    )
    earlier = admin(
        "account.move.line",
        "search_read",
        [
            ("account_id", "in", [a["id"] for a in margin_accounts]),
            ("parent_state", "=", "posted"),
            ("date", ">=", date_from.isoformat()),
            ("date", "<=", date_to.isoformat()),
        ],
        fields=["balance"],
    )
    income = next(a["id"] for a in margin_accounts if a["account_type"] == "income")
    expense = next(a["id"] for a in margin_accounts if a["account_type"] == "expense")
    (misc,) = accountant("account.journal", "search", [("type", "=", "general")], limit=1)
    (bank,) = accountant(
        "account.journal", "search_read", [("type", "=", "bank")], fields=["default_account_id"]
    )[:1]
    bank_account = bank["default_account_id"][0]
    business = accountant(
        "account.move",
        "create",
        {
            "move_type": "entry",
            "journal_id": misc,
            "date": datetime.date(year, 6, 30).isoformat(),
            "ref": "Therapy fees and costs of the year",
            "line_ids": [
                (0, 0, {"name": "Fees", "account_id": income, "credit": FEES / 100}),
                (0, 0, {"name": "Fees", "account_id": bank_account, "debit": FEES / 100}),
                (0, 0, {"name": "Costs", "account_id": expense, "debit": COSTS / 100}),
                (0, 0, {"name": "Costs", "account_id": bank_account, "credit": COSTS / 100}),
            ],
        },
    )
    accountant("account.move", "action_post", [business])
    net_margin = FEES - COSTS - sum(cents(row["balance"]) for row in earlier)

    # What the allocation must find, computed from the register and the hours.
    robert = ids["membership_robert"]
    # The demo's members and Lena; Robert too, unless he left before this
    # year began (the demo has him leave two months before today).
    assert {ids[name] for name in YEAR_HOURS} - {robert} <= set(members)
    assert not {ids[name] for name in WORKER_HOURS} & set(members)
    leavers = {m for m, row in members.items() if row["state"] == "former"}
    assert leavers <= {robert}
    assert members[lena]["period"] == (today, date_to)  # joined during the year
    everyone = admin(
        "coop.membership",
        "search_read",
        [
            "|",
            ("date_work_start", "=", False),
            ("date_work_start", "<=", date_to.isoformat()),
            "|",
            ("date_exit", "=", False),
            ("date_exit", ">=", date_from.isoformat()),
        ],
        fields=["employee_id"],
    )
    logged_year = signed_hours(admin, date_from, date_to)
    entered_year = entered_hours(admin, date_from, date_to)
    employee = {row["id"]: row["employee_id"] and row["employee_id"][0] for row in everyone}
    other_year = worked_hours(admin, date_from, date_to)
    # Hours as the allocation shows them: to the millionth of an hour (a
    # session's hours are sixths and thirds).
    all_hours = to_millionths(
        sum(
            entered_year[m] + logged_year.get(employee[m], 0) + other_year.get(employee[m], 0)
            for m in employee
        )
    )
    hours, entered_of = {}, {}
    for membership_id, row in members.items():
        logged = signed_hours(admin, *row["period"]).get(employee[membership_id], 0)
        entered_of[membership_id] = entered_hours(admin, *row["period"]).get(membership_id, 0)
        other = worked_hours(admin, *row["period"]).get(employee[membership_id], 0)
        hours[membership_id] = to_millionths(entered_of[membership_id] + logged + other)
    for name, year_hours in YEAR_HOURS.items():
        if ids[name] in members:  # the hours the manager entered, in the period
            assert entered_of[ids[name]] == Fraction(year_hours)
    member_hours = sum(hours.values())
    non_member_hours = all_hours - member_hours
    assert non_member_hours > 0  # associates and candidates worked too
    member_margin = half_away(net_margin * member_hours / all_hours)
    own_reserve = half_away(member_margin * RESERVE_RATE)
    reserve = net_margin - member_margin + own_reserve
    pool = member_margin - own_reserve
    keys = {m: (row["register_number"], m) for m, row in members.items()}
    split = largest_remainder(pool, {keys[m]: hours[m] for m in members})
    allocation_of = {m: split[keys[m]] for m in members}
    cash_of = {m: cash_part(allocation_of[m]) for m in members}
    retained_of = {m: allocation_of[m] - cash_of[m] for m in members}
    qualified = {ids[n] for n in ("membership_maya", "membership_daniel", "membership_samuel")}
    qualified.add(lena)  # the demo's consents, and Lena's of today

    # ------------------------------------------------------------------
    # The allocation: prepared by the manager, computed by the accountant.
    # ------------------------------------------------------------------
    allocation = admin(
        "coop.patronage.allocation",
        "create",
        {
            "date_from": date_from.isoformat(),
            "date_to": date_to.isoformat(),
            "reserve_rate": 30.0,
            "cash_rate": 20.0,
        },
    )
    accountant("coop.patronage.allocation", "action_compute", [allocation])
    allocation_fields = [
        "state",
        "ledger_margin",
        "member_hours",
        "all_hours",
        "member_margin",
        "non_member_margin",
        "reserve_amount",
        "pool_amount",
        "cash_total",
        "retained_total",
        "line_ids",
        "move_id",
    ]
    (computed,) = accountant(
        "coop.patronage.allocation", "read", [allocation], fields=allocation_fields
    )
    assert computed["state"] == "computed"
    assert cents(computed["ledger_margin"]) == net_margin
    assert Fraction(str(computed["member_hours"])) == member_hours
    assert Fraction(str(computed["all_hours"])) == all_hours
    assert cents(computed["member_margin"]) == member_margin
    assert cents(computed["non_member_margin"]) == net_margin - member_margin
    assert cents(computed["reserve_amount"]) == reserve
    assert cents(computed["pool_amount"]) == pool
    assert cents(computed["cash_total"]) == sum(cash_of.values())
    assert cents(computed["retained_total"]) == sum(retained_of.values())
    line_fields = [
        "membership_id",
        "partner_id",
        "period_from",
        "period_to",
        "hours_counted",
        "qualified",
        "amount",
        "cash",
        "retained",
    ]
    lines = accountant("coop.patronage.line", "read", computed["line_ids"], fields=line_fields)
    line_of = {line["membership_id"][0]: line for line in lines}
    assert {
        m: (
            line["period_from"],
            line["period_to"],
            to_millionths(Fraction(str(line["hours_counted"]))),
            line["qualified"],
            cents(line["amount"]),
            cents(line["cash"]),
            cents(line["retained"]),
        )
        for m, line in line_of.items()
    } == {
        m: (
            members[m]["period"][0].isoformat(),
            members[m]["period"][1].isoformat(),
            hours[m],
            m in qualified,
            allocation_of[m],
            cash_of[m],
            retained_of[m],
        )
        for m in members
    }
    for m in members:  # at least 20% in cash, whatever the rounding
        assert cash_of[m] * 5 >= allocation_of[m]
    # The year's figures exercise both roundings: cents handed out by the
    # largest remainders, and cash parts rounded up.
    quotas = {m: Fraction(pool) * hours[m] / member_hours for m in members}
    assert sum(math.floor(q) for q in quotas.values()) < pool
    assert any(cash_of[m] * 5 > allocation_of[m] for m in members)
    partner = {m: row["partner_id"][0] for m, row in members.items()}

    # The lowest role tries to post or change the year, or her retained
    # patronage: refused (the guard's sentence first for a field only the
    # co-op's actions write), nothing written.
    maya = ids["membership_maya"]
    (maya_tranche,) = tranches(member, [("membership_id", "=", maya), ("state", "=", "open")])
    for kind, attempt in (
        ("AccessError", lambda: member("coop.patronage.allocation", "action_post", [allocation])),
        (
            "AccessError",
            lambda: member("coop.patronage.allocation", "action_compute", [allocation]),
        ),
        (
            "AccessError",
            lambda: member("coop.patronage.allocation", "write", [allocation], {"note": "Mine"}),
        ),
        (
            "AccessError",
            lambda: member("coop.patronage.line", "write", [line_of[maya]["id"]], {"cash": 1e6}),
        ),
        (
            "AccessError",
            lambda: member("coop.patronage.allocation", "write", [allocation], {"state": "posted"}),
        ),
        (
            "UserError",
            lambda: member(
                "coop.patronage.tranche",
                "write",
                [maya_tranche["id"]],
                {"amount_redeemed": maya_tranche["amount"]},
            ),
        ),
        (
            "UserError",
            lambda: member(
                "coop.patronage.tranche",
                "create",
                {"membership_id": maya, "allocation_id": allocation, "year": year, "amount": 1e6},
            ),
        ),
    ):
        with pytest.raises(RpcError) as error:
            attempt()
        assert error.value.kind == kind, error.value.message
    assert tranches(member, [("membership_id", "=", maya)]) == [maya_tranche]
    (unchanged,) = accountant(
        "coop.patronage.allocation", "read", [allocation], fields=allocation_fields
    )
    assert unchanged == computed
    assert accountant("coop.patronage.line", "read", computed["line_ids"], fields=line_fields) == (
        lines
    )
    assert tranches(admin, [("allocation_id", "=", allocation)]) == []

    # ------------------------------------------------------------------
    # The members' vote: no posting before an adopted decision of the kind
    # the bylaws name (coop_capital_governance).
    # ------------------------------------------------------------------
    with pytest.raises(RpcError, match="cannot be posted yet"):
        accountant("coop.patronage.allocation", "action_post", [allocation])
    proposal = decide(
        admin,
        (member, daniel, priya),
        company["coop_patronage_decision_type_id"][0],
        f"Approve the {year} patronage allocation",
    )
    before = ledger(admin)
    accountant("coop.patronage.allocation", "write", [allocation], {"proposal_id": proposal})
    accountant("coop.patronage.allocation", "action_post", [allocation])

    # ------------------------------------------------------------------
    # Posted: Dr current year earnings / Cr 3300, Cr 2300, Cr 3200 or 3210
    # per member; Robert, who has left, gets his retained part on 2310.
    # ------------------------------------------------------------------
    (posted,) = accountant(
        "coop.patronage.allocation", "read", [allocation], fields=["state", "move_id"]
    )
    assert posted["state"] == "posted"
    (move,) = accountant(
        "account.move", "read", [posted["move_id"][0]], fields=["date", "state", "amount_total"]
    )
    assert (move["date"], move["state"]) == (date_to.isoformat(), "posted")
    assert cents(move["amount_total"]) == net_margin
    expected = {("3300", False): -reserve}
    for m in members:
        expected[("2300", partner[m])] = -cash_of[m]
        # Robert has left: his retained part is owed to him on 2310.
        code = "2310" if m in leavers else "3200" if m in qualified else "3210"
        expected[(code, partner[m])] = -retained_of[m]
    assert changes(before, ledger(admin)) == expected
    year_tranches = tranches(admin, [("allocation_id", "=", allocation)])
    assert [
        (t["membership_id"][0], t["year"], t["qualified"], cents(t["amount"]), t["amount_redeemed"])
        for t in year_tranches
    ] == [
        (m, year, m in qualified, retained_of[m], 0.0)
        for m in sorted(members, key=lambda m: keys[m])
        if m not in leavers
    ]
    revolve_on = datetime.date(year + company["coop_revolve_years"], 12, 31)
    assert {t["date_revolve"] for t in year_tranches} == {revolve_on.isoformat()}
    redemptions = admin(
        "coop.share.redemption",
        "search_read",
        [("exit_move_id", "=", posted["move_id"][0])],
        fields=["membership_id", "amount", "state"],
    )
    assert {r["membership_id"][0] for r in redemptions} == leavers
    assert sum(cents(r["amount"]) for r in redemptions) == sum(retained_of[m] for m in leavers)
    capital_check(accountant, date_to)

    # ------------------------------------------------------------------
    # The notice of allocation: each member downloads their own; another
    # member's is not found.
    # ------------------------------------------------------------------
    maya_line = line_of[ids["membership_maya"]]["id"]
    response = member.get(f"/my/capital/notice/{maya_line}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert daniel.get(f"/my/capital/notice/{maya_line}").status_code == 404
    daniel_line = line_of[ids["membership_daniel"]]["id"]
    assert daniel.get(f"/my/capital/notice/{daniel_line}").content.startswith(b"%PDF-")
    assert member.get(f"/my/capital/notice/{daniel_line}").status_code == 404

    # ------------------------------------------------------------------
    # The cash parts, in one batch after the year end: Dr 2300 / Cr bank.
    # ------------------------------------------------------------------
    paid_on = datetime.date(year + 1, 3, 13)
    before = ledger(admin)
    wizard = accountant(
        "coop.patronage.payment.wizard",
        "create",
        {"allocation_id": allocation, "date": paid_on.isoformat()},
    )
    (batch,) = accountant(
        "coop.patronage.payment.wizard", "read", [wizard], fields=["amount", "member_count"]
    )
    assert (cents(batch["amount"]), batch["member_count"]) == (
        sum(cash_of.values()),
        len(members),
    )
    accountant("coop.patronage.payment.wizard", "action_confirm", [wizard])
    assert changes(before, ledger(admin)) == {("2300", partner[m]): cash_of[m] for m in members}
    (paid,) = accountant(
        "coop.patronage.allocation", "read", [allocation], fields=["cash_state", "cash_paid_total"]
    )
    assert (paid["cash_state"], cents(paid["cash_paid_total"])) == (
        "paid",
        sum(cash_of.values()),
    )
    payments = accountant(
        "account.payment",
        "search_read",
        [("date", "=", paid_on.isoformat()), ("journal_id", "=", bank["id"])],
        fields=["partner_id", "amount", "state"],
    )
    assert sorted((p["partner_id"][0], cents(p["amount"])) for p in payments) == sorted(
        (partner[m], cash_of[m]) for m in members
    )
    capital_check(accountant, paid_on)

    # ------------------------------------------------------------------
    # Form 1099-PATR of the calendar year of payment: box 1 = the cash paid.
    # The product dates a qualified notice by the allocation's entry (the
    # year end), so the retained parts count on the form of the year before.
    # ------------------------------------------------------------------
    by_name = sorted(members, key=lambda m: (members[m]["name"].lower(), partner[m]))
    form = accountant("coop.patronage.form1099", "create", {"year": year + 1})
    accountant("coop.patronage.form1099", "action_compute", [form])
    rows = accountant(
        "coop.patronage.form1099.line",
        "search_read",
        [("form_id", "=", form)],
        fields=["partner_id", "cash", "qualified", "box1", "box4", "box5"],
        order="id",
    )
    assert [
        (r["partner_id"][0], cents(r["cash"]), r["qualified"], cents(r["box1"]), r["box5"])
        for r in rows
    ] == [(partner[m], cash_of[m], 0.0, cash_of[m], 0.0) for m in by_name]
    action = accountant("coop.patronage.form1099", "action_export_csv", [form])
    download = accountant.get(action["url"])
    assert download.status_code == 200
    table = list(csv.reader(io.StringIO(download.content.decode())))
    assert table[0][:2] == ["Tax year", "Recipient name"]
    assert table[0][9:] == [
        "Box 1 Patronage dividends",
        "Box 4 Federal income tax withheld",
        "Box 5 Redemption of nonqualified notices",
    ]
    assert [(r[0], r[1], r[9], r[10], r[11]) for r in table[1:]] == [
        (str(year + 1), members[m]["name"], f"{cash_of[m] / 100:.2f}", "0.00", "0.00")
        for m in by_name
    ]
    (attachment,) = accountant("coop.patronage.form1099", "read", [form], fields=["attachment_id"])
    (stored,) = accountant("ir.attachment", "read", [attachment["attachment_id"][0]], ["datas"])
    assert base64.b64decode(stored["datas"]) == download.content

    # ------------------------------------------------------------------
    # Five years later: the board revolves the oldest retained patronage
    # with a budget; the tranche where it runs out is redeemed in part.
    # ------------------------------------------------------------------
    older = tranches(admin, [("state", "=", "open"), ("allocation_id", "!=", allocation)])
    assert {t["year"] for t in older} == {year - 1}  # the demo's year before
    assert all(t["date_revolve"] <= revolve_on.isoformat() for t in older)
    mine = sorted(year_tranches, key=lambda t: t["id"])
    first, second = mine[0], mine[1]
    assert (first["membership_id"][0], second["membership_id"][0]) == (
        ids["membership_maya"],
        ids["membership_daniel"],
    )
    third = mine[2]
    assert third["membership_id"][0] == priya_id
    part = 150_037  # of Priya's tranche of the year
    assert part < cents(third["amount"])
    full = [*older, first, second]
    budget = sum(cents(t["amount_remaining"]) for t in full) + part
    decided_on = datetime.date(year + company["coop_revolve_years"] + 1, 1, 12)
    revolved_on = datetime.date(decided_on.year, 1, 15)
    wizard = admin(
        "coop.patronage.revolving.wizard",
        "create",
        {
            "date_cutoff": revolve_on.isoformat(),
            "budget": budget / 100,
            "decision_date": decided_on.isoformat(),
            "decision_ref": f"Board minutes {decided_on.isoformat()}, item 4",
            "decision_note": "Revolve the oldest retained patronage within the budget.",
            "date": revolved_on.isoformat(),
        },
    )
    opened = admin("coop.patronage.revolving.wizard", "action_propose", [wizard])
    revolving = opened["res_id"]
    setting = "coop_revolving_decision_type_id"
    settings = {setting: False}
    if admin("res.company", "fields_get", [setting], attributes=["type"]):
        (settings,) = admin("res.company", "read", [admin.ref("base.main_company")], [setting])
    if settings[setting]:
        # Where the bylaws also name a kind of decision for revolving
        # (coop_capital_governance), the members decide the batch too.
        decision = decide(
            admin,
            (member, daniel, priya),
            settings[setting][0],
            f"Revolve retained patronage ({decided_on.isoformat()})",
        )
        admin("coop.patronage.revolving", "write", [revolving], {"proposal_id": decision})
    proposed = admin(
        "coop.patronage.revolving.line",
        "search_read",
        [("revolving_id", "=", revolving)],
        fields=["tranche_id", "amount"],
    )
    want = {t["id"]: cents(t["amount_remaining"]) for t in full}
    want[third["id"]] = part
    assert {r["tranche_id"][0]: cents(r["amount"]) for r in proposed} == want
    before = ledger(admin)
    accountant("coop.patronage.revolving", "action_post", [revolving])
    revolved = defaultdict(int)  # (code, partner) -> cents debited
    all_tranches = {t["id"]: t for t in older + mine}
    for tranche_id, amount in want.items():
        tranche = all_tranches[tranche_id]
        who = admin(
            "coop.membership", "read", [tranche["membership_id"][0]], fields=["partner_id"]
        )[0]["partner_id"][0]
        revolved[("3200" if tranche["qualified"] else "3210", who)] += amount
        revolved[("2310", who)] -= amount
    assert changes(before, ledger(admin)) == dict(revolved)
    after = {t["id"]: t for t in tranches(admin, [("id", "in", list(all_tranches))])}
    for tranche_id, tranche in all_tranches.items():
        taken = want.get(tranche_id, 0)
        left = cents(tranche["amount_remaining"]) - taken
        assert (
            cents(after[tranche_id]["amount_redeemed"]),
            cents(after[tranche_id]["amount_remaining"]),
            after[tranche_id]["state"],
        ) == (taken, left, "open" if left else "redeemed")
    capital_check(accountant, revolved_on)

    before = ledger(admin)
    wizard = accountant(
        "coop.patronage.revolving.pay.wizard",
        "create",
        {"revolving_id": revolving, "date": revolved_on.isoformat()},
    )
    accountant("coop.patronage.revolving.pay.wizard", "action_confirm", [wizard])
    assert changes(before, ledger(admin)) == {
        key: -amount for key, amount in revolved.items() if key[0] == "2310"
    }
    (done,) = admin("coop.patronage.revolving", "read", [revolving], fields=["state"])
    assert done["state"] == "paid"
    capital_check(accountant, revolved_on)

    # Redeeming non-qualified notices is reported in box 5 of that year.
    form = accountant("coop.patronage.form1099", "create", {"year": revolved_on.year})
    accountant("coop.patronage.form1099", "action_compute", [form])
    rows = accountant(
        "coop.patronage.form1099.line",
        "search_read",
        [("form_id", "=", form)],
        fields=["partner_id", "box1", "box5"],
    )
    box5 = sum(amount for t, amount in want.items() if not all_tranches[t]["qualified"])
    assert [(r["partner_id"][0], r["box1"], cents(r["box5"])) for r in rows] == [
        (partner[priya_id], 0.0, box5)
    ]

    # ------------------------------------------------------------------
    # Priya leaves with retained patronage left: her share and the rest of
    # her tranche move to redemption payable (Dr 3100, Dr 3210 / Cr 3105,
    # Cr 2310).
    # ------------------------------------------------------------------
    (register,) = admin(
        "coop.membership", "read", [priya_id], fields=["share_capital", "capital_due"]
    )
    left = cents(third["amount"]) - part
    wizard = admin(
        "coop.membership.exit.wizard",
        "create",
        {"membership_id": priya_id, "reason": "resigned"},
    )
    (shown,) = admin(
        "coop.membership.exit.wizard",
        "read",
        [wizard],
        fields=["retained_qualified", "retained_nonqualified", "retained_total"],
    )
    assert (shown["retained_qualified"], cents(shown["retained_nonqualified"])) == (0.0, left)
    before = ledger(admin)
    admin("coop.membership.exit.wizard", "action_confirm", [wizard])
    payout = cents(register["share_capital"]) - cents(register["capital_due"]) + left
    assert changes(before, ledger(admin)) == {
        ("3210", partner[priya_id]): left,
        ("2310", partner[priya_id]): -payout,
    }
    (gone,) = tranches(admin, [("id", "=", third["id"])])
    assert (cents(gone["amount_redeemed"]), gone["amount_remaining"], gone["state"]) == (
        cents(third["amount"]),
        0.0,
        "redeemed",
    )
    assert tranches(admin, [("membership_id", "=", priya_id), ("state", "=", "open")]) == []
    scheduled = admin(
        "coop.share.redemption",
        "search_read",
        [("membership_id", "=", priya_id), ("state", "=", "scheduled")],
        fields=["amount"],
    )
    assert sum(cents(r["amount"]) for r in scheduled) == payout
    final = ledger(admin)
    assert final[("3200", partner[priya_id])] == 0
    assert final[("3210", partner[priya_id])] == 0
    capital_check(accountant, revolved_on)
