"""End-to-end modules do not see each other's changes: two probe modules,
each of which checks that no probe's changes are there, then adds a record
and edits a demo record, pass together (pytest run inside this test, on
copies of this session's installed database), and the database they were
copied from is unchanged. The probes are alike, so whichever runs second
checks that the first one's changes are not seen: on one shared database
(before tests/conftest.py gave each module its own) the second fails."""

import os
import re
import subprocess
import sys

import coopctl

from .conftest import ROOT

PROBE = '''
NAME = "{name}"


def marks(admin):
    """What any probe module changed: records it made, demo records it edited."""
    return admin(
        "res.partner",
        "search_read",
        ["|", ("name", "=like", "Isolation mark %"), ("ref", "=like", "Isolation mark %")],
        fields=["name", "ref"],
    )


def test_starts_from_the_installed_demo(admin):
    assert marks(admin) == []


def test_its_own_changes_are_seen(admin):
    admin("res.partner", "create", {{"name": f"Isolation mark {{NAME}}"}})
    demo = admin.ref("base.partner_demo")
    admin("res.partner", "write", [demo], {{"ref": f"Isolation mark {{NAME}}"}})
    assert sorted((m["name"], m["ref"]) for m in marks(admin)) == sorted(
        [(f"Isolation mark {{NAME}}", False), ("Marc Demo", f"Isolation mark {{NAME}}")]
    )
'''


def marks_in(db_name):
    conn = coopctl._connect(coopctl.ensure_postgres(), coopctl.db_user(), db_name)
    try:
        with conn.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM res_partner WHERE name LIKE %s OR ref LIKE %s",
                ["Isolation mark %", "Isolation mark %"],
            )
            return cr.fetchone()[0]
    finally:
        conn.close()


def test_a_module_does_not_see_what_another_changed(e2e_template, tmp_path):
    db, template = e2e_template
    probes = []
    for name in ("first", "second"):
        probes.append(tmp_path / f"test_e2e_{name}.py")
        probes[-1].write_text(PROBE.format(name=name))
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "tests.conftest",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(tmp_path),
            *map(str, probes),
        ],
        cwd=ROOT,
        env=dict(os.environ, COOP_E2E_TEMPLATE=template, PYTHONDONTWRITEBYTECODE="1"),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert re.search(r"^=+ 4 passed[ ,]", run.stdout, re.MULTILINE), run.stdout[-2000:]
    assert marks_in(template) == 0
    assert db.names("coop_e2e_%_first") == db.names("coop_e2e_%_second") == []
