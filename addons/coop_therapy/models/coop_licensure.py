from collections import defaultdict

from dateutil.relativedelta import relativedelta
from markupsafe import Markup, escape

from odoo import Command, api, fields, models
from odoo.tools import format_date

from ..lib import licensure

STAGES = [
    ("new", "Just started (< 10%)"),
    ("early", "Under half"),
    ("half", "Past half"),
    ("near", "Near completion (> 85%)"),
    ("complete", "Requirements met"),
]


# Computed by the engine and stored by _coop_update_progress, and the
# supervisors' access kept in step with the agreements: never a caller's write.
COMPUTED_FIELDS = frozenset(
    {
        "percent",
        "valid_hours",
        "logged_hours",
        "pending_hours",
        "weeks_counted",
        "weeks_individual",
        "projected_completion",
        "stage",
        "missing_summary",
        "excluded_hours",
        "excluded_summary",
        "supervisor_user_ids",
        "progress_date",
    }
)


def stage_of(progress):
    if progress.complete:
        return "complete"
    if progress.percent > 85:
        return "near"
    if progress.percent >= 50:
        return "half"
    if progress.percent >= 10:
        return "early"
    return "new"


class CoopLicensure(models.Model):
    """An associate's licensure file: the path they follow and their progress
    (valid hours per bucket, weeks, what is missing, projected completion).

    Progress counts the hours of weeks signed by the supervisor; it is stored
    (for lists and kanban) and refreshed when a week is signed and daily."""

    _name = "coop.licensure"
    _description = "Licensure file"
    _inherit = ["mail.thread", "mail.activity.mixin", "coop.locked.fields.mixin"]
    _order = "percent desc, id"
    _rec_name = "employee_id"
    _coop_locked_fields = COMPUTED_FIELDS

    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    name = fields.Char(related="employee_id.name", store=True, string="Employee name")
    user_id = fields.Many2one(related="employee_id.user_id", store=True)
    company_id = fields.Many2one(related="employee_id.company_id", store=True)
    path_id = fields.Many2one("coop.license.path", required=True, tracking=True)
    registration_id = fields.Many2one("coop.license", compute="_compute_registration")
    agreement_ids = fields.Many2many(
        "coop.supervision.agreement", compute="_compute_agreements", compute_sudo=True
    )
    supervisor_user_ids = fields.Many2many(
        "res.users",
        string="Supervisors' logins",
        readonly=True,
        help="Kept in step with the supervision agreements; gives supervisors access.",
    )
    log_ids = fields.One2many("coop.hour.log", "licensure_id")
    week_ids = fields.One2many("coop.hour.week", "licensure_id")
    percent = fields.Float(readonly=True, aggregator="avg")
    valid_hours = fields.Float(readonly=True, string="Valid hours")
    logged_hours = fields.Float(readonly=True, string="Logged hours")
    pending_hours = fields.Float(string="Hours in unsigned weeks", readonly=True)
    weeks_counted = fields.Integer(readonly=True, string="Weeks counted")
    weeks_individual = fields.Integer(string="Weeks with individual supervision", readonly=True)
    projected_completion = fields.Date(readonly=True, string="Projected completion")
    stage = fields.Selection(STAGES, readonly=True, default="new", group_expand="_expand_stages")
    missing_summary = fields.Char(string="Missing", readonly=True)
    excluded_hours = fields.Float(
        string="Hours not credited", readonly=True, help="Hours of signed weeks that do not count."
    )
    excluded_summary = fields.Text(string="Not credited, and why", readonly=True)
    progress_date = fields.Date(
        string="Progress as of", readonly=True, help="The day progress was last computed for."
    )
    progress_html = fields.Html(compute="_compute_progress_html", sanitize=False, string="Progress")
    log_count = fields.Integer(compute="_compute_smart_counts", string="Hour logs")
    week_count = fields.Integer(compute="_compute_smart_counts", string="Weeks")
    license_count = fields.Integer(compute="_compute_smart_counts", string="Registrations")
    projection_note = fields.Char(
        string="At this pace",
        compute="_compute_alerts",
        help="When the requirements would be met at the pace of the last weeks, and "
        "whether that is after the registration ends.",
    )
    alert_expiring = fields.Boolean(
        string="Registration expiring",
        compute="_compute_alerts",
        help="The registration ends within 90 days, or has ended.",
    )
    alert_supervision = fields.Boolean(
        string="Weeks without supervision",
        compute="_compute_alerts",
        help="A week of the last four had hours without the required supervision.",
    )
    alert_pace = fields.Boolean(
        string="Behind pace",
        compute="_compute_alerts",
        help="At this pace the requirements are met after the registration ends.",
    )

    _sql_constraints = [
        ("employee_uniq", "UNIQUE (employee_id)", "An associate has one licensure file.")
    ]

    def _compute_smart_counts(self):
        """The smart buttons' counts, as the reader, one query each."""

        def counts(model, field, values):
            return dict(self.env[model]._read_group([(field, "in", values)], [field], ["__count"]))

        logs = counts("coop.hour.log", "licensure_id", self.ids)
        weeks = counts("coop.hour.week", "licensure_id", self.ids)
        licenses = counts("coop.license", "employee_id", self.employee_id.ids)
        for rec in self:
            rec.log_count = logs.get(rec, 0)
            rec.week_count = weeks.get(rec, 0)
            rec.license_count = licenses.get(rec.employee_id, 0)

    def _coop_related_list(self, model, title, domain, context=None):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": model,
            "view_mode": "list,form",
            "domain": domain,
            "context": context or {},
        }

    def action_view_logs(self):
        """The file's hour logs."""
        return self._coop_related_list(
            "coop.hour.log",
            self.env._("Hours of %s", self.name),
            [("licensure_id", "=", self.id)],
            {"default_licensure_id": self.id},
        )

    def action_view_weeks(self):
        """The file's weekly summaries."""
        return self._coop_related_list(
            "coop.hour.week",
            self.env._("Weeks of %s", self.name),
            [("licensure_id", "=", self.id)],
            {"create": False},
        )

    def action_view_licenses(self):
        """The associate's registrations and licenses."""
        return self._coop_related_list(
            "coop.license",
            self.env._("Registrations and licenses of %s", self.name),
            [("employee_id", "=", self.employee_id.id)],
            {"default_employee_id": self.employee_id.id},
        )

    @api.model
    def _expand_stages(self, _stages, _domain):
        return [key for key, _label in STAGES]

    def _compute_registration(self):
        """Each file's latest registration on its path, read in one query
        for the whole list."""
        latest = {}
        for registration in self.env["coop.license"].search(
            [
                ("employee_id", "in", self.employee_id.ids),
                ("path_id", "in", self.path_id.ids),
                ("kind", "=", "registration"),
            ],
            order="date_issue desc, id desc",
        ):
            key = (registration.employee_id.id, registration.path_id.id)
            latest.setdefault(key, registration)
        empty = self.env["coop.license"]
        for rec in self:
            rec.registration_id = latest.get((rec.employee_id.id, rec.path_id.id), empty)

    @api.depends_context("lang")
    def _compute_alerts(self):
        """The kanban card's badges and projection sentence, from the stored
        progress, the latest registration and the last four weeks (read in
        one query for the whole list)."""
        today = fields.Date.context_today(self)
        unsupervised = {
            file.id
            for [file] in self.env["coop.hour.week"]
            .sudo()
            ._read_group(
                [
                    ("licensure_id", "in", self.ids),
                    ("week_end", "<", today),
                    ("week_end", ">=", today - relativedelta(weeks=4)),
                    ("total_hours", ">", 0),
                    ("supervision_ok", "=", False),
                ],
                ["licensure_id"],
            )
        }
        for rec in self:
            end = rec.sudo().registration_id.date_expiry
            complete = rec.stage == "complete"
            found = licensure.alerts(
                today, end, rec.id in unsupervised, rec.projected_completion, complete
            )
            rec.alert_expiring = "expiring" in found
            rec.alert_supervision = "supervision" in found
            rec.alert_pace = "pace" in found
            rec.projection_note = rec._coop_projection_text(end, complete) or False

    def _coop_projection_text(self, registration_end, complete):
        """The projected completion month, and whether it falls after the
        registration ends, in the reader's language and date format."""
        self.ensure_one()
        projected = self.projected_completion
        if complete or not projected:
            return ""
        month = format_date(self.env, projected, date_format="MMMM y")
        if licensure.beyond_registration(projected, registration_end):
            return self.env._(
                "At this pace: %(month)s \u2013 after the registration ends on %(end)s; "
                "renew it or increase the hours a week.",
                month=month,
                end=format_date(self.env, registration_end),
            )
        return self.env._("At this pace: %(month)s", month=month)

    def _compute_agreements(self):
        """Each file's supervision agreements, read in one query for the whole list."""
        agreements = self.env["coop.supervision.agreement"].search(
            [("associate_id", "in", self.employee_id.ids)]
        )
        by_associate = {}
        for agreement in agreements:
            by_associate.setdefault(agreement.associate_id.id, []).append(agreement.id)
        for rec in self:
            rec.agreement_ids = agreements.browse(by_associate.get(rec.employee_id.id, []))

    def _coop_refresh_supervisors(self):
        agreements = (
            self.env["coop.supervision.agreement"]
            .sudo()
            .search([("associate_id", "in", self.employee_id.ids)])
        )
        users = {}
        for agreement in agreements:
            users.setdefault(agreement.associate_id.id, set()).add(agreement.supervisor_user_id.id)
        files = defaultdict(list)  # the files to give the same logins, written together
        for rec in self:
            files[frozenset(users.get(rec.employee_id.id, set()) - {False})].append(rec.id)
        for user_ids, file_ids in files.items():
            self.sudo().browse(file_ids).supervisor_user_ids = [Command.set(list(user_ids))]
        supervisors = set().union(*files) if files else set()
        self.env["res.users"].browse(supervisors)._coop_set_supervisor_landing()

    def _coop_rule(self, day=None):
        self.ensure_one()
        return self.path_id._rule_on(day or fields.Date.context_today(self))

    def _coop_registrations(self):
        """``{file id: [(first day, last day)]}``: when each associate's
        registration on their path was valid (one record per period; a
        registration renewed after it lapsed is a new record)."""
        registrations = (
            self.env["coop.license"]
            .sudo()
            .search_read(
                [("employee_id", "in", self.employee_id.ids), ("kind", "=", "registration")],
                ["employee_id", "path_id", "date_issue", "date_expiry"],
                load=None,
            )
        )
        result = {}
        for rec in self:
            result[rec.id] = [
                (r["date_issue"], r["date_expiry"])
                for r in registrations
                if r["employee_id"] == rec.employee_id.id and r["path_id"] == rec.path_id.id
            ]
        return result

    def _coop_progress(self, as_of=None, signed_only=True, extra_domain=None):
        """``{file id: licensure.Progress}``; the logs are read in one query."""
        as_of = as_of or fields.Date.context_today(self)
        domain = [("licensure_id", "in", self.ids), ("date", "<=", as_of)]
        if signed_only:
            domain.append(("week_state", "=", "signed"))
        rows = (
            self.env["coop.hour.log"]
            .sudo()
            .search_read(
                domain + (extra_domain or []),
                [
                    "licensure_id",
                    "date",
                    "setting",
                    "category_id",
                    "hours",
                    "predegree",
                    "supervisor_id",
                    "supervisees",
                ],
                load=None,
            )
        )
        lines = {rec.id: [] for rec in self}
        codes = {
            c["id"]: c["code"]
            for c in self.env["coop.license.category"].sudo().search_read([], ["code"], load=None)
        }
        titles = {
            s["id"]: (s["license_title"] or "").strip()
            for s in self.env["coop.supervisor"]
            .sudo()
            .with_context(active_test=False)
            .search_read(
                [("id", "in", list({r["supervisor_id"] for r in rows if r["supervisor_id"]}))],
                ["license_title"],
                load=None,
            )
        }
        for row in rows:
            lines[row["licensure_id"]].append(
                licensure.Line(
                    row["date"],
                    row["setting"],
                    codes[row["category_id"]],
                    row["hours"],
                    row["predegree"],
                    supervisor=row["supervisor_id"] or None,
                    supervisees=row["supervisees"] or 1,
                    supervisor_title=titles.get(row["supervisor_id"], ""),
                )
            )
        registrations = self._coop_registrations()
        result = {}
        for rec in self:
            rule = rec._coop_rule(as_of)
            result[rec.id] = (
                licensure.progress(
                    rule._to_pure(), lines[rec.id], as_of, registrations=registrations[rec.id]
                )
                if rule
                else None
            )
        return result

    def _coop_update_progress(self):
        """Store each file's progress (lists, kanban, pivot read it)."""
        today = fields.Date.context_today(self)
        signed = self._coop_progress(as_of=today)
        everything = self._coop_progress(as_of=today, signed_only=False)
        for rec in self:
            progress = signed[rec.id]
            if progress is None:
                rec.sudo().progress_date = today
                continue
            logged = everything[rec.id].total_logged
            rec.sudo().write(
                {
                    "percent": progress.percent,
                    "valid_hours": progress.total_valid,
                    "logged_hours": logged,
                    "pending_hours": max(0.0, logged - progress.total_logged),
                    "weeks_counted": progress.weeks_counted,
                    "weeks_individual": progress.weeks_individual,
                    "projected_completion": progress.projected_completion,
                    "stage": stage_of(progress),
                    "missing_summary": rec._coop_missing_text(progress) or False,
                    "excluded_hours": sum(progress.excluded.values()),
                    "excluded_summary": "\n".join(rec._coop_excluded_text(progress)) or False,
                    "progress_date": today,
                }
            )

    def _coop_refresh_logged(self):
        """The hours logged and those waiting for a signature, refreshed on
        every change of an hour log (valid hours move only when a week is
        signed). The same figures as :meth:`_coop_update_progress`, read in
        one query for all files."""
        files = self.sudo().exists().filtered("path_id")
        if not files:
            return
        today = fields.Date.context_today(self)
        logged = defaultdict(float)
        signed = defaultdict(float)
        categories = {rec.id: set(rec._coop_rule(today).category_ids.ids) for rec in files}
        for file, state, category, hours in (
            self.env["coop.hour.log"]
            .sudo()
            ._read_group(
                [("licensure_id", "in", files.ids), ("date", "<=", today)],
                ["licensure_id", "week_state", "category_id"],
                ["hours:sum"],
            )
        ):
            if category.id not in categories[file.id]:
                continue
            logged[file.id] += hours
            if state == "signed":
                signed[file.id] += hours
        for rec in files:
            rec.write(
                {
                    "logged_hours": logged[rec.id],
                    "pending_hours": max(0.0, logged[rec.id] - signed[rec.id]),
                }
            )

    def _coop_default_setting(self, day=None):
        """The work setting of this associate's supervision agreement in
        force on ``day`` (today by default), the most recent first."""
        self.ensure_one()
        day = day or fields.Date.context_today(self)
        agreements = (
            self.env["coop.supervision.agreement"]
            .sudo()
            .search([("associate_id", "=", self.employee_id.id)], order="date_from desc, id desc")
        )
        return next((a.setting for a in agreements if a._coop_covers(day)), "")

    def _coop_missing_text(self, progress):
        """What is still missing, in words: "1,958 h Clinical experience, ..."."""
        self.ensure_one()
        names = {b.code: b.name for b in self._coop_rule().bucket_ids}
        labels = {
            "total": self.env._("h in all"),
            "weeks": self.env._("supervised weeks"),
            "weeks_individual": self.env._("weeks with individual supervision"),
            "months": self.env._("months"),
            "weeks_supervisor_title": self.env._(
                "weeks supervised by an %s", self._coop_rule().supervisor_title or ""
            ),
        }
        parts = []
        for key, value in progress.missing.items():
            if key in names:
                hours = f"{value:,.0f}"
                parts.append(self.env._("%(hours)s h %(bucket)s", hours=hours, bucket=names[key]))
            else:
                parts.append(f"{value:,.0f} {labels.get(key, key)}")
        return ", ".join(parts)

    def _coop_excluded_text(self, progress):
        """Why logged hours are not credited: one sentence per reason."""
        self.ensure_one()
        rule = self._coop_rule()
        env = self.env
        values = {
            "group_size": rule.group_max_size,
            "supervisors": rule.max_supervisors,
            "years": rule.window_years,
            "share": round(100 * rule.max_group_share),
            "monthly": rule.monthly_supervision_hours,
            "threshold": rule.extra_unit_above_direct,
            "supervision": rule.max_supervision_per_week,
            "week": rule.max_hours_per_week,
            "predegree": rule.predegree_max,
        }
        sentences = {
            licensure.GROUP_SIZE: env._(
                "%(hours)s h of group supervision with more than %(group_size)s associates."
            ),
            licensure.SUPERVISORS: env._(
                "%(hours)s h of supervision by more than %(supervisors)s supervisors in a week."
            ),
            licensure.WINDOW: env._("%(hours)s h older than the %(years)s-year window."),
            licensure.UNREGISTERED: env._(
                "%(hours)s h after the degree, worked while no registration was valid."
            ),
            licensure.GROUP_SHARE: env._(
                "%(hours)s h of group supervision above %(share)s%% of all supervision."
            ),
            licensure.MONTHLY_SUPERVISION: env._(
                "%(hours)s h in months with less than %(monthly)s h of supervision."
            ),
            licensure.WEEKLY_SUPERVISION: env._(
                "%(hours)s h in weeks of a work setting without the required supervision."
            ),
            licensure.EXTRA_UNIT: env._(
                "%(hours)s h of direct counseling above %(threshold)s h in weeks with a "
                "single unit of supervision."
            ),
            licensure.SUPERVISION_CAP: env._(
                "%(hours)s h of supervision above %(supervision)s h a week."
            ),
            licensure.WEEK_CAP: env._("%(hours)s h above %(week)s h a week."),
            licensure.PREDEGREE: env._(
                "%(hours)s h before the degree beyond the %(predegree)s h allowed."
            )
            if rule.predegree_counts
            else env._("%(hours)s h before the degree, which this path does not count."),
            licensure.BUCKET_MAX: env._("%(hours)s h above the maximum of a category."),
        }
        return [
            sentences[reason] % dict(values, hours=f"{progress.excluded[reason]:,.2f}")
            for reason in licensure.REASONS
            if progress.excluded.get(reason, 0.0) > 0.005
        ]

    @api.depends_context("lang")
    def _compute_progress_html(self):
        progresses = self._coop_progress()
        for rec in self:
            progress = progresses.get(rec.id)
            rule = rec._coop_rule()
            if not progress or not rule:
                rec.progress_html = False
                continue
            rows = []
            for bucket in rule.bucket_ids:
                valid = progress.valid.get(bucket.code, 0.0)
                target = bucket.min_hours or bucket.max_hours or 0.0
                share = min(100.0, 100.0 * valid / target) if target else 100.0
                valid_text = f"{valid:.1f}"
                logged_text = f"{progress.logged.get(bucket.code, 0.0):.1f}"
                if bucket.min_hours:
                    target = f"{bucket.min_hours:g}"
                    figures = self.env._(
                        "%(valid)s valid of at least %(target)s (%(logged)s logged)",
                        valid=valid_text,
                        target=target,
                        logged=logged_text,
                    )
                else:
                    target = f"{bucket.max_hours:g}"
                    figures = self.env._(
                        "%(valid)s valid of at most %(target)s (%(logged)s logged)",
                        valid=valid_text,
                        target=target,
                        logged=logged_text,
                    )
                rows.append(
                    Markup(
                        '<div class="mb-2"><div class="d-flex justify-content-between">'
                        "<span>{name}</span><span>{figures}</span></div>"
                        '<div class="progress"><div class="progress-bar" role="progressbar" '
                        'style="width: {share:.0f}%"></div></div></div>'
                    ).format(name=escape(bucket.name), figures=escape(figures), share=share)
                )
            rec.progress_html = Markup("").join(rows)

    def _coop_locked_fields_error(self):
        return self.env._(
            "Progress and the supervisors' access are computed from the signed weeks "
            "and the supervision agreements; they cannot be typed in."
        )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._coop_refresh_supervisors()
        records.employee_id.user_id._coop_set_associate_landing()
        return records

    @api.model
    def action_my_progress(self):
        """The logged-in associate's own licensure file, read-only (in the
        current co-op first); a help page when they have none."""
        mine = self.search([("employee_id.user_id", "=", self.env.uid)])
        mine = mine.sorted(lambda f: f.company_id != self.env.company)
        action = {
            "type": "ir.actions.act_window",
            "name": self.env._("My progress"),
            "res_model": "coop.licensure",
            # Read-only by its view, not by the context: the context would
            # pass on to the actions of the file's buttons (her hour logs
            # could not be added to).
            "views": [(self.env.ref("coop_therapy.view_coop_licensure_form_my").id, "form")],
            "context": {},
        }
        if mine:
            action["res_id"] = mine[0].id
            return action
        return dict(
            action,
            views=[(False, "list")],
            domain=[("id", "=", 0)],
            help=self.env._(
                "<p class='o_view_nocontent_empty_folder'>You have no licensure file in "
                "this co-op.</p><p>The co-op's managers open one for each associate.</p>"
            ),
        )

    @api.model
    def _cron_refresh_progress(self, batch_size=None):
        """Refresh, oldest first, the progress of the files not yet refreshed
        today (progress moves with the day: the window, the registrations,
        the projected completion). Returns (done, remaining)."""
        today = fields.Date.context_today(self)
        domain = [
            ("path_id", "!=", False),
            "|",
            ("progress_date", "=", False),
            ("progress_date", "<", today),
        ]
        Files = self.sudo()
        files = Files.search(domain, order="progress_date asc nulls first, id", limit=batch_size)
        for company, batch in files.grouped("company_id").items():
            batch.with_company(company)._coop_update_progress()
        remaining = Files.search_count(domain) if batch_size and len(files) == batch_size else 0
        return len(files), remaining

    # ------------------------------------------------------------------
    # Daily alerts (mail.activity), each created once and closed when resolved
    # ------------------------------------------------------------------
    ALERT_MODELS = (
        "coop.membership",
        "coop.license",
        "coop.licensure",
        "coop.hour.week",
        "coop.supervisor",
        "coop.supervision.agreement",
    )
    ALERT_TYPES = {
        "registration_90": "coop_therapy.mail_activity_type_registration_90",
        "registration_30": "coop_therapy.mail_activity_type_registration_30",
        "last_renewal": "coop_therapy.mail_activity_type_last_renewal",
        "ce_behind": "coop_therapy.mail_activity_type_ce_behind",
        "window": "coop_therapy.mail_activity_type_window",
        "week_unsupervised": "coop_therapy.mail_activity_type_week_unsupervised",
        "week_unsigned": "coop_therapy.mail_activity_type_week_unsigned",
        "candidacy": "coop_therapy.mail_activity_type_candidacy",
        "supervisor_training": "coop_therapy.mail_activity_type_supervisor_training",
        "agreement": "coop_therapy.mail_activity_type_agreement",
    }

    @api.model
    def _cron_daily(self, batch_size=200):
        """Daily: the files' progress in batches of ``batch_size`` (reported to
        the cron, which calls again until none is left), then each company's
        alerts, assigned to that company's people and co-op manager."""
        done, remaining = self._cron_refresh_progress(batch_size)
        if not remaining:
            for company in self.env["res.company"].sudo().search([("active", "=", True)]):
                this = self.with_company(company)
                this._coop_sync_alerts(this._coop_current_alerts(company), company)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    def _coop_alert_env(self, user):
        """The environment an alert's note is written in: the language of
        the person it is for."""
        return self.with_context(lang=user.lang or self.env.lang).env

    @api.model
    def _coop_current_alerts(self, company):
        """Every alert that holds today in ``company``: (record, user, kind,
        note); ``kind`` is a key of ``ALERT_TYPES`` and the note is in the
        user's language. Only the records that may need one are read."""
        today = fields.Date.context_today(self)
        manager = company._coop_manager_user()
        mine = [("company_id", "=", company.id)]
        alerts = []
        licenses = (
            self.env["coop.license"]
            .sudo()
            .search(
                [
                    *mine,
                    ("date_expiry", ">=", today),
                    "|",
                    ("kind", "=", "license"),
                    "|",
                    ("renewal_count", ">", 0),
                    ("date_expiry", "<=", today + relativedelta(days=90)),
                ]
            )
        )
        for lic in licenses:
            left = (lic.date_expiry - today).days
            users = (lic.user_id or manager) | manager
            if lic.kind == "registration" and left <= 90:
                kind = "registration_30" if left <= 30 else "registration_90"
                for user in users:
                    alerts.append(
                        (
                            lic,
                            user,
                            kind,
                            self._coop_alert_env(user)._(
                                "%(title)s %(number)s of %(who)s expires on %(date)s.",
                                title=lic.title,
                                number=lic.number,
                                who=lic.employee_id.name,
                                date=format_date(self._coop_alert_env(user), lic.date_expiry),
                            ),
                        )
                    )
            if lic._coop_last_renewal():
                for user in users:
                    alerts.append(
                        (
                            lic,
                            user,
                            "last_renewal",
                            self._coop_alert_env(user)._(
                                "%(title)s %(number)s cannot be renewed again; the license "
                                "must be obtained before %(date)s.",
                                title=lic.title,
                                number=lic.number,
                                date=format_date(self._coop_alert_env(user), lic.date_expiry),
                            ),
                        )
                    )
            if lic.kind == "license":
                user = lic.user_id or manager
                behind = lic.with_context(lang=user.lang or self.env.lang)._coop_ce_behind(today)
                if behind:
                    alerts.append((lic, user, "ce_behind", behind))
        for file in self.sudo().search([*mine, ("path_id", "!=", False)]):
            rule = file._coop_rule(today)
            if rule and rule.window_years:
                oldest = (
                    self.env["coop.hour.log"]
                    .sudo()
                    .search(
                        [("licensure_id", "=", file.id), ("week_state", "=", "signed")],
                        order="date",
                        limit=1,
                    )
                    .date
                )
                if oldest:
                    leaves = oldest.replace(year=oldest.year + rule.window_years)
                    if today <= leaves <= today + relativedelta(days=90):
                        user = file.user_id or manager
                        alerts.append(
                            (
                                file,
                                user,
                                "window",
                                self._coop_alert_env(user)._(
                                    "Hours from %(oldest)s stop counting on %(leaves)s "
                                    "(%(years)s-year window).",
                                    oldest=format_date(self._coop_alert_env(user), oldest),
                                    leaves=format_date(self._coop_alert_env(user), leaves),
                                    years=rule.window_years,
                                ),
                            )
                        )
        weeks = (
            self.env["coop.hour.week"]
            .sudo()
            .search(
                [
                    *mine,
                    ("week_end", "<", today),
                    ("total_hours", ">", 0),
                    "|",
                    ("supervision_ok", "=", False),
                    "&",
                    ("state", "!=", "signed"),
                    ("week_end", "<", today - relativedelta(days=14)),
                ]
            )
        )
        for week in weeks:
            people = (week.associate_user_id | week.supervisor_user_id) or manager
            units = f"{week.supervision_units:g}"
            if not week.supervision_ok:
                for user in people:
                    alerts.append(
                        (
                            week,
                            user,
                            "week_unsupervised",
                            self._coop_alert_env(user)._(
                                "%(who)s, %(setting)s, week of %(monday)s: %(units)s unit(s) "
                                "of supervision.",
                                who=week.associate_id.name,
                                setting=week.setting,
                                monday=format_date(self._coop_alert_env(user), week.week_start),
                                units=units,
                            ),
                        )
                    )
            if week.state != "signed" and week.week_end < today - relativedelta(days=14):
                for user in people:
                    alerts.append(
                        (
                            week,
                            user,
                            "week_unsigned",
                            self._coop_alert_env(user)._(
                                "%(who)s, %(setting)s, week of %(monday)s.",
                                who=week.associate_id.name,
                                setting=week.setting,
                                monday=format_date(self._coop_alert_env(user), week.week_start),
                            ),
                        )
                    )
        licensed = self.env["coop.membership"].sudo().search([*mine, ("state", "=", "licensed")])
        for membership in licensed.filtered("candidacy_rule_met"):
            user = membership.company_id._coop_manager_user()
            user_env = self._coop_alert_env(user)
            alerts.append(
                (
                    membership,
                    user,
                    "candidacy",
                    user_env._(
                        "%(who)s meets the co-op's candidacy rule (%(summary)s).",
                        who=membership.name,
                        summary=membership.with_context(lang=user_env.lang).candidacy_summary,
                    ),
                )
            )
        supervisors = self.env["coop.supervisor"].sudo()._coop_training_due()
        for supervisor in supervisors.filtered(lambda s: s.company_id == company):
            alerts.append(
                (
                    supervisor,
                    manager,
                    "supervisor_training",
                    self._coop_alert_env(manager)._(
                        "%(who)s must complete the supervision training within 60 days "
                        "of %(start)s.",
                        who=supervisor.employee_id.name,
                        start=format_date(self._coop_alert_env(manager), supervisor.date_start),
                    ),
                )
            )
        agreements = (
            self.env["coop.supervision.agreement"]
            .sudo()
            .search([*mine, "|", ("date_to", "=", False), ("date_to", ">=", today)])
        )
        for agreement in agreements._coop_signature_due():
            alerts.append(
                (
                    agreement,
                    manager,
                    "agreement",
                    self._coop_alert_env(manager)._(
                        "%(supervisor)s / %(associate)s (%(setting)s): agreement or "
                        "oversight agreement not signed.",
                        supervisor=agreement.supervisor_id.employee_id.name,
                        associate=agreement.associate_id.name,
                        setting=agreement.setting,
                    ),
                )
            )
        return alerts

    @api.model
    def _coop_sync_alerts(self, alerts, company):
        """Create the alerts of ``company`` that hold and are not open yet;
        close its open ones that no longer hold; other companies' alerts are
        left alone. An alert is found again by its activity type, record and
        user, never by its summary (a translation or a user may change that)."""
        types = {kind: self.env.ref(xmlid) for kind, xmlid in self.ALERT_TYPES.items()}
        Activity = self.env["mail.activity"].sudo()
        existing = Activity.search(
            [
                ("res_model", "in", self.ALERT_MODELS),
                ("activity_type_id", "in", [t.id for t in types.values()]),
            ]
        )
        existing = self._coop_of_company(existing, company)
        index = {(a.res_model, a.res_id, a.user_id.id, a.activity_type_id.id): a for a in existing}
        wanted = set()
        to_create = []
        for record, user, kind, note in alerts:
            key = (record._name, record.id, user.id, types[kind].id)
            if key in wanted:
                continue
            wanted.add(key)
            if key not in index:
                to_create.append(
                    {
                        "res_model_id": self.env["ir.model"]._get_id(record._name),
                        "res_id": record.id,
                        "user_id": user.id,
                        "note": note,
                        "activity_type_id": key[3],
                        "date_deadline": fields.Date.context_today(self),
                    }
                )
        for vals in to_create:  # one by one: each may add a follower to the record
            Activity.create(vals)
        resolved = Activity.browse([a.id for key, a in index.items() if key not in wanted])
        resolved.action_done()

    @api.model
    def _coop_of_company(self, activities, company):
        """The activities among ``activities`` whose record belongs to ``company``."""
        kept = self.env["mail.activity"]
        for model, group in activities.grouped("res_model").items():
            ids = (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                .search([("id", "in", group.mapped("res_id")), ("company_id", "=", company.id)])
                .ids
            )
            kept |= group.filtered(lambda a, ids=set(ids): a.res_id in ids)
        return kept

    def _coop_generate_weeks(self, weeks, setting, supervisor, per_week, end=None, sign=True):
        """Log ``weeks`` weeks of hours ending before ``end`` (this week by
        default), ``per_week`` = {category code: hours}, and sign them. Used by
        the demo data and the benchmarks."""
        self.ensure_one()
        if isinstance(supervisor, int):
            supervisor = self.env["coop.supervisor"].browse(supervisor)
        end = licensure.week_start(
            fields.Date.to_date(end) if end else fields.Date.context_today(self)
        )
        rule = self._coop_rule(end)
        categories = {c.code: c for c in rule.category_ids}
        vals = []
        for index in range(weeks, 0, -1):
            monday = end - relativedelta(weeks=index)
            for day, (code, hours) in enumerate(sorted(per_week.items())):
                category = categories[code]
                vals.append(
                    {
                        "licensure_id": self.id,
                        "date": monday + relativedelta(days=day % 5),
                        "setting": setting,
                        "category_id": category.id,
                        "hours": hours,
                        "supervisor_id": supervisor.id
                        if category.kind.startswith("sup_")
                        else False,
                    }
                )
        logs = self.env["coop.hour.log"].sudo().create(vals)
        if sign:
            logs.week_id.sudo().write(
                {
                    "state": "signed",
                    "signed_by_id": supervisor.user_id.id,
                    "signed_on": fields.Datetime.now(),
                }
            )
        self._coop_update_progress()
        return logs
