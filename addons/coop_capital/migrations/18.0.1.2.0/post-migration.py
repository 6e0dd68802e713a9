"""18.0.1.2.0: investment shares get an equity account of their own (3110),
and to-dos made before they had their own activity type get it.

Each company whose capital accounts are set up gets the new account. An
investment class that names no account of its own and already holds shares
kept them on the membership shares account (3100) until now: it is pinned to
that account, so that its register and its ledger still agree. The accountant
may then point it at 3110 and reclassify with an entry; classes without
shares use 3110 from now on.

The daily overdue job used to make a "To-Do" whose summary began "Overdue
share installment", and found it again by that summary; the pay-ratio
warning was a "To-Do" named "Pay ratio above the cap". Both now have their
own type and are found by it: the open ones get their type here (and lose
the summary the type now gives), so the job does not add a second one."""

from odoo import SUPERUSER_ID, api

LEGACY = (
    ("coop.share.subscription", "Overdue share installment%", "mail_activity_type_share_overdue"),
    ("hr.contract", "Pay ratio above the cap", "mail_activity_type_pay_ratio"),
)


def _investment_account(env):
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


def _activity_types(env):
    todo = env.ref("mail.mail_activity_data_todo")
    for model, summary, xmlid in LEGACY:
        env["mail.activity"].search(
            [
                ("res_model", "=", model),
                ("activity_type_id", "=", todo.id),
                ("summary", "=like", summary),
            ]
        ).write({"activity_type_id": env.ref(f"coop_capital.{xmlid}").id, "summary": False})


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    _investment_account(env)
    _activity_types(env)
