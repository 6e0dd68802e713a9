#!/usr/bin/env python3
"""Benchmark: concurrent voting over HTTP, and tallies.

Run by hand (not in CI), after `make test` or `make run` prepared the
environment:

    .venv/bin/python bench/voting.py [--voters 200] [--threads 20]

1. On a fresh copy of the template database with the four addons installed, it
   creates N member-owners with logins and opens a proposal, then starts Odoo
   with 2 worker processes on a free loopback port. N members cast their
   ballot concurrently over JSON-RPC (bounded: N requests, a 300 s limit),
   then the same N members each make a trivial authenticated write (their
   own signature), measured the same way in the same run. It checks that no
   ballot was lost or duplicated and prints both throughputs.
2. Tallies 10,000 ballots (yes / no and ranked choice over 5 candidates)
   with the pure functions, then closes a proposal holding 10,000 ballots
   through the ORM, with its SQL query count.
3. Instant runoff over the 105,928 ballots of the 2017 Minneapolis mayoral
   election (../shared/elections/, read under the city's rules): our count
   and pyrankvote's (a plain-Python library, a benchmark-only dependency in
   requirements.txt) on the same ballots in the same run, best of 3 each,
   and their ratio. `--irv-only` runs this part alone (no database).
"""

import argparse
import concurrent.futures
import datetime
import importlib.metadata
import json
import random
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import coopctl  # noqa: E402


def setup(name, voters):
    import odoo
    from odoo import fields

    with coopctl.odoo_registry(name).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env["ir.config_parameter"].set_param("password.hashing.rounds", "1000")
        company = env.ref("base.main_company")
        today = fields.Date.context_today(env["coop.membership"])
        partners = env["res.partner"].create([{"name": f"Voter {i}"} for i in range(voters)])
        # Admitted the way the co-op admits: candidacy, the voting share, admission.
        members = env["coop.membership"].create(
            [
                {
                    "partner_id": p.id,
                    "state": "licensed",
                    "candidacy_hours_manual": 700,
                    "date_work_start": "2019-01-01",
                }
                for p in partners
            ]
        )
        members._coop_transition("candidate", date="2020-01-01")
        share_class = env["coop.share.class"]._coop_membership_class(company)
        subscriptions = env["coop.share.subscription"].create(
            [
                {
                    "membership_id": m.id,
                    "company_id": company.id,
                    "share_class_id": share_class.id,
                    "date": "2020-01-01",
                    "first_due_date": "2020-01-01",
                }
                for m in members
            ]
        )
        subscriptions.action_confirm()
        env["coop.share.payment"].create(
            [
                {
                    "subscription_id": s.id,
                    "membership_id": s.membership_id.id,
                    "amount": s.amount,
                    "date": "2020-01-01",
                    "method": "payroll",
                }
                for s in subscriptions
            ]
        ).action_post()
        members._coop_transition("member", date="2020-01-01")
        env["res.users"].with_context(no_reset_password=True).create(
            [
                {
                    "login": f"voter{i}",
                    "password": f"voter{i}",
                    "partner_id": p.id,
                    "groups_id": [(6, 0, [env.ref("base.group_user").id])],
                }
                for i, p in enumerate(partners)
            ]
        )
        proposal = env["coop.proposal"].create(
            {
                "name": "Bench vote",
                "company_id": company.id,
                "decision_type_id": env["coop.decision.type"]
                .search([("company_id", "=", company.id), ("code", "=", "ordinary")])
                .id,
                "record_date": today,
                "date_close": fields.Datetime.now() + datetime.timedelta(days=11),
            }
        )
        proposal.action_open()
        cr.commit()
        return proposal.id


def sessions(url, db, voters):
    """One logged-in session per member (not measured: logging in hashes the
    password, 600,000 PBKDF2 rounds, whatever the request)."""
    result = []
    for index in range(voters):
        login = f"voter{index}"
        response = requests.post(
            f"{url}/web/session/authenticate",
            json={"jsonrpc": "2.0", "params": {"db": db, "login": login, "password": login}},
            timeout=60,
        )
        result.append((response.cookies["session_id"], response.json()["result"]["uid"]))
    return result


def call_kw(url, cookie, model, method, args, kwargs):
    response = requests.post(
        f"{url}/web/dataset/call_kw/{model}/{method}",
        json={
            "jsonrpc": "2.0",
            "params": {"model": model, "method": method, "args": args, "kwargs": kwargs},
        },
        cookies={"session_id": cookie},
        timeout=120,
    )
    payload = response.json()
    if "error" in payload:
        raise RuntimeError(payload["error"]["data"]["message"])
    return payload["result"]


def run_concurrently(cookies, threads, action):
    """Each session makes one request; bounded in count and in time."""
    start = time.perf_counter()
    errors = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=threads) as pool:
        futures = [pool.submit(action, *session) for session in cookies]
        for future in concurrent.futures.as_completed(futures, timeout=300):
            try:
                future.result()
            except Exception as exc:  # counted and reported
                errors.append(str(exc)[:120])
    return time.perf_counter() - start, errors


def concurrent_part(args):
    db, template = coopctl.prepare()
    name = "coop_bench_voting"
    db.clone(template, name)
    try:
        coopctl.install_ours(name, "bench-install.log")
        proposal_id = setup(name, args.voters)
        with coopctl.served(name, "bench-voting-server.log", workers=2) as (url, _version):
            report(args, name, url, proposal_id)
    finally:
        db.drop(name)


def report(args, name, url, proposal_id):
    """Cast the ballots and the trivial writes concurrently; print and check."""
    cookies = sessions(url, name, args.voters)

    def cast(cookie, _uid):
        return call_kw(
            url,
            cookie,
            "coop.proposal",
            "action_cast",
            [[proposal_id]],
            {"choice": random.choice(["yes", "no"])},
        )

    def trivial(cookie, uid):
        return call_kw(
            url, cookie, "res.users", "write", [[uid], {"signature": "<p>bench</p>"}], {}
        )

    vote_seconds, vote_errors = run_concurrently(cookies, args.threads, cast)
    write_seconds, write_errors = run_concurrently(cookies, args.threads, trivial)
    import psycopg2

    conn = psycopg2.connect(host=coopctl._hosts()[0], user=coopctl.db_user(), dbname=name)
    with conn, conn.cursor() as cr:
        cr.execute(
            "SELECT count(*), count(DISTINCT voter_token) FROM coop_ballot "
            "WHERE proposal_id = %s AND counted",
            [proposal_id],
        )
        ballots, distinct = cr.fetchone()
        cr.execute(
            "SELECT count(*) FROM coop_vote_roll WHERE proposal_id = %s AND voted",
            [proposal_id],
        )
        voted = cr.fetchone()[0]
    conn.close()
    accepted = args.voters - len(vote_errors)
    print(f"voters: {args.voters}, client threads: {args.threads}, Odoo workers: 2")
    print(
        f"ballots: {args.voters / vote_seconds:.1f} per second "
        f"({vote_seconds:.1f} s, {len(vote_errors)} errors {vote_errors[:3]})"
    )
    print(
        f"trivial authenticated write: {args.voters / write_seconds:.1f} per second "
        f"({write_seconds:.1f} s, {len(write_errors)} errors {write_errors[:3]})"
    )
    print(f"ratio ballots / trivial writes (throughput): {write_seconds / vote_seconds:.2f}")
    print(
        f"accepted ballots: {accepted}; counted: {ballots}, distinct voters: {distinct}, "
        f"roll marked voted: {voted}; lost: {accepted - ballots}, "
        f"duplicates: {ballots - distinct}"
    )


def tally_part():
    from odoo.addons.coop_governance.lib import tally

    rng = random.Random(7)
    ballots = [rng.choice(["yes", "no", "abstain"]) for _ in range(10000)]
    start = time.perf_counter()
    result = tally.yes_no(tally.Rules(), 10000, 10000, ballots)
    print(
        f"yes/no tally of 10,000 ballots: {time.perf_counter() - start:.4f} s, 0 queries "
        f"(adopted: {result.adopted})"
    )
    candidates = list("ABCDE")
    ranked = [rng.sample(candidates, rng.randint(1, 5)) for _ in range(10000)]
    start = time.perf_counter()
    result = tally.instant_runoff(tally.Rules(quorum_ratio=0), 10000, 10000, ranked, candidates)
    print(
        f"instant runoff of 10,000 ranked ballots, 5 candidates: "
        f"{time.perf_counter() - start:.3f} s, {len(result.rounds)} rounds"
    )
    start = time.perf_counter()
    result = tally.single_transferable_vote(
        tally.Rules(quorum_ratio=0), 10000, 10000, ranked, candidates, 3
    )
    print(f"STV (3 seats) of the same ballots: {time.perf_counter() - start:.3f} s")

    with coopctl.scratch_env() as env:
        from odoo import fields

        company = env.ref("base.main_company")
        proposal = env["coop.proposal"].create(
            {
                "name": "Bench tally",
                "company_id": company.id,
                "decision_type_id": env["coop.decision.type"]
                .search([("company_id", "=", company.id), ("code", "=", "ordinary")])
                .id,
                "date_close": fields.Datetime.now() + datetime.timedelta(days=11),
            }
        )
        proposal.action_open()
        env.flush_all()
        env.cr.execute(
            "INSERT INTO coop_ballot (proposal_id, voter_token, receipt, content, counted) "
            "SELECT %s, md5(i::text), md5('r' || i), %s, true FROM generate_series(1, 10000) i",
            [proposal.id, json.dumps({"choice": "yes"})],
        )
        env.invalidate_all()
        queries = env.cr.sql_log_count
        start = time.perf_counter()
        proposal.action_close(reason="bench")
        env.flush_all()
        print(
            f"closing a proposal with 10,000 ballots (tally, hashes, seal): "
            f"{time.perf_counter() - start:.2f} s, {env.cr.sql_log_count - queries} queries"
        )
        ballot_queries(env)


def ballot_queries(env):
    """SQL queries of one ballot cast in person and of one cast by proxy,
    on a proposal on the agenda of a meeting in session."""
    from odoo import fields

    company = env.ref("base.main_company")
    rules = env["coop.decision.type"].search(
        [("company_id", "=", company.id), ("code", "=", "ordinary")]
    )
    rules.write({"proxies_allowed": True, "proxy_cap": 1})
    meeting = env["coop.meeting"].create(
        {
            "name": "Bench assembly",
            "company_id": company.id,
            "decision_type_id": rules.id,
            "date_start": fields.Datetime.now() + datetime.timedelta(days=20),
            "item_ids": [(0, 0, {"name": "Bench motion"})],
        }
    )
    meeting.action_send_notice()
    maya, daniel, priya = (
        env.ref(xmlid)
        for xmlid in (
            "coop_therapy.user_member",
            "coop_therapy.user_daniel",
            "coop_therapy.user_priya",
        )
    )
    holder = env.ref("coop_therapy.membership_daniel")
    env["coop.meeting.attendance"].with_user(priya).coop_give_proxy(meeting.id, holder.id)
    meeting.action_open()
    proposal = env["coop.proposal"].create(
        {
            "name": "Bench motion",
            "company_id": company.id,
            "decision_type_id": rules.id,
            "date_close": fields.Datetime.now() + datetime.timedelta(days=1),
        }
    )
    meeting.item_ids.proposal_id = proposal
    proposal.action_open()
    grantor = env.ref("coop_therapy.membership_priya").id
    # What a served worker keeps between requests (not any one member's).
    env["ir.config_parameter"].sudo().get_param("database.secret")
    for label, user, kwargs in (
        ("in person", maya, {}),
        ("by proxy", daniel, {"on_behalf_of": grantor}),
    ):
        env.flush_all()
        env.invalidate_all()
        queries = env.cr.sql_log_count
        proposal.with_user(user).action_cast(choice="yes", **kwargs)
        env.flush_all()
        print(f"one ballot cast {label}: {env.cr.sql_log_count - queries} queries")


def irv_part(repeat=3):
    """Instant runoff over a real election's ballots: ours against pyrankvote."""
    import pyrankvote

    from odoo.modules import module
    from odoo.tools import config

    if str(ROOT / "addons") not in config["addons_path"]:
        config.parse_config(["--addons-path", coopctl.addons_path()])
    module.initialize_sys_path()
    from odoo.addons.coop_governance.lib import ballot_reading, tally

    path = ROOT.parent / "shared" / "elections" / "2017_minneapolis_mayor.json"
    election = json.loads(path.read_text(encoding="utf-8"))
    reading = ballot_reading.rules_from_rctab(election["rules"])
    rankings = []  # one list per ballot, as the app gives them
    for marks, number in election["ballots"]:
        ranking = ballot_reading.read_ballot(marks, reading)
        rankings.extend(list(ranking) for _ in range(number))
    candidates = [*election["candidates"], ballot_reading.UNDECLARED_WRITE_IN]
    people = {c: pyrankvote.Candidate(c) for c in candidates}
    their_ballots = [pyrankvote.Ballot([people[c] for c in r]) for r in rankings]

    def ours():
        everyone = tally.Rules(quorum_ratio=0)
        result = tally.instant_runoff(everyone, len(rankings), len(rankings), rankings, candidates)
        return result.elected[0]

    def theirs():
        result = pyrankvote.instant_runoff_voting(list(people.values()), their_ballots)
        return result.get_winners()[0].name

    times = {ours: [], theirs: []}
    winners = {}
    for _ in range(repeat):  # interleaved, best of each
        for count in (ours, theirs):
            start = time.perf_counter()
            winners[count] = count()
            times[count].append(time.perf_counter() - start)
    mine, peer = min(times[ours]), min(times[theirs])
    print(f"instant runoff, {election['election']}: {len(rankings):,} ballots, best of {repeat}")
    print(f"  ours: {mine:.3f} s (winner {winners[ours]})")
    version = importlib.metadata.version("pyrankvote")
    print(f"  pyrankvote {version}: {peer:.3f} s (winner {winners[theirs]})")
    print(f"  ratio pyrankvote / ours (time): {peer / mine:.1f}x")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=200)
    parser.add_argument("--threads", type=int, default=20)
    parser.add_argument("--irv-only", action="store_true", help="only part 3 (no database)")
    args = parser.parse_args()
    if not args.irv_only:
        concurrent_part(args)
        tally_part()
    irv_part()


if __name__ == "__main__":
    main()
