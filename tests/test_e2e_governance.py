"""One member, one vote over JSON-RPC: members vote on the demo's open
proposal, the secretary closes it, anyone verifies the sealed record."""

import json
from datetime import datetime, timedelta, timezone

import pytest

from .odoo_rpc import Rpc, RpcError


def verified(rpc, model, record_id):
    """The lines of the notification the Verify button shows."""
    result = rpc(model, "action_verify", [record_id])
    assert (result["tag"], result["params"]["type"]) == ("display_notification", "success")
    return result["params"]["message"].splitlines()


def test_members_vote_and_the_record_verifies(odoo_server, admin, member):
    daniel = Rpc(odoo_server.url, odoo_server.db, "daniel", "daniel")
    associate = Rpc(odoo_server.url, odoo_server.db, "associate", "associate")
    (proposal,) = member(
        "coop.proposal",
        "search_read",
        [("name", "=", "Adopt a four-day week")],
        fields=["state", "roll_count"],
    )
    assert proposal["state"] == "open"
    receipt = member("coop.proposal", "action_cast", [proposal["id"]], choice="yes")
    assert len(receipt) == 16
    daniel("coop.proposal", "action_cast", [proposal["id"]], choice="yes")
    # An associate is not a member-owner: not on the roll.
    with pytest.raises(RpcError) as error:
        associate("coop.proposal", "action_cast", [proposal["id"]], choice="no")
    assert error.value.kind == "AccessError"
    # Members cannot close a vote; the secretary (admin) can, with a reason.
    with pytest.raises(RpcError) as error:
        member("coop.proposal", "action_close", [proposal["id"]])
    assert error.value.kind == "AccessError"
    with pytest.raises(RpcError, match="closing it early needs"):
        admin("coop.proposal", "action_close", [proposal["id"]])
    admin("coop.proposal", "write", [proposal["id"]], {"early_close_reason": "Test run"})
    admin("coop.proposal", "action_close", [proposal["id"]])
    (closed,) = admin(
        "coop.proposal",
        "read",
        [proposal["id"]],
        fields=["state", "adopted", "result_summary", "chain_hash"],
    )
    assert closed["state"] == "closed"
    assert len(closed["chain_hash"]) == 64
    assert verified(member, "coop.proposal", proposal["id"]) == [
        f"Adopt a four-day week: a roll of {proposal['roll_count']} voters and 2 counted "
        "ballots match the sealed result."
    ]
    published = member(
        "coop.ballot.published",
        "search_read",
        [("proposal_id", "=", proposal["id"])],
        fields=["receipt", "content"],
    )
    assert receipt in {b["receipt"] for b in published}


def test_the_demo_secret_vote_is_sealed(member):
    (proposal,) = member(
        "coop.proposal",
        "search_read",
        [("secret", "=", True), ("state", "=", "closed")],
        fields=["adopted", "result_summary", "name", "roll_count"],
    )
    assert proposal["adopted"] is True  # 2 of 3 reaches two thirds
    assert "Quorum met" in proposal["result_summary"]
    assert verified(member, "coop.proposal", proposal["id"]) == [
        f"{proposal['name']}: a roll of {proposal['roll_count']} voters and 3 counted "
        "ballots match the sealed result."
    ]
    ballots = member(
        "coop.ballot.published",
        "search_read",
        [("proposal_id", "=", proposal["id"])],
        fields=["membership_id", "receipt"],
    )
    assert len(ballots) == 3
    assert not any(b["membership_id"] for b in ballots)  # secret: nobody named
    # Neither the member who cast a ballot nor when can be read from it.
    with pytest.raises(RpcError) as error:
        member("coop.ballot", "search_read", [], fields=["receipt"])
    assert error.value.kind == "AccessError"


def test_the_demo_past_assembly_has_approved_minutes(admin, member):
    (meeting,) = member(
        "coop.meeting",
        "search_read",
        [("name", "=", "Annual general assembly 2026")],
        fields=["state", "minutes_state", "item_ids", "attending_count", "event_id"],
    )
    assert (meeting["state"], meeting["minutes_state"]) == ("closed", "approved")
    assert meeting["attending_count"] == 3
    assert meeting["event_id"][0] == admin.ref("coop_therapy.event_agm_2026")
    agenda = member(
        "coop.meeting.item", "read", meeting["item_ids"], fields=["name", "proposal_id"]
    )
    (secret_vote,) = [item["proposal_id"][0] for item in agenda if item["proposal_id"]]
    (proposal,) = member("coop.proposal", "read", [secret_vote], fields=["secret", "state"])
    assert proposal == {"id": secret_vote, "secret": True, "state": "closed"}
    lines = verified(member, "coop.meeting", meeting["id"])
    assert lines[-1] == "Annual general assembly 2026: the approved minutes are unchanged."
    assert any(line.startswith("Keep the pay ratio cap at 3:1 for 2027: ") for line in lines)


def _at(days=0, hours=0):
    moment = datetime.now(timezone.utc).replace(tzinfo=None) + timedelta(days=days, hours=hours)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def test_a_whole_assembly(odoo_server, admin, member):  # noqa: PLR0915 - one assembly, in order
    """Notice, attendance, proxy, votes (a motion and an election), close,
    verify, minutes approved by vote and downloaded by a member."""
    daniel = Rpc(odoo_server.url, odoo_server.db, "daniel", "daniel")
    priya = Rpc(odoo_server.url, odoo_server.db, "priya", "priya")
    associate = Rpc(odoo_server.url, odoo_server.db, "associate", "associate")
    maya_id = admin.ref("coop_therapy.membership_maya")
    daniel_id = admin.ref("coop_therapy.membership_daniel")
    priya_id = admin.ref("coop_therapy.membership_priya")
    grace_id = admin.ref("coop_therapy.membership_grace")

    # The co-op's bylaws let a member hold one proxy at general assemblies.
    rules = admin(
        "coop.decision.type",
        "create",
        {
            "name": "General assembly (one proxy per member)",
            "code": "assembly_proxy",
            "quorum_basis": "members",
            "quorum_ratio": 0.5,
            "threshold_basis": "cast",
            "threshold_ratio": 0.5,
            "notice_min_days": 10,
            "notice_max_days": 90,
            "proxies_allowed": True,
            "proxy_cap": 1,
        },
    )
    items = [
        (0, 0, {"sequence": 1, "name": "A sliding-scale fee policy"}),
        (0, 0, {"sequence": 2, "name": "Elect two stewards"}),
    ]
    too_soon = admin(
        "coop.meeting",
        "create",
        {"name": "Hasty assembly", "decision_type_id": rules, "date_start": _at(days=3)},
    )
    with pytest.raises(RpcError, match="at least 10 days' notice"):
        admin("coop.meeting", "action_send_notice", [too_soon])

    # Notice: on the calendar with every member who may vote.
    meeting = admin(
        "coop.meeting",
        "create",
        {
            "name": "Extraordinary assembly",
            "decision_type_id": rules,
            "date_start": _at(days=12),
            "item_ids": items,
        },
    )
    admin("coop.meeting", "action_send_notice", [meeting])
    (noticed,) = member("coop.meeting", "read", [meeting], fields=["state", "event_id"])
    assert noticed["state"] == "noticed"
    (event,) = member("calendar.event", "read", [noticed["event_id"][0]], fields=["partner_ids"])
    partners = admin(
        "coop.membership", "read", [maya_id, daniel_id, priya_id], fields=["partner_id"]
    )
    assert {p["partner_id"][0] for p in partners} <= set(event["partner_ids"])
    motion_item, election_item = admin(
        "coop.meeting.item", "search", [("meeting_id", "=", meeting)], order="sequence"
    )

    # Proxy: Priya cannot come and gives hers to Daniel (not to herself,
    # nor to an associate who may not vote).
    with pytest.raises(RpcError, match="cannot hold their own proxy"):
        priya("coop.meeting.attendance", "coop_give_proxy", meeting, priya_id)
    with pytest.raises(RpcError, match="member who may vote"):
        priya("coop.meeting.attendance", "coop_give_proxy", meeting, grace_id)
    with pytest.raises(RpcError, match="Only a member who may vote"):
        associate("coop.meeting.attendance", "coop_give_proxy", meeting, daniel_id)
    priya("coop.meeting.attendance", "coop_give_proxy", meeting, daniel_id)
    # Attendance: Maya in the room, Daniel online (with Priya's proxy).
    for membership, mode in ((maya_id, "present"), (daniel_id, "online")):
        admin(
            "coop.meeting.attendance",
            "create",
            {"meeting_id": meeting, "membership_id": membership, "mode": mode},
        )
    (quorum,) = member(
        "coop.meeting",
        "read",
        [meeting],
        fields=["quorum_met", "attending_count", "eligible_count", "quorum_text"],
    )
    assert quorum["quorum_met"], quorum["quorum_text"]
    assert quorum["attending_count"] == quorum["eligible_count"] == 3

    admin("coop.meeting", "action_open", [meeting])
    with pytest.raises(RpcError, match="until the meeting opens"):
        priya("coop.meeting.attendance", "coop_revoke_my_proxy", meeting)

    # The motion, moved and seconded, on the agenda; the votes.
    motion = admin(
        "coop.proposal",
        "create",
        {
            "name": "Adopt the sliding-scale fee policy",
            "decision_type_id": rules,
            "mover_id": maya_id,
            "seconder_id": daniel_id,
            "date_close": _at(hours=3),
        },
    )
    election = admin(
        "coop.proposal",
        "create",
        {
            "name": "Stewards 2027",
            "decision_type_id": rules,
            "method": "stv",
            "seats": 2,
            "secret": True,
            "date_close": _at(hours=3),
            "option_ids": [(0, 0, {"name": name}) for name in ("Ana", "Ben", "Cleo")],
        },
    )
    admin("coop.meeting.item", "write", [motion_item], {"proposal_id": motion})
    admin("coop.meeting.item", "write", [election_item], {"proposal_id": election})
    admin("coop.proposal", "action_open", [motion, election])

    member("coop.proposal", "action_cast", [motion], choice="yes")
    daniel("coop.proposal", "action_cast", [motion], choice="yes")
    with pytest.raises(RpcError, match="You gave your proxy"):
        priya("coop.proposal", "action_cast", [motion], choice="no")
    with pytest.raises(RpcError, match="You hold no proxy"):
        member("coop.proposal", "action_cast", [motion], choice="no", on_behalf_of=priya_id)
    daniel("coop.proposal", "action_cast", [motion], choice="no", on_behalf_of=priya_id)
    (running,) = member("coop.proposal", "read", [motion], fields=["running_count"])
    assert running["running_count"] == "3 of 3 have voted. Yes: 2, No: 1"

    ana, ben, cleo = (
        o["id"]
        for o in admin(
            "coop.proposal.option", "search_read", [("proposal_id", "=", election)], order="id"
        )
    )
    with pytest.raises(RpcError, match="cannot rank a candidate twice"):
        member("coop.proposal", "action_cast", [election], ranking=[ana, ana])
    receipts = {
        member("coop.proposal", "action_cast", [election], ranking=[ana, ben]),
        daniel("coop.proposal", "action_cast", [election], ranking=[ben, cleo]),
        daniel("coop.proposal", "action_cast", [election], ranking=[ana], on_behalf_of=priya_id),
    }
    (hidden,) = member("coop.proposal", "read", [election], fields=["running_count"])
    assert hidden["running_count"] is False  # a secret ballot shows no count while open

    # Close (early, with the chair's reason) and verify.
    for proposal in (motion, election):
        admin("coop.proposal", "action_close", [proposal], reason="Voted at the assembly")
    (motion_result, election_result) = admin(
        "coop.proposal", "read", [motion, election], fields=["adopted", "result_json"]
    )
    assert motion_result["adopted"] is True
    assert json.loads(motion_result["result_json"])["counts"]["yes"] == 2
    assert sorted(json.loads(election_result["result_json"])["elected"]) == sorted([ana, ben])
    ballots = member(
        "coop.ballot.published",
        "search_read",
        [("proposal_id", "=", motion)],
        fields=["membership_id", "proxy_holder_id", "display_content"],
    )
    by_proxy = [b for b in ballots if b["proxy_holder_id"]]
    assert [(b["membership_id"][0], b["proxy_holder_id"][0]) for b in by_proxy] == [
        (priya_id, daniel_id)
    ]
    assert by_proxy[0]["display_content"] == "No"
    secret_ballots = member(
        "coop.ballot.published",
        "search_read",
        [("proposal_id", "=", election)],
        fields=["receipt", "membership_id", "proxy_holder_id"],
    )
    assert {b["receipt"] for b in secret_ballots} == receipts
    assert not any(b["membership_id"] or b["proxy_holder_id"] for b in secret_ballots)
    with pytest.raises(RpcError, match="no more ballots"):
        member("coop.proposal", "action_cast", [motion], choice="no")

    # Minutes, approved by the members' vote, then locked.
    admin(
        "coop.meeting",
        "write",
        [meeting],
        {"minutes": "<p>The fee policy was adopted; Ana and Ben are stewards.</p>"},
    )
    admin("coop.meeting", "action_close", [meeting])
    approval = admin(
        "coop.proposal",
        "create",
        {
            "name": "Approve the minutes of the extraordinary assembly",
            "decision_type_id": rules,
            "action": "minutes",
            "meeting_id": meeting,
            "date_close": _at(days=2),
        },
    )
    admin("coop.proposal", "action_open", [approval])
    for voter in (member, daniel, priya):  # not on an agenda: Priya votes herself
        voter("coop.proposal", "action_cast", [approval], choice="yes")
    admin("coop.proposal", "action_close", [approval], reason="All have voted")
    (record,) = member("coop.meeting", "read", [meeting], fields=["minutes_state", "minutes_hash"])
    assert record["minutes_state"] == "approved"
    with pytest.raises(RpcError, match="Approved minutes are locked"):
        admin("coop.meeting", "write", [meeting], {"minutes": "<p>Rewritten.</p>"})
    lines = verified(member, "coop.meeting", meeting)
    assert lines[-2:] == [
        "Approve the minutes of the extraordinary assembly: a roll of 3 voters and 3 counted "
        "ballots match the sealed result.",
        "Extraordinary assembly: the approved minutes are unchanged.",
    ]

    response = priya.get(f"/my/votes/meeting/{meeting}/minutes")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_members_requisition_a_written_ballot(odoo_server, admin, member):
    daniel = Rpc(odoo_server.url, odoo_server.db, "daniel", "daniel")
    associate = Rpc(odoo_server.url, odoo_server.db, "associate", "associate")
    with pytest.raises(RpcError, match="Only a member who may vote today"):
        associate("coop.requisition", "coop_start", "Ballot on the fee scale", "ballot")
    requisition = member("coop.requisition", "coop_start", "Ballot on the fee scale", "ballot")
    with pytest.raises(RpcError, match="already has the signatures"):
        daniel("coop.requisition", "coop_sign", [requisition])
    (record,) = admin(
        "coop.requisition",
        "read",
        [requisition],
        fields=["state", "signed_count", "needed_count", "activity_ids"],
    )
    # California sample: 20% of the 3 members who may vote, rounded up: 1.
    assert (record["state"], record["signed_count"], record["needed_count"]) == ("reached", 1, 1)
    (activity,) = admin(
        "mail.activity", "read", record["activity_ids"], fields=["activity_type_id"]
    )
    assert "written ballot" in activity["activity_type_id"][1]
