#!/usr/bin/env python3
"""Benchmark: member share capital against Odoo's own entry posting.

Run by hand (not in CI), after `make test` or `make run` prepared the
environment:

    .venv/bin/python bench/capital.py [--members 1000]

On a fresh copy of the template database with the four addons installed, it
confirms and pays the membership-share subscriptions of N members through the
product's batch paths (`action_confirm`, `action_post` on the payments), then
measures, in the same run and transaction, Odoo's own cost to create and post
the same number of entries (2 N) with one `account.move.create([...])` and one
`action_post()`. It prints both times, SQL query counts and the ratio, and
repeats the product's path for N / 5 members to show how its query count
grows with the number of members. The product posts one entry per batch (two
lines per member, each with the member's partner), so a third measurement
posts the same lines in that shape with Odoo's API alone.
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import coopctl  # noqa: E402


def measure(env, func):
    env.flush_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    result = func()
    env.flush_all()
    return result, time.perf_counter() - start, env.cr.sql_log_count - queries


def members(env, company, count, tag):
    partners = env["res.partner"].create([{"name": f"Bench {tag} {i}"} for i in range(count)])
    memberships = env["coop.membership"].create(
        [{"partner_id": p.id, "company_id": company.id, "state": "licensed"} for p in partners]
    )
    memberships._coop_transition("candidate")
    return memberships


def product_path(env, company, memberships):
    share_class = env["coop.share.class"]._coop_membership_class(company)
    today = env["coop.membership"]._fields["date_state"].default(env["coop.membership"])
    subscriptions = env["coop.share.subscription"].create(
        [
            {
                "membership_id": m.id,
                "company_id": company.id,
                "share_class_id": share_class.id,
                "date": today,
            }
            for m in memberships
        ]
    )

    def run():
        subscriptions.action_confirm()
        payments = env["coop.share.payment"].create(
            [
                {
                    "subscription_id": s.id,
                    "membership_id": s.membership_id.id,
                    "amount": s.amount,
                    "method": "bank",
                }
                for s in subscriptions
            ]
        )
        payments.action_post()
        return subscriptions

    done, seconds, queries = measure(env, run)
    assert all(done.mapped("is_paid")), "every subscription should be paid"
    return seconds, queries


def odoo_path(env, company, memberships):
    """The same entries, created and posted directly with Odoo's API."""
    journal = company.coop_capital_journal_id
    bank = company._coop_bank_journal()
    receivable = company.coop_account_subscription_id
    shares = company.coop_account_share_id
    vals = []
    for m in memberships:
        for journal_id, debit_account, credit_account in (
            (journal, receivable, shares),
            (bank, bank.default_account_id, receivable),
        ):
            vals.append(
                {
                    "move_type": "entry",
                    "journal_id": journal_id.id,
                    "company_id": company.id,
                    "partner_id": m.partner_id.id,
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "account_id": debit_account.id,
                                "partner_id": m.partner_id.id,
                                "debit": 1000.0,
                                "credit": 0.0,
                                "name": "bench",
                            },
                        ),
                        (
                            0,
                            0,
                            {
                                "account_id": credit_account.id,
                                "partner_id": m.partner_id.id,
                                "debit": 0.0,
                                "credit": 1000.0,
                                "name": "bench",
                            },
                        ),
                    ],
                }
            )

    def run():
        moves = env["account.move"].create(vals)
        moves.action_post()
        return moves

    moves, seconds, queries = measure(env, run)
    assert len(moves) == 2 * len(memberships)
    return seconds, queries


def odoo_batched_path(env, company, memberships):
    """The same lines in the product's shape: one subscription entry and one
    payment entry for the whole batch."""
    journal = company.coop_capital_journal_id
    bank = company._coop_bank_journal()
    receivable = company.coop_account_subscription_id
    shares = company.coop_account_share_id
    vals = []
    for journal_id, debit_account, credit_account in (
        (journal, receivable, shares),
        (bank, bank.default_account_id, receivable),
    ):
        lines = []
        for m in memberships:
            lines += [
                (
                    0,
                    0,
                    {
                        "account_id": debit_account.id,
                        "partner_id": m.partner_id.id,
                        "debit": 1000.0,
                        "credit": 0.0,
                        "name": "bench",
                        "analytic_distribution": False,
                    },
                ),
                (
                    0,
                    0,
                    {
                        "account_id": credit_account.id,
                        "partner_id": m.partner_id.id,
                        "debit": 0.0,
                        "credit": 1000.0,
                        "name": "bench",
                        "analytic_distribution": False,
                    },
                ),
            ]
        vals.append(
            {
                "move_type": "entry",
                "journal_id": journal_id.id,
                "company_id": company.id,
                "line_ids": lines,
            }
        )

    def run():
        moves = env["account.move"].create(vals)
        moves.action_post()
        return moves

    _moves, seconds, queries = measure(env, run)
    return seconds, queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1000)
    args = parser.parse_args()
    with coopctl.scratch_env() as env:
        company = env.ref("base.main_company")
        n = args.members
        small = max(1, n // 5)
        product_small = product_path(env, company, members(env, company, small, "s"))
        product_seconds, product_queries = product_path(env, company, members(env, company, n, "p"))
        odoo_seconds, odoo_queries = odoo_path(env, company, members(env, company, n, "o"))
        batched_seconds, batched_queries = odoo_batched_path(
            env, company, members(env, company, n, "b")
        )
        print(f"members: {n} (and {small} for the scaling check)")
        print(
            f"product: confirm + pay {n} subscriptions (2 batch entries, {4 * n} lines): "
            f"{product_seconds:.2f} s, {product_queries} queries"
        )
        print(
            f"odoo:    account.move.create + action_post of {2 * n} entries: "
            f"{odoo_seconds:.2f} s, {odoo_queries} queries"
        )
        print(
            f"odoo:    the same {4 * n} lines in 2 batch entries (the product's shape): "
            f"{batched_seconds:.2f} s, {batched_queries} queries"
        )
        print(f"ratio product / odoo (time): {product_seconds / odoo_seconds:.2f}")
        print(f"ratio product / odoo, same shape (time): {product_seconds / batched_seconds:.2f}")
        print(f"ratio product / odoo (queries): {product_queries / odoo_queries:.2f}")
        print(
            f"product queries for {small} members: {product_small[1]}; for {n}: "
            f"{product_queries} (x{product_queries / max(product_small[1], 1):.2f} "
            f"for x{n / small:.0f} members)"
        )


if __name__ == "__main__":
    main()
