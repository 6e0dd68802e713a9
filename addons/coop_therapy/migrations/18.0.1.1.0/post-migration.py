"""Licensure alerts made before they had their own activity types get them.

The daily job used to make "To-Do" activities whose summary was
"[Licensure] " and the alert's title, and found them again by that
summary. Each alert now has its own type and is found by it: the open ones
get their type here (and lose the summary the type now gives), so the job
neither adds a second alert nor leaves the old one open for good."""

from odoo import SUPERUSER_ID, api

LEGACY = {
    "Registration expires within 90 days": "mail_activity_type_registration_90",
    "Registration expires within 30 days": "mail_activity_type_registration_30",
    "Last allowed renewal reached": "mail_activity_type_last_renewal",
    "CE hours behind for this cycle": "mail_activity_type_ce_behind",
    "Hours about to leave the window": "mail_activity_type_window",
    "Week worked without the required supervision": "mail_activity_type_week_unsupervised",
    "Week not signed after 14 days": "mail_activity_type_week_unsigned",
    "Candidacy rule met: open candidacy": "mail_activity_type_candidacy",
    "Supervisor training due": "mail_activity_type_supervisor_training",
    "Supervision agreement to sign": "mail_activity_type_agreement",
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    todo = env.ref("mail.mail_activity_data_todo")
    for title, xmlid in LEGACY.items():
        env["mail.activity"].search(
            [("activity_type_id", "=", todo.id), ("summary", "=", f"[Licensure] {title}")]
        ).write({"activity_type_id": env.ref(f"coop_therapy.{xmlid}").id, "summary": False})
