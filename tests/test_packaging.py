"""The compose file and the set-up's promises, without Odoo running."""

import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import coopctl  # noqa: E402


def test_compose_file_runs_odoo_18_with_our_addons():
    compose = yaml.safe_load((ROOT / "docker" / "docker-compose.yml").read_text())
    services = compose["services"]
    assert services["odoo"]["image"] == "odoo:18"
    assert services["db"]["image"].startswith("postgres:")
    assert "../addons:/mnt/extra-addons:ro" in services["odoo"]["volumes"]
    assert services["odoo"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert "8069:8069" in services["odoo"]["ports"]
    command = services["odoo"]["command"]
    init = next(arg for arg in command if arg.startswith("--init="))
    modules = init.removeprefix("--init=").split(",")
    assert modules == list(coopctl.OUR_MODULES)
    assert "--database=coop_demo" in command
    # The official image reads the database settings from these variables.
    env = services["odoo"]["environment"]
    db_env = services["db"]["environment"]
    assert (env["USER"], env["PASSWORD"]) == (db_env["POSTGRES_USER"], db_env["POSTGRES_PASSWORD"])
    assert env["USER"] != "postgres"  # Odoo refuses the postgres role
    for volume in ("db-data", "odoo-data"):
        assert volume in compose["volumes"]
    # Every addon the compose file installs is in the mounted folder.
    for module in modules:
        assert (ROOT / "addons" / module / "__manifest__.py").is_file()


def _bare_python(tmp_path):
    """A Python that cannot import Odoo: a venv without system site-packages."""
    venv = tmp_path / "bare"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    assert subprocess.run(
        [str(python), "-c", "import odoo"], capture_output=True, check=False
    ).returncode
    return python


def _make(target, tmp_path, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("ODOO_SRC", "VIRTUAL_ENV", "MAKEFLAGS", "MAKELEVEL")
    }
    environment.update(
        COOP_STATE_DIR=str(tmp_path / "state"),
        # The official source's address, made unreachable for this test.
        ODOO_GIT_URL="http://127.0.0.1:9/odoo/odoo.git",
        **env,
    )
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), target, f"VENV={tmp_path / 'venv'}"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
        check=False,
    )


def test_without_odoo_both_commands_stop_with_a_clear_message(tmp_path):
    python = _bare_python(tmp_path)
    for target in ("run", "test"):
        result = _make(target, tmp_path, PYTHON=str(python))
        assert result.returncode != 0, result.stdout
        errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR:")]
        assert len(errors) == 1, result.stderr
        message = errors[0]
        assert message.startswith("ERROR: Odoo 18 not found"), result.stderr
        assert "ODOO_SRC" in message
        assert "could not be downloaded" in message
        assert not (tmp_path / "venv").exists()


def test_odoo_src_must_be_an_odoo_18_tree(tmp_path):
    python = _bare_python(tmp_path)
    result = _make("test", tmp_path, PYTHON=str(python), ODOO_SRC=str(tmp_path))
    assert result.returncode != 0
    assert "has no odoo/release.py" in result.stderr
    (tmp_path / "odoo").mkdir()
    (tmp_path / "odoo" / "release.py").write_text("serie = '17.0'\n")
    result = _make("run", tmp_path, PYTHON=str(python), ODOO_SRC=str(tmp_path))
    assert result.returncode != 0
    assert "holds Odoo 17.0, not 18.0" in result.stderr
