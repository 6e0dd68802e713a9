"""Helpers of the set-up tests: `make` and tools/bootstrap.sh as a new user
runs them, in a temporary state directory and virtual environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Variables of the caller's environment that would change what the set-up finds.
_NOT_INHERITED = ("ODOO_SRC", "VIRTUAL_ENV", "MAKEFLAGS", "MAKELEVEL", "PIP_CONSTRAINT")


def base_python():
    """The interpreter this environment was made from (not the venv's)."""
    return os.environ.get("PYTHON_BASE") or getattr(sys, "_base_executable", sys.executable)


def environment(tmp_path, **env):
    environ = {k: v for k, v in os.environ.items() if k not in _NOT_INHERITED}
    environ.update(
        COOP_STATE_DIR=str(tmp_path / "state"),
        # The official source's address, made unreachable for these tests.
        ODOO_GIT_URL="http://127.0.0.1:9/odoo/odoo.git",
        **env,
    )
    return environ


def make(target, tmp_path, timeout=300, **env):
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), target, f"VENV={tmp_path / 'venv'}"],
        capture_output=True,
        text=True,
        env=environment(tmp_path, **env),
        timeout=timeout,
        check=False,
    )


def bootstrap(tmp_path, timeout=300, **env):
    return subprocess.run(
        ["bash", str(ROOT / "tools" / "bootstrap.sh")],
        capture_output=True,
        text=True,
        env=environment(tmp_path, VENV=str(tmp_path / "venv"), **env),
        timeout=timeout,
        check=False,
    )


def bare_python(tmp_path):
    """A Python that cannot import Odoo: a venv without system site-packages."""
    venv = tmp_path / "bare"
    subprocess.run([base_python(), "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    assert subprocess.run(
        [str(python), "-c", "import odoo"], capture_output=True, check=False
    ).returncode
    return python


def error_lines(stderr):
    return [line for line in stderr.splitlines() if line.startswith("ERROR:")]
