"""End-to-end fixtures: each test module gets a database of its own, copied
from one made for the session (the template with the four addons and their
demo data installed), and a real Odoo 18 server on a free port serving only
that copy; both are stopped and dropped when the module ends. What one module
writes is never seen by another, whatever order they run in.

COOP_E2E_TEMPLATE names an installed database to copy instead of making one
(tests/test_e2e_isolation.py runs pytest inside pytest with it); that database
is neither changed nor dropped."""

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import coopctl  # noqa: E402

from .odoo_rpc import Rpc  # noqa: E402

PG_NAME_MAX = 63  # PostgreSQL's longest database name


@dataclass
class Server:
    url: str
    db: str
    log: Path


@pytest.fixture(scope="session")
def e2e_template():
    """(database helper, name of the installed database every module copies).
    Nothing connects to it, so copying it is a plain ``CREATE DATABASE ...
    TEMPLATE``."""
    db, template = coopctl.prepare()
    given = os.environ.get("COOP_E2E_TEMPLATE")
    if given:
        assert db.exists(given), f"COOP_E2E_TEMPLATE={given}: no such database"
        yield db, given
        return
    name = f"coop_e2e_{os.getpid()}"
    db.clone(template, name)
    try:
        coopctl.install_ours(name, "e2e-install.log")
        yield db, name
    finally:
        db.drop(name)


def short_name(module_name):
    """test_e2e_governance -> governance."""
    return module_name.rsplit(".", 1)[-1].removeprefix("test_e2e_")


@pytest.fixture(scope="module")
def odoo_server(request, e2e_template):
    """This module's own copy of the installed database, served."""
    db, template = e2e_template
    short = short_name(request.module.__name__)
    name = f"coop_e2e_{os.getpid()}_{short}"[:PG_NAME_MAX]
    log_name = f"e2e-server-{short}.log"
    db.clone(template, name)
    try:
        with coopctl.served(name, log_name) as (url, version):
            assert version["server_serie"] == "18.0"
            yield Server(url=url, db=name, log=coopctl.LOGS / log_name)
    finally:
        db.drop(name)


@pytest.fixture(scope="module")
def admin(odoo_server):
    return Rpc(odoo_server.url, odoo_server.db, "admin", "admin")


@pytest.fixture(scope="module")
def member(odoo_server):
    return Rpc(odoo_server.url, odoo_server.db, "member", "member")
