from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools.misc import format_date, formatLang


def _hours(env, hours):
    """Hours in the user's number format: "36", "7.5"."""
    return formatLang(env, hours, digits=0 if float(hours).is_integer() else 1)


class CoopLicense(models.Model):
    """A board registration (associate) or license (licensed clinician)."""

    _name = "coop.license"
    _description = "Registration or license"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "employee_id, date_issue desc"

    employee_id = fields.Many2one("hr.employee", required=True, index=True, tracking=True)
    user_id = fields.Many2one(related="employee_id.user_id")
    company_id = fields.Many2one(related="employee_id.company_id", store=True)
    path_id = fields.Many2one("coop.license.path", required=True, tracking=True)
    kind = fields.Selection(
        [("registration", "Registration (associate)"), ("license", "License")],
        required=True,
        default="registration",
        tracking=True,
    )
    title = fields.Char(compute="_compute_title", store=True, readonly=False)
    board = fields.Char(related="path_id.board", readonly=False)
    number = fields.Char(required=True, tracking=True)
    date_issue = fields.Date(string="Issued", required=True, tracking=True)
    date_expiry = fields.Date(string="Expires", required=True, tracking=True)
    renewal_count = fields.Integer(string="Renewals", tracking=True)
    date_limit = fields.Date(
        string="Can run until",
        compute="_compute_date_limit",
        help="Last day this registration can run to with every renewal or extension the "
        "path's rules allow.",
    )
    law_ethics_exam_date = fields.Date(string="Law & ethics exam passed")
    state = fields.Selection(
        [("valid", "Valid"), ("expiring", "Expiring within 90 days"), ("expired", "Expired")],
        compute="_compute_state",
        search="_search_state",
        help="As of today, computed when read (not stored: it changes as days pass).",
    )

    @api.depends("title", "number")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = f"{rec.title or ''} {rec.number or ''}".strip()

    @api.depends("kind", "path_id")
    def _compute_title(self):
        for rec in self:
            rec.title = (
                rec.path_id.title_from if rec.kind == "registration" else rec.path_id.title_to
            )

    @api.depends("kind", "path_id", "date_issue")
    def _compute_date_limit(self):
        for rec in self:
            rule = rec.path_id._rule_on(rec.date_issue) if rec.path_id and rec.date_issue else None
            rec.date_limit = (
                rule._coop_registration_end(rec.date_issue)
                if rule and rec.kind == "registration"
                else False
            )

    @api.depends("date_expiry")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for rec in self:
            if not rec.date_expiry or rec.date_expiry < today:
                rec.state = "expired"
            elif rec.date_expiry <= today + relativedelta(days=90):
                rec.state = "expiring"
            else:
                rec.state = "valid"

    def _search_state(self, operator, value):
        """The states as ranges of the expiry date, relative to today."""
        if operator not in ("=", "!=", "in", "not in"):
            return NotImplemented
        states = {value} if isinstance(value, str) else set(value or ())
        today = fields.Date.context_today(self)
        soon = today + relativedelta(days=90)
        ranges = {
            "expired": ["|", ("date_expiry", "=", False), ("date_expiry", "<", today)],
            "expiring": [("date_expiry", ">=", today), ("date_expiry", "<=", soon)],
            "valid": [("date_expiry", ">", soon)],
        }
        domain = expression.OR(ranges[state] for state in states if state in ranges)
        return domain if operator in ("=", "in") else ["!", *domain]

    @api.constrains("date_issue", "date_expiry", "renewal_count")
    def _check_dates(self):
        for rec in self:
            if rec.date_expiry <= rec.date_issue:
                raise ValidationError(
                    self.env._(
                        "The %(title)s %(number)s cannot expire (%(expiry)s) before it was "
                        "issued (%(issue)s).",
                        title=rec.title or "",
                        number=rec.number,
                        expiry=format_date(self.env, rec.date_expiry),
                        issue=format_date(self.env, rec.date_issue),
                    )
                )
            if rec.renewal_count < 0:
                raise ValidationError(self.env._("Renewals cannot be negative."))

    @api.constrains("kind", "path_id", "date_issue", "date_expiry", "renewal_count")
    def _check_term(self):
        """A registration runs no longer than its path allows: e.g. a New York
        limited permit, 2 years plus up to two 1-year extensions."""
        for rec in self.filtered(lambda r: r.kind == "registration"):
            rule = rec.path_id._rule_on(rec.date_issue)
            if not rule:
                continue
            if rule.max_renewals and rec.renewal_count > rule.max_renewals:
                raise ValidationError(
                    self.env._(
                        "A %(title)s can be renewed or extended at most %(count)s times.",
                        title=rec.title or rec.path_id.title_from,
                        count=rule.max_renewals,
                    )
                )
            if rec.date_limit and rec.date_expiry > rec.date_limit:
                raise ValidationError(
                    self.env._(
                        "The %(title)s %(number)s issued on %(issue)s can run until %(limit)s at "
                        "the latest, renewals and extensions included, not until %(expiry)s.",
                        title=rec.title or rec.path_id.title_from,
                        number=rec.number,
                        issue=format_date(self.env, rec.date_issue),
                        limit=format_date(self.env, rec.date_limit),
                        expiry=format_date(self.env, rec.date_expiry),
                    )
                )

    def _coop_rule(self, day=None):
        self.ensure_one()
        return self.path_id._rule_on(day or fields.Date.context_today(self))

    def _coop_last_renewal(self):
        self.ensure_one()
        rule = self._coop_rule()
        return (
            self.kind == "registration"
            and rule.max_renewals
            and (self.renewal_count >= rule.max_renewals)
        )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        # A license recorded for an associate: the membership moves on to
        # licensed clinician (shared/domain/licensure.md, the path a co-op tracks).
        for rec in records.filtered(lambda r: r.kind == "license"):
            membership = rec.employee_id.sudo().coop_membership_id
            if membership.state == "associate":
                membership._coop_transition(
                    "licensed", note=self.env._("License %s recorded", rec.number)
                )
        return records

    def _coop_ce_behind(self, day):
        """A sentence when CE hours lag behind the current cycle (licensed
        renewal, e.g. 36 hours in 2 years with 6 of law and ethics), else None."""
        self.ensure_one()
        rule = self._coop_rule(day)
        if not rule or not rule.ce_cycle_years or not rule.ce_hours:
            return None
        cycle_start = self.date_issue
        while cycle_start + relativedelta(years=rule.ce_cycle_years) <= day:
            cycle_start += relativedelta(years=rule.ce_cycle_years)
        cycle_days = (cycle_start + relativedelta(years=rule.ce_cycle_years) - cycle_start).days
        elapsed = (day - cycle_start).days / cycle_days
        logs = (
            self.env["coop.ce.log"]
            .sudo()
            .search(
                [
                    ("employee_id", "=", self.employee_id.id),
                    ("date", ">=", cycle_start),
                    ("date", "<=", day),
                ]
            )
        )
        done = sum(logs.mapped("hours"))
        expected = rule.ce_hours * elapsed
        if done + 1e-9 < expected:
            return self.env._(
                "%(who)s has %(done)s of %(total)s CE hours this cycle (started %(start)s); "
                "%(expected).1f were expected by now.",
                who=self.employee_id.name,
                done=_hours(self.env, done),
                total=_hours(self.env, rule.ce_hours),
                start=format_date(self.env, cycle_start),
                expected=expected,
            )
        return None

    @api.model
    def _coop_overview_expiring(self):
        """Registrations and licenses that expire within 90 days (managers'
        overview): renew them before the clinician must stop seeing clients."""
        domain = [("state", "=", "expiring")]
        count = self.search_count(domain)
        return {
            "domain": domain,
            "value": count,
            "note": self.env._("within 90 days") if count else "",
            "tone": "warning" if count else "ok",
            "action": "coop_therapy.action_coop_license",
        }
