import csv
import datetime
import io

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib import capital, form1099

CSV_HEADER = (
    "Tax year",
    "Recipient name",
    "Recipient TIN",
    "Street",
    "Street 2",
    "City",
    "State",
    "ZIP",
    "Country",
    "Box 1 Patronage dividends",
    "Box 4 Federal income tax withheld",
    "Box 5 Redemption of nonqualified notices",
)


class CoopPatronageForm1099(models.Model):
    """Form 1099-PATR data of one co-op for one calendar year of payment (not
    the patronage year), read from the ledger (shared/domain/capital.md,
    "Form 1099-PATR"): one row per recipient paid $10 or more, the CSV an
    accountant files from, the deadline calendar as activities, and the
    count of information returns that decides electronic filing. The product
    prepares data; it does not file."""

    _name = "coop.patronage.form1099"
    _description = "Form 1099-PATR data of a calendar year"
    _check_company_auto = True
    _inherit = ["mail.thread", "mail.activity.mixin", "coop.guard.mixin"]
    _order = "year desc, id desc"
    _coop_protected_fields = (
        "w2_count",
        "date_computed",
        "attachment_id",
    )

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    year = fields.Integer(
        string="Calendar year of payment",
        required=True,
        help="The year the cash was paid and the notices issued (not the patronage year).",
    )
    line_ids = fields.One2many(
        "coop.patronage.form1099.line", "form_id", string="Recipients", readonly=True
    )
    date_computed = fields.Datetime(string="Read from the ledger on", readonly=True, copy=False)
    patr_count = fields.Integer(string="1099-PATR returns", compute="_compute_counts")
    w2_count = fields.Integer(
        string="W-2 returns",
        readonly=True,
        help="Employees of the co-op with a contract running in the year.",
    )
    return_count = fields.Integer(string="Information returns in all", compute="_compute_counts")
    efile_required = fields.Boolean(string="Electronic filing required", compute="_compute_counts")
    box1_total = fields.Monetary(compute="_compute_counts", string="Box 1 total")
    box4_total = fields.Monetary(compute="_compute_counts", string="Box 4 total")
    box5_total = fields.Monetary(compute="_compute_counts", string="Box 5 total")
    attachment_id = fields.Many2one("ir.attachment", string="CSV", readonly=True, copy=False)
    date_recipients = fields.Date(string="Copies to recipients by", compute="_compute_deadlines")
    date_irs = fields.Date(string="To the IRS by", compute="_compute_deadlines")

    _sql_constraints = [
        (
            "company_year_unique",
            "unique(company_id, year)",
            "A co-op has one set of 1099-PATR data per calendar year.",
        )
    ]

    @api.depends("year", "company_id.name")
    def _compute_name(self):
        for rec in self:
            rec.name = self.env._(
                "1099-PATR %(year)s - %(company)s", year=rec.year, company=rec.company_id.name
            )

    @api.depends("line_ids.box1", "line_ids.box4", "line_ids.box5", "w2_count")
    def _compute_counts(self):
        for rec in self:
            rec.patr_count = len(rec.line_ids)
            rec.return_count = rec.patr_count + rec.w2_count
            rec.efile_required = form1099.efile_required(rec.patr_count, rec.w2_count)
            rec.box1_total = sum(rec.line_ids.mapped("box1"))
            rec.box4_total = sum(rec.line_ids.mapped("box4"))
            rec.box5_total = sum(rec.line_ids.mapped("box5"))

    @api.depends("year", "efile_required")
    def _compute_deadlines(self):
        for rec in self:
            if not rec.year:
                rec.date_recipients = rec.date_irs = False
                continue
            dates = form1099.deadlines(rec.year)
            rec.date_recipients = dates["recipients"]
            rec.date_irs = dates["irs_electronic" if rec.efile_required else "irs_paper"]

    @api.constrains("year")
    def _check_year(self):
        for rec in self:
            if not 1990 <= rec.year <= 2999:
                raise ValidationError(
                    self.env._("%s is not a calendar year (e.g. 2026).", rec.year)
                )

    def write(self, vals):
        if "year" in vals or "company_id" in vals:
            for rec in self:
                if rec.line_ids and (
                    vals.get("year", rec.year) != rec.year
                    or vals.get("company_id", rec.company_id.id) != rec.company_id.id
                ):
                    raise UserError(
                        self.env._(
                            "%s is read from the ledger: create the data of another year "
                            "instead of changing its year or co-op.",
                            rec.name,
                        )
                    )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Reading the ledger
    # ------------------------------------------------------------------
    def _coop_allocation_moves(self):
        """The year-end patronage allocation entries of the co-op (any year)."""
        self.ensure_one()
        return (
            self.env["coop.patronage.allocation"]
            .sudo()
            .search([("company_id", "=", self.company_id.id), ("move_id", "!=", False)])
            .move_id
        )

    def _coop_ledger_items(self):
        """What the year's form reads, as lib.form1099 LedgerItems: the
        posted lines of the year on 2300 (cash paid) and 3210 (non-qualified
        notices redeemed straight from it) with a partner, the qualified
        notices by the day they were issued (:meth:`_coop_notice_items`), and
        the non-qualified notices redeemed through redemption payable (2310)
        by the day they were paid (:meth:`_coop_payout_items`)."""
        self.ensure_one()
        company = self.company_id
        kinds = {
            company.coop_account_patronage_payable_id: form1099.CASH,
            company.coop_account_retained_nonqualified_id: form1099.NONQUALIFIED_REDEEMED,
        }
        kinds.pop(self.env["account.account"], None)
        payable = company.coop_account_redemption_payable_id
        allocation_moves = self._coop_allocation_moves()
        lines = (
            self.env["account.move.line"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("parent_state", "=", "posted"),
                    ("account_id", "in", [account.id for account in kinds]),
                    ("partner_id", "!=", False),
                    ("date", ">=", datetime.date(self.year, 1, 1)),
                    ("date", "<=", datetime.date(self.year, 12, 31)),
                ],
                order="id",
            )
        )
        items = []
        for line in lines:
            move = line.move_id
            kind = kinds[line.account_id]
            debit, credit = capital.to_cents(line.debit), capital.to_cents(line.credit)
            items.append(
                form1099.LedgerItem(
                    partner=line.partner_id,
                    kind=kind,
                    cents=debit - credit if kind == form1099.CASH else debit,
                    date=line.date,
                    reversal=bool(move.reversed_entry_id),
                    allocation_entry=move in allocation_moves
                    or move.reversed_entry_id in allocation_moves,
                    # On exit or revolving, 3210 moves to 2310: counted when paid.
                    to_payable=kind == form1099.NONQUALIFIED_REDEEMED
                    and bool(payable)
                    and any(item.account_id == payable and item.credit for item in move.line_ids),
                )
            )
        return items + self._coop_notice_items() + self._coop_payout_items()

    def _coop_notice_items(self):
        """The qualified notices of allocation of the co-op, each at face in
        the calendar year it was issued (``notice_issue_date`` of the member's
        line); a corrected notice counts what it changes (lib.form1099.notice_items)."""
        self.ensure_one()
        allocations = (
            self.env["coop.patronage.allocation"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("move_id", "!=", False),
                    ("corrected_allocation_id", "=", False),
                ]
            )
        )
        items = []
        for root in allocations:
            chain = root._coop_correction_chain().filtered("move_id").sorted(lambda a: a.move_id.id)
            lines = chain.line_ids
            for membership in lines.membership_id:
                notices = []
                for allocation in chain:
                    line = lines.filtered(
                        lambda x, a=allocation, m=membership: (
                            x.allocation_id == a and x.membership_id == m
                        )
                    )[:1]
                    if not line:
                        continue
                    face = capital.to_cents(line.retained) if line.qualified else 0
                    notices.append((max(face, 0), line.notice_issue_date or None))
                items += form1099.notice_items(membership.partner_id, notices)
        return items

    def _coop_payout_items(self):
        """Non-qualified notices redeemed through redemption payable (2310),
        on the day they were paid: each paid revolving line of a non-qualified
        tranche, and each paid payout of a member who left for the
        non-qualified part it carries."""
        self.ensure_one()
        start, end = datetime.date(self.year, 1, 1), datetime.date(self.year, 12, 31)
        items = []
        revolved = (
            self.env["coop.patronage.revolving.line"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("tranche_id.qualified", "=", False),
                    ("payment_id.state", "in", ("in_process", "paid")),
                    ("payment_id.date", ">=", start),
                    ("payment_id.date", "<=", end),
                ]
            )
        )
        for line in revolved:
            items.append(
                form1099.LedgerItem(
                    partner=line.partner_id,
                    kind=form1099.NONQUALIFIED_REDEEMED,
                    cents=capital.to_cents(line.amount),
                    date=line.payment_id.date,
                )
            )
        payouts = (
            self.env["coop.share.redemption"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("state", "=", "paid"),
                    ("amount_nonqualified", ">", 0),
                    ("date_paid", ">=", start),
                    ("date_paid", "<=", end),
                ]
            )
        )
        for payout in payouts:
            items.append(
                form1099.LedgerItem(
                    partner=payout.partner_id,
                    kind=form1099.NONQUALIFIED_REDEEMED,
                    cents=capital.to_cents(payout.amount_nonqualified),
                    date=payout.date_paid,
                )
            )
        return items

    def _coop_w2_count(self):
        """Employees of the co-op with a contract running in the year (each
        gets a W-2)."""
        self.ensure_one()
        contracts = (
            self.env["hr.contract"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("state", "in", ("open", "close")),
                    ("date_start", "<=", datetime.date(self.year, 12, 31)),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", datetime.date(self.year, 1, 1)),
                ]
            )
        )
        return len(contracts.employee_id)

    def action_compute(self):
        """Read the year from the ledger: one row per recipient paid $10 or
        more (box 4, entered by the accountant, is kept per recipient), the
        W-2 count, and the deadline activities."""
        self.check_access("write")
        Line = self.env["coop.patronage.form1099.line"].sudo()
        for rec in self:
            withholding = {
                line.partner_id: capital.to_cents(line.box4) for line in rec.sudo().line_ids
            }
            withholding = {partner: cents for partner, cents in withholding.items() if cents}
            rows = form1099.patr_rows(
                rec._coop_ledger_items(),
                rec.year,
                withholding=withholding,
                key=lambda partner: ((partner.name or "").lower(), partner.id),
            )
            memberships = {
                m.partner_id: m
                for m in self.env["coop.membership"]
                .sudo()
                .with_context(active_test=False)
                .search(
                    [
                        ("company_id", "=", rec.company_id.id),
                        ("partner_id", "in", [row.partner.id for row in rows]),
                    ]
                )
            }
            with Line._coop_owner_writes():
                rec.sudo().line_ids.unlink()
                Line.create(
                    [
                        {
                            "form_id": rec.id,
                            "partner_id": row.partner.id,
                            "membership_id": memberships.get(row.partner, Line.membership_id).id,
                            "tin": memberships.get(row.partner, Line.membership_id).coop_tin,
                            "cash": capital.from_cents(row.cash),
                            "qualified": capital.from_cents(row.qualified),
                            "box4": capital.from_cents(row.withholding),
                            "box5": capital.from_cents(row.redeemed),
                        }
                        for row in rows
                    ]
                )
            rec._coop_owner_write(
                {
                    "w2_count": rec._coop_w2_count(),
                    "date_computed": fields.Datetime.now(),
                    "attachment_id": False,
                }
            )
            rec._coop_schedule_deadlines()
        return True

    # ------------------------------------------------------------------
    # The deadline calendar
    # ------------------------------------------------------------------
    def _coop_schedule_deadlines(self):
        """An activity per deadline (copies to recipients by 31 January; the
        IRS by 28 February on paper or 31 March electronically), found again
        by type and record: never twice; its date follows the filing mode."""
        types = {
            "recipients": self.env.ref("coop_capital.mail_activity_type_1099_recipients"),
            "irs": self.env.ref("coop_capital.mail_activity_type_1099_irs"),
        }
        Allocation = self.env["coop.patronage.allocation"]
        for rec in self.sudo():
            existing = (
                self.env["mail.activity"]
                .sudo()
                .search(
                    [
                        ("res_model", "=", self._name),
                        ("res_id", "=", rec.id),
                        ("activity_type_id", "in", [t.id for t in types.values()]),
                    ]
                )
            )
            user = Allocation._coop_accountant_user(rec.company_id)
            wanted = {
                "recipients": (
                    rec.date_recipients,
                    self.env._(
                        "Give each member their 1099-PATR copy for %(year)s by %(date)s.",
                        year=rec.year,
                        date=rec.date_recipients,
                    ),
                ),
                "irs": (
                    rec.date_irs,
                    self.env._(
                        "File the %(year)s 1099-PATR returns with the IRS by %(date)s (%(mode)s).",
                        year=rec.year,
                        date=rec.date_irs,
                        mode=self.env._("electronically: 10 or more information returns")
                        if rec.efile_required
                        else self.env._("on paper, or by 31 March electronically"),
                    ),
                ),
            }
            for key, (deadline, note) in wanted.items():
                activity = existing.filtered(lambda a, t=types[key]: a.activity_type_id == t)
                if activity:
                    activity.write({"date_deadline": deadline, "note": note})
                    continue
                rec.with_context(mail_activity_quick_update=True).activity_schedule(
                    activity_type_id=types[key].id,
                    date_deadline=deadline,
                    note=note,
                    user_id=user.id,
                )

    # ------------------------------------------------------------------
    # The CSV
    # ------------------------------------------------------------------
    def _coop_csv(self):
        """The rows as CSV text (one header line, one line per recipient)."""
        self.ensure_one()
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_HEADER)
        for line in self.sudo().line_ids:
            partner = line.partner_id
            writer.writerow(
                (
                    self.year,
                    partner.name or "",
                    line.tin or "",
                    partner.street or "",
                    partner.street2 or "",
                    partner.city or "",
                    partner.state_id.code or "",
                    partner.zip or "",
                    partner.country_id.code or "",
                    form1099.cents_text(capital.to_cents(line.box1)),
                    form1099.cents_text(capital.to_cents(line.box4)),
                    form1099.cents_text(capital.to_cents(line.box5)),
                )
            )
        return out.getvalue()

    def action_export_csv(self):
        """The CSV as an attachment of this record, downloaded."""
        self.ensure_one()
        self.check_access("write")
        if not self.date_computed:
            self.action_compute()
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"1099-PATR-{self.year}-{self.company_id.name}.csv",
                    "raw": self._coop_csv().encode(),
                    "mimetype": "text/csv",
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )
        self._coop_owner_write({"attachment_id": attachment.id})
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
