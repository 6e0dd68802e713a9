"""Licensure over JSON-RPC: the associate logs a week, the supervisor signs
it, the associate reads their progress."""

import datetime

import pytest

from .odoo_rpc import Rpc, RpcError


@pytest.fixture(scope="module")
def associate(odoo_server):
    return Rpc(odoo_server.url, odoo_server.db, "associate", "associate")


def test_log_a_week_sign_it_and_read_progress(odoo_server, associate, member):
    (file,) = associate(
        "coop.licensure", "search_read", [], fields=["valid_hours", "pending_hours", "path_id"]
    )
    categories = {
        c["code"]: c["id"]
        for c in associate(
            "coop.license.category",
            "search_read",
            [("rule_id.path_id", "=", file["path_id"][0])],
            fields=["code"],
        )
    }
    (supervisor,) = associate(
        "coop.supervisor", "search_read", [("employee_id.name", "=", "Maya Okafor")], fields=["id"]
    )
    today = associate.today()
    # Her stored progress is up to date: the hours in her unsigned weeks so far.
    unsigned = associate(
        "coop.hour.log",
        "search_read",
        [("week_state", "!=", "signed"), ("date", "<=", today.isoformat())],
        fields=["hours"],
    )
    assert file["pending_hours"] == pytest.approx(sum(r["hours"] for r in unsigned))
    assert file["pending_hours"] >= 10.0
    # Last week, which the demo left unsigned (9 direct hours from her attended
    # sessions and 1 of supervision).
    monday = today - datetime.timedelta(days=today.weekday() + 7)
    entries = [
        (0, "direct", 6, False),
        (1, "direct_cfc", 6, False),
        (2, "nonclinical", 3, False),
        (3, "sup_individual", 1, supervisor["id"]),
        (3, "sup_triadic", 1, supervisor["id"]),
    ]
    ids = [
        associate(
            "coop.hour.log",
            "create",
            {
                "licensure_id": file["id"],
                "date": (monday + datetime.timedelta(days=day)).isoformat(),
                "setting": "Riverbend Clinic",
                "category_id": categories[code],
                "hours": hours,
                "supervisor_id": sup,
            },
        )
        for day, code, hours, sup in entries
    ]
    logs = associate("coop.hour.log", "read", ids, fields=["week_id"])
    week_id = logs[0]["week_id"][0]
    assert {log["week_id"][0] for log in logs} == {week_id}
    associate("coop.hour.week", "action_submit", [week_id])

    # The associate cannot sign their own week; their supervisor (Maya) can.
    with pytest.raises(RpcError) as error:
        associate("coop.hour.week", "action_sign", [week_id])
    assert error.value.kind == "AccessError"
    member("coop.hour.week", "action_sign", [week_id])
    (week,) = associate(
        "coop.hour.week", "read", [week_id], fields=["state", "total_hours", "supervision_ok"]
    )
    assert week == {"id": week_id, "state": "signed", "total_hours": 27.0, "supervision_ok": True}

    (after,) = associate("coop.licensure", "read", [file["id"]], fields=["valid_hours", "percent"])
    assert after["valid_hours"] == pytest.approx(file["valid_hours"] + 27.0)
    # Signed weeks are locked, even for the associate.
    with pytest.raises(RpcError, match="signed"):
        associate("coop.hour.log", "write", ids[:1], {"hours": 1})
    # Someone else (Priya, a member who supervises nobody) sees nothing of it.
    priya = Rpc(odoo_server.url, odoo_server.db, "priya", "priya")
    assert priya("coop.hour.log", "search_read", [("id", "in", ids)], fields=["hours"]) == []
    assert priya("coop.hour.week", "search_count", [("id", "=", week_id)]) == 0
    assert priya("coop.licensure", "search_read", [], fields=["name"]) == []
    with pytest.raises(RpcError) as error:
        priya("coop.hour.log", "read", ids, fields=["hours"])
    assert error.value.kind == "AccessError"
    # Her supervisor sees the files of the associates she supervises, and only those.
    supervised = member("coop.licensure", "search_read", [], fields=["name"])
    assert sorted(o["name"] for o in supervised) == ["Grace Kim", "Iris Moreno"]
