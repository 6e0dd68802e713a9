"""The member register over JSON-RPC, as a co-op admin's and a member's
scripts would use it, against a real Odoo server."""

import datetime
import re

import pytest

from .odoo_rpc import RpcError

DEMO = {
    "member": {"Maya Okafor", "Daniel Reyes", "Priya Natarajan", "Samuel Cohen"},
    "candidate": {"Lena Fischer", "Omar Haddad"},
    "licensed": {"Hannah Berg"},
    "associate": {"Grace Kim", "Tomás Alvarez", "Iris Moreno"},
    "former": {"Robert Lane"},
}


def subscribe(admin, membership_id, **vals):
    """A confirmed membership-share subscription, as the admin makes it."""
    (membership,) = admin("coop.membership", "read", [membership_id], fields=["company_id"])
    (share_class,) = admin(
        "coop.share.class",
        "search_read",
        [("kind", "=", "membership"), ("company_id", "=", membership["company_id"][0])],
        fields=["price"],
    )
    values = {"membership_id": membership_id, "share_class_id": share_class["id"]}
    values.update(vals)
    subscription_id = admin("coop.share.subscription", "create", values)
    admin("coop.share.subscription", "action_confirm", [subscription_id])
    return subscription_id


def memberships(rpc, domain=(), fields=("name", "state", "register_number")):
    return rpc("coop.membership", "search_read", list(domain), fields=list(fields))


def by_name(rpc, name):
    rows = memberships(rpc, [("name", "=", name)], fields=["name", "state", "register_number"])
    assert len(rows) == 1, rows
    return rows[0]


def test_the_demo_co_op_is_served(admin):
    rows = memberships(admin)  # this module's own database: the demo's alone
    found = {}
    for row in rows:
        found.setdefault(row["state"], set()).add(row["name"])
    assert found == DEMO
    numbers = [r["register_number"] for r in rows if r["state"] in ("member", "former")]
    assert all(re.fullmatch(r"M-\d{4}", n) for n in numbers)
    assert len(set(numbers)) == len(numbers) == 5
    assert not any(r["register_number"] for r in rows if r["state"] not in ("member", "former"))


def test_an_admin_walks_a_worker_to_membership_and_out(admin):
    partner_id = admin("res.partner", "create", {"name": "Rowan E2E"})
    employee_id = admin(
        "hr.employee", "create", {"name": "Rowan E2E", "work_contact_id": partner_id}
    )
    start = (admin.today() - datetime.timedelta(days=250)).isoformat()
    membership_id = admin(
        "coop.membership",
        "create",
        {
            "employee_id": employee_id,
            "candidacy_hours_manual": 700,
            "date_work_start": start,
        },
    )
    for action in ("action_to_licensed", "action_to_candidate"):
        admin("coop.membership", action, [membership_id])
    subscribe(admin, membership_id)
    admin("coop.membership", "action_to_member", [membership_id])
    (record,) = admin(
        "coop.membership",
        "read",
        [membership_id],
        fields=["state", "register_number", "partner_id", "date_member"],
    )
    assert record["state"] == "member"
    assert record["partner_id"][0] == partner_id
    assert re.fullmatch(r"M-\d{4}", record["register_number"])
    assert record["date_member"] == admin.today().isoformat()

    wizard_id = admin(
        "coop.membership.exit.wizard",
        "create",
        {"membership_id": membership_id, "reason": "resigned", "note": "Moved away"},
    )
    admin("coop.membership.exit.wizard", "action_confirm", [wizard_id])
    (record,) = admin(
        "coop.membership",
        "read",
        [membership_id],
        fields=["state", "exit_reason", "date_exit", "register_number"],
    )
    assert record["state"] == "former"
    assert record["exit_reason"] == "resigned"
    history = admin(
        "coop.membership.transition",
        "search_read",
        [("membership_id", "=", membership_id)],
        fields=["from_state", "to_state", "user_id", "date"],
        order="id",
    )
    assert [(h["from_state"], h["to_state"]) for h in history] == [
        (False, "associate"),
        ("associate", "licensed"),
        ("licensed", "candidate"),
        ("candidate", "member"),
        ("member", "former"),
    ]
    assert {h["user_id"][0] for h in history} == {admin.uid}
    (employee,) = admin("hr.employee", "read", [employee_id], fields=["coop_membership_state"])
    assert employee["coop_membership_state"] == "former"


def _count(admin, domain=()):
    return admin("coop.membership", "search_count", list(domain))


def test_bad_input_is_refused_with_a_sentence_and_nothing_is_written(admin):
    maya = by_name(admin, "Maya Okafor")
    grace = by_name(admin, "Grace Kim")
    omar = by_name(admin, "Omar Haddad")
    (maya_full,) = admin("coop.membership", "read", [maya["id"]], fields=["partner_id"])
    total = _count(admin)
    transitions = admin("coop.membership.transition", "search_count", [])

    with pytest.raises(RpcError, match="already has an open membership") as error:
        admin("coop.membership", "create", {"partner_id": maya_full["partner_id"][0]})
    assert error.value.kind == "ValidationError"

    with pytest.raises(RpcError, match="cannot go from Associate") as error:
        admin("coop.membership", "action_to_member", [grace["id"]])
    assert error.value.kind == "UserError"

    with pytest.raises(RpcError, match="does not meet the co-op's candidacy rule"):
        admin("coop.membership", "action_to_member", [omar["id"]])

    with pytest.raises(RpcError, match="cannot be typed or changed by hand"):
        admin("coop.membership", "write", [maya["id"]], {"register_number": "M-9999"})

    with pytest.raises(RpcError, match="changes only through the co-op's own actions"):
        admin("coop.membership", "write", [grace["id"]], {"state": "member"})

    company_id = admin("res.company", "create", {"name": "Elsewhere Practice"})
    stranger = admin("res.partner", "create", {"name": "Stranger E2E", "company_id": company_id})
    with pytest.raises(RpcError, match="belongs to the company Elsewhere Practice"):
        admin("coop.membership", "create", {"partner_id": stranger})

    # Nothing of any refused call was written.
    assert _count(admin) == total
    assert admin("coop.membership.transition", "search_count", []) == transitions
    assert by_name(admin, "Maya Okafor") == maya
    assert by_name(admin, "Grace Kim") == grace
    assert by_name(admin, "Omar Haddad") == omar
    assert _count(admin, [("partner_id", "=", stranger)]) == 0


def test_a_member_reads_only_their_own_membership(admin, member):
    rows = memberships(member)
    assert [r["name"] for r in rows] == ["Maya Okafor"]
    assert rows[0]["state"] == "member"
    daniel = by_name(admin, "Daniel Reyes")
    with pytest.raises(RpcError) as error:
        member("coop.membership", "read", [daniel["id"]], fields=["state"])
    assert error.value.kind == "AccessError"
    with pytest.raises(RpcError) as error:
        member("coop.membership", "write", [rows[0]["id"]], {"candidacy_hours_manual": 1})
    assert error.value.kind == "AccessError"
    with pytest.raises(RpcError) as error:
        member(
            "coop.membership.exit.wizard",
            "create",
            {"membership_id": rows[0]["id"], "reason": "resigned"},
        )
    assert error.value.kind == "AccessError"
    with pytest.raises(RpcError) as error:
        member("coop.membership", "action_withdraw_candidacy", [rows[0]["id"]])
    assert error.value.kind == "AccessError"
    assert memberships(member) == rows


def test_voters_today_come_from_the_register(admin, member):
    voters = memberships(admin, [("is_voter_today", "=", True)])
    names = {v["name"] for v in voters}
    # Samuel is suspended; candidates, associates, Robert (former) and Rowan
    # (who left in a test above) do not vote.
    assert names == {"Maya Okafor", "Daniel Reyes", "Priya Natarajan"}
    (own,) = member("coop.membership", "search_read", [], fields=["is_voter_today"])
    assert own["is_voter_today"] is True
    types = member("coop.decision.type", "search_read", [], fields=["code", "quorum_ratio"])
    assert {"ordinary", "admission", "expulsion"} <= {t["code"] for t in types}
    with pytest.raises(RpcError) as error:
        member("coop.decision.type", "write", [types[0]["id"]], {"quorum_ratio": 0.1})
    assert error.value.kind == "AccessError"
