from odoo import api, fields, models
from odoo.tools.misc import format_date


class CoopHourWeekSignWizard(models.TransientModel):
    """Sign a weekly summary: the date signed, what was checked, and, when
    the week's supervision requirement is not met, the supervisor's
    attestation. Signing goes through ``coop.hour.week.action_sign``, which
    checks all of it again for every caller."""

    _name = "coop.hour.week.sign.wizard"
    _description = "Sign a weekly summary of hours"

    week_id = fields.Many2one("coop.hour.week", required=True, ondelete="cascade")
    date = fields.Date(string="Date signed", required=True, default=fields.Date.context_today)
    supervision_ok = fields.Boolean(related="week_id.supervision_ok")
    attested = fields.Boolean(
        string="I attest to the supervision given",
        help="Required when the week's supervision requirement is not met.",
    )
    attestation = fields.Text(
        help="What supervision you gave this week and when, in your own words; kept on the "
        "week and printed on its weekly summary."
    )
    checks = fields.Text(string="Checked", compute="_compute_checks")

    @api.depends("week_id", "date")
    @api.depends_context("lang")
    def _compute_checks(self):
        for wizard in self:
            wizard.checks = "\n".join(wizard._coop_checks()) if wizard.week_id else False

    def _coop_checks(self):
        self.ensure_one()
        week = self.week_id.sudo()
        lines = [
            self.env._(
                "%(person)s, week of %(week)s (%(setting)s): %(hours)s hours logged, submitted.",
                person=week.associate_id.name,
                week=format_date(self.env, week.week_start),
                setting=week.setting,
                hours=week._coop_units_text(week.total_hours),
            ),
            week._coop_supervision_text(),
        ]
        if not week.supervision_ok:
            lines.append(
                self.env._(
                    "The supervision requirement is not met: sign only with your attestation "
                    "of the supervision you gave."
                )
            )
        error = week._coop_sign_date_error(self.date) if self.date else None
        if error:
            lines.append(error)
        return lines

    def action_confirm(self):
        self.ensure_one()
        attestation = self.attestation if self.attested else False
        self.week_id.action_sign(date=self.date, attestation=attestation)
        return {"type": "ir.actions.act_window_close"}
