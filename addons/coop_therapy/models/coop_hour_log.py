import math
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date, formatLang

from ..lib import licensure

SUPERVISION_KINDS = licensure.SUPERVISION_KINDS
# Set by the line's weekly summary, never by a caller.
WEEK_FIELDS = frozenset(
    {
        "week_id",
        "week_state",
        "supervisor_user_id",
        "associate_id",
        "associate_user_id",
        "company_id",
        "kind",
    }
)


def format_hours(env, hours):
    """Hours in the user's language with the decimals they have: 3.5 -> "3.5",
    2 -> "2", 1.25 -> "1.25"."""
    value = hours or 0.0
    digits = 0 if value == round(value) else 1 if value == round(value, 1) else 2
    return formatLang(env, value, digits=digits)


class CoopHourLog(models.Model):
    """Hours an associate worked toward licensure: date, work setting,
    category, hours, supervisor. Never a client identifier: there is no field
    for one and no free text."""

    _name = "coop.hour.log"
    _description = "Licensure hour log"
    _check_company_auto = True
    _order = "date desc, id desc"
    _inherit = ["coop.locked.fields.mixin"]
    _coop_locked_fields = WEEK_FIELDS

    licensure_id = fields.Many2one(
        "coop.licensure",
        string="Associate",
        required=True,
        index=True,
        default=lambda self: self.env["coop.licensure"].search(
            [("user_id", "=", self.env.uid)], limit=1
        ),
    )
    associate_id = fields.Many2one(related="licensure_id.employee_id", store=True)
    associate_user_id = fields.Many2one(
        related="licensure_id.user_id", store=True, string="Associate (user)"
    )
    company_id = fields.Many2one(related="licensure_id.company_id", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    setting = fields.Char(string="Work setting", required=True)
    category_id = fields.Many2one(
        "coop.license.category",
        required=True,
        domain="[('id', 'in', allowed_category_ids)]",
    )
    allowed_category_ids = fields.Many2many(
        "coop.license.category",
        compute="_compute_allowed_category_ids",
        string="Categories of the path",
        help="The categories of the associate's license path in force on the day.",
    )
    kind = fields.Selection(related="category_id.kind", store=True)
    hours = fields.Float(required=True)
    supervisor_id = fields.Many2one("coop.supervisor", check_company=True)
    supervisees = fields.Integer(
        string="Associates in the session",
        default=1,
        help="Supervision only: how many associates the session had (Texas: "
        "'individual' means up to two; more is group supervision).",
    )
    telehealth = fields.Boolean()
    predegree = fields.Boolean(string="Before the degree")
    source = fields.Selection(
        [("manual", "Entered by hand"), ("session", "Therapy sessions")],
        default="manual",
        required=True,
        readonly=True,
        help="Therapy sessions: the day's attended sessions, kept in step with them "
        "(change the sessions, not the log).",
    )
    week_id = fields.Many2one(
        "coop.hour.week", readonly=True, index=True, ondelete="restrict", check_company=True
    )
    week_state = fields.Selection(related="week_id.state", store=True, string="Week's state")
    supervisor_user_id = fields.Many2one(
        related="week_id.supervisor_user_id", store=True, string="Supervisor (user)"
    )

    # ------------------------------------------------------------------
    @api.depends("licensure_id", "date")
    def _compute_allowed_category_ids(self):
        """What the category may be: those of the path's rules in force on the
        day (other paths' categories, often of the same name, would be
        refused on save)."""
        empty = self.env["coop.license.category"]
        for rec in self:
            rule = rec.licensure_id._coop_rule(rec.date) if rec.licensure_id else None
            rec.allowed_category_ids = rule.category_ids if rule else empty

    @api.model
    def default_get(self, fields_list):
        """The work setting defaults from the associate's supervision
        agreement in force on the day (the most recent when several are)."""
        values = super().default_get(fields_list)
        if "setting" in fields_list and not values.get("setting") and values.get("licensure_id"):
            day = fields.Date.to_date(values.get("date")) or fields.Date.context_today(self)
            file = self.env["coop.licensure"].browse(values["licensure_id"])
            values["setting"] = file._coop_default_setting(day) or False
        return values

    @api.onchange("licensure_id", "date")
    def _onchange_default_setting(self):
        for rec in self:
            if rec.licensure_id and not rec.setting:
                rec.setting = rec.licensure_id._coop_default_setting(rec.date) or False

    @api.constrains("hours", "date")
    def _check_hours(self):
        today = fields.Date.context_today(self)
        for rec in self:
            if not (math.isfinite(rec.hours) and rec.hours > 0):
                raise ValidationError(self.env._("Hours must be a number more than zero."))
            if rec.supervisees < 1:
                raise ValidationError(
                    self.env._("A supervision session has at least one associate.")
                )
            if rec.date > today:
                raise ValidationError(
                    self.env._("Hours cannot be logged for a future day (%s).", rec.date)
                )
        days = defaultdict(float)
        for row in self._read_group(
            [
                ("licensure_id", "in", self.licensure_id.ids),
                ("date", "in", list(set(self.mapped("date")))),
            ],
            ["licensure_id", "date:day"],
            ["hours:sum"],
        ):
            days[(row[0].id, row[1])] = row[2]
        for (_licensure, day), hours in days.items():
            if hours > 24:
                raise ValidationError(
                    self.env._(
                        "%(hours)s hours are logged on %(day)s: a day has at most 24.",
                        hours=hours,
                        day=day,
                    )
                )

    @api.constrains("category_id", "licensure_id", "date")
    def _check_category(self):
        for rec in self:
            rule = rec.licensure_id._coop_rule(rec.date)
            if not rule:
                raise ValidationError(
                    self.env._(
                        "%(path)s has no rules in force on %(day)s.",
                        path=rec.licensure_id.path_id.name,
                        day=rec.date,
                    )
                )
            if rec.category_id not in rule.category_ids:
                raise ValidationError(
                    self.env._(
                        "%(category)s is not a category of %(path)s (rules of %(since)s).",
                        category=rec.category_id.name,
                        path=rec.licensure_id.path_id.name,
                        since=rule.date_from,
                    )
                )

    @api.constrains("supervisor_id", "category_id", "date", "setting")
    def _check_supervisor(self):
        supervised = self.filtered(lambda r: r.kind in SUPERVISION_KINDS)
        agreements = supervised._coop_agreements()
        for rec in supervised:
            if not rec.supervisor_id:
                raise ValidationError(self.env._("Supervision hours need the supervisor."))
            rule = rec.licensure_id._coop_rule(rec.date)
            reason = rec.supervisor_id._coop_ineligible_reason(rec.date, rule)
            if not reason and rec.supervisor_id not in agreements[rec.id].supervisor_id:
                reason = self.env._(
                    "%(who)s had no supervision agreement with %(associate)s for %(setting)s "
                    "on %(day)s.",
                    who=rec.supervisor_id.employee_id.name,
                    associate=rec.associate_id.name,
                    setting=rec.setting,
                    day=rec.date,
                )
            if reason:
                raise ValidationError(self.env._("This supervision cannot count: %s", reason))

    def _coop_agreements(self):
        """``{line id: the supervision agreements covering the line}`` (its
        associate, work setting and date), read in one query for all lines."""
        agreements = (
            self.env["coop.supervision.agreement"]
            .sudo()
            .search(
                [
                    ("associate_id", "in", self.associate_id.ids),
                    ("setting", "in", list(set(self.mapped("setting")))),
                ]
            )
        )
        by_place = defaultdict(list)
        for agreement in agreements:
            by_place[(agreement.associate_id.id, agreement.setting)].append(agreement)
        return {
            rec.id: agreements.browse(
                [
                    a.id
                    for a in by_place[(rec.associate_id.id, rec.setting)]
                    if a._coop_covers(rec.date)
                ]
            )
            for rec in self
        }

    # ------------------------------------------------------------------
    def _coop_check_week_open(self):
        if any(rec.week_id.state == "signed" for rec in self):
            raise UserError(self.env._("This week is signed by the supervisor and locked."))

    def _coop_locked_fields_error(self):
        return self.env._(
            "An hour log goes into the weekly summary of its date and work setting; "
            "its week cannot be chosen."
        )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._coop_attach_weeks()
        records.licensure_id._coop_refresh_logged()
        return records

    def write(self, vals):
        self._coop_check_week_open()
        self._coop_check_not_from_sessions()
        files = self.licensure_id
        result = super().write(vals)
        if {"date", "setting", "licensure_id"} & set(vals):
            self._coop_attach_weeks()
        if {"date", "hours", "category_id", "licensure_id"} & set(vals):
            (files | self.licensure_id)._coop_refresh_logged()
        return result

    def unlink(self):
        files = self.licensure_id
        result = super().unlink()
        files._coop_refresh_logged()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_open_weeks(self):
        self._coop_check_week_open()
        self._coop_check_not_from_sessions()

    def _coop_check_not_from_sessions(self):
        if not self.env.su and any(rec.source == "session" for rec in self):
            raise UserError(
                self.env._(
                    "These hours come from attended therapy sessions; change the sessions "
                    "and the log follows."
                )
            )

    def _coop_recompute_from_sessions(self):
        """Hours of the logs fed by sessions: the sum of their attended
        sessions (read as superuser: the log itself holds no link to a
        session or a client). A log left with no session is removed."""
        logs = self.sudo().filtered(lambda r: r.source == "session").exists()
        if not logs:
            return
        hours = defaultdict(float)
        for row in (
            self.env["calendar.event"]
            .sudo()
            .search_read(
                [("coop_hour_log_id", "in", logs.ids), ("coop_state", "=", "attended")],
                ["coop_hour_log_id", "start", "stop"],
                load=None,
            )
        ):
            hours[row["coop_hour_log_id"]] += (row["stop"] - row["start"]).total_seconds() / 3600
        empty = logs.filtered(lambda log: not hours.get(log.id))
        empty.unlink()
        for log in logs - empty:
            if abs(log.hours - hours[log.id]) > 1e-9:
                log.write({"hours": hours[log.id]})

    def _coop_attach_weeks(self):
        """Put each line in its weekly summary (the missing ones created
        together, each with the supervisor of the line's agreement)."""
        Week = self.env["coop.hour.week"].sudo()
        keys = {(r.licensure_id.id, r.setting, licensure.week_start(r.date)) for r in self}
        existing = {
            (w.licensure_id.id, w.setting, w.week_start): w
            for w in Week.search(
                [
                    ("licensure_id", "in", [k[0] for k in keys]),
                    ("week_start", "in", [k[2] for k in keys]),
                ]
            )
        }
        missing = {}
        for rec in self:
            key = (rec.licensure_id.id, rec.setting, licensure.week_start(rec.date))
            if key not in existing:
                missing.setdefault(key, rec)
        if missing:
            agreements = self.browse([rec.id for rec in missing.values()])._coop_agreements()
            weeks = Week.create(
                [
                    {
                        "licensure_id": key[0],
                        "setting": key[1],
                        "week_start": key[2],
                        "supervisor_id": agreements[rec.id][:1].supervisor_id.id,
                    }
                    for key, rec in missing.items()
                ]
            )
            existing.update(zip(missing, weeks, strict=True))
        for rec in self:
            week = existing[(rec.licensure_id.id, rec.setting, licensure.week_start(rec.date))]
            if week.state == "signed":
                raise UserError(self.env._("The week of %s is signed and locked.", week.week_start))
            if rec.week_id != week:
                rec.sudo().week_id = week  # lines of an open week, checked above

    @api.depends("associate_id.name", "hours", "category_id.name", "date")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = self.env._(
                "%(person)s \u2013 %(hours)s h %(category)s \u2013 %(date)s",
                person=rec.sudo().associate_id.name or "",
                hours=format_hours(self.env, rec.hours),
                category=rec.sudo().category_id.name or "",
                date=format_date(self.env, rec.date) if rec.date else "",
            )
