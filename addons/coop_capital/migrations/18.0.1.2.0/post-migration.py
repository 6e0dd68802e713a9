"""To-dos made before they had their own activity type get it.

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


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    todo = env.ref("mail.mail_activity_data_todo")
    for model, summary, xmlid in LEGACY:
        env["mail.activity"].search(
            [
                ("res_model", "=", model),
                ("activity_type_id", "=", todo.id),
                ("summary", "=like", summary),
            ]
        ).write({"activity_type_id": env.ref(f"coop_capital.{xmlid}").id, "summary": False})
