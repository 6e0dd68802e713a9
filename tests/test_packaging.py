"""The compose file and the set-up's promises, without Odoo running."""

import yaml

from .setup_helpers import ROOT, bare_python, error_lines, make


def test_compose_file_runs_odoo_18_with_our_addons():
    compose = yaml.safe_load((ROOT / "docker" / "docker-compose.yml").read_text())
    services = compose["services"]
    assert services["odoo"]["image"] == "odoo:18"
    assert services["db"]["image"].startswith("postgres:")
    assert "../addons:/mnt/extra-addons:ro" in services["odoo"]["volumes"]
    assert services["odoo"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert "8069:8069" in services["odoo"]["ports"]
    command = services["odoo"]["command"]
    assert "--init=coop_therapy,coop_governance" in command
    assert "--database=coop_demo" in command
    # The official image reads the database settings from these variables.
    env = services["odoo"]["environment"]
    db_env = services["db"]["environment"]
    assert (env["USER"], env["PASSWORD"]) == (db_env["POSTGRES_USER"], db_env["POSTGRES_PASSWORD"])
    assert env["USER"] != "postgres"  # Odoo refuses the postgres role
    for volume in ("db-data", "odoo-data"):
        assert volume in compose["volumes"]
    # Every addon the compose file installs is in the mounted folder.
    for module in ("coop_therapy", "coop_governance"):
        assert (ROOT / "addons" / module / "__manifest__.py").is_file()


def test_without_odoo_both_commands_stop_with_a_clear_message(tmp_path):
    python = bare_python(tmp_path)
    for target in ("run", "test"):
        result = make(target, tmp_path, PYTHON=str(python))
        assert result.returncode != 0, result.stdout
        errors = error_lines(result.stderr)
        assert len(errors) == 1, result.stderr
        message = errors[0]
        assert message.startswith("ERROR: Odoo 18 not found"), result.stderr
        assert "ODOO_SRC" in message
        assert "could not be downloaded" in message
        assert not (tmp_path / "venv").exists()


def test_odoo_src_must_be_an_odoo_18_tree(tmp_path):
    python = bare_python(tmp_path)
    result = make("test", tmp_path, PYTHON=str(python), ODOO_SRC=str(tmp_path))
    assert result.returncode != 0
    assert "has no odoo/release.py" in result.stderr
    (tmp_path / "odoo").mkdir()
    (tmp_path / "odoo" / "release.py").write_text("serie = '17.0'\n")
    result = make("run", tmp_path, PYTHON=str(python), ODOO_SRC=str(tmp_path))
    assert result.returncode != 0
    assert "holds Odoo 17.0, not 18.0" in result.stderr
