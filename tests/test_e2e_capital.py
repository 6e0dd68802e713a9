"""Member capital over JSON-RPC: subscription -> payment -> statement -> exit
-> redemption, checked against the general ledger."""

import datetime

import pytest

from .odoo_rpc import RpcError
from .test_e2e_register import by_name, memberships, subscribe


def ledger(admin, code, partner_id=None):
    """Balance (debit - credit) of the account with ``code``, posted entries."""
    (account,) = admin("account.account", "search_read", [("code", "=", code)], fields=["id"])
    domain = [("account_id", "=", account["id"]), ("parent_state", "=", "posted")]
    if partner_id:
        domain.append(("partner_id", "=", partner_id))
    rows = admin("account.move.line", "search_read", domain, fields=["balance"])
    return round(sum(r["balance"] for r in rows), 2)


def test_capital_from_subscription_to_redemption(admin):
    today = admin.today()
    partner_id = admin("res.partner", "create", {"name": "Quinn Capital E2E"})
    membership_id = admin(
        "coop.membership",
        "create",
        {
            "partner_id": partner_id,
            "state": "licensed",
            "candidacy_hours_manual": 800,
            "date_work_start": (today - datetime.timedelta(days=300)).isoformat(),
        },
    )
    admin("coop.membership", "action_to_candidate", [membership_id])
    shares_before = ledger(admin, "3100")

    # Subscription: 4 installments, confirmed -> Dr 3105 / Cr 3100.
    subscription_id = subscribe(admin, membership_id, mode="installments", installment_count=4)
    (subscription,) = admin(
        "coop.share.subscription",
        "read",
        [subscription_id],
        fields=["state", "amount", "move_id", "next_due_amount"],
    )
    assert subscription["state"] == "confirmed"
    assert subscription["amount"] == 1000.0
    assert ledger(admin, "3105", partner_id) == 1000.0
    assert ledger(admin, "3100", partner_id) == -1000.0
    admin("coop.membership", "action_to_member", [membership_id])

    # Payment by bank -> Dr bank / Cr 3105, reconciled.
    wizard_id = admin(
        "coop.share.payment.register",
        "create",
        {"subscription_id": subscription_id, "amount": 250.0, "method": "bank"},
    )
    admin("coop.share.payment.register", "action_confirm", [wizard_id])
    assert ledger(admin, "3105", partner_id) == 750.0
    (membership,) = admin(
        "coop.membership",
        "read",
        [membership_id],
        fields=["is_paid_up", "share_capital", "capital_due", "register_number"],
    )
    assert membership["is_paid_up"] is True
    assert (membership["share_capital"], membership["capital_due"]) == (1000.0, 750.0)

    # The capital statement as the admin prints it (a real PDF).
    response = admin.get(f"/report/pdf/coop_capital.report_capital_statement/{membership_id}")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    html = admin.get(f"/report/html/coop_capital.report_capital_statement/{membership_id}").text
    assert "Quinn Capital E2E" in html
    assert "750.00" in html  # balance due

    # The register and the ledger agree.
    check_id = admin("coop.capital.check.wizard", "create", {})
    (check,) = admin(
        "coop.capital.check.wizard", "read", [check_id], fields=["difference", "register_total"]
    )
    assert check["difference"] == 0.0
    # Membership shares on 3100, the demo's investment shares on 3110.
    assert check["register_total"] == round(-ledger(admin, "3100") - ledger(admin, "3110"), 2)

    # Exit: Dr 3100 1,000 / Cr 3105 750 (unpaid, cancelled) / Cr 2310 250.
    exit_id = admin(
        "coop.membership.exit.wizard",
        "create",
        {"membership_id": membership_id, "reason": "resigned"},
    )
    admin("coop.membership.exit.wizard", "action_confirm", [exit_id])
    assert ledger(admin, "3100", partner_id) == 0.0
    assert ledger(admin, "3105", partner_id) == 0.0
    assert ledger(admin, "2310", partner_id) == -250.0
    redemptions = admin(
        "coop.share.redemption",
        "search_read",
        [("membership_id", "=", membership_id)],
        fields=["amount", "state", "due_date"],
    )
    assert [(r["amount"], r["state"]) for r in redemptions] == [(250.0, "scheduled")]
    assert ledger(admin, "3100") == round(shares_before, 2)

    # Redemption paid -> Dr 2310 / Cr bank.
    # Paid over RPC with a date as text (YYYY-MM-DD).
    admin("coop.share.redemption", "action_pay", [redemptions[0]["id"]], date=today.isoformat())
    assert ledger(admin, "2310", partner_id) == 0.0
    (paid,) = admin("coop.share.redemption", "read", [redemptions[0]["id"]], fields=["state"])
    assert paid["state"] == "paid"
    holdings = admin(
        "coop.share.holding", "search_read", [("membership_id", "=", membership_id)], fields=["id"]
    )
    assert holdings == []


def capital_snapshot(admin):
    """What the database holds of member capital: every subscription, every
    installment, every journal entry, every holding and every membership state."""
    return {
        "subscriptions": admin(
            "coop.share.subscription",
            "search_read",
            [],
            fields=["name", "membership_id", "quantity", "amount", "state", "move_id"],
            order="id",
        ),
        "installments": admin(
            "coop.share.installment", "search_read", [], fields=["amount"], order="id"
        ),
        "moves": admin("account.move", "search_read", [], fields=["name", "state"], order="id"),
        "holdings": admin(
            "coop.share.holding", "search_read", [], fields=["quantity", "amount"], order="id"
        ),
        "memberships": memberships(admin, fields=["state", "register_number"]),
    }


def test_capital_bad_input_over_rpc_writes_nothing(admin):
    grace = by_name(admin, "Grace Kim")  # an associate
    maya = by_name(admin, "Maya Okafor")  # already holds her voting share
    before = capital_snapshot(admin)
    (share_class,) = admin(
        "coop.share.class", "search_read", [("kind", "=", "membership")], fields=["id"]
    )

    def draft(membership, **vals):
        values = {"membership_id": membership["id"], "share_class_id": share_class["id"]}
        return admin("coop.share.subscription", "create", dict(values, **vals))

    # A draft is the admin's working paper; confirming it is what is refused.
    drafts = [draft(grace), draft(maya)]
    with pytest.raises(RpcError, match="only candidates and member-owners subscribe") as error:
        admin("coop.share.subscription", "action_confirm", drafts[:1])
    assert error.value.kind == "UserError"
    with pytest.raises(RpcError, match="exactly one voting share"):
        admin("coop.share.subscription", "action_confirm", drafts[1:])
    with pytest.raises(RpcError, match="number of shares must be more than zero"):
        draft(maya, quantity=0)
    rows = admin(
        "coop.share.subscription", "read", drafts, fields=["state", "move_id", "installment_ids"]
    )
    assert [(r["state"], r["move_id"], r["installment_ids"]) for r in rows] == [
        ("draft", False, []),
        ("draft", False, []),
    ]
    admin("coop.share.subscription", "unlink", drafts)
    assert capital_snapshot(admin) == before


def test_member_reads_own_capital_only(admin, member):
    rows = member("coop.share.subscription", "search_read", [], fields=["membership_id", "amount"])
    assert {r["membership_id"][1] for r in rows} == {"Maya Okafor"}
    daniel = by_name(admin, "Daniel Reyes")
    theirs = admin("coop.share.subscription", "search", [("membership_id", "=", daniel["id"])])
    with pytest.raises(RpcError) as error:
        member("coop.share.subscription", "read", theirs, fields=["amount"])
    assert error.value.kind == "AccessError"
    # Names and wages: managers only (the demo co-op does not practise open
    # pay); members get the ratio and the anonymous distribution.
    assert member("coop.pay.equity", "search_read", [], fields=["wage"]) == []
    # The co-op's nine contracts (Odoo's own demo contracts in the company
    # have ended: res.company._coop_demo_set_aside_odoo_demo).
    assert admin("coop.pay.equity", "search_count", []) == 9
    distribution = member("coop.pay.equity", "coop_pay_distribution")
    assert distribution["hourly_rates"] == [
        23.08, 24.23, 30.0, 31.15, 32.31, 33.46, 34.62, 35.77, 37.5,
    ]  # fmt: skip
    assert distribution["ratio"] == pytest.approx(37.5 / 23.08)  # highest / lowest
    assert "Maya" not in str(distribution)
