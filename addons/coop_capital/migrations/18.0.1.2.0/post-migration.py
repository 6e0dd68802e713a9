"""Investment shares get an equity account of their own (3110).

Each company whose capital accounts are set up gets the new account. An
investment class that names no account of its own and already holds shares
kept them on the membership shares account (3100) until now: it is pinned to
that account, so that its register and its ledger still agree. The accountant
may then point it at 3110 and reclassify with an entry; classes without
shares use 3110 from now on."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    companies = env["res.company"].search([("coop_account_share_id", "!=", False)])
    classes = (
        env["coop.share.class"]
        .with_context(active_test=False)
        .search([("kind", "=", "investment"), ("account_id", "=", False)])
    )
    held = classes.filtered(
        lambda c: env["coop.share.operation"].search_count([("share_class_id", "=", c.id)], limit=1)
    )
    for share_class in held:
        share_class.account_id = share_class.company_id.coop_account_share_id
    companies._coop_capital_setup()
