"""One member sends the same vote form 20 times at once to a server with two
worker processes: one ballot is counted, every answer is the vote page
(with the receipt or with a sentence), and the server's log holds nothing
of a ballot (content, receipt, voter token) and no error."""

import concurrent.futures
import re
from datetime import datetime, timedelta, timezone

import coopctl
import pytest
import requests

from .odoo_rpc import session_cookie

LOG = "e2e-cast-concurrency-server.log"
REQUESTS = 20


@pytest.fixture(scope="module")
def two_workers(odoo_server):
    """A second server on the same database, with two worker processes."""
    with coopctl.served(odoo_server.db, LOG, workers=2) as (url, _version):
        yield url


def _open_proposal(admin, name, code, **rules):
    close = datetime.now(timezone.utc).replace(tzinfo=None) + timedelta(days=12)
    decision_type = admin(
        "coop.decision.type", "create", {"name": f"{name} (rules)", "code": code, **rules}
    )
    proposal = admin(
        "coop.proposal",
        "create",
        {
            "name": name,
            "decision_type_id": decision_type,
            "secret": True,
            "date_close": close.strftime("%Y-%m-%d %H:%M:%S"),
        },
    )
    admin("coop.proposal", "action_open", [proposal])
    return proposal


def _vote_at_once(url, db, proposal):
    """The member's page answers to REQUESTS simultaneous posts of the form."""
    cookies = {"session_id": session_cookie(url, db, "member", "member")}
    page = requests.get(f"{url}/my/votes/{proposal}", cookies=cookies, timeout=60)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def post(index):
        choice = ("yes", "no")[index % 2]
        return requests.post(
            f"{url}/my/votes/{proposal}",
            data={"csrf_token": token, "choice": choice},
            cookies=cookies,
            timeout=180,
        )

    with concurrent.futures.ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        return list(pool.map(post, range(REQUESTS)))


def _receipt(response):
    found = re.search(r"Receipt code: <strong>(\w+)</strong>", response.text)
    return found and found.group(1)


def _sentence(response):
    found = re.search(r'o_coop_vote_error">([^<]+)<', response.text)
    return found and found.group(1)


def _ballots(db, proposal):
    """The ballot table as the database holds it (nobody reads it over RPC
    while the vote is open)."""
    conn = coopctl._connect(coopctl.ensure_postgres(), coopctl.db_user(), db)
    try:
        with conn.cursor() as cr:
            cr.execute(
                "SELECT receipt, content, voter_token, counted FROM coop_ballot"
                " WHERE proposal_id = %s",
                [proposal],
            )
            columns = [column.name for column in cr.description]
            return [dict(zip(columns, row, strict=True)) for row in cr.fetchall()]
    finally:
        conn.close()


@pytest.mark.parametrize("change_allowed", [True, False], ids=["changes", "no-changes"])
def test_twenty_simultaneous_votes_by_one_member(odoo_server, admin, two_workers, change_allowed):
    log = coopctl.LOGS / LOG
    logged_before = len(log.read_text(errors="replace"))
    kind = "changes" if change_allowed else "no_changes"
    proposal = _open_proposal(
        admin, f"Simultaneous votes ({kind})", f"e2e_{kind}", ballot_change_allowed=change_allowed
    )
    responses = _vote_at_once(two_workers, odoo_server.db, proposal)

    assert [r.status_code for r in responses] == [200] * REQUESTS
    receipts = [_receipt(r) for r in responses if _receipt(r)]
    sentences = [_sentence(r) for r in responses if not _receipt(r)]
    assert None not in sentences, "every answer is the vote page, with a receipt or a sentence"
    if change_allowed:
        assert len(receipts) == REQUESTS, sentences
    else:
        assert len(receipts) == 1
        assert set(sentences) == {"You have voted already, and ballots cannot be changed."}

    ballots = _ballots(odoo_server.db, proposal)
    assert len(ballots) == len(receipts)
    assert sum(b["counted"] for b in ballots) == 1
    assert len({b["voter_token"] for b in ballots}) == 1

    logged = log.read_text(errors="replace")[logged_before:]
    assert " ERROR " not in logged
    assert '"choice"' not in logged
    for ballot in ballots:
        assert ballot["receipt"] not in logged
        assert ballot["voter_token"] not in logged
