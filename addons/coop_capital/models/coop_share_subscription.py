from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date, formatLang

from ..lib import capital


class CoopShareSubscription(models.Model):
    """A member's commitment to buy shares: the voting membership share or
    investment shares, paid at once, by installments or by payroll deduction.

    Confirming posts Dr 3105 (subscriptions receivable) / Cr the class's
    equity account (3100 for the membership share), the member's partner on
    every line, and records the issue in the share register.
    """

    _name = "coop.share.subscription"
    _description = "Share subscription"
    _inherit = ["mail.thread", "mail.activity.mixin", "coop.guard.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    # Set by confirmation and exit only.
    _coop_protected_fields = ("name", "state", "move_id", "receivable_line_id")

    name = fields.Char(default="/", readonly=True, copy=False)
    membership_id = fields.Many2one(
        "coop.membership",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    partner_id = fields.Many2one(related="membership_id.partner_id", store=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    share_class_id = fields.Many2one(
        "coop.share.class",
        required=True,
        tracking=True,
        check_company=True,
        string="Share class",
    )
    kind = fields.Selection(related="share_class_id.kind", store=True)
    quantity = fields.Integer(default=1, required=True, tracking=True)
    unit_price = fields.Monetary(
        compute="_compute_unit_price",
        store=True,
        readonly=False,
        precompute=True,
        string="Unit price",
    )
    amount = fields.Monetary(compute="_compute_amount", store=True, tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    mode = fields.Selection(
        [
            ("lump", "Paid at once"),
            ("installments", "Installment plan"),
            ("payroll", "Payroll deduction"),
        ],
        required=True,
        default="lump",
        tracking=True,
    )
    installment_count = fields.Integer(string="Installments", default=1)
    installment_interval = fields.Integer(string="Months between installments", default=1)
    first_due_date = fields.Date(default=fields.Date.context_today, string="First due date")
    payroll_amount = fields.Monetary(string="Deduction per pay period")
    payroll_period = fields.Selection(
        [("monthly", "Monthly"), ("biweekly", "Every two weeks")],
        default="monthly",
        string="Payroll period",
    )
    installment_ids = fields.One2many(
        "coop.share.installment", "subscription_id", string="Schedule", copy=False
    )
    payment_ids = fields.One2many("coop.share.payment", "subscription_id", copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("confirmed", "Confirmed"),
            ("closed", "Closed"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        help="Closed: the member left and the subscription was settled on exit.",
    )
    move_id = fields.Many2one(
        "account.move", string="Subscription entry", readonly=True, copy=False, check_company=True
    )
    receivable_line_id = fields.Many2one(
        "account.move.line",
        readonly=True,
        copy=False,
        check_company=True,
        string="Receivable line",
    )
    amount_paid = fields.Monetary(compute="_compute_paid", store=True, string="Amount paid")
    amount_remaining = fields.Monetary(
        compute="_compute_paid", store=True, string="Amount remaining"
    )
    next_due_date = fields.Date(compute="_compute_paid", store=True, string="Next due date")
    next_due_amount = fields.Monetary(compute="_compute_paid", store=True, string="Next due amount")
    amount_overdue = fields.Monetary(compute="_compute_overdue", string="Amount overdue")
    is_paid = fields.Boolean(string="Fully paid", compute="_compute_paid", store=True)

    # ------------------------------------------------------------------
    # ------------------------------------------------------------------
    # The managers' overview (coop.overview.tile)
    # ------------------------------------------------------------------
    @api.model
    def _coop_overdue_domain(self):
        """Subscriptions with an installment due before today still unpaid:
        installments are paid oldest first, so the oldest unpaid one (the
        next due date) is late exactly when something is overdue."""
        today = fields.Date.context_today(self)
        return [("state", "=", "confirmed"), ("next_due_date", "<", today)]

    def _coop_money(self, amount):
        return formatLang(self.env, amount, currency_obj=self.env.company.currency_id)

    @api.model
    def _coop_overview_capital_overdue(self):
        domain = self._coop_overdue_domain()
        late = self.search(domain)
        amount = sum(late.mapped("amount_overdue"))
        return {
            "domain": domain,
            "value": amount,
            "display": self._coop_money(amount),
            "note": (
                self.env._("1 subscription late")
                if len(late) == 1
                else self.env._("%s subscriptions late", len(late))
                if late
                else ""
            ),
            "tone": "danger" if late else "ok",
            "action": "coop_capital.action_coop_share_subscription",
            "context": {"search_default_group_member": 1},
        }

    @api.model
    def _coop_overview_capital_due(self):
        domain = [("state", "=", "confirmed"), ("amount_remaining", ">", 0)]
        [(count, amount)] = self._read_group(domain, [], ["__count", "amount_remaining:sum"])
        return {
            "domain": domain,
            "value": amount or 0.0,
            "display": self._coop_money(amount or 0.0),
            "note": (
                self.env._("1 subscription still to pay")
                if count == 1
                else self.env._("%s subscriptions still to pay", count)
                if count
                else ""
            ),
            "action": "coop_capital.action_coop_share_subscription",
        }

    @api.depends("share_class_id")
    def _compute_unit_price(self):
        for rec in self:
            if rec.state == "draft" or not rec.unit_price:
                rec.unit_price = rec.share_class_id.price

    @api.depends("quantity", "unit_price")
    def _compute_amount(self):
        for rec in self:
            rec.amount = rec.quantity * rec.unit_price

    def _schedule(self):
        self.ensure_one()
        return [
            (line.due_date, capital.to_cents(line.amount))
            for line in self.installment_ids.sorted(lambda i: (i.due_date, i.id))
        ]

    @api.depends(
        "amount",
        "state",
        "payment_ids.amount",
        "payment_ids.state",
        "installment_ids.amount",
        "installment_ids.due_date",
    )
    def _compute_paid(self):
        for rec in self:
            paid = sum(capital.to_cents(p.amount) for p in rec.payment_ids if p.state == "posted")
            total = capital.to_cents(rec.amount)
            rec.amount_paid = capital.from_cents(paid)
            rec.amount_remaining = capital.from_cents(max(0, total - paid))
            rec.is_paid = rec.state != "draft" and paid >= total
            due = capital.next_due(rec._schedule(), paid) if rec.state == "confirmed" else None
            rec.next_due_date = due[0] if due else False
            rec.next_due_amount = capital.from_cents(due[1]) if due else 0.0

    @api.depends("state", "amount_paid", "installment_ids.due_date", "installment_ids.amount")
    def _compute_overdue(self):
        today = fields.Date.context_today(self)
        for rec in self:
            if rec.state != "confirmed":
                rec.amount_overdue = 0.0
                continue
            rec.amount_overdue = capital.from_cents(
                capital.overdue_cents(rec._schedule(), capital.to_cents(rec.amount_paid), today)
            )

    # ------------------------------------------------------------------
    @api.constrains(
        "quantity",
        "unit_price",
        "installment_count",
        "installment_interval",
        "payroll_amount",
        "mode",
    )
    def _check_amounts(self):
        for rec in self:
            if rec.installment_interval < 1:
                raise ValidationError(self.env._("Installments fall due at least one month apart."))
            if rec.quantity <= 0:
                raise ValidationError(self.env._("The number of shares must be more than zero."))
            if rec.unit_price <= 0:
                raise ValidationError(self.env._("The share price must be more than zero."))
            if rec.mode == "installments" and rec.installment_count < 1:
                raise ValidationError(self.env._("An installment plan needs installments."))
            if rec.mode == "payroll" and rec.payroll_amount <= 0:
                raise ValidationError(
                    self.env._("Say how much is deducted from pay each period (more than zero).")
                )

    def write(self, vals):
        locked = {"membership_id", "share_class_id", "quantity", "unit_price", "mode", "date"}
        if locked & set(vals) and any(rec.state != "draft" for rec in self):
            raise UserError(
                self.env._(
                    "A confirmed subscription is part of the accounts and cannot be "
                    "changed; correct it with a counter-entry."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(rec.state != "draft" for rec in self):
            raise UserError(self.env._("Only draft subscriptions can be deleted."))

    # ------------------------------------------------------------------
    def _default_schedule(self):
        """The installment plan from the subscription's mode, in cents."""
        self.ensure_one()
        total = capital.to_cents(self.amount)
        first = self.first_due_date or self.date
        if self.mode == "lump":
            return [(first, total)]
        if self.mode == "installments":
            return capital.installment_schedule(
                total, self.installment_count, first, self.installment_interval or 1
            )
        return capital.payroll_schedule(
            total,
            capital.to_cents(self.payroll_amount),
            first,
            14 if self.payroll_period == "biweekly" else 0,
        )

    def action_compute_schedule(self):
        for rec in self:
            if rec.state != "draft":
                raise UserError(self.env._("The schedule of a confirmed subscription is fixed."))
            rec._check_amounts()
        self.installment_ids.unlink()
        self._coop_create_schedules()
        return True

    def _coop_holdings(self):
        """{(membership id, class id): quantity} from the share register."""
        self.membership_id._coop_refresh_holdings()
        holdings = (
            self.env["coop.share.holding"]
            .sudo()
            ._read_group(
                [("membership_id", "in", self.membership_id.ids)],
                ["membership_id", "share_class_id"],
                ["quantity:sum"],
            )
        )
        return {(m.id, c.id): qty for m, c, qty in holdings}

    def _coop_check_confirm(self):
        """Every rule a subscription must meet, checked before anything is
        written."""
        policy_modes = {
            "lump": {"lump"},
            "installments": {"lump", "installments"},
            "payroll": {"lump", "installments", "payroll"},
        }
        holdings = self._coop_holdings()
        pending = defaultdict(int)
        has_voting_share = {
            row["membership_id"]
            for row in self.search_read(
                [
                    ("membership_id", "in", self.membership_id.ids),
                    ("kind", "=", "membership"),
                    ("state", "in", ("confirmed", "closed")),
                    ("id", "not in", self.ids),
                ],
                ["membership_id"],
                load=None,
            )
        }
        for rec in self:
            company = rec.company_id
            who = rec.membership_id.name
            if rec.state != "draft":
                raise UserError(self.env._("%s: this subscription is already confirmed.", who))
            company._coop_check_open_period(rec.date)
            if rec.membership_id.state not in ("candidate", "member"):
                raise UserError(
                    self.env._(
                        "%(who)s is a %(state)s: only candidates and member-owners "
                        "subscribe shares.",
                        who=who,
                        state=rec.membership_id._state_label().lower(),
                    )
                )
            if rec.share_class_id.company_id != company or rec.membership_id.company_id != company:
                raise UserError(
                    self.env._(
                        "%s: the member, the share class and the subscription "
                        "must belong to the same co-op.",
                        who,
                    )
                )
            if rec.mode not in policy_modes[company.coop_installment_policy or "payroll"]:
                raise UserError(
                    self.env._(
                        "%(who)s: the co-op's installment policy does not allow this payment mode.",
                        who=who,
                    )
                )
            if rec.mode == "installments" and rec.installment_count > company.coop_max_installments:
                raise UserError(
                    self.env._(
                        "%(who)s: at most %(max)s installments are allowed.",
                        who=who,
                        max=company.coop_max_installments,
                    )
                )
            key = (rec.membership_id.id, rec.share_class_id.id)
            held = holdings.get(key, 0) + pending[key]
            if rec.kind == "membership" and capital.to_cents(rec.unit_price) != capital.to_cents(
                rec.share_class_id.price
            ):
                raise UserError(
                    self.env._(
                        "%(who)s: the price of the membership share is %(price).2f, set "
                        "by the co-op for every member; it cannot be subscribed at "
                        "%(given).2f.",
                        who=who,
                        price=rec.share_class_id.price,
                        given=rec.unit_price,
                    )
                )
            if rec.kind == "membership":
                others = rec.membership_id.id in has_voting_share
                if rec.quantity != 1 or held or others or pending[key]:
                    raise UserError(
                        self.env._(
                            "%s already holds or has subscribed the membership share: "
                            "each member holds exactly one voting share.",
                            who,
                        )
                    )
            else:
                share_class = rec.share_class_id
                after = held + rec.quantity
                if share_class.max_per_member and after > share_class.max_per_member:
                    raise UserError(
                        self.env._(
                            "%(who)s would hold %(after)s %(cls)s; the maximum per "
                            "member is %(max)s.",
                            who=who,
                            after=after,
                            cls=share_class.name,
                            max=share_class.max_per_member,
                        )
                    )
                if after < share_class.min_per_member:
                    raise UserError(
                        self.env._(
                            "%(who)s would hold %(after)s %(cls)s; the minimum per "
                            "member is %(min)s.",
                            who=who,
                            after=after,
                            cls=share_class.name,
                            min=share_class.min_per_member,
                        )
                    )
                invested = after * share_class.price
                if company.coop_max_investment and invested > company.coop_max_investment:
                    raise UserError(
                        self.env._(
                            "%(who)s would invest %(amount).2f; the co-op's maximum "
                            "per member is %(max).2f.",
                            who=who,
                            amount=invested,
                            max=company.coop_max_investment,
                        )
                    )
                if company.coop_min_investment and invested < company.coop_min_investment:
                    raise UserError(
                        self.env._(
                            "%(who)s would invest %(amount).2f; the co-op's minimum "
                            "per member is %(min).2f.",
                            who=who,
                            amount=invested,
                            min=company.coop_min_investment,
                        )
                    )
            pending[key] += rec.quantity
            schedule = rec._schedule() or rec._default_schedule()
            error = capital.schedule_error(capital.to_cents(rec.amount), [c for _d, c in schedule])
            if error:
                raise UserError(
                    self.env._("%(who)s: %(error)s", who=who, error=self._coop_schedule_text(error))
                )

    @api.model
    def _coop_schedule_text(self, error):
        """A ``capital.schedule_error`` in words."""
        if error["code"] == "not_positive":
            return self.env._("Every installment must be a positive amount.")
        difference = f"{error['difference_cents'] / 100:+.2f}"
        return self.env._(
            "The installments add up to %(sum).2f, not %(total).2f (%(difference)s).",
            sum=error["sum_cents"] / 100,
            total=error["total_cents"] / 100,
            difference=difference,
        )

    def action_confirm(self):
        """Confirm the subscriptions: one batch of entries and register
        operations, whatever their number."""
        self.check_access("write")
        self._coop_check_confirm()
        self.filtered(lambda s: not s.installment_ids)._coop_create_schedules()
        self.env["res.company"].browse(self.company_id.ids)._coop_capital_setup()
        lines = self.env["account.move"]._coop_post_batches(
            self,
            lambda rec: (rec.company_id.coop_capital_journal_id, rec.date),
            lambda rec: rec._coop_subscription_lines(),
            self.env._("Member share subscriptions"),
        )
        operations = (
            self.env["coop.share.operation"]
            .sudo()
            ._coop_create(
                [
                    {
                        "kind": "issue",
                        "date": rec.date,
                        "company_id": rec.company_id.id,
                        "share_class_id": rec.share_class_id.id,
                        "quantity": rec.quantity,
                        "unit_price": rec.unit_price,
                        "membership_to_id": rec.membership_id.id,
                        "subscription_id": rec.id,
                        "move_id": lines[rec].move_id.id,
                    }
                    for rec in self
                ]
            )
        )
        names = {}
        for company in self.company_id:
            # Numbered in the order of their dates, each with its own date's
            # year (SUB/2023/... for a subscription of 2023 recorded later).
            records = self.filtered(lambda s, c=company: s.company_id == c).sorted(
                lambda s: (s.date, s.id)
            )
            sequence = self.env["ir.sequence"]._coop_for_company("coop.share.subscription", company)
            numbers = sequence._coop_next_batch(len(records), records.mapped("date"))
            names.update(zip(records.ids, numbers, strict=True))
        for rec, _operation in zip(self, operations, strict=True):
            rec._coop_owner_write(
                {
                    "state": "confirmed",
                    "move_id": lines[rec].move_id.id,
                    "receivable_line_id": lines[rec].filtered(lambda line: line.debit > 0).id,
                    "name": names[rec.id],
                }
            )
        return True

    def _coop_create_schedules(self):
        """Installments from each subscription's plan, created in one batch."""
        vals_list = []
        for rec in self:
            vals_list += [
                {
                    "subscription_id": rec.id,
                    "sequence": index,
                    "due_date": due,
                    "amount": capital.from_cents(cents),
                }
                for index, (due, cents) in enumerate(rec._default_schedule(), start=1)
            ]
        self.env["coop.share.installment"].create(vals_list)

    def _coop_subscription_lines(self):
        """Dr 3105 / Cr the class's equity account, the member on both lines."""
        self.ensure_one()
        label = self.env._(
            "%(qty)s x %(cls)s - %(who)s",
            qty=self.quantity,
            cls=self.share_class_id.name,
            who=self.membership_id.name,
        )
        return [
            {
                "name": label,
                "account_id": self.company_id.coop_account_subscription_id.id,
                "partner_id": self.partner_id.id,
                "debit": self.amount,
                "credit": 0.0,
            },
            {
                "name": label,
                "account_id": self.share_class_id._coop_account().id,
                "partner_id": self.partner_id.id,
                "debit": 0.0,
                "credit": self.amount,
            },
        ]

    def action_register_payment(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Register a payment"),
            "res_model": "coop.share.payment.register",
            "view_mode": "form",
            "target": "new",
            "context": {"default_subscription_id": self.id},
        }

    @api.model
    def _cron_overdue_activities(self, batch_size=200):
        """Daily: an activity for the co-op manager of its company on each
        overdue subscription (once; it is marked done when the arrears are
        paid). Only the overdue subscriptions without one are read, at most
        ``batch_size`` a call; the cron is told how many are left."""
        # Found again by its type, never by its summary: the summary is in
        # the language of whoever ran the job, and a user may edit it.
        activity_type = self.env.ref("coop_capital.mail_activity_type_share_overdue")
        today = fields.Date.context_today(self)
        open_activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        has_activity = set(open_activities.mapped("res_id"))
        domain = [
            ("state", "=", "confirmed"),
            ("next_due_date", "<", today),
            ("id", "not in", list(has_activity)),
        ]
        subscriptions = self.search(domain, order="next_due_date, id", limit=batch_size)
        for company, batch in subscriptions.grouped("company_id").items():
            manager = company._coop_manager_user()
            for rec in batch.with_company(company):
                if rec.amount_overdue <= 0:
                    continue
                rec.activity_schedule(
                    activity_type_id=activity_type.id,
                    note=self.env._(
                        "%(who)s is %(amount).2f behind on their share installments.",
                        who=rec.membership_id.name,
                        amount=rec.amount_overdue,
                    ),
                    user_id=manager.id,
                )
                rec._coop_tell_member_overdue(activity_type)
        settled = open_activities.filtered(lambda a: self.browse(a.res_id).amount_overdue <= 0)
        settled.action_done()
        remaining = (
            self.search_count([*domain, ("id", "not in", subscriptions.ids)])
            if batch_size and len(subscriptions) == batch_size
            else 0
        )
        self.env["ir.cron"]._notify_progress(done=len(subscriptions), remaining=remaining)

    def _coop_tell_member_overdue(self, activity_type):
        """The member is told too, in their language: an activity when they
        log in as an internal user (they read their own subscriptions), an
        email otherwise. Called once, with the manager's activity."""
        self.ensure_one()
        partner = self.partner_id
        user = partner.user_ids.filtered(lambda u: not u.share and u.active)[:1]
        env = self.with_context(lang=(user or partner).lang or self.env.lang).env
        amount = formatLang(env, self.amount_overdue, currency_obj=self.currency_id)
        due = format_date(env, self.next_due_date)
        if user:
            self.activity_schedule(
                activity_type_id=activity_type.id,
                note=env._(
                    "Your share installments are %(amount)s behind (due since %(date)s); "
                    "please pay or talk to the co-op.",
                    amount=amount,
                    date=due,
                ),
                user_id=user.id,
            )
        elif partner.email:
            self.message_notify(
                partner_ids=partner.ids,
                subject=env._("%(coop)s: share installment overdue", coop=self.company_id.name),
                body=env._(
                    "Your share installments are %(amount)s behind (due since %(date)s); "
                    "please pay or talk to the co-op.",
                    amount=amount,
                    date=due,
                ),
            )

    @api.depends("name", "membership_id.partner_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for rec in self:
            person = rec.sudo().membership_id.partner_id.name or ""
            if rec.name and rec.name != "/":
                rec.display_name = self.env._(
                    "Subscription %(number)s \u2013 %(person)s", number=rec.name, person=person
                )
            else:
                rec.display_name = self.env._("Subscription \u2013 %(person)s", person=person)
