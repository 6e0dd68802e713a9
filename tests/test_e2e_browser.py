"""The member kanban as a person sees it, in headless Chromium."""

from pathlib import Path

from .browser import Browser
from .odoo_rpc import session_cookie

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
