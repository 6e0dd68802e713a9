from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import capital, certificates


class CoopShareOperation(models.Model):
    """The share register: an append-only list of issues, transfers and
    redemptions. Holdings are computed from it; nothing is ever edited or
    deleted, and a mistake is corrected by a counter-operation."""

    _name = "coop.share.operation"
    _description = "Share register operation"
    _check_company_auto = True
    _inherit = ["coop.guard.mixin"]
    _order = "company_id, date, id"
    # Appended by subscriptions, transfers, redemptions, exits and
    # corrections (through _coop_create), never typed or edited.
    _coop_protected_fields = (
        "name",
        "company_id",
        "date",
        "kind",
        "share_class_id",
        "quantity",
        "unit_price",
        "membership_from_id",
        "membership_to_id",
        "subscription_id",
        "move_id",
        "corrected_id",
        "note",
        "certificate_number",
    )

    name = fields.Char(string="Number", readonly=True, required=True, default="/")
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, readonly=True)
    kind = fields.Selection(
        [
            ("issue", "Issue"),
            ("transfer", "Transfer"),
            ("redemption", "Redemption"),
            ("correction", "Correction"),
        ],
        required=True,
        readonly=True,
    )
    share_class_id = fields.Many2one(
        "coop.share.class",
        required=True,
        readonly=True,
        check_company=True,
        string="Share class",
    )
    quantity = fields.Integer(required=True, readonly=True)
    unit_price = fields.Monetary(readonly=True, string="Unit price")
    amount = fields.Monetary(compute="_compute_amount", store=True)
    membership_from_id = fields.Many2one(
        "coop.membership", string="From", readonly=True, index=True, check_company=True
    )
    membership_to_id = fields.Many2one(
        "coop.membership", string="To", readonly=True, index=True, check_company=True
    )
    partner_from_id = fields.Many2one(
        related="membership_from_id.partner_id", store=True, string="From (person)"
    )
    partner_to_id = fields.Many2one(
        related="membership_to_id.partner_id", store=True, string="To (person)"
    )
    subscription_id = fields.Many2one(
        "coop.share.subscription", readonly=True, index=True, check_company=True
    )
    move_id = fields.Many2one("account.move", string="Entry", readonly=True, check_company=True)
    corrected_id = fields.Many2one(
        "coop.share.operation", string="Corrects", readonly=True, index=True, check_company=True
    )
    note = fields.Char(readonly=True)
    certificate_number = fields.Char(
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The share certificate given for the shares this operation gives to a "
        "member: numbered once, from the co-op's own sequence, never reused.",
        string="Certificate number",
    )
    certificate_state = fields.Selection(
        [
            ("valid", "Valid"),
            ("partial", "Partly transferred or redeemed"),
            ("cancelled", "Cancelled"),
        ],
        compute="_compute_certificate_state",
        compute_sudo=True,
        help="Cancelled: every share of the certificate was later transferred, "
        "redeemed or corrected away (the holder's oldest certificates first).",
        string="Certificate state",
    )
    certificate_remaining = fields.Integer(
        string="Shares still certified", compute="_compute_certificate_state", compute_sudo=True
    )
    certificate_cancel_id = fields.Many2one(
        "coop.share.operation",
        string="Cancelled by",
        compute="_compute_certificate_state",
        compute_sudo=True,
    )

    _sql_constraints = [
        ("quantity_positive", "CHECK (quantity > 0)", "A register operation moves shares."),
        ("name_company_uniq", "UNIQUE (company_id, name)", "Operation numbers are unique."),
        (
            "certificate_company_uniq",
            "UNIQUE (company_id, certificate_number)",
            "Share certificate numbers are never reused.",
        ),
        (
            "has_a_side",
            "CHECK (membership_from_id IS NOT NULL OR membership_to_id IS NOT NULL)",
            "An operation gives shares to or takes them from a member.",
        ),
    ]

    @api.depends("quantity", "unit_price")
    def _compute_amount(self):
        for rec in self:
            rec.amount = rec.quantity * rec.unit_price

    @api.model
    def _coop_create(self, vals_list):
        """The only way in: numbered per company from its own sequence (one
        query per company for the whole batch), in the order of the
        operations' dates, so that the register's numbers follow its dates."""
        by_company = {}
        for vals in vals_list:
            by_company.setdefault(vals["company_id"], []).append(vals)
        for company_id, unsorted in by_company.items():
            company_vals = sorted(unsorted, key=lambda vals: fields.Date.to_date(vals["date"]))
            sequence = (
                self.env["res.company"]
                .browse(company_id)
                ._coop_sequence("coop.share.operation", self.env._("Share register"), "SR-")
            )
            for vals, name in zip(
                company_vals, sequence._coop_next_batch(len(company_vals)), strict=True
            ):
                vals["name"] = name
            certified = [vals for vals in company_vals if vals.get("membership_to_id")]
            for vals, number in zip(
                certified,
                self._coop_certificate_sequence(company_id)._coop_next_batch(len(certified)),
                strict=True,
            ):
                vals["certificate_number"] = number
        records = self._coop_owner_create(vals_list)
        # A new operation may cancel certificates read before it.
        self.invalidate_model(
            ["certificate_state", "certificate_remaining", "certificate_cancel_id"]
        )
        return records

    def _coop_certificate_sequence(self, company_id):
        return (
            self.env["res.company"]
            .browse(company_id)
            ._coop_sequence("coop.share.certificate", self.env._("Share certificates"), "CERT-")
        )

    @api.model
    def _coop_number_certificates(self):
        """Number the certificates of operations recorded before certificates
        were numbered (at install or update; numbers already given stay)."""
        missing = self.sudo().search(
            [("membership_to_id", "!=", False), ("certificate_number", "=", False)],
            order="company_id, date, id",
        )
        for company in missing.company_id:
            records = missing.filtered(lambda op, c=company: op.company_id == c)
            numbers = self._coop_certificate_sequence(company.id)._coop_next_batch(len(records))
            for record, number in zip(records, numbers, strict=True):
                record._coop_owner_write({"certificate_number": number})

    def _coop_moves(self):
        """These operations as :class:`certificates.Move` tuples."""
        return [
            certificates.Move(
                op.id,
                op.date,
                op.membership_from_id.id or None,
                op.membership_to_id.id or None,
                op.share_class_id.id,
                op.quantity,
                capital.to_cents(op.amount),
                op.corrected_id.id or None,
            )
            for op in self
        ]

    @api.depends("certificate_number")
    def _compute_certificate_state(self):
        certified = self.filtered("certificate_number")
        (self - certified).update(
            {"certificate_state": False, "certificate_remaining": 0, "certificate_cancel_id": False}
        )
        if not certified:
            return
        # Every operation of the holders in the classes concerned, whoever reads.
        members = certified.membership_to_id
        history = self.sudo().search(
            [
                ("share_class_id", "in", certified.share_class_id.ids),
                "|",
                ("membership_to_id", "in", members.ids),
                ("membership_from_id", "in", members.ids),
            ]
        )
        status = certificates.certificate_status(history._coop_moves())
        for op in certified:
            remaining, cancelled_by = status[op.id]
            op.certificate_remaining = remaining
            op.certificate_cancel_id = cancelled_by or False
            if cancelled_by:
                op.certificate_state = "cancelled"
            elif remaining < op.quantity:
                op.certificate_state = "partial"
            else:
                op.certificate_state = "valid"

    def _coop_refuse(self, name):
        raise UserError(
            self.env._(
                "The share register is append-only: it changes only through "
                "subscriptions, transfers, exits and corrections. It cannot be typed "
                "into, and an operation is never edited; correct it with a "
                "counter-operation."
            )
        )

    def write(self, vals):
        if vals and not self._coop_is_owner():
            self._coop_refuse(next(iter(vals)))
        return super().write(vals)

    @api.ondelete(at_uninstall=True)
    def _never_delete(self):
        raise UserError(self.env._("Share register operations are never deleted."))

    def action_correct(self):
        """Record a counter-operation that cancels this one in the register,
        with the counter-entry of its accounting (only this operation's lines,
        also when it was posted in a batch entry)."""
        self.ensure_one()
        if self.kind == "correction" or self.search_count([("corrected_id", "=", self.id)]):
            raise UserError(self.env._("This operation is already corrected."))
        today = fields.Date.context_today(self)
        company = self.company_id
        account = self.share_class_id._coop_account()
        amount = self.amount
        if self.kind == "issue":
            # Undo Dr 3105 / Cr shares.
            member = self.membership_to_id
            lines = [
                (account, member.partner_id, amount, 0.0),
                (company.coop_account_subscription_id, member.partner_id, 0.0, amount),
            ]
        elif self.kind == "transfer":
            member = self.membership_from_id
            lines = [
                (account, self.membership_to_id.partner_id, amount, 0.0),
                (account, member.partner_id, 0.0, amount),
            ]
        else:  # redemption: back from the redemption payable to the shares
            member = self.membership_from_id
            lines = [
                (company.coop_account_redemption_payable_id, member.partner_id, amount, 0.0),
                (account, member.partner_id, 0.0, amount),
            ]
        counter = member._coop_post_move(self.env._("Correction of %s", self.name), today, lines)
        return self._coop_create(
            [
                {
                    "kind": "correction",
                    "date": fields.Date.context_today(self),
                    "company_id": self.company_id.id,
                    "share_class_id": self.share_class_id.id,
                    "quantity": self.quantity,
                    "unit_price": self.unit_price,
                    "membership_from_id": self.membership_to_id.id,
                    "membership_to_id": self.membership_from_id.id,
                    "move_id": counter.id,
                    "corrected_id": self.id,
                    "note": self.env._("Correction of %s", self.name),
                }
            ]
        )

    @api.depends("name", "kind", "partner_to_id.name", "partner_from_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for rec in self:
            values = {
                "kind": kinds.get(rec.kind, ""),
                "person": rec.sudo().partner_to_id.name or rec.sudo().partner_from_id.name or "",
            }
            if rec.name and rec.name != "/":
                rec.display_name = self.env._(
                    "%(number)s: %(kind)s \u2013 %(person)s", number=rec.name, **values
                )
            else:
                rec.display_name = self.env._("%(kind)s \u2013 %(person)s", **values)
