"""End-to-end fixtures: a real Odoo 18 server on a free port, against a fresh
database (copied from the template, both modules installed), stopped and
dropped at the end of the session."""

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import coopctl  # noqa: E402

from .odoo_rpc import Rpc  # noqa: E402


@dataclass
class Server:
    url: str
    db: str
    log: Path


def _wait_until_up(url, proc, log, timeout=180):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"Odoo stopped with {proc.returncode}; see {log}")
        try:
            response = requests.post(
                f"{url}/web/webclient/version_info", json={"params": {}}, timeout=5
            )
            if response.ok:
                return response.json()["result"]
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"Odoo did not answer within {timeout} s; see {log}")


@pytest.fixture(scope="session")
def odoo_server():
    db, template = coopctl.prepare()
    name = f"coop_e2e_{os.getpid()}"
    db.clone(template, name)
    proc = None
    log_path = coopctl.LOGS / "e2e-server.log"
    try:
        coopctl.install_ours(name, "e2e-install.log")
        port = coopctl.free_port()
        with open(log_path, "w") as log:
            proc = subprocess.Popen(
                coopctl.odoo_command(
                    "-d",
                    name,
                    "--db-filter",
                    f"^{name}$",
                    "--http-interface",
                    "127.0.0.1",
                    "--http-port",
                    str(port),
                    "--workers",
                    "0",
                ),
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=ROOT,
            )
        url = f"http://127.0.0.1:{port}"
        version = _wait_until_up(url, proc, log_path)
        assert version["server_serie"] == "18.0"
        yield Server(url=url, db=name, log=log_path)
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
        db.drop(name)


@pytest.fixture(scope="session")
def admin(odoo_server):
    return Rpc(odoo_server.url, odoo_server.db, "admin", "admin")


@pytest.fixture(scope="session")
def member(odoo_server):
    return Rpc(odoo_server.url, odoo_server.db, "member", "member")
