#!/usr/bin/env python3
"""Benchmark: licensure progress over a large hour log.

Run by hand (not in CI), after `make test` or `make run` prepared the
environment:

    .venv/bin/python bench/licensure.py [--clinicians 200] [--years 5]

On a fresh copy of the template database with the four addons installed, it
writes the daily logs of N associates over Y years (about 500,000 lines for
200 x 5: two lines a working day, signed weeks) straight into PostgreSQL,
then measures, with SQL query counts:
- one associate's progress (the pure calculation over their ~2,600 lines);
- loading the progress list of all associates (what the list and kanban read);
- refreshing the stored progress of all associates (the daily job).
"""

import argparse
import datetime
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import coopctl  # noqa: E402


def measure(env, func):
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    result = func()
    return result, time.perf_counter() - start, env.cr.sql_log_count - queries


def populate(env, clinicians, years):
    from psycopg2.extras import execute_values

    path = env.ref("coop_therapy.license_path_ca_amft")
    today = datetime.date.today()
    rule = path._rule_on(today)
    category = {c.code: c for c in rule.category_ids}
    supervisor = env["coop.supervisor"].search([], limit=1)
    employees = env["hr.employee"].create(
        [{"name": f"Bench associate {i}"} for i in range(clinicians)]
    )
    files = env["coop.licensure"].create(
        [{"employee_id": e.id, "path_id": path.id} for e in employees]
    )
    # Registered over the whole log (hours outside a registration do not count).
    issued = today - datetime.timedelta(weeks=52 * years + 1)
    end = rule._coop_registration_end(issued) or today
    env["coop.license"].create(
        [
            {
                "employee_id": e.id,
                "path_id": path.id,
                "number": f"BENCH {e.id}",
                "date_issue": issued,
                "date_expiry": max(min(end, today + datetime.timedelta(days=300)), today),
            }
            for e in employees
        ]
    )
    env.flush_all()
    cr = env.cr
    monday = today - datetime.timedelta(days=today.weekday() + 7)
    weeks = [monday - datetime.timedelta(weeks=w) for w in range(52 * years)]
    company = env.company.id
    rows = execute_values(
        cr,
        "INSERT INTO coop_hour_week (licensure_id, associate_id, company_id, setting, week_start,"
        " week_end, supervisor_id, state, total_hours, direct_hours, supervision_units,"
        " supervision_ok, create_uid, write_uid, create_date, write_date)"
        " VALUES %s RETURNING id, licensure_id, week_start",
        [
            (
                f.id,
                f.employee_id.id,
                company,
                "Clinic",
                w,
                w + datetime.timedelta(days=6),
                supervisor.id,
                "signed",
                21,
                18,
                2,
                True,
                1,
                1,
                "now()",
                "now()",
            )
            for f in files
            for w in weeks
        ],
        page_size=10000,
        fetch=True,
    )
    week_ids = {(row[1], row[2]): row[0] for row in rows}
    lines = []
    for f in files:
        for w in weeks:
            week_id = week_ids[(f.id, w)]
            for day in range(5):
                date = w + datetime.timedelta(days=day)
                code = "direct_cfc" if day % 2 else "direct"
                lines.append(
                    (
                        f.id,
                        f.employee_id.id,
                        company,
                        date,
                        "Clinic",
                        category[code].id,
                        "direct",
                        3.6,
                        None,
                        "manual",
                        week_id,
                        "signed",
                        False,
                        False,
                        1,
                        1,
                    )
                )
                lines.append(
                    (
                        f.id,
                        f.employee_id.id,
                        company,
                        date,
                        "Clinic",
                        category["sup_individual" if day == 2 else "nonclinical"].id,
                        "sup_individual" if day == 2 else "nonclinical",
                        2.0 if day == 2 else 0.2,
                        supervisor.id if day == 2 else None,
                        "manual",
                        week_id,
                        "signed",
                        False,
                        False,
                        1,
                        1,
                    )
                )
    execute_values(
        cr,
        "INSERT INTO coop_hour_log (licensure_id, associate_id, company_id, date, setting,"
        " category_id, kind, hours, supervisor_id, source, week_id, week_state, telehealth,"
        " predegree, create_uid, write_uid) VALUES %s",
        lines,
        page_size=20000,
    )
    cr.execute("ANALYZE coop_hour_log")
    return files, len(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clinicians", type=int, default=200)
    parser.add_argument("--years", type=int, default=5)
    args = parser.parse_args()
    with coopctl.scratch_env() as env:
        start = time.perf_counter()
        files, count = populate(env, args.clinicians, args.years)
        print(
            f"lines: {count} for {len(files)} associates over {args.years} years "
            f"(written in {time.perf_counter() - start:.1f} s)"
        )
        one = files[len(files) // 2]
        progress, seconds, queries = measure(env, lambda: one._coop_progress()[one.id])
        print(
            f"one associate's progress ({progress.total_logged:.0f} hours logged, "
            f"{progress.total_valid:.0f} valid): {seconds:.3f} s, {queries} queries"
        )
        _rows, seconds, queries = measure(
            env,
            lambda: env["coop.licensure"].search_read(
                [],
                [
                    "name",
                    "path_id",
                    "percent",
                    "valid_hours",
                    "stage",
                    "projected_completion",
                    "missing_summary",
                ],
            ),
        )
        print(
            f"progress list of all {len(files) + 3} associates: {seconds:.3f} s, {queries} queries"
        )
        _result, seconds, queries = measure(env, files._coop_update_progress)
        print(f"refresh of all stored progress (daily job): {seconds:.1f} s, {queries} queries")


if __name__ == "__main__":
    main()
