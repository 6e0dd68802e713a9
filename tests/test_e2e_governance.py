"""One member, one vote over JSON-RPC: members vote on the demo's open
proposal, the secretary closes it, anyone verifies the sealed record."""

import pytest

from .odoo_rpc import Rpc, RpcError


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
    assert member("coop.proposal", "action_verify", [proposal["id"]]) is True
    published = member(
        "coop.ballot",
        "search_read",
        [("proposal_id", "=", proposal["id"]), ("counted", "=", True)],
        fields=["receipt", "content"],
    )
    assert receipt in {b["receipt"] for b in published}


def test_the_demo_secret_vote_is_sealed(member):
    (proposal,) = member(
        "coop.proposal",
        "search_read",
        [("secret", "=", True), ("state", "=", "closed")],
        fields=["adopted", "result_summary"],
    )
    assert proposal["adopted"] is True  # 2 of 3 reaches two thirds
    assert "Quorum met" in proposal["result_summary"]
    assert member("coop.proposal", "action_verify", [proposal["id"]]) is True
    ballots = member(
        "coop.ballot",
        "search_read",
        [("proposal_id", "=", proposal["id"])],
        fields=["membership_id", "receipt"],
    )
    assert len(ballots) == 3
    assert not any(b["membership_id"] for b in ballots)  # secret: nobody named
