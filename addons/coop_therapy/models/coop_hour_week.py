from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date, formatLang

from ..lib import licensure

# What only the week's own methods change (Submit, Sign, and the hour logs
# that attach themselves to their week); never a caller's write.
WORKFLOW_FIELDS = frozenset(
    {
        "state",
        "signed_by_id",
        "signed_on",
        "date_signed",
        "supervision_attested",
        "supervision_attestation",
        "supervisor_id",
        "licensure_id",
        "setting",
        "week_start",
        "line_ids",
    }
)


class CoopHourWeek(models.Model):
    """One associate's week in one work setting: the board's *Weekly Summary
    of Hours*. The associate submits it; the supervisor signs it; a signed
    week is locked."""

    _name = "coop.hour.week"
    _description = "Weekly summary of hours"
    _check_company_auto = True
    _inherit = ["mail.thread", "mail.activity.mixin", "coop.locked.fields.mixin"]
    _order = "week_start desc, licensure_id"
    _coop_locked_fields = WORKFLOW_FIELDS

    licensure_id = fields.Many2one("coop.licensure", required=True, index=True, readonly=True)
    associate_id = fields.Many2one(related="licensure_id.employee_id", store=True)
    associate_user_id = fields.Many2one(
        related="licensure_id.user_id", store=True, string="Associate (user)"
    )
    company_id = fields.Many2one(related="licensure_id.company_id", store=True)
    setting = fields.Char(string="Work setting", required=True, readonly=True)
    week_start = fields.Date(required=True, readonly=True, string="Week start")
    week_end = fields.Date(compute="_compute_week_end", store=True, string="Week end")
    supervisor_id = fields.Many2one(
        "coop.supervisor", readonly=True, index=True, check_company=True
    )
    supervisor_user_id = fields.Many2one(
        related="supervisor_id.user_id", store=True, string="Supervisor (user)"
    )
    line_ids = fields.One2many("coop.hour.log", "week_id", readonly=True)
    state = fields.Selection(
        [("draft", "Open"), ("submitted", "Submitted"), ("signed", "Signed")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    signed_by_id = fields.Many2one("res.users", string="Signed by", readonly=True)
    signed_on = fields.Datetime(string="Signature recorded", readonly=True)
    date_signed = fields.Date(
        string="Date signed",
        readonly=True,
        help="The day the supervisor signed the weekly summary (may be before the signature "
        "was recorded here, never before the week began nor in the future).",
    )
    supervision_attested = fields.Boolean(
        string="Supervisor's attestation",
        readonly=True,
        help="The supervisor signed a week whose supervision requirement was not met, and "
        "attested to the supervision given.",
    )
    supervision_attestation = fields.Text(
        string="Attestation",
        readonly=True,
        help="The supervisor's own words on the supervision given in a week whose "
        "requirement was not met.",
    )
    total_hours = fields.Float(compute="_compute_totals", store=True, string="Total hours")
    direct_hours = fields.Float(compute="_compute_totals", store=True, string="Direct hours")
    supervision_units = fields.Float(
        compute="_compute_totals", store=True, string="Supervision units"
    )
    supervision_required = fields.Float(
        string="Supervision units required", compute="_compute_totals", store=True
    )
    supervision_ok = fields.Boolean(
        string="Supervision requirement met", compute="_compute_totals", store=True
    )
    can_submit = fields.Boolean(
        compute="_compute_can_act",
        help="The current user may submit this week: its associate or a co-op manager.",
        string="Can submit",
    )
    can_sign = fields.Boolean(
        compute="_compute_can_act",
        help="The current user may sign this week: its supervisor, once submitted.",
        string="Can sign",
    )

    _sql_constraints = [
        (
            "week_uniq",
            "UNIQUE (licensure_id, setting, week_start)",
            "One weekly summary per associate, work setting and week.",
        )
    ]

    @api.depends("state", "associate_user_id", "supervisor_user_id")
    @api.depends_context("uid")
    def _compute_can_act(self):
        """What the buttons show; :meth:`action_submit` and :meth:`action_sign`
        refuse the same callers on the server."""
        user = self.env.user
        manager = user.has_group("coop_membership.group_coop_manager")
        for rec in self:
            rec.can_submit = rec.state == "draft" and (rec.associate_user_id == user or manager)
            rec.can_sign = rec.state == "submitted" and rec.supervisor_user_id == user

    @api.depends("week_start")
    def _compute_week_end(self):
        for rec in self:
            rec.week_end = rec.week_start + relativedelta(days=6) if rec.week_start else False

    @api.depends("line_ids.hours", "line_ids.category_id", "line_ids.supervisees")
    def _compute_totals(self):
        for rec in self:
            rule = rec.licensure_id._coop_rule(rec.week_start) if rec.week_start else None
            by_kind = {}
            for line in rec.line_ids:
                # What the session counts as (group when too many associates
                # were in "individual" supervision; nothing when too large).
                kind = licensure.session_kind(
                    line.category_id.kind,
                    line.supervisees,
                    rule.individual_max_supervisees if rule else 0,
                    rule.group_max_size if rule else 0,
                )
                if kind:
                    by_kind[kind] = by_kind.get(kind, 0.0) + line.hours
            per_unit = (rule.group_hours_per_unit if rule else 0) or 2.0
            units = licensure.supervision_units(by_kind, per_unit)
            rec.total_hours = sum(rec.line_ids.mapped("hours"))
            rec.direct_hours = by_kind.get("direct", 0.0)
            rec.supervision_units = units
            required = rule.weekly_units if rule else 0
            if (
                rule
                and rule.extra_unit_above_direct
                and rec.direct_hours > rule.extra_unit_above_direct
            ):
                required += 1
            rec.supervision_required = required
            rec.supervision_ok = units >= required

    def _coop_locked_fields_error(self):
        return self.env._(
            "A week's state, signature, supervisor and hours change only through "
            "Submit (the associate) and Sign (the supervisor)."
        )

    def write(self, vals):
        if any(rec.state == "signed" for rec in self):
            raise UserError(self.env._("A signed week is locked; it cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_unsigned(self):
        if any(rec.state == "signed" for rec in self):
            raise UserError(self.env._("A signed week is locked; it cannot be deleted."))

    def action_submit(self):
        for rec in self:
            if rec.state != "draft":
                raise UserError(self.env._("This week is already submitted."))
            if (
                not self.env.su
                and rec.associate_user_id != self.env.user
                and not self.env.user.has_group("coop_membership.group_coop_manager")
            ):
                raise AccessError(self.env._("Only the associate submits their week."))
        self.sudo().write({"state": "submitted"})
        self._coop_ask_to_sign()
        return True

    def _coop_ask_to_sign(self):
        """An activity "Week to sign" for each submitted week's supervisor
        (the co-op manager when the week has no supervisor with a login),
        written in that person's language; once per week."""
        activity_type = self.env.ref("coop_therapy.mail_activity_type_week_to_sign")
        for rec in self.sudo():
            user = rec.supervisor_user_id or rec.company_id._coop_manager_user()
            if not user or rec.activity_ids.filtered(
                lambda a, t=activity_type: a.activity_type_id == t
            ):
                continue
            env = rec.with_context(lang=user.lang or self.env.lang).env
            hours = f"{rec.total_hours:g}"
            units = f"{rec.supervision_units:g}"
            rec.activity_schedule(
                activity_type_id=activity_type.id,
                user_id=user.id,
                note=env._(
                    "%(who)s submitted the week of %(monday)s (%(setting)s): %(hours)s h, "
                    "%(units)s unit(s) of supervision.",
                    who=rec.associate_id.name,
                    monday=format_date(env, rec.week_start),
                    setting=rec.setting,
                    hours=hours,
                    units=units,
                ),
            )

    def _coop_to_sign_activities(self):
        activity_type = self.env.ref("coop_therapy.mail_activity_type_week_to_sign")
        return self.sudo().activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

    def action_return(self):
        """The supervisor sends a submitted week back to the associate (to
        correct it before signing): it is open again and the supervisor's
        "Week to sign" activity goes away."""
        for rec in self:
            if not rec.supervisor_user_id or rec.supervisor_user_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only %(who)s, the supervisor of this week, can return it.",
                        who=rec.supervisor_id.employee_id.name or self.env._("its supervisor"),
                    )
                )
            if rec.state != "submitted":
                raise UserError(self.env._("Only a submitted week can be returned."))
        self._coop_to_sign_activities().unlink()
        self.sudo().write({"state": "draft"})
        for rec in self.sudo():
            if rec.associate_user_id:
                rec.message_post(
                    body=self.env._("Returned by the supervisor, to correct and submit again."),
                    partner_ids=rec.associate_user_id.partner_id.ids,
                    subtype_xmlid="mail.mt_comment",
                )
        return True

    def _coop_check_signer(self):
        """Only the week's supervisor signs it, once submitted."""
        for rec in self:
            if not rec.supervisor_user_id or rec.supervisor_user_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only %(who)s, the supervisor of this week, can sign it.",
                        who=rec.supervisor_id.employee_id.name or self.env._("its supervisor"),
                    )
                )
            if rec.state == "signed":
                raise UserError(self.env._("This week is already signed."))
            if rec.state != "submitted":
                raise UserError(
                    self.env._(
                        "Week not signed. The week of %(week)s (%(setting)s) has not been "
                        "submitted by the associate yet; it can be signed once submitted.",
                        week=format_date(self.env, rec.week_start),
                        setting=rec.setting,
                    )
                )

    def _coop_units_text(self, units):
        """Supervision units in the user's number format: "1", "1.5"."""
        return formatLang(self.env, units, digits=0 if float(units).is_integer() else 1)

    def _coop_supervision_text(self):
        """The week's supervision against its requirement, in words."""
        self.ensure_one()
        return self.env._(
            "%(units)s of %(required)s supervision units required for the week of %(week)s "
            "(%(setting)s).",
            units=self._coop_units_text(self.supervision_units),
            required=self._coop_units_text(self.supervision_required),
            week=format_date(self.env, self.week_start),
            setting=self.setting,
        )

    def _coop_sign_date_error(self, day):
        """What is wrong with signing on ``day``, in words, or None."""
        self.ensure_one()
        if day > fields.Date.context_today(self):
            return self.env._("Week not signed. A signature cannot be dated in the future.")
        if day < self.week_start:
            return self.env._(
                "Week not signed. The signature cannot be dated before the week began, "
                "on %(date)s.",
                date=format_date(self.env, self.week_start),
            )
        return None

    def action_open_sign_wizard(self):
        """Sign through a confirmation: the date, what was checked, and the
        supervisor's attestation when the supervision requirement is not met."""
        self.ensure_one()
        self._coop_check_signer()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Sign the week"),
            "res_model": "coop.hour.week.sign.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_week_id": self.id},
        }

    def action_sign(self, date=None, attestation=None):
        """The supervisor signs the week (locks it); only the supervisor's
        own login may sign. ``date``: the day signed (today when empty; a
        date or 'YYYY-MM-DD', not in the future nor before the week began).
        ``attestation``: required when the week's supervision requirement is
        not met, the supervisor's words on the supervision given."""
        self._coop_check_signer()
        if not date:
            date = fields.Date.context_today(self)
        else:
            try:
                date = fields.Date.to_date(date)
            except (TypeError, ValueError):
                date = None
            if not date:
                raise UserError(self.env._("Week not signed. Give the date signed as YYYY-MM-DD."))
        attestation = attestation.strip() if isinstance(attestation, str) else ""
        for rec in self:
            error = rec._coop_sign_date_error(date)
            if error:
                raise UserError(error)
            if not rec.supervision_ok and not attestation:
                raise UserError(
                    self.env._(
                        "Week not signed. Its supervision requirement is not met: "
                        "%(supervision)s Sign it only with your attestation of the "
                        "supervision you gave.",
                        supervision=rec._coop_supervision_text(),
                    )
                )
        for rec in self:
            vals = {
                "state": "signed",
                "signed_by_id": self.env.uid,
                "signed_on": fields.Datetime.now(),
                "date_signed": date,
            }
            if not rec.supervision_ok:
                vals.update(supervision_attested=True, supervision_attestation=attestation)
            rec.sudo().write(vals)
        self.activity_ids.sudo().action_done()
        self.licensure_id._coop_update_progress()
        return True

    @api.model
    def _coop_unsigned_overdue(self):
        """Unsigned weeks older than 14 days."""
        limit = fields.Date.context_today(self) - relativedelta(days=14)
        return self.search([("state", "!=", "signed"), ("week_end", "<", limit)])

    @api.depends("associate_id.name", "week_start")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = self.env._(
                "%(person)s \u2013 week of %(date)s",
                person=rec.sudo().associate_id.name or "",
                date=format_date(self.env, rec.week_start) if rec.week_start else "",
            )

    @api.model
    def _coop_overview_weeks_to_sign(self):
        """Weeks submitted by their associates, waiting for the supervisor
        (managers' overview)."""
        domain = [("state", "=", "submitted")]
        count = self.search_count(domain)
        return {
            "domain": domain,
            "value": count,
            "tone": "warning" if count else "ok",
            "action": "coop_therapy.action_coop_hour_week",
        }
