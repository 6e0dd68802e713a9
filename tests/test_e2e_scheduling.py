"""Scheduling over JSON-RPC, log once and count twice: a scheduler books a
session for the demo associate (Grace Kim), she marks it attended, her
licensure hour log and progress grow by the session's hours; cancelled, they
go back. What the buttons do cannot be written by hand."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from .odoo_rpc import Rpc, RpcError

CLINIC_TZ = ZoneInfo("America/Los_Angeles")  # the demo clinic's and Grace's time zone
MINUTES = 60  # CPT 90837, "Psychotherapy, 60 minutes"


@pytest.fixture(scope="module")
def associate(odoo_server):
    return Rpc(odoo_server.url, odoo_server.db, "associate", "associate")


@pytest.fixture(scope="module")
def scheduler(odoo_server, admin):
    """A user who is a scheduler and nothing more."""
    groups = [admin.ref("base.group_user"), admin.ref("coop_therapy.group_coop_scheduler")]
    admin(
        "res.users",
        "create",
        {
            "name": "Sam Scheduler",
            "login": "e2e_scheduler",
            "password": "e2e_scheduler_pw",
            "groups_id": [(6, 0, groups)],
        },
    )
    return Rpc(odoo_server.url, odoo_server.db, "e2e_scheduler", "e2e_scheduler_pw")


def utc(day, hour):
    local = datetime.datetime.combine(day, datetime.time(hour), tzinfo=CLINIC_TZ)
    return local.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")


def progress(associate, file_id, week_start):
    (file,) = associate(
        "coop.licensure", "read", [file_id], fields=["logged_hours", "pending_hours"]
    )
    weeks = associate(
        "coop.hour.week",
        "search_read",
        [("licensure_id", "=", file_id), ("week_start", "=", week_start.isoformat())],
        fields=["direct_hours", "state"],
    )
    return {
        "logged": file["logged_hours"],
        "pending": file["pending_hours"],
        "week_direct": sum(w["direct_hours"] for w in weeks),
        "week_states": sorted({w["state"] for w in weeks}),
    }


def refused_by_hand(associate, session_id, log_id, category_id):
    """The log follows the session, never a hand: plain writes are refused."""
    for values in ({"hours": 8}, {"category_id": category_id}):
        with pytest.raises(RpcError, match="come from attended therapy sessions"):
            associate("coop.hour.log", "write", [log_id], values)
    with pytest.raises(RpcError, match="come from attended therapy sessions"):
        associate("coop.hour.log", "unlink", [log_id])
    # Nor can the session let go of its log (the hours would stay behind).
    with pytest.raises(RpcError) as error:
        associate("calendar.event", "write", [session_id], {"coop_hour_log_id": False})
    assert error.value.kind == "AccessError"
    (unchanged,) = associate("coop.hour.log", "read", [log_id], fields=["hours"])
    assert unchanged["hours"] == MINUTES / 60


def test_book_attend_log_and_cancel(admin, associate, scheduler):
    grace = admin.ref("coop_therapy.employee_grace")
    client = admin.ref("coop_therapy.client_14")  # one of Grace's clients
    room = admin.ref("coop_therapy.room_cedar")
    session_type = admin.ref("coop_therapy.session_type_90837")
    (file,) = associate("coop.licensure", "search_read", [], fields=["employee_id"])
    assert file["employee_id"][0] == grace
    # Last week's Thursday at 10:00 in the clinic: past (so it can be
    # attended), in a week the demo left unsigned, and free for Grace, her
    # client and the Cedar room (the demo books them Monday to Wednesday).
    today = associate.today()
    monday = today - datetime.timedelta(days=today.weekday() + 7)
    thursday = monday + datetime.timedelta(days=3)
    before = progress(associate, file["id"], monday)
    assert before["week_states"] in ([], ["draft"], ["submitted"])

    session_id = scheduler(
        "calendar.event",
        "create",
        {
            "clinician_id": grace,
            "client_ids": [(6, 0, [client])],
            "room_id": room,
            "session_type_id": session_type,
            "start": utc(thursday, 10),
            "stop": utc(thursday, 11),
        },
    )
    (session,) = associate(
        "calendar.event",
        "read",
        [session_id],
        fields=["name", "coop_state", "coop_hour_log_id", "privacy"],
    )
    code = scheduler("coop.client", "read", [client], fields=["code"])[0]["code"]
    assert session == {
        "id": session_id,
        "name": f"Session \N{EN DASH} {code}",
        "coop_state": "scheduled",
        "coop_hour_log_id": False,
        "privacy": "confidential",
    }

    # The associate may not write what only the buttons set.
    with pytest.raises(RpcError) as error:
        associate("calendar.event", "write", [session_id], {"coop_state": "attended"})
    assert error.value.kind == "AccessError"
    (state,) = associate("calendar.event", "read", [session_id], fields=["coop_state"])
    assert state["coop_state"] == "scheduled"
    assert progress(associate, file["id"], monday) == before

    # Attended: the hour log of that day, week and direct bucket, and the progress.
    associate("calendar.event", "action_mark_attended", [session_id])
    (session,) = associate(
        "calendar.event", "read", [session_id], fields=["coop_state", "coop_hour_log_id"]
    )
    assert session["coop_state"] == "attended"
    log_id = session["coop_hour_log_id"][0]
    (log,) = associate(
        "coop.hour.log",
        "read",
        [log_id],
        fields=["date", "week_id", "category_id", "kind", "hours", "source", "licensure_id"],
    )
    week = associate("coop.hour.week", "read", [log["week_id"][0]], ["week_start"])[0]
    bucket = associate("coop.license.category", "read", [log["category_id"][0]], ["code"])[0]
    assert (log["date"], week["week_start"], bucket["code"], log["kind"]) == (
        thursday.isoformat(),
        monday.isoformat(),
        "direct",
        "direct",
    )
    assert (log["hours"], log["source"], log["licensure_id"][0]) == (
        MINUTES / 60,
        "session",
        file["id"],
    )
    after = progress(associate, file["id"], monday)
    grown = {k: before[k] + MINUTES / 60 for k in ("logged", "pending", "week_direct")}
    assert {k: after[k] for k in grown} == pytest.approx(grown)

    refused_by_hand(associate, session_id, log_id, log["category_id"][0])

    # Cancelled: the log it made is gone and the progress is back.
    associate("calendar.event", "action_cancel_session", [session_id])
    (session,) = associate(
        "calendar.event", "read", [session_id], fields=["coop_state", "coop_hour_log_id"]
    )
    assert session == {"id": session_id, "coop_state": "cancelled", "coop_hour_log_id": False}
    assert associate("coop.hour.log", "search_count", [("id", "=", log_id)]) == 0
    back = progress(associate, file["id"], monday)
    figures = ("logged", "pending", "week_direct")
    assert {k: back[k] for k in figures} == pytest.approx({k: before[k] for k in figures})
    # And the cancelled state cannot be written back by hand either.
    with pytest.raises(RpcError) as error:
        associate("calendar.event", "write", [session_id], {"coop_state": "attended"})
    assert error.value.kind == "AccessError"
