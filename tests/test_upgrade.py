"""Upgrade from a reference commit of this repository to the working tree.

The addons as they were at the commit in tests/upgrade_reference.txt (read
from the repository's own history with `git archive`) are installed with
demo data, then upgraded to the working tree's (`-u`; addons that are new
since then are installed). Nothing may be lost: every coop.* record is still
there with the same stored values (except those our data files own, which an
update rewrites on purpose). Keep the reference commit current as data models
change (README.md, "Upgrades").
"""

import subprocess

from . import odoo_db
from .odoo_db import ROOT, coopctl

REFERENCE_FILE = ROOT / "tests" / "upgrade_reference.txt"

# Values a migration rewrites on purpose, by (module, version that brings the
# migration): allowed to change only when the reference is older than it.
REWRITTEN_BY_MIGRATIONS = {
    # coop_governance 18.0.1.4.0: each vote gets a frozen copy of the bylaws it
    # was opened under, and sealed votes and approved minutes are re-sealed
    # with the keyed seal (migrations/18.0.1.4.0/post-migration.py).
    ("coop_governance", "18.0.1.4.0"): {
        ("coop.proposal", "decision_type_id"),
        ("coop.proposal", "result_hash"),
        ("coop.proposal", "chain_hash"),
        ("coop.meeting", "minutes_hash"),
    },
}


def rewritten_on_purpose(before_versions):
    """The (model, field) pairs the migrations run by this upgrade rewrite."""
    allowed = set()
    for (module, version), fields in REWRITTEN_BY_MIGRATIONS.items():
        old = before_versions.get(module)
        if old and tuple(map(int, old.split("."))) < tuple(map(int, version.split("."))):
            allowed |= fields
    return allowed


SNAPSHOT = """
modules = {modules!r}
owned = {{}}
for data in env["ir.model.data"].search([("module", "in", modules), ("noupdate", "=", False)]):
    owned.setdefault(data.model, set()).add(data.res_id)
skipped = ("create_date", "create_uid", "write_date", "write_uid")
snapshot = {{}}
for model in env["ir.model"].search([("model", "=like", "coop.%")]):
    if model.model not in env.registry:
        continue
    Model = env[model.model].with_context(active_test=False)
    if Model._abstract or Model._transient or not Model._auto:
        continue
    fields = [
        name for name, field in Model._fields.items()
        if field.store and not field.compute and name not in skipped
        and field.type not in ("one2many", "many2many", "binary")
    ]
    rows = {{}}
    for row in Model.search([]).read(fields, load=None):
        if row["id"] in owned.get(model.model, ()):
            rows[str(row["id"])] = None  # rewritten by updates on purpose
            continue
        rows[str(row["id"])] = {{
            k: (round(v, 6) if isinstance(v, float) else v) for k, v in row.items()
        }}
    snapshot[model.model] = rows
versions = {{
    m.name: m.latest_version
    for m in env["ir.module.module"].search([("name", "in", modules)])
    if m.state == "installed"
}}
result({{"records": snapshot, "versions": versions}})
"""


def reference_addons(tmp_path):
    commit = REFERENCE_FILE.read_text().split()[0]
    known = subprocess.run(
        ["git", "-C", str(ROOT), "cat-file", "-e", f"{commit}^{{commit}}"],
        capture_output=True,
        check=False,
    )
    assert known.returncode == 0, (
        f"The upgrade reference {commit} (tests/upgrade_reference.txt) is not in this "
        "clone's history: fetch the full history (git fetch --unshallow)."
    )
    target = tmp_path / "reference"
    target.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", commit, "addons"],
        capture_output=True,
        check=True,
    )
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return commit, tmp_path / "reference" / "addons"


def test_upgrade_from_the_reference_commit_loses_nothing(tmp_path):
    commit, ref_addons = reference_addons(tmp_path)
    ref_modules = coopctl.discover_modules(ref_addons)
    assert ref_modules, f"no addons at the reference commit {commit}"
    now_modules = coopctl.OUR_MODULES
    gone = [m for m in ref_modules if m not in now_modules]
    assert not gone, f"addons of the reference commit {commit} no longer exist: {gone}"
    new = [m for m in now_modules if m not in ref_modules]

    db, template = coopctl.prepare()
    ref_conf = odoo_db.config_with_addons(ref_addons, tmp_path / "reference.conf")
    name = odoo_db.scratch_name("coop_upgrade")
    db.clone(template, name)
    try:
        if new:
            # The template knows today's addons (it was made with today's
            # addons path); at the reference commit they did not exist, and an
            # auto-installing one (coop_capital_governance) would be put "to
            # install" without its code. As the reference's database, they are
            # uninstallable until the upgrade finds their code.
            odoo_db.shell(
                name,
                f"""
                env.cr.execute(
                    "UPDATE ir_module_module SET state = 'uninstallable' WHERE name IN %s",
                    [tuple({new!r})],
                )
                env.cr.commit()
                result(env.cr.rowcount)
                """,
                "upgrade-unknown-addons.log",
                ref_conf,
            )
        odoo_db.odoo(["-d", name, "-i", ",".join(ref_modules)], "upgrade-install.log", ref_conf)
        snapshot = SNAPSHOT.format(modules=list(now_modules))
        before = odoo_db.shell(name, snapshot, "upgrade-before.log", ref_conf)
        args = ["-d", name, "-u", ",".join(ref_modules)]
        if new:
            args += ["-i", ",".join(new)]
        odoo_db.odoo(args, "upgrade-update.log")
        after = odoo_db.shell(name, snapshot, "upgrade-after.log")
    finally:
        db.drop(name)

    assert sorted(after["versions"]) == sorted(now_modules), after["versions"]
    for module in now_modules:
        assert after["versions"][module] == coopctl.manifest(module)["version"], module
    assert sum(len(rows) for rows in before["records"].values()) > 0, "no demo records"
    lost, changed = [], []
    allowed = rewritten_on_purpose(before["versions"])
    for model, rows in before["records"].items():
        now = after["records"].get(model)
        if now is None:
            lost.append(f"{model}: the model is gone ({len(rows)} records)")
            continue
        missing = sorted(set(rows) - set(now), key=int)
        if missing:
            lost.append(f"{model}: {len(missing)} of {len(rows)} records lost, ids {missing[:10]}")
        for record_id, values in rows.items():
            if values is None or now.get(record_id) is None:
                continue
            for field, value in values.items():
                if (model, field) in allowed:
                    continue
                if field in now[record_id] and now[record_id][field] != value:
                    changed.append(
                        f"{model}({record_id}).{field}: {value!r} -> {now[record_id][field]!r}"
                    )
    assert not lost, "\n".join(lost)
    assert not changed, "\n".join(changed[:40])
