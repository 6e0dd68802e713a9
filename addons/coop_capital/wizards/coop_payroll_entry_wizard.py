import base64
import binascii

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import capital, payroll


class CoopPayrollEntryWizard(models.TransientModel):
    """Record the payroll entry's credit of member share deductions to wages
    payable: Dr the wages expense (or payroll clearing) account / Cr wages
    payable, one credit per member with the partner when the payroll
    provider's file names them."""

    _name = "coop.payroll.entry.wizard"
    _description = "Record a payroll entry's share deductions"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    period = fields.Char(
        string="Pay period",
        required=True,
        default=lambda self: capital.pay_period_key(fields.Date.context_today(self)),
        help="The pay period key the payroll deductions were recorded under, e.g. 2026-11.",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    journal_id = fields.Many2one(
        "account.journal",
        required=True,
        domain="[('type', '=', 'general'), ('company_id', '=', company_id)]",
        compute="_compute_journal_id",
        store=True,
        precompute=True,
        readonly=False,
    )
    account_id = fields.Many2one(
        "account.account",
        string="Debit account",
        required=True,
        domain="[('company_ids', 'in', company_id), ('account_type', 'not in', "
        "('asset_receivable', 'liability_payable', 'off_balance'))]",
        help="The wages expense, or the payroll clearing account the provider's entry uses.",
    )
    amount = fields.Monetary(
        string="Share deductions withheld",
        help="The total withheld for member shares this pay period. With a file, "
        "leave it empty or give the file's total.",
    )
    file = fields.Binary(
        string="Per member (CSV)",
        help="From the payroll provider: one row per member, the member's identifier "
        "(register number, employee ID, badge ID or email) and the amount withheld.",
    )
    filename = fields.Char()

    @api.depends("company_id")
    def _compute_journal_id(self):
        for wizard in self:
            wizard.journal_id = self.env["account.journal"].search(
                [("type", "=", "general"), ("company_id", "=", wizard.company_id.id)], limit=1
            )

    def _coop_member_credits(self):
        """``[(partner, cents)]`` from the file, or ``[]`` without one."""
        if not self.file:
            return []
        try:
            text = base64.b64decode(self.file).decode("utf-8-sig")
            rows = payroll.parse_deductions_csv(text)
        except (binascii.Error, UnicodeDecodeError):
            raise UserError(self.env._("The file is not a CSV text file.")) from None
        except ValueError as error:
            raise UserError(self.env._("The payroll file cannot be read: %s", error)) from None
        memberships = (
            self.env["coop.membership"].sudo().search([("company_id", "=", self.company_id.id)])
        )
        by_key = {}
        for membership in memberships:
            for key in (
                membership.register_number,
                membership.employee_id.identification_id,
                membership.employee_id.barcode,
                membership.partner_id.email,
            ):
                if key:
                    by_key.setdefault(key.strip().lower(), membership.partner_id)
        unknown = [key for key in rows if key.lower() not in by_key]
        if unknown:
            raise UserError(
                self.env._(
                    "No member of %(company)s has the identifier %(keys)s.",
                    company=self.company_id.name,
                    keys=", ".join(unknown),
                )
            )
        credits = {}
        for key, cents in rows.items():
            partner = by_key[key.lower()]
            credits[partner] = credits.get(partner, 0) + cents
        return list(credits.items())

    def action_confirm(self):
        self.ensure_one()
        wages = self.company_id.coop_account_wages_payable_id
        if not wages:
            raise UserError(self.env._("Set the wages payable account in Settings, Co-op, first."))
        if self.account_id == wages:
            raise UserError(
                self.env._("The debit account must be another account than wages payable.")
            )
        credits = self._coop_member_credits()
        total = capital.to_cents(self.amount)
        if credits:
            listed = sum(cents for _partner, cents in credits)
            if total and total != listed:
                raise UserError(
                    self.env._(
                        "The file lists %(listed).2f withheld, not %(amount).2f.",
                        listed=capital.from_cents(listed),
                        amount=self.amount,
                    )
                )
            total = listed
        elif total <= 0:
            raise UserError(
                self.env._("Give the amount withheld for member shares, or the payroll file.")
            )
        else:
            credits = [(self.env["res.partner"], total)]
        label = self.env._("Payroll share deductions %s", self.period)
        lines = [
            fields.Command.create(
                {
                    "name": label,
                    "account_id": wages.id,
                    "partner_id": partner.id,
                    "credit": capital.from_cents(cents),
                }
            )
            for partner, cents in credits
        ]
        lines.append(
            fields.Command.create(
                {
                    "name": label,
                    "account_id": self.account_id.id,
                    "debit": capital.from_cents(total),
                }
            )
        )
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": self.journal_id.id,
                "company_id": self.company_id.id,
                "date": self.date,
                "ref": label,
                "coop_pay_period": self.period.strip(),
                "line_ids": lines,
            }
        )
        move.action_post()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": move.id,
            "view_mode": "form",
        }
