"""Databases for the existing-database and upgrade tests: cached templates,
copies of them, Odoo runs on them, and Python run inside them by `odoo shell`
(the result of a script is what it passes to ``result(...)``)."""

import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import coopctl  # noqa: E402

_MARK = "COOP_SHELL_RESULT "
_PRELUDE = textwrap.dedent(
    f"""
    import json as _json

    def result(value):
        print({_MARK!r} + _json.dumps(value, default=str), flush=True)
    """
)


def config_with_addons(addons_dir, path):
    """A copy of .odoo/odoo.conf whose first addons folder is ``addons_dir``
    (the addons of another commit)."""
    lines = []
    for line in coopctl.CONF.read_text().splitlines():
        if line.startswith("addons_path"):
            rest = line.split("=", 1)[1].strip().split(",")[1:]
            lines.append("addons_path = " + ",".join([str(addons_dir), *rest]))
        else:
            lines.append(line)
    Path(path).write_text("\n".join(lines) + "\n")
    return Path(path)


def odoo(args, log_name, conf=None, timeout=1800):
    """Run Odoo to completion on the test configuration (or ``conf``);
    returns its log, after checking it exited cleanly without errors."""
    command = [sys.executable, "-m", "odoo", "-c", str(conf or coopctl.CONF)]
    command += ["--max-cron-threads", "0", "--stop-after-init", "--no-http", *args]
    log_path = coopctl.LOGS / log_name
    with open(log_path, "w") as log:
        rc = subprocess.run(
            command, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, timeout=timeout, check=False
        ).returncode
    output = log_path.read_text(errors="replace")
    errors = [line for line in output.splitlines() if coopctl.LOG_ERROR.match(line)]
    assert rc == 0 and not errors, f"Odoo {' '.join(args)} failed ({rc}); see {log_path}:\n" + (
        "\n".join(errors[:10]) or output[-3000:]
    )
    return output


def shell(db_name, code, log_name, conf=None, timeout=900):
    """Run ``code`` with ``env`` (superuser) in database ``db_name``; returns
    what it passed to ``result()``. Nothing is committed unless it commits."""
    command = [sys.executable, "-m", "odoo", "shell", "-c", str(conf or coopctl.CONF)]
    command += ["-d", db_name, "--no-http", "--max-cron-threads", "0", "--log-level", "warn"]
    proc = subprocess.run(
        command,
        input=_PRELUDE + textwrap.dedent(code),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )
    (coopctl.LOGS / log_name).write_text(proc.stdout + proc.stderr)
    assert proc.returncode == 0, f"odoo shell failed ({proc.returncode}):\n{proc.stderr[-4000:]}"
    output = (proc.stdout + proc.stderr).splitlines()
    errors = [line for line in output if coopctl.LOG_ERROR.match(line)]
    assert not errors, f"errors logged; see {coopctl.LOGS / log_name}:\n" + "\n".join(errors[:10])
    found = [line[len(_MARK) :] for line in proc.stdout.splitlines() if line.startswith(_MARK)]
    assert len(found) == 1, f"no result from the script:\n{proc.stdout[-2000:]}"
    return json.loads(found[0])


def cached_template(db, prefix, modules, build, key_parts=()):
    """A template database made once by ``build(name)`` and kept, keyed by the
    Odoo version, the ``modules`` it has and ``key_parts`` (e.g. the code
    that fills it)."""
    import odoo.release

    key = "|".join(
        [odoo.release.version, str(coopctl.odoo_package()), ",".join(modules), *key_parts]
    )
    key += "|" + coopctl.db_user()
    name = f"{prefix}_{hashlib.sha1(key.encode()).hexdigest()[:12]}"
    if db.exists(name):
        return name
    building = f"{name}_building"
    db.drop(building)
    build(building)
    db.rename(building, name)
    return name


def scratch_name(prefix):
    return f"{prefix}_{os.getpid()}"
