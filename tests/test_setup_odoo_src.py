"""Set-up on a fresh machine with ODOO_SRC: Odoo 18's requirements built and
installed with the newest pip into a virtual environment that sees nothing of
this machine's Python, the tree installed as the `odoo` distribution, and OCA
addon wheels resolvable against it. Takes a few minutes (Odoo's requirements
are installed for real)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .setup_helpers import base_python, bootstrap, error_lines, make

OCA_WHEEL = "odoo-addon-date_range==18.0.*"


def odoo_source_tree():
    """The Odoo 18 source tree of this machine: the one the importable `odoo`
    package comes from (an editable install, a checkout, or the official
    clone the set-up made)."""
    if os.environ.get("ODOO_SRC"):
        return Path(os.environ["ODOO_SRC"]).resolve()
    import odoo

    tree = Path(os.path.dirname(os.path.dirname(odoo.__file__))).resolve()
    if not ((tree / "setup.py").is_file() and (tree / "requirements.txt").is_file()):
        pytest.fail(
            f"The importable odoo package ({odoo.__file__}) is not in a source tree "
            "with setup.py and requirements.txt: set ODOO_SRC to an Odoo 18 source tree."
        )
    return tree


def tree_copy(tmp_path):
    """The source tree as symbolic links: `pip install --editable` writes
    odoo.egg-info beside setup.py, which must not touch the machine's tree."""
    copy = tmp_path / "odoo-src"
    copy.mkdir()
    for entry in odoo_source_tree().iterdir():
        if not entry.name.endswith(".egg-info"):
            (copy / entry.name).symlink_to(entry)
    return copy


def run(*command, **kwargs):
    return subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, check=False, **kwargs
    )


def fresh_venv(venv):
    """A virtual environment that sees nothing of this machine's Python, with
    the newest pip."""
    assert run(base_python(), "-m", "venv", venv).returncode == 0
    python = venv / "bin" / "python"
    upgrade = run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    assert upgrade.returncode == 0, upgrade.stderr
    pip_version = run(python, "-m", "pip", "--version").stdout.split()[1]
    # pip 26 no longer applies PIP_CONSTRAINT to build environments.
    assert int(pip_version.split(".")[0]) >= 26, pip_version
    assert "include-system-site-packages = false" in (venv / "pyvenv.cfg").read_text()
    assert run(python, "-c", "import odoo").returncode  # nothing of Odoo yet
    return python


def test_odoo_src_into_a_fresh_venv_with_the_newest_pip(tmp_path):
    venv = tmp_path / "venv"
    python = fresh_venv(venv)

    tree = tree_copy(tmp_path)
    result = make("venv", tmp_path, timeout=1200, ODOO_SRC=str(tree), PYTHON=base_python())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Odoo 18 found: source (ODOO_SRC)" in result.stderr, result.stderr
    assert (venv / ".coop-ready").is_file()

    probe = run(
        python,
        "-c",
        "import importlib.metadata as m, odoo.release as r; "
        "print(r.serie, m.version('odoo'), m.version('cbor2'), r.__file__)",
        cwd=tmp_path,
    )
    assert probe.returncode == 0, probe.stderr
    serie, dist_version, cbor2, release_file = probe.stdout.split()
    assert (serie, dist_version) == ("18.0", "18.0")
    # The sdist that needs setuptools < 70 in its build environment was built.
    pinned = re.search(r"^cbor2==([\d.]+)", (tree / "requirements.txt").read_text(), re.M)
    assert cbor2 == pinned.group(1)
    assert Path(release_file).resolve() == (odoo_source_tree() / "odoo" / "release.py")

    # OCA addons published as wheels need the `odoo` distribution.
    oca = run(python, "-m", "pip", "install", "--dry-run", OCA_WHEEL)
    assert oca.returncode == 0, oca.stdout + oca.stderr
    would_install = [line for line in oca.stdout.splitlines() if line.startswith("Would install")]
    assert len(would_install) == 1, oca.stdout
    assert "odoo-addon-date_range-18.0." in would_install[0]
    assert " odoo-18" not in would_install[0]  # the tree's distribution satisfies it

    # cbor2 built from its sdist, not from a wheel this machine built before
    # (pip's cache would hide a constraint that no longer reaches the build).
    assert run(python, "-m", "pip", "uninstall", "--yes", "cbor2").returncode == 0
    (venv / ".coop-ready").unlink()
    again = bootstrap(tmp_path, ODOO_SRC=str(tree), PYTHON=base_python(), PIP_NO_CACHE_DIR="1")
    assert again.returncode == 0, again.stderr
    log = (tmp_path / "state" / "logs" / "pip-odoo-requirements.log").read_text()
    assert "Building wheel for cbor2" in log, log
    assert "Successfully installed cbor2-" + cbor2 in log, log


def _fake_commands(tmp_path, installed):
    """dpkg-query reporting only ``installed`` packages, and an apt-get that
    cannot install anything (as on a machine without network or rights)."""
    bin_dir = tmp_path / "fakebin"
    bin_dir.mkdir()
    (bin_dir / "dpkg-query").write_text(
        "#!/bin/sh\n"
        'for last; do :; done\ncase " ' + " ".join(installed) + ' " in\n'
        '  *" $last "*) printf "install ok installed" ;;\n'
        "  *) exit 1 ;;\nesac\n"
    )
    (bin_dir / "apt-get").write_text(
        "#!/bin/sh\necho 'E: Unable to locate package' >&2\nexit 100\n"
    )
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    return f"{bin_dir}:{os.environ['PATH']}"


def _fake_odoo_tree(tmp_path, requirements):
    tree = tmp_path / "fake-odoo"
    (tree / "odoo").mkdir(parents=True)
    (tree / "odoo" / "release.py").write_text("serie = '18.0'\n")
    (tree / "requirements.txt").write_text(requirements)
    return tree


def test_missing_debian_build_packages_are_named_before_pip_runs(tmp_path):
    assert Path("/etc/debian_version").exists(), "this test describes the Debian set-up"
    tree = _fake_odoo_tree(tmp_path, "cbor2==5.4.2\n")
    path = _fake_commands(tmp_path, installed=["libsasl2-dev", "gcc"])
    result = bootstrap(tmp_path, ODOO_SRC=str(tree), PYTHON=base_python(), PATH=path)
    assert result.returncode != 0
    errors = error_lines(result.stderr)
    assert len(errors) == 1, result.stderr
    assert result.stderr.rstrip().splitlines()[-1] == errors[0]  # not scrolled past
    assert "libldap2-dev" in errors[0] and "libpq-dev" in errors[0], errors[0]
    assert "apt-get install libldap2-dev libsasl2-dev libpq-dev" in errors[0]
    assert not (tmp_path / "state" / "logs" / "pip-odoo-requirements.log").exists()


def test_a_failing_requirement_ends_with_one_line_naming_the_packages(tmp_path):
    tree = _fake_odoo_tree(tmp_path, "cbor2==0.0.0\n")  # no such release
    path = _fake_commands(tmp_path, installed=["libldap2-dev", "libsasl2-dev", "libpq-dev", "gcc"])
    result = bootstrap(tmp_path, ODOO_SRC=str(tree), PYTHON=base_python(), PATH=path)
    assert result.returncode != 0
    last = result.stderr.rstrip().splitlines()[-1]
    assert last.startswith("ERROR: Installing Odoo 18's requirements failed"), result.stderr
    assert "libldap2-dev libsasl2-dev libpq-dev" in last
    assert "cbor2" in result.stderr  # the end of pip's output is shown above it


def test_oca_wheels_resolve_against_the_odoo_this_environment_imports():
    """The environment `make` built (whichever way it found Odoo) has the
    `odoo` distribution that `odoo-addon-*` wheels require."""
    oca = run(sys.executable, "-m", "pip", "install", "--dry-run", OCA_WHEEL)
    assert oca.returncode == 0, oca.stdout + oca.stderr
    would_install = [line for line in oca.stdout.splitlines() if line.startswith("Would install")]
    assert len(would_install) == 1, oca.stdout
    assert "odoo-addon-date_range-18.0." in would_install[0]
    assert " odoo-18" not in would_install[0]
