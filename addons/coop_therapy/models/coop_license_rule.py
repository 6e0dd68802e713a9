import datetime

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from ..lib import licensure


class CoopLicenseRule(models.Model):
    """One dated version of a license path's rules. Every number names its
    source; numbers marked *unverified* in the domain notes say so here."""

    _name = "coop.license.rule"
    _description = "License path rule version"
    _order = "path_id, date_from desc"
    _rec_name = "display_name"

    path_id = fields.Many2one("coop.license.path", required=True, ondelete="cascade", index=True)
    date_from = fields.Date(string="Effective from", required=True)
    date_to = fields.Date(string="Effective until")
    source = fields.Char(
        required=True, help="Statute, regulation or board page the numbers come from."
    )
    note = fields.Text()
    total_hours = fields.Float(required=True, string="Total hours")
    predegree_counts = fields.Boolean(
        string="Hours before the degree count",
        default=True,
        help="Whether hours gained before the qualifying degree count at all "
        "(California AMFT: yes, up to a maximum; New York: hours after the master's only).",
    )
    predegree_max = fields.Float(
        string="At most before the degree",
        help="Over the whole experience, credited from the oldest week. 0: no limit.",
    )
    min_weeks = fields.Integer(
        string="Supervised weeks (minimum)",
        help="Weeks (Monday to Sunday) with credited hours, over the whole experience.",
    )
    min_months = fields.Integer(
        string="Months of experience (minimum)",
        help="Whole months from the first to the last credited hour, both days included.",
    )
    max_hours_per_week = fields.Float(
        string="Hours credited per week (maximum)",
        help="Per week (Monday to Sunday), all work settings together. 0: no limit.",
    )
    window_years = fields.Integer(
        string="Window (years)",
        help="Only hours of the years before the application (today) count. 0: no window.",
    )
    weekly_units = fields.Float(
        string="Supervision units per week",
        help="Per work setting and week: without them the setting's week counts for "
        "nothing. 0: no weekly rule.",
    )
    extra_unit_above_direct = fields.Float(
        string="One more unit above direct hours",
        help="Per work setting and week: with more direct hours than this, one more unit "
        "is needed, or direct hours are credited up to this number. 0: no extra unit.",
    )
    individual_hours_per_unit = fields.Float(default=1.0, string="Individual hours per unit")
    group_hours_per_unit = fields.Float(default=2.0, string="Group hours per unit")
    max_supervision_per_week = fields.Float(
        string="Supervision credited per week (maximum)",
        help="Per week, all work settings together. 0: no limit.",
    )
    min_individual_weeks = fields.Integer(
        string="Weeks with individual supervision (minimum)",
        help="Counted weeks with at least 1 hour of individual or triadic supervision, "
        "over the whole experience.",
    )
    individual_max_supervisees = fields.Integer(
        string="'Individual' supervision: most associates",
        help="Per supervision session: a session with more associates counts as group "
        "supervision (Texas: individual means up to two associates). 0: no rule.",
    )
    group_max_size = fields.Integer(
        string="Group supervision: most supervisees",
        help="Per supervision session: the hours of a larger group do not count. 0: no limit.",
    )
    max_group_share = fields.Float(
        string="Group supervision: largest share",
        help="Over all the supervision of the experience: at most this share of it may be "
        "group supervision (Texas: 0.5); group hours above it are not credited. "
        "0: no limit.",
    )
    max_supervisors = fields.Integer(
        string="Supervisors at a time (maximum)",
        help="Per day for supervision agreements (no more agreements overlap), and per week "
        "for hours (only this many supervisors' hours count in one week). 0: no limit.",
    )
    supervisor_title = fields.Char(
        string="Supervisor's license required for some weeks",
        help="E.g. LCSW (California ASW); see the minimum of weeks below.",
    )
    min_weeks_supervisor_title = fields.Integer(
        string="Weeks supervised by that license (minimum)",
        help="Counted weeks with supervision by a supervisor holding the license above, "
        "over the whole experience.",
    )
    monthly_supervision_hours = fields.Float(
        string="Supervision hours per month (minimum)",
        help="Per calendar month: a month with less supervision credits nothing. 0: no rule.",
    )
    registration_years = fields.Integer(
        string="Registration valid (years)", help="From its issue; 0: no length."
    )
    max_renewals = fields.Integer(
        string="Renewals or extensions (maximum)",
        help="How many times the registration may be renewed or extended.",
    )
    renewal_years = fields.Integer(
        string="Each renewal or extension (years)",
        help="0: as long as the registration (New York limited permit: 2 years, then up "
        "to two 1-year extensions).",
    )
    registration_max_months = fields.Integer(
        string="Registration expires after (months)",
        help="Counted from its issue, renewals included (Texas: 60). 0: no limit.",
    )
    supervisor_licensed_years = fields.Integer(default=2, string="Supervisor licensed years")
    supervisor_licensed_window = fields.Integer(default=5, string="Supervisor licensed window")
    supervisor_training_hours = fields.Float(default=15.0, string="Supervisor training hours")
    supervisor_training_days = fields.Integer(default=60, string="Supervisor training days")
    ce_cycle_years = fields.Integer(string="CE cycle (years)")
    ce_hours = fields.Float(string="CE hours per cycle")
    ce_required_topics = fields.Char(
        string="Required CE topics", help="topic:hours, comma separated, e.g. law_ethics:6"
    )
    bucket_ids = fields.One2many("coop.license.bucket", "rule_id", string="Buckets")
    category_ids = fields.One2many("coop.license.category", "rule_id", string="Log categories")

    @api.depends("path_id.name", "date_from")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for rule in self:
            rule.display_name = self.env._(
                "%(path)s, rules from %(date)s",
                path=rule.path_id.name or "",
                date=format_date(self.env, rule.date_from) if rule.date_from else "",
            )

    @api.constrains("date_from", "date_to", "path_id")
    def _check_no_overlap(self):
        for rule in self:
            if rule.date_to and rule.date_to < rule.date_from:
                raise ValidationError(self.env._("A rule version cannot end before it starts."))
            for other in rule.path_id.rule_ids - rule:
                if rule.date_from <= (other.date_to or datetime.date.max) and other.date_from <= (
                    rule.date_to or datetime.date.max
                ):
                    raise ValidationError(
                        self.env._(
                            "The rule versions of %(path)s from %(a)s and from %(b)s overlap; "
                            "end the older one before the newer one starts.",
                            path=rule.path_id.name,
                            a=other.date_from,
                            b=rule.date_from,
                        )
                    )

    @api.constrains(
        "max_group_share",
        "max_supervisors",
        "individual_max_supervisees",
        "group_max_size",
        "min_weeks_supervisor_title",
        "renewal_years",
        "max_renewals",
    )
    def _check_supervision_numbers(self):
        for rule in self:
            if not 0 <= rule.max_group_share <= 1:
                raise ValidationError(
                    self.env._("The largest share of group supervision is between 0 and 1.")
                )
            if (
                min(
                    rule.max_supervisors,
                    rule.individual_max_supervisees,
                    rule.group_max_size,
                    rule.min_weeks_supervisor_title,
                    rule.renewal_years,
                    rule.max_renewals,
                )
                < 0
            ):
                raise ValidationError(self.env._("A rule's counts cannot be negative."))
            if rule.min_weeks_supervisor_title and not (rule.supervisor_title or "").strip():
                raise ValidationError(
                    self.env._("Name the supervisor's license the weeks must be supervised by.")
                )

    def _coop_registration_end(self, issued):
        """Last day a registration issued on ``issued`` can run to, renewals
        or extensions included (None: no limit)."""
        self.ensure_one()
        return licensure.registration_end(
            issued,
            self.registration_years,
            self.max_renewals,
            self.renewal_years,
            self.registration_max_months,
        )

    def _to_pure(self):
        """This version as the pure calculation's rule."""
        self.ensure_one()

        def none_if_zero(value):
            return value or None

        return licensure.Rule(
            total_hours=self.total_hours,
            buckets={b.code: (b.min_hours, b.max_hours or None) for b in self.bucket_ids},
            categories={
                c.code: (c.kind, tuple(c.bucket_ids.mapped("code"))) for c in self.category_ids
            },
            predegree_max=none_if_zero(self.predegree_max) if self.predegree_counts else 0.0,
            min_weeks=self.min_weeks,
            min_months=self.min_months,
            max_hours_per_week=none_if_zero(self.max_hours_per_week),
            window_years=none_if_zero(self.window_years),
            weekly_units=self.weekly_units,
            extra_unit_above_direct=none_if_zero(self.extra_unit_above_direct),
            group_hours_per_unit=self.group_hours_per_unit or 2.0,
            max_supervision_per_week=none_if_zero(self.max_supervision_per_week),
            min_individual_weeks=self.min_individual_weeks,
            monthly_supervision_hours=self.monthly_supervision_hours,
            individual_max_supervisees=self.individual_max_supervisees,
            group_max_size=self.group_max_size,
            max_group_share=none_if_zero(self.max_group_share),
            max_supervisors=self.max_supervisors,
            supervisor_title=(self.supervisor_title or "").strip(),
            min_weeks_supervisor_title=self.min_weeks_supervisor_title,
        )
