"""The compose file and the set-up's promises, without Odoo running."""

import os
import subprocess
import sys

import yaml

from .setup_helpers import ROOT, bare_python, error_lines, make


def test_compose_file_runs_odoo_18_with_our_addons():
    compose = yaml.safe_load((ROOT / "docker" / "docker-compose.yml").read_text())
    services = compose["services"]
    build = services["odoo"]["build"]
    context = (ROOT / "docker" / build["context"]).resolve()
    assert context == ROOT
    dockerfile = (context / build["dockerfile"]).read_text().splitlines()
    assert [line for line in dockerfile if line.startswith("FROM ")] == ["FROM odoo:18"]
    assert services["db"]["image"].startswith("postgres:")
    assert "../addons:/mnt/extra-addons:ro" in services["odoo"]["volumes"]
    assert services["odoo"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert "8069:8069" in services["odoo"]["ports"]
    command = services["odoo"]["command"]
    assert "--database=coop_demo" in command
    assert not any(arg.startswith(("--init", "-i")) for arg in command)  # the entrypoint's
    # The official image reads the database settings from these variables.
    env = services["odoo"]["environment"]
    db_env = services["db"]["environment"]
    assert (env["USER"], env["PASSWORD"]) == (db_env["POSTGRES_USER"], db_env["POSTGRES_PASSWORD"])
    assert env["USER"] != "postgres"  # Odoo refuses the postgres role
    for volume in ("db-data", "odoo-data"):
        assert volume in compose["volumes"]


def _entrypoint(tmp_path, *args):
    """docker/entrypoint.sh with this repository's addons as the mounted
    folder, and an official entrypoint that prints what it is given."""
    official = tmp_path / "official-entrypoint.sh"
    official.write_text('#!/bin/sh\nprintf "%s\\n" "$@"\n')
    official.chmod(0o755)
    env = {"COOP_ADDONS_DIR": str(ROOT / "addons"), "COOP_NEXT_ENTRYPOINT": str(official)}
    result = subprocess.run(
        ["bash", str(ROOT / "docker" / "entrypoint.sh"), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=True,
    )
    return result.stdout.splitlines()


def test_the_image_installs_and_updates_every_addon_of_the_folder(tmp_path):
    modules = sorted(p.parent.name for p in (ROOT / "addons").glob("*/__manifest__.py"))
    assert modules
    args = _entrypoint(tmp_path, "--database=coop_demo")
    assert args[0] == "--database=coop_demo"
    init = [a for a in args if a.startswith("--init=")]
    update = [a for a in args if a.startswith("--update=")]
    assert sorted(init[0].split("=", 1)[1].split(",")) == modules
    assert sorted(update[0].split("=", 1)[1].split(",")) == modules
    assert _entrypoint(tmp_path, "bash") == ["bash"]  # other commands untouched


def test_the_image_installs_the_oca_addons_of_requirements_txt(tmp_path):
    """docker/install-oca.sh gives pip only the odoo-addon-* lines."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    pip = bin_dir / "pip3"
    pip.write_text('#!/bin/sh\nfor last; do :; done\ncat "$last" > "$PIP_SAW"\n')
    pip.chmod(0o755)
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("pytest==9.2.0\nodoo-addon-date_range==18.0.*\n# odoo-addon-x\n")
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    env["PIP_SAW"] = str(tmp_path / "saw.txt")
    script = str(ROOT / "docker" / "install-oca.sh")
    subprocess.run(["sh", script, str(requirements)], env=env, check=True, capture_output=True)
    assert (tmp_path / "saw.txt").read_text() == "odoo-addon-date_range==18.0.*\n"
    (tmp_path / "saw.txt").unlink()
    requirements.write_text("pytest==9.2.0\n")
    subprocess.run(["sh", script, str(requirements)], env=env, check=True, capture_output=True)
    assert not (tmp_path / "saw.txt").exists()  # pip not called without OCA lines


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


def test_make_run_runs_scheduled_jobs_and_test_runs_do_not(tmp_path):
    """Odoo reads the configuration of `make run` with its cron threads on
    (Odoo's default, 2); every Odoo run of the tests passes 0."""
    import coopctl  # tools/, on sys.path through conftest.py

    conf = tmp_path / "odoo.conf"
    conf.write_text(coopctl.config_text("127.0.0.1"))
    probe = (
        "import sys; from odoo.tools import config; config.parse_config(sys.argv[1:]); "
        "print(config['max_cron_threads'])"
    )
    threads = [
        subprocess.run(
            [sys.executable, "-c", probe, "-c", str(conf), *extra],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()[-1]
        for extra in ([], ["--max-cron-threads", "0"])
    ]
    assert threads == ["2", "0"]
    source = (ROOT / "tools" / "coopctl.py").read_text()
    assert source.count('"--max-cron-threads", "0"') == 2  # run_odoo and served
    assert "max-cron-threads" in (ROOT / "tests" / "odoo_db.py").read_text()


def _fake_wkhtmltopdf(folder, version_line):
    folder.mkdir()
    binary = folder / "wkhtmltopdf"
    binary.write_text(f"#!/bin/sh\necho '{version_line}'\n")
    binary.chmod(0o755)
    return folder


def test_an_unpatched_wkhtmltopdf_is_named_once_with_how_to_fix_it(tmp_path, monkeypatch, capsys):
    """Debian's wkhtmltopdf prints "wkhtmltopdf 0.12.6": the set-up says once that
    PDFs will lack headers and footers, why the patched build was not installed,
    and how to get it."""
    import coopctl

    folder = _fake_wkhtmltopdf(tmp_path / "bin", "wkhtmltopdf 0.12.6")
    monkeypatch.setenv("PATH", f"{folder}:{os.environ['PATH']}")
    monkeypatch.setenv("COOP_WKHTMLTOPDF_DEB", str(tmp_path / "missing.deb"))
    warning = coopctl.ensure_wkhtmltopdf()
    assert "WITHOUT the company letterhead's header, footer and page numbers" in warning
    assert "wkhtmltopdf 0.12.6" in warning and "missing.deb is not a file" in warning
    assert "https://wkhtmltopdf.org/downloads.html" in warning and "docker/" in warning
    assert capsys.readouterr().out.count("WARNING: PDF reports will print WITHOUT") == 1


def test_a_patched_wkhtmltopdf_needs_nothing(tmp_path, monkeypatch, capsys):
    import coopctl

    folder = _fake_wkhtmltopdf(tmp_path / "bin", "wkhtmltopdf 0.12.6.1 (with patched qt)")
    monkeypatch.setenv("PATH", f"{folder}:{os.environ['PATH']}")
    monkeypatch.setenv("COOP_WKHTMLTOPDF_DEB", str(tmp_path / "missing.deb"))
    assert coopctl.ensure_wkhtmltopdf() is None
    assert "wkhtmltopdf" not in capsys.readouterr().out
    assert coopctl.is_patched_wkhtmltopdf("wkhtmltopdf 0.12.5 (with patched qt)")
    assert not coopctl.is_patched_wkhtmltopdf("wkhtmltopdf 0.12.6")
