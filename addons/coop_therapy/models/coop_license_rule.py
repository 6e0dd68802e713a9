import datetime

from odoo import api, fields, models
from odoo.exceptions import ValidationError

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
    total_hours = fields.Float(required=True)
    predegree_max = fields.Float(string="At most before the degree", help="0: no limit.")
    min_weeks = fields.Integer(string="Supervised weeks (minimum)")
    min_months = fields.Integer(string="Months of experience (minimum)")
    max_hours_per_week = fields.Float(
        string="Hours credited per week (maximum)", help="0: no limit."
    )
    window_years = fields.Integer(string="Window (years)", help="0: no window.")
    weekly_units = fields.Float(string="Supervision units per week", help="0: no weekly rule.")
    extra_unit_above_direct = fields.Float(
        string="One more unit above direct hours", help="0: no extra unit."
    )
    individual_hours_per_unit = fields.Float(default=1.0)
    group_hours_per_unit = fields.Float(default=2.0)
    max_supervision_per_week = fields.Float(string="Supervision credited per week (maximum)")
    min_individual_weeks = fields.Integer(string="Weeks with individual supervision (minimum)")
    group_max_size = fields.Integer(string="Group supervision: most supervisees")
    monthly_supervision_hours = fields.Float(string="Supervision hours per month (minimum)")
    registration_years = fields.Integer(string="Registration valid (years)")
    max_renewals = fields.Integer(string="Renewals (maximum)")
    registration_max_months = fields.Integer(string="Registration expires after (months)")
    supervisor_licensed_years = fields.Integer(default=2)
    supervisor_licensed_window = fields.Integer(default=5)
    supervisor_training_hours = fields.Float(default=15.0)
    supervisor_training_days = fields.Integer(default=60)
    ce_cycle_years = fields.Integer(string="CE cycle (years)")
    ce_hours = fields.Float(string="CE hours per cycle")
    ce_required_topics = fields.Char(
        string="Required CE topics", help="topic:hours, comma separated, e.g. law_ethics:6"
    )
    bucket_ids = fields.One2many("coop.license.bucket", "rule_id", string="Buckets")
    category_ids = fields.One2many("coop.license.category", "rule_id", string="Log categories")

    @api.depends("path_id", "date_from")
    def _compute_display_name(self):
        for rule in self:
            rule.display_name = f"{rule.path_id.name} ({rule.date_from})"

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
            predegree_max=none_if_zero(self.predegree_max),
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
        )
