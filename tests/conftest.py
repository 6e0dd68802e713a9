"""End-to-end fixtures: a real Odoo 18 server on a free port, against a fresh
database (copied from the template, the four addons installed), stopped and
dropped at the end of the session."""

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import coopctl  # noqa: E402

from .odoo_rpc import Rpc  # noqa: E402


@dataclass
class Server:
    url: str
    db: str
    log: Path


@pytest.fixture(scope="session")
def odoo_server():
    db, template = coopctl.prepare()
    name = f"coop_e2e_{os.getpid()}"
    db.clone(template, name)
    try:
        coopctl.install_ours(name, "e2e-install.log")
        with coopctl.served(name, "e2e-server.log") as (url, version):
            assert version["server_serie"] == "18.0"
            yield Server(url=url, db=name, log=coopctl.LOGS / "e2e-server.log")
    finally:
        db.drop(name)


@pytest.fixture(scope="session")
def admin(odoo_server):
    return Rpc(odoo_server.url, odoo_server.db, "admin", "admin")


@pytest.fixture(scope="session")
def member(odoo_server):
    return Rpc(odoo_server.url, odoo_server.db, "member", "member")
