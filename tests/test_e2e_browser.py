"""Screens as people see them, in headless Chromium; screenshots under artifacts/."""

import re
from pathlib import Path

from .browser import Browser
from .odoo_rpc import Rpc, session_cookie

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


def test_member_kanban_screenshot_shows_the_demo_members(odoo_server):
    cookie = session_cookie(odoo_server.url, odoo_server.db, "admin", "admin")
    browser = Browser()
    try:
        browser.send("Network.enable")
        browser.send(
            "Network.setCookie",
            name="session_id",
            value=cookie,
            url=odoo_server.url,
            path="/",
        )
        browser.send(
            "Page.navigate",
            url=f"{odoo_server.url}/web#action=coop_membership.action_coop_membership",
        )
        browser.wait_for(
            "document.querySelectorAll('.o_kanban_view .o_kanban_record').length >= 10"
        )
        text = browser.evaluate("document.querySelector('.o_kanban_view').innerText")
        ARTIFACTS.mkdir(exist_ok=True)
        target = ARTIFACTS / "member_kanban.png"
        browser.screenshot(target)
    finally:
        browser.close()
    for name in ("Maya Okafor", "Lena Fischer", "Hannah Berg", "Grace Kim", "Robert Lane"):
        assert name in text
    for column in ("Associate (pre-licensed)", "Candidate member", "Member-owner"):
        assert column in text
    assert target.stat().st_size > 10_000
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_overview_screenshot_shows_the_managers_tiles(odoo_server):
    """The managers' Co-op overview on the demo co-op: a tile per figure."""
    cookie = session_cookie(odoo_server.url, odoo_server.db, "admin", "admin")
    browser = Browser(width=1440)
    try:
        browser.send("Network.enable")
        browser.send(
            "Network.setCookie",
            name="session_id",
            value=cookie,
            url=odoo_server.url,
            path="/",
        )
        browser.send(
            "Page.navigate",
            url=f"{odoo_server.url}/web#action=coop_membership.action_coop_overview",
        )
        browser.wait_for(
            "document.querySelectorAll('.o_coop_overview .o_kanban_record').length >= 8"
        )
        text = browser.evaluate("document.querySelector('.o_coop_overview').innerText")
        ARTIFACTS.mkdir(exist_ok=True)
        target = ARTIFACTS / "overview.png"
        browser.screenshot(target)
    finally:
        browser.close()
    for tile in (
        "Members",
        "Capital overdue",
        "Redemptions payable",
        "Pay ratio",
        "Open votes",
        "Weeks to sign",
        "Sessions this week",
    ):
        assert tile in text
    assert target.stat().st_size > 10_000
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _open(odoo_server, login, password, path, ready, width=1400):
    """``path`` in Chromium as ``login``, once ``ready`` (JS) holds: (browser, text)."""
    cookie = session_cookie(odoo_server.url, odoo_server.db, login, password)
    browser = Browser(width=width)
    browser.send("Network.enable")
    browser.send(
        "Network.setCookie", name="session_id", value=cookie, url=odoo_server.url, path="/"
    )
    browser.send("Page.navigate", url=f"{odoo_server.url}{path}")
    browser.wait_for(ready)
    return browser, browser.evaluate("document.body.innerText")


def test_member_portal_screenshot_fits_a_phone(odoo_server):
    """Maya's capital statement in the portal, 390 px wide as on a phone:
    nothing sticks out of the page (the tables scroll in their own box),
    and her documents are there to download."""
    browser, text = _open(
        odoo_server,
        "member",
        "member",
        "/my/capital",
        "document.querySelector('.o_coop_capital_statement .o_coop_statement_pdf') !== null",
        width=390,
    )
    try:
        overflow = browser.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        ARTIFACTS.mkdir(exist_ok=True)
        target = ARTIFACTS / "member_portal.png"
        browser.screenshot(target)
    finally:
        browser.close()
    assert "Maya Okafor" in text or "Riverbend" in text
    assert "Capital statement (PDF)" in text and "Shares held" in text
    assert overflow <= 0, f"the page is {overflow} px wider than a phone"
    assert target.stat().st_size > 10_000
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_share_certificate_screenshot(odoo_server):
    """Maya's share certificate as printed (the report's HTML): its number,
    the member, the signature lines."""
    membership = Rpc(odoo_server.url, odoo_server.db, "admin", "admin").ref(
        "coop_therapy.membership_maya"
    )
    browser, text = _open(
        odoo_server,
        "admin",
        "admin",
        f"/report/html/coop_capital.report_share_certificate/{membership}",
        "document.querySelector('.o_coop_certificate_number') !== null",
        width=1000,
    )
    try:
        ARTIFACTS.mkdir(exist_ok=True)
        target = ARTIFACTS / "certificate.png"
        browser.screenshot(target)
    finally:
        browser.close()
    assert "Maya Okafor" in text
    assert re.search(r"CERT-\d{4}", text)
    assert target.stat().st_size > 10_000
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
