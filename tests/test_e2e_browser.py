"""Screens as people see them, in headless Chromium; screenshots under artifacts/."""

import re
import time
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


# Each list header's label, in the width its column has: scrollWidth beyond
# clientWidth means the label is cut ("Amount rem…").
TRUNCATED_HEADERS = """
[...document.querySelectorAll('.o_list_table thead th')].map(th => {
    const label = th.querySelector('span.text-truncate') || th.querySelector('span');
    return label && label.scrollWidth > label.clientWidth + 1 ? label.innerText.trim() : null;
}).filter(Boolean)
"""


def _co_op_list_actions(admin):
    """(menu path, action id) of every menu under Co-op whose window action
    has a list view."""
    root = admin.ref("coop_membership.menu_coop_root")
    menus = admin(
        "ir.ui.menu",
        "search_read",
        [("id", "child_of", root), ("action", "!=", False)],
        fields=["complete_name", "action"],
    )
    found = []
    for menu in sorted(menus, key=lambda m: m["complete_name"]):
        model, action_id = menu["action"].split(",")
        if model != "ir.actions.act_window":
            continue
        (action,) = admin(model, "read", [int(action_id)], fields=["view_mode"])
        if "list" in action["view_mode"].split(","):
            found.append((menu["complete_name"], int(action_id)))
    return found


def test_co_op_list_headers_are_not_truncated_at_1440_px(odoo_server, admin):
    """Every list of the Co-op menus on a 1440x900 screen, as the admin (who
    sees every column): no column header is cut short."""
    actions = _co_op_list_actions(admin)
    assert len(actions) >= 25, actions
    cookie = session_cookie(odoo_server.url, odoo_server.db, "admin", "admin")
    browser = Browser(width=1440, height=900)
    truncated = {}
    try:
        browser.send("Network.enable")
        browser.send(
            "Network.setCookie", name="session_id", value=cookie, url=odoo_server.url, path="/"
        )
        for menu, action_id in actions:
            browser.send("Page.navigate", url="about:blank")
            browser.send(
                "Page.navigate", url=f"{odoo_server.url}/web#action={action_id}&view_type=list"
            )
            browser.wait_for(
                "document.querySelector('.o_action_manager .o_list_view .o_list_table thead th')"
                " !== null && document.querySelector('.o_list_table').style.tableLayout"
                " === 'fixed'"
            )
            time.sleep(0.3)  # the columns' widths are frozen after the first paint
            cut = browser.evaluate(TRUNCATED_HEADERS)
            if cut:
                truncated[menu] = cut
            if menu == "Co-op/Capital/Subscriptions":
                ARTIFACTS.mkdir(exist_ok=True)
                browser.screenshot(ARTIFACTS / "subscriptions_list.png")
    finally:
        browser.close()
    assert truncated == {}, f"list headers cut short at 1440 px: {truncated}"
