from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import capital, form1099


class CoopMembership(models.Model):
    """The member's capital: subscriptions, holdings of the share register,
    redemptions, and what the register asks of capital (paid-up status for
    voting, a confirmed membership share before admission, the exit)."""

    _inherit = "coop.membership"

    currency_id = fields.Many2one(related="company_id.currency_id")
    subscription_ids = fields.One2many("coop.share.subscription", "membership_id")
    holding_ids = fields.One2many("coop.share.holding", "membership_id", string="Shares held")
    redemption_ids = fields.One2many("coop.share.redemption", "membership_id")
    patronage_consent_ids = fields.One2many(
        "coop.patronage.consent", "membership_id", string="Patronage consents"
    )
    patronage_tranche_ids = fields.One2many(
        "coop.patronage.tranche", "membership_id", string="Retained patronage"
    )
    patronage_line_ids = fields.One2many(
        "coop.patronage.line", "membership_id", string="Notices of allocation"
    )
    # The member's taxpayer identification number, for Form 1099-PATR: read
    # and written by accountants and co-op managers only; the member sees
    # their own, masked, on their portal page.
    coop_tin = fields.Char(
        string="Taxpayer ID (TIN)",
        groups="account.group_account_user,account.group_account_readonly,"
        "coop_membership.group_coop_manager",
        copy=False,
        help="SSN or ITIN of the member, for Form 1099-PATR.",
    )
    coop_tin_masked = fields.Char(
        string="Taxpayer ID on file",
        compute="_compute_coop_tin_masked",
        compute_sudo=True,
        help="The last four digits of the taxpayer ID, for the member's own page.",
    )
    # Not stored: installments fall due as days pass, so "paid up" is computed
    # as of today whenever it is read (and searched through _search_is_paid_up).
    is_paid_up = fields.Boolean(
        string="Paid up",
        compute="_compute_is_paid_up",
        search="_search_is_paid_up",
        help="The membership share is fully paid, or every installment due so far is paid.",
    )
    operation_in_ids = fields.One2many(
        "coop.share.operation", "membership_to_id", string="Operation in"
    )
    operation_out_ids = fields.One2many(
        "coop.share.operation", "membership_from_id", string="Operation out"
    )
    share_capital = fields.Monetary(compute="_compute_capital", string="Share capital")
    capital_due = fields.Monetary(compute="_compute_capital", string="Still to pay")
    redemption_payable = fields.Monetary(compute="_compute_capital", string="Redemption payable")
    subscription_count = fields.Integer(compute="_compute_capital_counts", string="Subscriptions")
    share_payment_count = fields.Integer(compute="_compute_capital_counts", string="Payments")

    @api.model
    def action_coop_home(self):
        """An accountant who runs the books but not the register (no Co-op /
        User) and has no membership of their own opens the Co-op app on the
        share subscriptions, not on "You have no membership"."""
        user = self.env.user
        if (
            not user.has_group("coop_membership.group_coop_user")
            and user.has_group("account.group_account_readonly")
            and not self.sudo().search_count([("partner_id", "=", user.partner_id.id)], limit=1)
        ):
            return self.env["ir.actions.act_window"]._for_xml_id(
                "coop_capital.action_coop_share_subscription"
            )
        return super().action_coop_home()

    def _compute_capital_counts(self):
        """The smart buttons' counts: what the reader may read, in two queries."""
        counts = {}
        for model, key in (
            ("coop.share.subscription", "subscription_count"),
            ("coop.share.payment", "share_payment_count"),
        ):
            counts[key] = dict(
                self.env[model]._read_group(
                    [("membership_id", "in", self.ids)], ["membership_id"], ["__count"]
                )
            )
        for rec in self:
            rec.subscription_count = counts["subscription_count"].get(rec, 0)
            rec.share_payment_count = counts["share_payment_count"].get(rec, 0)

    def _coop_capital_list(self, model, title):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": model,
            "view_mode": "list,form",
            "domain": [("membership_id", "=", self.id)],
            "context": {"default_membership_id": self.id},
        }

    def action_view_subscriptions(self):
        """The member's share subscriptions."""
        return self._coop_capital_list(
            "coop.share.subscription", self.env._("Subscriptions of %s", self.name)
        )

    def action_view_share_payments(self):
        """The payments made on the member's subscriptions."""
        return self._coop_capital_list(
            "coop.share.payment", self.env._("Payments of %s", self.name)
        )

    def _coop_capital_kept(self):
        """The memberships whose capital the co-op keeps in Odoo: their
        company has a membership share class (set up with its chart of
        accounts, or by its first subscription). Where it has none, the
        register's rules do not ask about capital."""
        classes = (
            self.env["coop.share.class"]
            .sudo()
            .search([("company_id", "in", self.company_id.ids), ("kind", "=", "membership")])
        )
        return self.filtered(lambda m: m.company_id in classes.company_id)

    def _coop_paid_up_on(self, day):
        """Whether the membership share is paid up on ``day``."""
        self.ensure_one()
        return self._coop_paid_up_map(day)[self.id]

    def _coop_paid_up_map(self, day):
        """``{membership id: paid up on day}`` for many memberships in four
        queries (share classes, subscriptions, installments, payments),
        whatever their number; None where the co-op keeps no capital in Odoo."""
        day = fields.Date.to_date(day)
        return self._coop_paid_up_by_day([day])[day]

    def _coop_paid_up_by_day(self, days):
        """``{day: {membership id: paid up on day}}``: the same four queries
        for many days (the record dates of a list of meetings) as for one."""
        days = {fields.Date.to_date(day) for day in days}
        if not days:
            return {}
        last = max(days)
        subscriptions = (
            self.env["coop.share.subscription"]
            .sudo()
            .search_read(
                [
                    ("membership_id", "in", self.ids),
                    ("kind", "=", "membership"),
                    ("state", "in", ("confirmed", "closed")),
                    ("date", "<=", last),
                ],
                ["membership_id", "amount", "date"],
                load=None,
            )
        )
        ids = [s["id"] for s in subscriptions]
        schedules = {i: [] for i in ids}
        for row in (
            self.env["coop.share.installment"]
            .sudo()
            .search_read(
                [("subscription_id", "in", ids)],
                ["subscription_id", "due_date", "amount"],
                order="due_date, id",
                load=None,
            )
        ):
            schedules[row["subscription_id"]].append(
                (row["due_date"], capital.to_cents(row["amount"]))
            )
        payments = {i: [] for i in ids}
        for row in (
            self.env["coop.share.payment"]
            .sudo()
            .search_read(
                [("subscription_id", "in", ids), ("state", "=", "posted"), ("date", "<=", last)],
                ["subscription_id", "date", "amount"],
                load=None,
            )
        ):
            payments[row["subscription_id"]].append((row["date"], capital.to_cents(row["amount"])))
        untracked = dict.fromkeys((self - self._coop_capital_kept()).ids, None)
        result = {}
        for day in days:
            paid_up = dict.fromkeys(self.ids, False)
            paid_up.update(untracked)
            for row in subscriptions:
                if row["date"] > day:
                    continue
                paid = sum(cents for date, cents in payments[row["id"]] if date <= day)
                paid_up[row["membership_id"]] = capital.is_paid_up(schedules[row["id"]], paid, day)
            result[day] = paid_up
        return result

    def _compute_coop_tin_masked(self):
        for membership in self:
            membership.coop_tin_masked = form1099.mask_tin(membership.coop_tin)

    @api.depends(
        "subscription_ids.state",
        "subscription_ids.amount_paid",
        "subscription_ids.installment_ids.due_date",
    )
    def _compute_is_paid_up(self):
        paid_up = self._coop_paid_up_map(fields.Date.context_today(self))
        for rec in self:
            rec.is_paid_up = bool(paid_up.get(rec.id))

    def _search_is_paid_up(self, operator, value):
        """Paid up today: only a membership with a confirmed membership share
        can be, so only those are looked at."""
        if operator not in ("=", "!="):
            return NotImplemented
        candidates = (
            self.env["coop.share.subscription"]
            .sudo()
            .search([("kind", "=", "membership"), ("state", "in", ("confirmed", "closed"))])
            .membership_id
        )
        paid_up = candidates._coop_paid_up_map(fields.Date.context_today(self))
        ids = [membership for membership, paid in paid_up.items() if paid]
        wanted = bool(value) == (operator == "=")
        return [("id", "in" if wanted else "not in", ids)]

    @api.depends(
        "operation_in_ids.amount",
        "operation_out_ids.amount",
        "subscription_ids.amount_remaining",
        "redemption_ids.state",
    )
    def _compute_capital(self):
        for rec in self:
            rec.share_capital = sum(rec.operation_in_ids.mapped("amount")) - sum(
                rec.operation_out_ids.mapped("amount")
            )
            rec.capital_due = sum(
                rec.subscription_ids.filtered(lambda s: s.state == "confirmed").mapped(
                    "amount_remaining"
                )
            )
            rec.redemption_payable = sum(
                rec.redemption_ids.filtered(lambda r: r.state == "scheduled").mapped("amount")
            )

    def _coop_check_transition(self, to_state, reason=False):
        super()._coop_check_transition(to_state, reason=reason)
        if to_state != "member":
            return
        for rec in self._coop_capital_kept():
            if not rec.subscription_ids.filtered(
                lambda s: s.kind == "membership" and s.state == "confirmed"
            ):
                raise UserError(
                    self.env._(
                        "%(person)s has no confirmed membership share subscription: "
                        "a member-owner holds the co-op's voting share.",
                        person=rec.name,
                    )
                )

    def _coop_end_membership(self, date, reason, note=False, set_off=True, **settlement):
        """Ending a membership also moves the member's capital to redemption
        payable and schedules the payout (see :meth:`_coop_exit_capital`);
        ``set_off``: deduct what the member still owes the co-op. Returns the
        payouts to make, as an action, when there are any."""
        action = super()._coop_end_membership(date, reason, note=note, **settlement)
        redemptions = self.env["coop.share.redemption"]
        for rec in self:
            redemptions |= rec._coop_exit_capital(date, set_off=set_off)
        if not redemptions:
            return action
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Capital to pay back"),
            "res_model": "coop.share.redemption",
            "view_mode": "list,form",
            "domain": [("id", "in", redemptions.ids)],
        }

    # ------------------------------------------------------------------
    # Member capital: transfers, redemptions and exit
    # ------------------------------------------------------------------
    def _coop_refresh_holdings(self):
        """Holdings are a view over the register: write pending register rows
        and forget cached holdings before reading them."""
        self.env["coop.share.operation"].flush_model()
        self.env["coop.share.holding"].invalidate_model()
        self.invalidate_recordset(["holding_ids"])

    def _coop_held(self, share_class):
        self.ensure_one()
        self._coop_refresh_holdings()
        holding = self.holding_ids.filtered(lambda h: h.share_class_id == share_class)
        return sum(holding.mapped("quantity")), sum(holding.mapped("amount"))

    def _coop_transfer_shares(self, to_membership, share_class, quantity, date=None):
        """Transfer investment shares to another member: register and entry."""
        self.ensure_one()
        date = date or fields.Date.context_today(self)
        if quantity <= 0:
            raise UserError(self.env._("Transfer at least one share."))
        if share_class.kind == "membership":
            raise UserError(
                self.env._("The membership share is personal and cannot be transferred.")
            )
        if to_membership == self:
            raise UserError(self.env._("A member cannot transfer shares to themselves."))
        if to_membership.state not in ("candidate", "member"):
            raise UserError(
                self.env._(
                    "%(who)s is a %(state)s and cannot receive shares.",
                    who=to_membership.name,
                    state=to_membership._state_label().lower(),
                )
            )
        if to_membership.company_id != self.company_id or share_class.company_id != self.company_id:
            raise UserError(self.env._("Shares move only between members of the same co-op."))
        held, amount = self._coop_held(share_class)
        if quantity > held:
            raise UserError(
                self.env._(
                    "%(who)s holds %(held)s %(cls)s, fewer than the %(qty)s to transfer.",
                    who=self.name,
                    held=held,
                    cls=share_class.name,
                    qty=quantity,
                )
            )
        received, _amount = to_membership._coop_held(share_class)
        if share_class.max_per_member and received + quantity > share_class.max_per_member:
            raise UserError(
                self.env._(
                    "%(who)s would hold %(after)s %(cls)s; the maximum per member is %(max)s.",
                    who=to_membership.name,
                    after=received + quantity,
                    cls=share_class.name,
                    max=share_class.max_per_member,
                )
            )
        unit_price = amount / held
        value = unit_price * quantity
        label = self.env._(
            "Transfer of %(qty)s %(cls)s: %(src)s to %(dst)s",
            qty=quantity,
            cls=share_class.name,
            src=self.name,
            dst=to_membership.name,
        )
        move = self._coop_post_move(
            label,
            date,
            [
                (share_class._coop_account(), self.partner_id, value, 0.0),
                (share_class._coop_account(), to_membership.partner_id, 0.0, value),
            ],
        )
        return (
            self.env["coop.share.operation"]
            .sudo()
            ._coop_create(
                [
                    {
                        "kind": "transfer",
                        "date": date,
                        "company_id": self.company_id.id,
                        "share_class_id": share_class.id,
                        "quantity": quantity,
                        "unit_price": unit_price,
                        "membership_from_id": self.id,
                        "membership_to_id": to_membership.id,
                        "move_id": move.id,
                    }
                ]
            )
        )

    def _coop_post_move(self, label, date, lines, journal=None):
        """Post a member-capital entry: ``lines`` are (account, partner,
        debit, credit)."""
        self.ensure_one()
        company = self.company_id
        company._coop_check_open_period(date)
        move = (
            self.env["account.move"]
            .sudo()
            ._coop_owner_create(
                {
                    "move_type": "entry",
                    "journal_id": (journal or company.coop_capital_journal_id).id,
                    "company_id": company.id,
                    "date": date,
                    "ref": label,
                    "partner_id": self.partner_id.id,
                    "coop_capital": True,
                    "line_ids": [
                        fields.Command.create(
                            {
                                "name": label,
                                "account_id": account.id,
                                "partner_id": partner.id,
                                "debit": debit,
                                "credit": credit,
                            }
                        )
                        for account, partner, debit, credit in lines
                        if debit or credit
                    ],
                }
            )
        )
        move._coop_post()
        return move

    def _coop_redeem_shares(self, share_class, quantity, date=None):
        """Redeem paid investment shares of a member who stays: Dr the class
        account / Cr 2310, and schedule the payout."""
        self.ensure_one()
        date = date or fields.Date.context_today(self)
        if quantity <= 0:
            raise UserError(self.env._("Redeem at least one share."))
        if share_class.kind == "membership":
            raise UserError(
                self.env._("The membership share is redeemed only when the membership ends.")
            )
        held, amount = self._coop_held(share_class)
        if quantity > held:
            raise UserError(
                self.env._(
                    "%(who)s holds %(held)s %(cls)s; %(qty)s cannot be redeemed.",
                    who=self.name,
                    held=held,
                    cls=share_class.name,
                    qty=quantity,
                )
            )
        if any(
            s.state == "confirmed" and s.amount_remaining
            for s in self.subscription_ids.filtered(lambda s: s.share_class_id == share_class)
        ):
            raise UserError(
                self.env._("%s still owes on these shares; they are redeemed once paid.", self.name)
            )
        if (
            share_class.min_per_member
            and self.state != "former"
            and held - quantity < share_class.min_per_member
        ):
            raise UserError(
                self.env._(
                    "%(who)s must keep at least %(min)s %(cls)s.",
                    who=self.name,
                    min=share_class.min_per_member,
                    cls=share_class.name,
                )
            )
        unit_price = amount / held
        value = unit_price * quantity
        company = self.company_id
        label = self.env._(
            "Redemption of %(qty)s %(cls)s - %(who)s",
            qty=quantity,
            cls=share_class.name,
            who=self.name,
        )
        move = self._coop_post_move(
            label,
            date,
            [
                (share_class._coop_account(), self.partner_id, value, 0.0),
                (company.coop_account_redemption_payable_id, self.partner_id, 0.0, value),
            ],
        )
        self.env["coop.share.operation"].sudo()._coop_create(
            [
                {
                    "kind": "redemption",
                    "date": date,
                    "company_id": company.id,
                    "share_class_id": share_class.id,
                    "quantity": quantity,
                    "unit_price": unit_price,
                    "membership_from_id": self.id,
                    "move_id": move.id,
                }
            ]
        )
        return (
            self.env["coop.share.redemption"]
            .sudo()
            ._coop_owner_create(
                self.env["coop.share.redemption"]._coop_schedule_vals(self, value, date, move)
            )
        )

    def _coop_exit_tranches(self):
        """The member's open tranches of retained patronage and interest."""
        self.ensure_one()
        return (
            self.env["coop.patronage.tranche"]
            .sudo()
            .search([("membership_id", "=", self.id), ("state", "=", "open")])
        )

    def _coop_exit_retained_lines(self, _date):
        """Retained patronage moved to 2310 on exit (capital.md, "On exit"):
        ``[(account, amount)]``, the remaining amounts of the member's open
        tranches summed per account (3200 qualified, 3210 not). An amount is
        negative where losses charged to the member exceed what is retained
        on that account; the exit then credits the account and sets the
        deficit off against the payout."""
        self.ensure_one()
        company = self.company_id
        accounts = {
            True: company.coop_account_retained_qualified_id,
            False: company.coop_account_retained_nonqualified_id,
        }
        cents = {}
        for tranche in self._coop_exit_tranches():
            account = accounts[tranche.qualified]
            cents[account] = cents.get(account, 0) + capital.to_cents(tranche.amount_remaining)
        return [
            (account, capital.from_cents(amount))
            for account, amount in sorted(cents.items(), key=lambda item: item[0].code or "")
            if amount
        ]

    def _coop_exit_capital(self, date, set_off=True):
        """On exit: move the member's share capital and retained patronage to
        2310 (Dr 3100, Dr 3200/3210 / Cr 2310), cancel what is still unpaid on
        their subscriptions (Cr 3105), set off other debts they owe the co-op,
        and schedule the payout under the bylaws."""
        self.ensure_one()
        company = self.company_id
        self._coop_refresh_holdings()
        holdings = self.holding_ids
        retained = self._coop_exit_retained_lines(date)
        if not holdings and not retained:
            return self.env["coop.share.redemption"]
        subscriptions = self.subscription_ids.filtered(lambda s: s.state == "confirmed")
        unpaid = sum(subscriptions.mapped("amount_remaining"))
        capital_total = sum(holdings.mapped("amount"))
        retained_total = sum(amount for _account, amount in retained)
        payable = capital_total + retained_total - unpaid
        debts = self.env["account.move.line"]
        if set_off:
            debts = (
                self.env["account.move.line"]
                .sudo()
                .search(
                    [
                        ("company_id", "=", company.id),
                        ("partner_id", "=", self.partner_id.id),
                        ("account_id.account_type", "=", "asset_receivable"),
                        ("parent_state", "=", "posted"),
                        ("reconciled", "=", False),
                        ("amount_residual", ">", 0),
                    ]
                )
            )
        # A net deficit on the member's internal capital account (losses
        # charged to it) is set off against the share paid back; what the
        # member's capital cannot cover is borne by the collective reserve,
        # since a member is not liable beyond their capital.
        reserve_charge = 0.0
        if payable < 0 and retained_total < 0:
            reserve_charge = min(-payable, -retained_total)
            payable += reserve_charge
        set_off_amount = min(max(payable, 0.0), sum(debts.mapped("amount_residual")))
        label = self.env._("Exit of %s: capital to redemption payable", self.name)
        lines = [
            (h.share_class_id._coop_account(), self.partner_id, h.amount, 0.0) for h in holdings
        ]
        lines += [
            (account, self.partner_id, max(amount, 0.0), max(-amount, 0.0))
            for account, amount in retained
        ]
        if reserve_charge:
            lines.append((company.coop_account_reserve_id, self.partner_id, reserve_charge, 0.0))
        lines.append((company.coop_account_subscription_id, self.partner_id, 0.0, unpaid))
        lines.append((company.coop_account_redemption_payable_id, self.partner_id, 0.0, payable))
        if set_off_amount:
            lines.append(
                (company.coop_account_redemption_payable_id, self.partner_id, set_off_amount, 0.0)
            )
            receivable_accounts = debts.account_id
            left = set_off_amount
            for account in receivable_accounts:
                part = min(
                    left,
                    sum(
                        debts.filtered(lambda d, a=account: d.account_id == a).mapped(
                            "amount_residual"
                        )
                    ),
                )
                if part:
                    lines.append((account, self.partner_id, 0.0, part))
                    left -= part
        move = self._coop_post_move(label, date, lines)
        receivables = (subscriptions.receivable_line_id | move.line_ids).filtered(
            lambda line: (
                line.account_id == company.coop_account_subscription_id and not line.reconciled
            )
        )
        if unpaid and receivables:
            receivables.reconcile()
        for account in debts.account_id:
            (debts | move.line_ids).filtered(
                lambda line, a=account: line.account_id == a and not line.reconciled
            ).reconcile()
        self.env["coop.share.operation"].sudo()._coop_create(
            [
                {
                    "kind": "redemption",
                    "date": date,
                    "company_id": company.id,
                    "share_class_id": h.share_class_id.id,
                    "quantity": h.quantity,
                    "unit_price": h.amount / h.quantity,
                    "membership_from_id": self.id,
                    "move_id": move.id,
                    "note": self.env._("Exit"),
                }
                for h in holdings
            ]
        )
        subscriptions._coop_owner_write({"state": "closed"})
        tranches = self._coop_exit_tranches()
        tranches._coop_redeem(
            {tranche: capital.to_cents(tranche.amount_remaining) for tranche in tranches}, date
        )
        net = payable - set_off_amount
        if net <= 0:
            return self.env["coop.share.redemption"]
        # The non-qualified notices redeemed (box 5 when paid): what 3210
        # moved to 2310, less any deficit or debt set off against the payout
        # (taken from it last).
        nonqualified = sum(
            capital.to_cents(amount)
            for account, amount in retained
            if account == company.coop_account_retained_nonqualified_id and amount > 0
        )
        return (
            self.env["coop.share.redemption"]
            .sudo()
            ._coop_owner_create(
                self.env["coop.share.redemption"]._coop_schedule_vals(
                    self, net, date, move, nonqualified=min(nonqualified, capital.to_cents(net))
                )
            )
        )

    def action_new_subscription(self):
        self.ensure_one()
        share_class = self.env["coop.share.class"]._coop_membership_class(self.company_id)
        holds_membership_share = self.subscription_ids.filtered(
            lambda s: s.kind == "membership" and s.state != "draft"
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New subscription"),
            "res_model": "coop.share.subscription",
            "view_mode": "form",
            "context": {
                "default_membership_id": self.id,
                "default_company_id": self.company_id.id,
                "default_share_class_id": False if holds_membership_share else share_class.id,
            },
        }

    def action_transfer_shares(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Transfer or redeem shares"),
            "res_model": "coop.share.transfer.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_membership_id": self.id},
        }

    # ------------------------------------------------------------------
    # Year-end patronage
    # ------------------------------------------------------------------
    def _coop_consented_on(self, day):
        """The memberships of ``self`` that have a patronage consent in force
        on ``day`` (26 USC 1388(c)(2)): their notices may be qualified."""
        day = fields.Date.to_date(day)
        consents = (
            self.env["coop.patronage.consent"]
            .sudo()
            .search([("membership_id", "in", self.ids), ("date", "<=", day)])
        )
        return consents._coop_valid_on(day).membership_id & self

    def _coop_has_patronage_consent(self, day):
        """Whether this membership has a patronage consent in force on ``day``."""
        self.ensure_one()
        return bool(self._coop_consented_on(day))

    def _coop_member_period(self):
        """The days this membership was a member-owner, from the dated
        history: ``(first day, last day or None while still a member)``, or
        None when it never was one."""
        self.ensure_one()
        return self._coop_member_periods().get(self)

    def _coop_member_periods(self):
        """``{membership: (first day, last day or None)}`` as a member-owner,
        from the dated history, for the memberships of ``self`` that ever
        were one: two reads of the history, whatever the number of members."""
        Transition = self.env["coop.membership.transition"].sudo()
        admitted = dict(
            Transition._read_group(
                [("membership_id", "in", self.ids), ("to_state", "=", "member")],
                ["membership_id"],
                ["date:min"],
            )
        )
        left = dict(
            Transition._read_group(
                [("membership_id", "in", self.ids), ("from_state", "=", "member")],
                ["membership_id"],
                ["date:max"],
            )
        )
        periods = {}
        for rec in self.sudo():
            start = admitted.get(rec) or rec.date_member or None
            if not start:
                continue
            end = left.get(rec)
            if end is None and rec.state == "former":
                end = rec.date_exit or None
            periods[rec.with_env(self.env)] = (start, end)
        return periods
