#!/usr/bin/env python3
"""Run and test the co-op suite against Odoo 18 and PostgreSQL.

The Makefile calls this with the virtual environment's Python:

    coopctl.py run        start Odoo with our addons on the demo database
    coopctl.py test       lint, wheels, set-up tests, Odoo's tests (all addons
                          together, then each alone), existing-database and
                          upgrade tests, end-to-end and browser tests
    coopctl.py clean-db   drop the demo and template databases

Settings (environment variables, all optional):
    COOP_DB_USER  PostgreSQL role Odoo connects as (default "odoo"; Odoo
                  refuses "postgres"); created with CREATEDB when missing
    PGHOST, PGPORT, PGPASSWORD  where PostgreSQL is (default: its Unix socket,
                  then 127.0.0.1:5432)
    COOP_DEMO_DB  the demo database of `run` (default "coop_demo")
    COOP_PORT     HTTP port of `run` (default 8069)
    COOP_WKHTMLTOPDF_DEB  a wkhtmltox .deb (path or URL) of the patched
                  wkhtmltopdf build, installed when the one found is not
                  patched (default: the 0.12.6.1 build for this Debian release)
"""

import argparse
import ast
import collections
import contextlib
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"
STATE = ROOT / ".odoo"
LOGS = STATE / "logs"
DATA_DIR = STATE / "data"
CONF = STATE / "odoo.conf"
ARTIFACTS = ROOT / "artifacts"
DEMO_DB = os.environ.get("COOP_DEMO_DB", "coop_demo")
SOCKET_DIRS = ("/var/run/postgresql", "/tmp")


def fail(message):
    print(f"ERROR: {message}", file=sys.stderr)
    sys.exit(1)


def say(message):
    print(message, flush=True)


def discover_modules(addons=ADDONS):
    """Our addons: each installable ``addons/*/__manifest__.py``, every addon
    after the addons of ours it depends on (otherwise by name)."""
    manifests = {}
    for path in sorted(Path(addons).glob("*/__manifest__.py")):
        data = ast.literal_eval(path.read_text())
        if data.get("installable", True):
            manifests[path.parent.name] = data
    ordered = []

    def visit(name, chain):
        if name in chain:
            fail(f"Our addons depend on each other in a circle: {' -> '.join((*chain, name))}.")
        if name in ordered:
            return
        for dep in sorted(manifests[name].get("depends", [])):
            if dep in manifests:
                visit(dep, (*chain, name))
        ordered.append(name)

    for name in manifests:
        visit(name, ())
    return tuple(ordered)


OUR_MODULES = discover_modules()


# ---------------------------------------------------------------------------
# Odoo
# ---------------------------------------------------------------------------
def odoo_package():
    """The Odoo 18 package of this environment, or a clear stop."""
    try:
        import odoo.release
    except ImportError as exc:
        fail(
            f"Odoo 18 cannot be imported by {sys.executable} ({exc}). Run `make` "
            "again to set it up, or set ODOO_SRC to an Odoo 18 source tree."
        )
    if odoo.release.serie != "18.0":
        fail(f"Odoo {odoo.release.serie} found, but this project needs Odoo 18.0.")
    return Path(odoo.release.__file__).resolve().parent


def addons_path():
    package = odoo_package()
    paths = [ADDONS]
    source_addons = package.parent / "addons"
    if (source_addons / "web" / "__manifest__.py").is_file():
        paths.append(source_addons)  # a source tree keeps most addons beside the package
    paths.append(package / "addons")
    # The OCA addons of requirements.txt, which tools/bootstrap.sh installs
    # with --no-deps into <venv>/oca (this script runs with the venv's Python).
    oca = Path(sys.prefix) / "oca" / "odoo" / "addons"
    if oca.is_dir():
        paths.append(oca)
    return ",".join(str(p) for p in paths)


def manifest(module):
    return ast.literal_eval((ADDONS / module / "__manifest__.py").read_text())


def odoo_dependencies(modules=None):
    """The Odoo modules that ``modules`` (default: all our addons) stand on,
    through our addons they depend on: what a template database holds."""
    deps, pending, seen = {"base", "web"}, list(modules or OUR_MODULES), set()
    while pending:
        module = pending.pop()
        if module in seen:
            continue
        seen.add(module)
        for dep in manifest(module)["depends"]:
            if dep in OUR_MODULES:
                pending.append(dep)
            else:
                deps.add(dep)
    return sorted(deps)


def odoo_command(*args):
    return [sys.executable, "-m", "odoo", "-c", str(CONF), *args]


def free_port():
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ---------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------
def db_user():
    user = os.environ.get("COOP_DB_USER", "odoo")
    if user == "postgres":
        fail("Odoo refuses to connect as 'postgres': set COOP_DB_USER to another role.")
    return user


def _hosts():
    if os.environ.get("PGHOST"):
        return [os.environ["PGHOST"]]
    port = os.environ.get("PGPORT", "5432")
    sockets = [d for d in SOCKET_DIRS if Path(d, f".s.PGSQL.{port}").exists()]
    return [*sockets, "127.0.0.1"]


def _connect(host, user, dbname="postgres"):
    import psycopg2

    return psycopg2.connect(
        host=host,
        port=int(os.environ.get("PGPORT", "5432")),
        user=user,
        password=os.environ.get("PGPASSWORD") or None,
        dbname=dbname,
        connect_timeout=5,
    )


def _run_as_postgres(sql):
    """Run SQL as the postgres superuser through whatever this machine allows."""
    import psycopg2

    for host in _hosts():
        try:
            conn = _connect(host, "postgres")
        except psycopg2.OperationalError:
            continue
        conn.autocommit = True
        with conn, conn.cursor() as cr:
            cr.execute(sql)
        conn.close()
        return True
    commands = []
    if os.geteuid() == 0 and shutil.which("runuser"):
        commands.append(
            ["runuser", "-u", "postgres", "--", "psql", "-v", "ON_ERROR_STOP=1", "-c", sql]
        )
    if shutil.which("sudo"):
        commands.append(
            ["sudo", "-n", "-u", "postgres", "psql", "-v", "ON_ERROR_STOP=1", "-c", sql]
        )
    for command in commands:
        if subprocess.run(command, capture_output=True, check=False).returncode == 0:
            return True
    return False


def _start_postgres():
    """Start (or, on Debian, install and start) a local PostgreSQL server."""
    if not Path("/etc/debian_version").exists():
        return False
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    if not shutil.which("pg_lsclusters"):
        say("No PostgreSQL server found: installing Debian's postgresql package...")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run([*sudo, "apt-get", "update", "-qq"], check=False, env=env)
        if subprocess.run(
            [*sudo, "apt-get", "install", "-y", "-qq", "postgresql"], check=False, env=env
        ).returncode:
            return False
    clusters = subprocess.run(
        ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=False
    ).stdout.split()
    if len(clusters) < 2:
        return False
    version, name = clusters[0], clusters[1]
    say(f"Starting PostgreSQL {version}/{name}...")
    result = subprocess.run(
        [*sudo, "pg_ctlcluster", "--skip-systemctl-redirect", version, name, "start"],
        check=False,
    )
    time.sleep(2)
    return result.returncode == 0


def ensure_postgres():
    """Reach PostgreSQL as the project's role, creating the role if needed.

    Returns the host (socket directory or address) that worked.
    """
    import psycopg2

    user = db_user()
    role_tried = server_tried = False
    errors = []
    for _attempt in range(4):
        errors = []
        for host in _hosts():
            try:
                conn = _connect(host, user)
            except psycopg2.OperationalError as exc:
                errors.append(f"{host}: {str(exc).strip()}")
                continue
            with conn, conn.cursor() as cr:
                cr.execute(
                    "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user"
                )
                can_create = cr.fetchone()[0]
            conn.close()
            if not can_create:
                fail(
                    f"The PostgreSQL role '{user}' cannot create databases: run "
                    f'`ALTER ROLE "{user}" CREATEDB` as a superuser.'
                )
            return host
        if any("does not exist" in e for e in errors) and not role_tried:
            role_tried = True
            say(f"Creating the PostgreSQL role '{user}'...")
            if not _run_as_postgres(f'CREATE ROLE "{user}" LOGIN CREATEDB'):
                fail(
                    f"The PostgreSQL role '{user}' does not exist and could not be "
                    f"created: run `sudo -u postgres createuser --createdb {user}`, "
                    "or set COOP_DB_USER to a role that can create databases."
                )
        elif not server_tried:
            server_tried = True
            if not _start_postgres():
                break
        else:
            break
    fail(
        "No PostgreSQL server could be reached ("
        + "; ".join(errors)
        + "). Start one, or set PGHOST/PGPORT (and PGPASSWORD) to reach yours."
    )


class Database:
    def __init__(self, host):
        self.host = host
        self.user = db_user()

    @contextlib.contextmanager
    def cursor(self):
        conn = _connect(self.host, self.user)
        conn.autocommit = True
        try:
            with conn.cursor() as cr:
                yield cr
        finally:
            conn.close()

    def exists(self, name):
        with self.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            return bool(cr.fetchone())

    def names(self, like):
        with self.cursor() as cr:
            cr.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s"
                " AND datdba = (SELECT oid FROM pg_roles WHERE rolname = current_user)",
                [like],
            )
            return [row[0] for row in cr.fetchall()]

    def drop(self, name):
        with self.cursor() as cr:
            cr.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                [name],
            )
            cr.execute(f'DROP DATABASE IF EXISTS "{name}"')
        shutil.rmtree(DATA_DIR / "filestore" / name, ignore_errors=True)

    def clone(self, template, name):
        self.drop(name)
        with self.cursor() as cr:
            cr.execute(f'CREATE DATABASE "{name}" WITH TEMPLATE "{template}"')
        source = DATA_DIR / "filestore" / template
        if source.is_dir():
            shutil.copytree(source, DATA_DIR / "filestore" / name)

    def rename(self, old, new):
        with self.cursor() as cr:
            cr.execute(f'ALTER DATABASE "{old}" RENAME TO "{new}"')
        source = DATA_DIR / "filestore" / old
        if source.is_dir():
            source.rename(DATA_DIR / "filestore" / new)


# ---------------------------------------------------------------------------
# Configuration and databases
# ---------------------------------------------------------------------------
def config_text(host):
    """.odoo/odoo.conf: what `make run` serves with (Odoo's scheduled jobs
    included). Test runs switch the jobs off on their command line."""
    lines = [
        "[options]",
        f"addons_path = {addons_path()}",
        f"data_dir = {DATA_DIR}",
        f"db_host = {host}",
        f"db_port = {os.environ.get('PGPORT', '5432')}",
        f"db_user = {db_user()}",
        f"db_password = {os.environ.get('PGPASSWORD', 'False')}",
        "list_db = False",
        "without_demo = False",
    ]
    return "\n".join(lines) + "\n"


def write_config(host):
    STATE.mkdir(exist_ok=True)
    LOGS.mkdir(exist_ok=True)
    DATA_DIR.mkdir(exist_ok=True)
    CONF.write_text(config_text(host))


def template_name(modules=None):
    import odoo.release

    key = "|".join(
        [
            odoo.release.version,
            str(odoo_package()),
            ",".join(odoo_dependencies(modules)),
            "demo",
            db_user(),  # databases are copied by their owner
        ]
    )
    return "coop_tpl_" + hashlib.sha1(key.encode()).hexdigest()[:12]


class OdooTimeout(Exception):
    def __init__(self, log_path, timeout, output):
        super().__init__(f"Odoo did not finish within {timeout} s; see {log_path}")
        self.output = output


def run_odoo(args, log_name, timeout=None):
    """Run Odoo to completion (no scheduled jobs: they would race the tests),
    its output in .odoo/logs/<log_name>. Raises OdooTimeout after ``timeout``
    seconds (default: COOP_ODOO_TIMEOUT, else 1800)."""
    timeout = timeout or int(os.environ.get("COOP_ODOO_TIMEOUT", "1800"))
    log_path = LOGS / log_name
    with open(log_path, "w") as log:
        try:
            result = subprocess.run(
                odoo_command("--max-cron-threads", "0", *args),
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=ROOT,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise OdooTimeout(log_path, timeout, log_path.read_text(errors="replace")) from None
    return result.returncode, log_path.read_text(errors="replace")


def ensure_template(db, modules=None):
    """A database with the Odoo modules that ``modules`` (default: all our
    addons) depend on, built once and copied for every run (keyed by the Odoo
    version and that list of modules)."""
    name = template_name(modules)
    with _TEMPLATE_LOCKS_GUARD:
        lock = _TEMPLATE_LOCKS.setdefault(name, threading.Lock())
    with lock:  # two parallel jobs may stand on the same template
        return _build_template(db, name, modules)


_TEMPLATE_LOCKS = {}
_TEMPLATE_LOCKS_GUARD = threading.Lock()


def _build_template(db, name, modules):
    if db.exists(name):
        return name
    building = name + "_building"
    db.drop(building)
    deps = odoo_dependencies(modules)
    say(f"Building the template database {name} ({', '.join(deps)}); this takes a minute or two...")
    started = time.time()
    log_name = f"template-{name}.log"
    rc, output = run_odoo(
        ["-d", building, "-i", ",".join(deps), "--stop-after-init", "--no-http"], log_name
    )
    if rc or " ERROR " in output:
        fail(f"Building the template database failed; see {LOGS / log_name}.")
    db.rename(building, name)
    say(f"Template database ready in {time.time() - started:.0f} s.")
    return name


def prepare():
    """Everything a run needs: PostgreSQL, the config file, the template."""
    odoo_package()
    host = ensure_postgres()
    write_config(host)
    db = Database(host)
    return db, ensure_template(db)


def install_ours(db_name, log_name, update=False):
    flag = "-u" if update else "-i"
    rc, output = run_odoo(
        ["-d", db_name, flag, ",".join(OUR_MODULES), "--stop-after-init", "--no-http"],
        log_name,
    )
    if rc or " ERROR " in output:
        fail(f"Installing {', '.join(OUR_MODULES)} failed; see {LOGS / log_name}.")


@contextlib.contextmanager
def served(name, log_name, workers=0, timeout=180):
    """Serve database ``name`` with Odoo on a free loopback port until the
    block ends; yields (url, server version info)."""
    import requests

    port = free_port()
    args = ["-d", name, "--db-filter", f"^{name}$", "--http-interface", "127.0.0.1"]
    args += ["--http-port", str(port), "--workers", str(workers), "--max-cron-threads", "0"]
    if workers:
        args += ["--gevent-port", str(free_port())]
    log_path = LOGS / log_name
    with open(log_path, "w") as log:
        proc = subprocess.Popen(odoo_command(*args), stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + timeout
        version = None
        while version is None:
            if proc.poll() is not None:
                raise RuntimeError(f"Odoo stopped with {proc.returncode}; see {log_path}")
            if time.time() > deadline:
                raise RuntimeError(f"Odoo did not answer within {timeout} s; see {log_path}")
            try:
                response = requests.post(
                    f"{url}/web/webclient/version_info", json={"params": {}}, timeout=5
                )
                if response.ok:
                    version = response.json()["result"]
            except requests.RequestException:
                time.sleep(0.5)
        yield url, version
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()


_CONFIG_PARSED = []


def odoo_registry(name):
    """The registry of database ``name``, in this process (benchmarks)."""
    import odoo

    if not _CONFIG_PARSED:
        odoo.tools.config.parse_config(["-c", str(CONF)])
        _CONFIG_PARSED.append(True)
    return odoo.modules.registry.Registry(name)


@contextlib.contextmanager
def scratch_env(prefix="coop_bench"):
    """An Odoo environment (superuser) on a throwaway copy of the template
    with our modules installed; rolled back and dropped afterwards."""
    db, template = prepare()
    name = f"{prefix}_{os.getpid()}"
    db.clone(template, name)
    try:
        install_ours(name, f"{prefix}-install.log")
        import odoo

        with odoo_registry(name).cursor() as cr:
            yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            cr.rollback()
    finally:
        db.drop(name)


def addons_hash():
    digest = hashlib.sha1()
    for path in sorted(ADDONS.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ADDONS)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


# ---------------------------------------------------------------------------
# run
# ---------------------------------------------------------------------------
def cmd_run(_args):
    db, template = prepare()
    ensure_wkhtmltopdf()
    port = int(os.environ.get("COOP_PORT", "8069"))
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        if sock.connect_ex(("127.0.0.1", port)) == 0:
            fail(f"Port {port} is already in use; stop what serves it or set COOP_PORT.")
    stamp = STATE / f"{DEMO_DB}.addons-hash"
    if not db.exists(DEMO_DB):
        say(f"Creating the demo database {DEMO_DB}...")
        db.clone(template, DEMO_DB)
        install_ours(DEMO_DB, "demo-install.log")
        stamp.write_text(addons_hash())
    elif not stamp.exists() or stamp.read_text() != addons_hash():
        say(f"Updating the modules in {DEMO_DB}...")
        install_ours(DEMO_DB, "demo-update.log", update=True)
        stamp.write_text(addons_hash())
    else:
        say(f"Reusing the demo database {DEMO_DB}.")
    say(
        "\n".join(
            [
                "",
                f"Therapy co-op demo: http://localhost:{port}",
                "  admin  / admin   co-op manager (Mitchell Admin)",
                "  member / member  member-owner and supervisor (Maya Okafor)",
                "  associate / associate  associate (Grace Kim)",
                "Stop with Ctrl+C.",
                "",
            ]
        )
    )
    command = odoo_command("-d", DEMO_DB, "--db-filter", f"^{DEMO_DB}$", "--http-port", str(port))
    os.execv(command[0], command)


# ---------------------------------------------------------------------------
# test
# ---------------------------------------------------------------------------
class Results:
    def __init__(self):
        self.rows = []

    def add(self, name, passed, failed, note=""):
        self.rows.append((name, passed, failed, note))
        status = "ok" if not failed else "FAILED"
        say(f"==> {name}: {passed} passed, {failed} failed {note}".rstrip() + f" [{status}]")

    def summary(self):
        passed = sum(row[1] for row in self.rows)
        failed = sum(row[2] for row in self.rows)
        say("\nSummary:")
        for name, row_passed, row_failed, note in self.rows:
            say(f"  {name:<34} {row_passed:>4} passed {row_failed:>3} failed  {note}")
        say(f"{passed} passed, {failed} failed")
        return failed


def step_lint(results):
    targets = [t for t in ("addons", "tests", "tools", "bench") if (ROOT / t).exists()]
    ruff = subprocess.run([sys.executable, "-m", "ruff", "check", *targets], cwd=ROOT, check=False)
    results.add("lint: ruff check", int(ruff.returncode == 0), int(ruff.returncode != 0))
    fmt = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", *targets], cwd=ROOT, check=False
    )
    results.add("lint: ruff format", int(fmt.returncode == 0), int(fmt.returncode != 0))
    pylint = subprocess.run(
        [
            sys.executable,
            "-m",
            "pylint",
            "--rcfile",
            str(ROOT / ".pylintrc"),
            *(str(ADDONS / m) for m in OUR_MODULES),
        ],
        cwd=ROOT,
        check=False,
    )
    results.add("lint: pylint-odoo", int(pylint.returncode == 0), int(pylint.returncode != 0))
    readme = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_readme.py"), "--check"], cwd=ROOT, check=False
    )
    results.add(
        "lint: README.rst up to date", int(readme.returncode == 0), int(readme.returncode != 0)
    )


def step_wheels(results):
    dist = ROOT / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    for module in OUR_MODULES:
        build = subprocess.run(
            [
                sys.executable,
                "-m",
                "build",
                "--wheel",
                "--no-isolation",
                "--outdir",
                str(dist),
                str(ADDONS / module),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        wheels = sorted(dist.glob(f"odoo_addon_{module}-18.0.*.whl"))
        problems = []
        if build.returncode or not wheels:
            problems.append(build.stdout[-2000:] + build.stderr[-2000:])
        else:
            with zipfile.ZipFile(wheels[-1]) as wheel:
                names = wheel.namelist()
                meta = wheel.read(next(n for n in names if n.endswith("METADATA"))).decode()
            for required in (
                f"odoo/addons/{module}/__manifest__.py",
                f"odoo/addons/{module}/static/description/icon.png",
            ):
                if required not in names:
                    problems.append(f"{required} missing from the wheel")
            if "Requires-Dist: odoo==18.0.*" not in meta:
                problems.append("the wheel does not require odoo==18.0.*")
        if problems:
            say("\n".join(problems))
        note = wheels[-1].name if wheels else ""
        results.add(f"wheel: {module}", int(not problems), int(bool(problems)), note)


def odoo_test_run(results, db, template, label, install, tested):
    """Install ``install`` on a copy of the template and run the tests of the
    addons ``tested`` (``--test-tags /<addon>,...``); compare the tests that
    ran with those the source declares (tools/testcount.py)."""
    import testcount

    name = f"coop_test_{os.getpid()}_{re.sub('[^a-z0-9]+', '_', label.lower())}"
    log_name = f"odoo-tests-{label.replace(' ', '-')}.log"
    say(f"Odoo's test runner, {label}: -i {','.join(install)} (database {name})...")
    db.clone(template, name)
    interrupted = None
    started = time.time()
    try:
        rc, output = run_odoo(
            [
                "-d",
                name,
                "-i",
                ",".join(install),
                "--test-enable",
                "--test-tags",
                ",".join(f"/{m}" for m in tested),
                "--stop-after-init",
                "--http-port",
                str(free_port()),
                "--log-level",
                "info",
            ],
            log_name,
        )
        if rc and "tests when loading database" not in output:
            interrupted = f"Odoo exited with {rc}"  # crashed before its closing summary
    except OdooTimeout as exc:
        rc, output, interrupted = None, exc.output, str(exc)
    finally:
        db.drop(name)
    lines = output.splitlines()
    for index, line in enumerate(lines):  # show failures and errors in the run's output
        if LOG_ERROR.match(line):
            say("\n".join(lines[index : index + 25]))
    expected = collections.Counter()
    for module in tested:
        expected += testcount.expected_tests(ADDONS / module)
    verdict = testcount.judge(expected, testcount.parse_log(output, tested), interrupted)
    for problem in verdict.problems:
        say(f"  {problem}")
    failed = verdict.failed
    if rc and not failed:
        failed = 1
        say(f"  Odoo exited with {rc}; see {LOGS / log_name}.")
    results.add(
        f"odoo tests: {label}",
        verdict.passed,
        failed,
        f"{sum(expected.values())} in source, {time.time() - started:.0f} s",
    )


LOG_ERROR = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")


def step_odoo_tests(results, db, template):
    """All our addons together, with all their tests."""
    odoo_test_run(results, db, template, "all addons", OUR_MODULES, OUR_MODULES)


def step_odoo_alone(results, db, only=()):
    """Each addon alone, with its own tests, on a template that holds only the
    Odoo modules it stands on (Odoo installs our addons it depends on)."""
    for module in only or OUR_MODULES:
        template = ensure_template(db, (module,))
        odoo_test_run(results, db, template, f"{module} alone", (module,), (module,))


class JobResults(Results):
    """The rows of one parallel job, printed as they come and added to the
    run's results in the order the jobs were listed."""

    def __init__(self, label):
        super().__init__()
        self.label = label


def run_parallel(results, jobs, workers):
    """Run ``jobs`` ((label, function(results)) pairs) on ``workers``
    threads; each job's own Odoo or pytest process does the work, so two
    jobs use both cores of a small machine. A job that raises is one failed
    row; nothing else stops."""

    def run(job):
        label, function = job
        rows = JobResults(label)
        try:
            function(rows)
        except (Exception, SystemExit) as exc:  # reported as a failed row
            message = str(exc) if not isinstance(exc, SystemExit) else "see the ERROR above"
            say(f"ERROR in {label}: {message}")
            rows.add(f"{label}: did not finish", 0, 1, message[:60])
        return rows

    with ThreadPoolExecutor(max_workers=workers) as pool:
        done = list(pool.map(run, jobs))
    for rows in done:
        results.rows.extend(rows.rows)


# pytest files by step; every tests/test_*.py belongs to one.
PYTEST_STEPS = {
    "setup": ("test_packaging.py", "test_setup_*.py", "test_runner_*.py"),
    "existing": ("test_existing_*.py", "test_upgrade*.py"),
    "e2e": ("test_e2e_*.py",),
}


def pytest_files(step):
    return sorted({p for pattern in PYTEST_STEPS[step] for p in (ROOT / "tests").glob(pattern)})


def step_pytest_coverage(results):
    grouped = {p for step in PYTEST_STEPS for p in pytest_files(step)}
    stray = sorted(p.name for p in (ROOT / "tests").glob("test_*.py") if p not in grouped)
    if stray:
        say(f"tests/ files that no step runs (add them to PYTEST_STEPS): {', '.join(stray)}")
        results.add("pytest files in a step", 0, len(stray), ", ".join(stray))


def step_pytest(results, step, label, template=None):
    files = pytest_files(step)
    if not files:
        return
    junit = LOGS / f"pytest-{step}.xml"
    LOGS.mkdir(parents=True, exist_ok=True)
    junit.unlink(missing_ok=True)
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    if template:
        env["COOP_TEMPLATE_DB"] = template
    started = time.time()
    rc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            *(str(f.relative_to(ROOT)) for f in files),
            "-p",
            "no:cacheprovider",
            "-rs",
            f"--junitxml={junit}",
        ],
        cwd=ROOT,
        env=env,
        check=False,
    ).returncode
    if not junit.exists():
        results.add(label, 0, 1, f"pytest exited with {rc} and wrote no report")
        return
    suite = ET.parse(junit).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    total, failures, errors, skipped = (
        int(suite.get(key, 0)) for key in ("tests", "failures", "errors", "skipped")
    )
    bad = failures + errors + skipped  # a skipped test is a failed promise here
    if total == 0 or (rc and not bad):
        bad += 1
    results.add(label, total - failures - errors - skipped, bad, f"{time.time() - started:.0f} s")


def ensure_debian_package(binaries, package, why):
    """Find one of ``binaries`` on PATH; on Debian, install ``package`` if missing."""
    if any(shutil.which(b) for b in binaries):
        return
    if Path("/etc/debian_version").exists():
        sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
        say(f"Installing Debian's {package} package ({why})...")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run([*sudo, "apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", package], check=False, env=env)
        if any(shutil.which(b) for b in binaries):
            return
    fail(f"{package} is missing ({why}): install it (on Debian: apt-get install {package}).")


# The wkhtmltopdf build with patched Qt prints headers, footers and page
# numbers; Debian's own build does not. Its packages for each Debian release:
WKHTMLTOX_URL = (
    "https://github.com/wkhtmltopdf/packaging/releases/download/0.12.6.1-3/"
    "wkhtmltox_0.12.6.1-3.{codename}_{arch}.deb"
)
WKHTMLTOPDF_UNPATCHED = (
    "PDF reports will print WITHOUT the company letterhead's header, footer and page "
    "numbers: the wkhtmltopdf found ({binary}, {version}) is not built with patched Qt. "
    "To fix it, install the patched 0.12.6.1 build for your system from "
    "https://wkhtmltopdf.org/downloads.html (or give its .deb in COOP_WKHTMLTOPDF_DEB), "
    "or use the Docker set-up (docker/), whose image has it.{why}"
)


def wkhtmltopdf_version(binary):
    """``(version line, patched?)`` of a wkhtmltopdf binary."""
    try:
        out = subprocess.run(
            [binary, "--version"], capture_output=True, text=True, timeout=30, check=False
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "", False
    return out, is_patched_wkhtmltopdf(out)


def is_patched_wkhtmltopdf(version_output):
    """wkhtmltopdf says "(with patched qt)" after its version when it is."""
    return "with patched qt" in version_output.lower()


def _wkhtmltox_deb():
    """Where to take the patched build from: COOP_WKHTMLTOPDF_DEB, else the
    official package for this Debian release (None when there is none)."""
    given = os.environ.get("COOP_WKHTMLTOPDF_DEB")
    if given:
        return given
    release = Path("/etc/os-release")
    if not release.exists():
        return None
    fields = dict(line.split("=", 1) for line in release.read_text().splitlines() if "=" in line)
    codename = fields.get("VERSION_CODENAME", "").strip('"')
    arch = {"x86_64": "amd64", "aarch64": "arm64"}.get(os.uname().machine)
    if codename not in ("bookworm", "bullseye", "jammy", "focal") or not arch:
        return None
    return WKHTMLTOX_URL.format(codename=codename, arch=arch)


def ensure_wkhtmltopdf():
    """wkhtmltopdf for the PDF reports: the patched build where it can be
    installed; otherwise Debian's, and one clear warning (returned, and said
    once) that PDFs will lack their headers and footers."""
    binary = shutil.which("wkhtmltopdf")
    if binary and wkhtmltopdf_version(binary)[1]:
        return None
    why = ""
    deb = _wkhtmltox_deb()
    can_install = Path("/etc/debian_version").exists() and (
        os.geteuid() == 0 or shutil.which("sudo")
    )
    if deb and can_install:
        sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
        local = deb
        if "://" in deb:
            import urllib.request

            local = str(STATE / Path(deb).name)
            try:
                STATE.mkdir(parents=True, exist_ok=True)
                with urllib.request.urlopen(deb, timeout=20) as response, open(local, "wb") as out:
                    shutil.copyfileobj(response, out)
            except OSError as exc:
                local = None
                why = f" (Downloading {deb} failed: {exc}.)"
        elif not Path(local).is_file():
            why = f" ({local} is not a file.)"
            local = None
        if local:
            say(f"Installing the patched wkhtmltopdf ({Path(local).name}) for PDF reports...")
            env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
            done = subprocess.run(
                [*sudo, "apt-get", "install", "-y", "-qq", str(Path(local).resolve())],
                capture_output=True,
                text=True,
                check=False,
                env=env,
            )
            binary = shutil.which("wkhtmltopdf")
            if binary and wkhtmltopdf_version(binary)[1]:
                return None
            why = f" (Installing {local} failed: {done.stderr.strip()[-200:]}.)"
    if not binary:
        ensure_debian_package(("wkhtmltopdf",), "wkhtmltopdf", "PDF reports")
        binary = shutil.which("wkhtmltopdf")
    warning = WKHTMLTOPDF_UNPATCHED.format(
        binary=binary, version=wkhtmltopdf_version(binary)[0] or "unknown version", why=why
    )
    say(f"WARNING: {warning}")
    return warning


STEPS = ("lint", "wheels", "setup", "odoo", "alone", "existing", "e2e")


class Stopped(Exception):
    """The run was told to stop (SIGTERM, SIGINT)."""


def _stop(signum, _frame):
    raise Stopped(f"stopped by signal {signal.Signals(signum).name}")


def cmd_test(args):
    """Every step; whatever happens (a timeout, a crash, a signal), the last
    line is the summary "N passed, M failed"."""
    results = Results()
    only = set(args.only or [])
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    step = "set-up"
    try:
        if not only:
            step_pytest_coverage(results)
        for step in ("lint", "wheels"):
            if not only or step in only:
                {"lint": step_lint, "wheels": step_wheels}[step](results)
        step = "setup"
        if not only or step in only:
            step_pytest(results, "setup", "set-up (pytest)")
        needs_odoo = [s for s in ("odoo", "alone", "existing", "e2e") if not only or s in only]
        if needs_odoo:
            step = "prepare"
            ensure_debian_package(
                ("chromium", "chromium-browser", "google-chrome"), "chromium", "browser tests"
            )
            ensure_wkhtmltopdf()
            db, template = prepare()
        step = ", ".join(needs_odoo)
        jobs = []
        for name in needs_odoo:
            if name == "odoo":
                jobs.append(("all addons", lambda r: step_odoo_tests(r, db, template)))
            elif name == "alone":
                for module in args.addon or OUR_MODULES:
                    jobs.append(
                        (f"{module} alone", lambda r, m=module: step_odoo_alone(r, db, (m,)))
                    )
            elif name == "existing":
                jobs.append(
                    (
                        "existing databases",
                        lambda r: step_pytest(
                            r, "existing", "existing databases (pytest)", template
                        ),
                    )
                )
            else:
                jobs.append(
                    ("end-to-end", lambda r: step_pytest(r, "e2e", "end-to-end (pytest)", template))
                )
        # The longest first, so that two workers finish together.
        order = {"all addons": 0, "end-to-end": 1}
        jobs.sort(key=lambda job: order.get(job[0], 2))
        run_parallel(results, jobs, workers=int(os.environ.get("COOP_TEST_JOBS", "2")))
    except (Exception, SystemExit, Stopped) as exc:
        message = str(exc) if not isinstance(exc, SystemExit) else "stopped (see the ERROR above)"
        say(f"ERROR in step {step}: {message}")
        results.add(f"{step}: did not finish", 0, 1, message[:60])
    finally:
        failed = results.summary()
    return 1 if failed else 0


def cmd_clean_db(_args):
    host = ensure_postgres()
    db = Database(host)
    for name in [
        DEMO_DB,
        *db.names("coop_tpl_%"),
        *db.names("coop_test_%"),
        *db.names("coop_e2e_%"),
        *db.names("coop_existing_%"),
        *db.names("coop_upgrade_%"),
    ]:
        say(f"Dropping {name}")
        db.drop(name)
    (STATE / f"{DEMO_DB}.addons-hash").unlink(missing_ok=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run")
    test = sub.add_parser("test")
    test.add_argument(
        "--only", action="append", choices=STEPS, help="run this step (repeat for more)"
    )
    test.add_argument(
        "--addon",
        action="append",
        choices=OUR_MODULES,
        help="with --only alone: test this addon alone (repeat for more)",
    )
    sub.add_parser("clean-db")
    args = parser.parse_args(argv)
    handler = {"run": cmd_run, "test": cmd_test, "clean-db": cmd_clean_db}[args.command]
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())
