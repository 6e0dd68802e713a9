#!/usr/bin/env python3
"""Benchmark: checking a new weekly series against a year of sessions.

Run by hand (not in CI), after `make test` or `make run` prepared the
environment:

    .venv/bin/python bench/scheduling.py [--clinicians 40] [--rooms 10]
        [--clients 1000] [--sizes 10000,40000] [--profile]

On a fresh copy of the template database with our addons installed, it
makes a co-op of N clinicians (working Monday to Friday, 8:00-18:00 in the demo co-op's
zone, America/Los_Angeles), R rooms
and C clients, and writes a year of weekly 45-minute sessions (from four
weeks ago) straight into PostgreSQL: complete calendar events (neutral
title, confidential, the clinician as attendee, the client, the session
type, a room while one is free at that hour, else video), about S of them.
The sizes grow in the same database (each clinician gets more weekly
clients). At each size it measures, with SQL query counts:
- booking a new weekly series of 52 sessions for one clinician, one of
  their clients and a room, through the product's own create (Odoo's
  recurrence makes the events, then every conflict, working-hours,
  time-off, buffer and caseload rule checks them at once), rolled back;
- the check alone on those 52 sessions (``_coop_check_schedule``), with
  the ORM cache emptied (cold, the measure of the goal) and warm (as right
  after the create);
- the floor, in the same run: Odoo's own ``calendar.event`` search for the
  same clinician's busy intervals over the series' span (the other
  sessions, as the check reads them), measured in rounds interleaved with
  the check's (the best of 15 each), so that both meet the same load;
- drawing the clinician's week (the calendar view's search_read, as a
  scheduler).
Goal (issue #13): the check within 2x the floor, and as many queries at
every size. ``--profile`` prints the time of each query and of the check's
parts, and the plans of the conflict query and of the caseload query.
"""

import argparse
import contextlib
import datetime
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import coopctl  # noqa: E402

SLOTS_PER_DAY = 10  # 8:00 to 17:00 starts, 45-minute sessions
SLOTS = 5 * SLOTS_PER_DAY
WEEKS = 52
MINUTES = 45
WEEK_FIELDS = [
    "name",
    "start",
    "stop",
    "duration",
    "allday",
    "clinician_id",
    "room_id",
    "session_type_id",
    "coop_state",
    "partner_ids",
    "privacy",
    "user_id",
    "recurrency",
]


# The demo co-op's time zone: a real one, with daylight saving time (each
# local day and week is laid out in UTC by the check).
TZ = "America/Los_Angeles"
PROFILE = False
ROUNDS = 15  # interleaved measures of the check and the floor


class _Rollback(Exception):
    pass


def profile(env, func):
    """Where the time and the queries of ``func`` go (``--profile``): the
    time of each query, and of the check's parts."""
    import collections

    from odoo.tools import SQL

    queries = collections.Counter()
    times = collections.Counter()
    cursor_class = type(env.cr)
    execute = cursor_class.execute

    def timed_query(cr, query, params=None, log_exceptions=True):
        explained = "CROSS JOIN LATERAL" in str(query) or "width_bucket" in str(query)
        if explained and "EXPLAIN" not in str(query):
            execute(cr, SQL("EXPLAIN ANALYZE %s", query), params, log_exceptions)
            print("\n".join(row[0] for row in cr.fetchall()))
        start = time.perf_counter()
        try:
            return execute(cr, query, params, log_exceptions)
        finally:
            key = " ".join(str(query).split())[:110]
            queries[key] += 1
            times["query: " + key] += time.perf_counter() - start

    model_class = type(env["calendar.event"])
    parts = (
        "_coop_session_rows",
        "_coop_busy_and_booked",
        "_coop_check_availability",
        "_coop_caseload_plan",
        "_coop_check_caseload",
        "_coop_neutralise",
    )
    originals = {name: getattr(model_class, name) for name in parts}

    def timed(name):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return originals[name](*args, **kwargs)
            finally:
                times["part: " + name] += time.perf_counter() - start

        return wrapper

    env.invalidate_all()
    cursor_class.execute = timed_query
    for name in parts:
        setattr(model_class, name, timed(name))
    start = time.perf_counter()
    try:
        func()
    finally:
        total = time.perf_counter() - start
        cursor_class.execute = execute
        for name, method in originals.items():
            setattr(model_class, name, method)
    print(f"  profile: {total * 1000:.1f} ms in all")
    for key, seconds in times.most_common(25):
        print(f"  {seconds * 1000:8.2f} ms  {key}")


def measure(env, func, repeat=5, warm=False):
    """(result, best seconds of ``repeat`` runs, queries of one run), the
    ORM cache emptied before each run (cold), or, with ``warm``, kept from
    a first run (as right after a booking's create)."""
    best, queries, result = None, None, None
    if warm:
        func()
    for _ in range(repeat):
        if not warm:
            env.invalidate_all()
        before = env.cr.sql_log_count
        start = time.perf_counter()
        result = func()
        seconds = time.perf_counter() - start
        count = env.cr.sql_log_count - before
        best = seconds if best is None else min(best, seconds)
        queries = count if queries is None else queries
    return result, best, queries


def slot_of(clinician_index, k):
    """The k-th weekly slot of a clinician (distinct for k < SLOTS)."""
    return (k * 3 + clinician_index * 7) % SLOTS


def slot_time(monday, slot):
    """The slot's start in the week of ``monday``: a local hour of the co-op's
    time zone, as naive UTC (as Odoo stores it; daylight saving time moves
    it in UTC)."""
    import pytz

    day, hour = divmod(slot, SLOTS_PER_DAY)
    local = datetime.datetime.combine(
        monday + datetime.timedelta(days=day), datetime.time(8 + hour)
    )
    return pytz.timezone(TZ).localize(local).astimezone(pytz.utc).replace(tzinfo=None)


class Coop:
    """The bench co-op and where its weekly sessions sit."""

    def __init__(self, env, clinicians, rooms, clients):
        self.env = env
        company = env.company
        company.write(
            {
                "coop_session_buffer": 10,
                "coop_direct_hours_warn": 25,
                "coop_direct_hours_block": 30,
                "coop_sessions_per_day": 6,
                "coop_active_clients_max": 25,
            }
        )
        hours = env["resource.calendar"].create(
            {
                "name": "Bench clinic hours",
                "tz": TZ,
                "company_id": company.id,
                "attendance_ids": [
                    (
                        0,
                        0,
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 8,
                            "hour_to": 18,
                            "day_period": "morning",
                        },
                    )
                    for day in range(5)
                ],
            }
        )
        self.employees = env["hr.employee"].create(
            [
                {
                    "name": f"Bench clinician {i:02d}",
                    "resource_calendar_id": hours.id,
                    "tz": TZ,
                    "coop_credential_grade": "licensed",
                    "company_id": company.id,
                }
                for i in range(clinicians)
            ]
        )
        self.rooms = env["resource.resource"].create(
            [
                {"name": f"Bench room {i}", "resource_type": "material", "company_id": company.id}
                for i in range(rooms)
            ]
        )
        per = max(1, clients // clinicians)
        self.clients = env["coop.client"].create(
            [
                {
                    "name": f"Bench client {i:04d}",
                    "clinician_id": self.employees[min(i // per, clinicians - 1)].id,
                    "company_id": company.id,
                }
                for i in range(clients)
            ]
        )
        self.per = per
        self.type = env.ref("coop_therapy.session_type_90834")
        self.type.minutes = MINUTES
        self.scheduler = env["res.users"].create(
            {
                "name": "Bench scheduler",
                "login": "bench_scheduler",
                "groups_id": [(6, 0, [env.ref("coop_therapy.group_coop_scheduler").id])],
                "tz": TZ,
            }
        )
        today = datetime.date.today()
        self.this_monday = today - datetime.timedelta(days=today.weekday())
        self.first_monday = self.this_monday - datetime.timedelta(weeks=4)
        self.rooms_at = {}  # slot -> rooms taken, as clinicians get weekly clients
        self.room_of = {}  # (clinician index, k) -> room id or None
        self.k_done = 0
        self.reserved = None
        env.flush_all()

    def layout(self, k_max):
        """Rooms for the weekly slots k < k_max of every clinician: the
        first free room at that hour, else video (no room)."""
        for k in range(self.k_done, k_max):
            for c in range(len(self.employees)):
                slot = slot_of(c, k)
                taken = self.rooms_at.setdefault(slot, 0)
                # One room is kept free at the new series' hour (busy at every other).
                if taken < len(self.rooms) - (slot == self.reserved):
                    self.room_of[(c, k)] = self.rooms[taken].id
                    self.rooms_at[slot] = taken + 1
                else:
                    self.room_of[(c, k)] = None

    def grow(self, k_max):
        """Write the weekly sessions of slots k_done <= k < k_max, for a
        year, straight into PostgreSQL. Returns how many were written."""
        from psycopg2.extras import execute_values

        env, cr = self.env, self.env.cr
        self.layout(k_max)
        now = datetime.datetime.now()
        rows, clients, attendees = [], [], []
        for c, employee in enumerate(self.employees):
            for k in range(self.k_done, k_max):
                client = self.clients[c * self.per + k]
                for week in range(WEEKS):
                    monday = self.first_monday + datetime.timedelta(weeks=week)
                    start = slot_time(monday, slot_of(c, k))
                    stop = start + datetime.timedelta(minutes=MINUTES)
                    rows.append(
                        (
                            f"Session \N{EN DASH} {client.code}",
                            "busy",
                            "confidential",
                            start,
                            stop,
                            True,
                            False,
                            False,
                            MINUTES / 60,
                            1,
                            employee.id,
                            self.type.id,
                            self.room_of[(c, k)],
                            client.code,
                            "attended" if stop <= now else "scheduled",
                            True,
                            0.0,
                            1,
                            1,
                            now,
                            now,
                        )
                    )
                    clients.append(client.id)
                    attendees.append(employee.work_contact_id.id)
        ids = [
            row[0]
            for row in execute_values(
                cr,
                "INSERT INTO calendar_event (name, show_as, privacy, start, stop, active,"
                " allday, recurrency, duration, user_id, clinician_id, session_type_id,"
                " room_id, client_codes, coop_state, coop_session, fee_charged,"
                " create_uid, write_uid, create_date, write_date) VALUES %s RETURNING id",
                rows,
                page_size=5000,
                fetch=True,
            )
        ]
        execute_values(
            cr,
            "INSERT INTO calendar_event_coop_client_rel (event_id, client_id) VALUES %s",
            list(zip(ids, clients, strict=True)),
            page_size=10000,
        )
        execute_values(
            cr,
            "INSERT INTO calendar_event_res_partner_rel (calendar_event_id, res_partner_id)"
            " VALUES %s",
            [(i, p) for i, p in zip(ids, attendees, strict=True) if p],
            page_size=10000,
        )
        cr.execute(
            "ANALYZE calendar_event; ANALYZE calendar_event_coop_client_rel;"
            " ANALYZE calendar_event_res_partner_rel"
        )
        self.k_done = k_max
        env.invalidate_all()
        return len(ids)

    def free_slot(self, c, k_final):
        """A weekly slot the clinician does not use at the final size; the
        last room is kept free at that hour: (slot, room id)."""
        used = {slot_of(c, k) for k in range(k_final)}
        slot = min(set(range(SLOTS)) - used)
        self.reserved = slot
        return slot, self.rooms[-1].id


def series_values(coop, c, slot, room):
    """A weekly series of 52 from next week, for clinician c and their
    first client, in ``room``."""
    monday = coop.this_monday + datetime.timedelta(weeks=1)
    start = slot_time(monday, slot)
    weekday = ("mon", "tue", "wed", "thu", "fri")[slot // SLOTS_PER_DAY]
    return {
        "clinician_id": coop.employees[c].id,
        "client_ids": [(6, 0, [coop.clients[c * coop.per].id])],
        "session_type_id": coop.type.id,
        "room_id": room,
        "start": start,
        "stop": start + datetime.timedelta(minutes=MINUTES),
        "recurrency": True,
        "rrule_type": "weekly",
        "interval": 1,
        "end_type": "count",
        "count": WEEKS,
        weekday: True,
        "event_tz": TZ,
    }


def run_size(coop, c, slot, room):
    env = coop.env
    Event = env["calendar.event"]
    values = series_values(coop, c, slot, room)
    clinician = coop.employees[c]
    out = {"events": Event.sudo().search_count([("coop_session", "=", True)])}
    try:
        with env.cr.savepoint():
            env.invalidate_all()
            before = env.cr.sql_log_count
            start = time.perf_counter()
            first = Event.with_user(coop.scheduler).create(values)
            out["book"] = time.perf_counter() - start
            out["book_queries"] = env.cr.sql_log_count - before
            series = first.recurrence_id.calendar_event_ids
            out["series"] = len(series)
            out["warning"] = bool(series.filtered("coop_warning"))
            span = (min(series.mapped("start")), max(series.mapped("stop")))
            # As the booking's own check sees them: browsed by id (a fresh
            # prefetch of the 52, not the recurrence's cached one2many).
            checked = Event.with_user(coop.scheduler).browse(series.ids)

            def floor():
                # The clinician's other sessions over the series' span: the
                # rows the check reads for them (not the series itself).
                return Event.sudo().search_read(
                    [
                        ("clinician_id", "=", clinician.id),
                        ("start", "<", span[1]),
                        ("stop", ">", span[0]),
                        ("id", "not in", series.ids),
                    ],
                    ["start", "stop"],
                )

            # Interleaved rounds, the best of each: the check and the floor
            # meet the same load of the machine.
            best = {}
            checked._coop_check_schedule()
            for _round in range(ROUNDS):
                for name, func, warm in (
                    ("check", checked._coop_check_schedule, False),
                    ("check_warm", checked._coop_check_schedule, True),
                    ("floor", floor, False),
                ):
                    result, seconds, queries = measure(env, func, repeat=1, warm=warm)
                    if name not in best or seconds < best[name]:
                        best[name] = seconds
                    out[name + "_queries"] = queries
                    if name == "floor":
                        out["floor_rows"] = len(result)
            out.update(best)
            if PROFILE:
                profile(env, checked._coop_check_schedule)
            raise _Rollback
    except _Rollback:
        pass
    env.invalidate_all()
    week_start = slot_time(coop.this_monday, 0) - datetime.timedelta(hours=8)
    week_end = slot_time(coop.this_monday + datetime.timedelta(weeks=1), 0) - datetime.timedelta(
        hours=8
    )
    as_scheduler = Event.with_user(coop.scheduler)

    def draw_week():
        return as_scheduler.search_read(
            [
                ("coop_session", "=", True),
                ("clinician_id", "=", clinician.id),
                ("start", "<", week_end),
                ("stop", ">", week_start),
            ],
            WEEK_FIELDS,
        )

    week, out["week"], out["week_queries"] = measure(env, draw_week)
    out["week_rows"] = len(week)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clinicians", type=int, default=40)
    parser.add_argument("--rooms", type=int, default=10)
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument(
        "--sizes", default="10000,40000", help="events at each measured size, growing"
    )
    parser.add_argument("--profile", action="store_true", help="profile the check")
    args = parser.parse_args()
    global PROFILE  # noqa: PLW0603
    PROFILE = args.profile
    sizes = sorted(int(s) for s in args.sizes.split(","))
    per_week = [round(s / WEEKS / args.clinicians) for s in sizes]
    if per_week[-1] > min(SLOTS - 1, args.clients // args.clinicians):
        raise SystemExit("too many sessions per clinician for the week's slots or clients")
    with coopctl.scratch_env() as env:
        coop = Coop(env, args.clinicians, args.rooms, args.clients)
        c = len(coop.employees) // 2
        slot, room = coop.free_slot(c, per_week[-1])
        results = []
        for k_max in per_week:
            start = time.perf_counter()
            written = coop.grow(k_max)
            print(
                f"wrote {written} sessions ({k_max} weekly clients per clinician) in "
                f"{time.perf_counter() - start:.1f} s"
            )
            out = run_size(coop, c, slot, room)
            results.append(out)
            print(
                f"  {out['events']} sessions in the database; new weekly series of "
                f"{out['series']} for {coop.employees[c].name}"
                f"{' (with caseload warnings)' if out['warning'] else ''}:"
            )
            print(
                f"    booking it (create, recurrence, checks): {out['book'] * 1000:.1f} ms, "
                f"{out['book_queries']} queries"
            )
            print(
                f"    its check (conflicts, hours, time off, buffer, caseload): "
                f"{out['check'] * 1000:.1f} ms, {out['check_queries']} queries"
            )
            print(
                f"    floor, calendar.event search_read of the clinician's busy intervals "
                f"({out['floor_rows']} rows): {out['floor'] * 1000:.1f} ms, "
                f"{out['floor_queries']} queries"
            )
            print(f"    check / floor: {out['check'] / out['floor']:.2f}x (goal <= 2x)")
            print(
                f"    its check with a warm cache (as right after create): "
                f"{out['check_warm'] * 1000:.1f} ms, {out['check_warm_queries']} queries, "
                f"{out['check_warm'] / out['floor']:.2f}x the floor"
            )
            print(
                f"    drawing the clinician's week ({out['week_rows']} sessions, as a "
                f"scheduler): {out['week'] * 1000:.1f} ms, {out['week_queries']} queries"
            )
        counts = [r["check_queries"] for r in results]
        same = len(set(counts)) == 1
        print(
            "check queries at "
            + ", ".join(f"{r['events']} events: {r['check_queries']}" for r in results)
            + (" (independent of the number of events)" if same else " (they grow!)")
        )


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main()
