from odoo import api, fields, models

from ..lib import capital


class CoopPayrollDeductionCheck(models.TransientModel):
    """One pay period (and member, when payroll's credits name members):
    the share deductions the co-op recorded on wages payable against what
    the payroll entry credited there.

    The co-op's side is the payroll share payments (Dr wages payable), net
    of their reversals; payroll's side is every other posted line on wages
    payable, in the pay period its entry names (``coop_pay_period``) or else
    the month of its date. Rows are computed afresh each time the check is
    opened, for the user who opens it.
    """

    _name = "coop.payroll.deduction.check"
    _description = "Payroll deductions against payroll's credits"
    _order = "period desc, flagged desc, partner_id"

    company_id = fields.Many2one("res.company", required=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    period = fields.Char(string="Pay period", required=True, readonly=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        readonly=True,
        help="Empty when payroll credited the period without naming members: "
        "the period is then compared as a whole.",
    )
    deducted = fields.Monetary(
        string="Recorded deductions", readonly=True, help="Share payments by payroll deduction."
    )
    credited = fields.Monetary(
        string="Credited by payroll", readonly=True, help="The payroll entry's credit."
    )
    difference = fields.Monetary(
        readonly=True, help="Recorded deductions minus what payroll credited."
    )
    flagged = fields.Boolean(string="Differs", readonly=True)

    @api.model
    def _coop_amounts(self, company):
        """``(deducted, credited)``: cents by (pay period, partner id) on the
        company's wages payable account, from posted entries."""
        account = company.coop_account_wages_payable_id
        deducted, credited = {}, {}
        if not account:
            return deducted, credited
        lines = (
            self.env["account.move.line"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("account_id", "=", account.id),
                    ("parent_state", "=", "posted"),
                ]
            )
        )
        payments = (
            self.env["coop.share.payment"]
            .sudo()
            .search(
                [
                    ("move_id", "in", (lines.move_id | lines.move_id.reversed_entry_id).ids),
                    ("method", "=", "payroll"),
                ]
            )
        )
        # A batch posts one entry for all its payments, one pair of lines each.
        by_move = {}
        for payment in payments:
            by_move[payment.move_id, payment.partner_id] = payment
            by_move.setdefault(payment.move_id, payment)
        for line in lines:
            move = line.move_id
            payment = next(
                (
                    by_move[key]
                    for key in (
                        (move, line.partner_id),
                        (move.reversed_entry_id, line.partner_id),
                        move,
                        move.reversed_entry_id,
                    )
                    if key in by_move
                ),
                None,
            )
            if payment:
                period = payment.period or capital.pay_period_key(payment.date)
                side, sign = deducted, 1
            else:
                period = move.coop_pay_period or capital.pay_period_key(line.date)
                side, sign = credited, -1
            key = (period.strip(), line.partner_id.id or None)
            side[key] = side.get(key, 0) + sign * capital.to_cents(line.balance)
        return deducted, credited

    @api.model
    def action_open(self):
        """Compute the check for the user's companies and show it."""
        self.check_access("create")
        self.search([("create_uid", "=", self.env.uid)]).unlink()
        vals_list = []
        for company in self.env.companies:
            for row in capital.payroll_deduction_rows(*self._coop_amounts(company)):
                vals_list.append(
                    {
                        "company_id": company.id,
                        "period": row["period"],
                        "partner_id": row["member"] or False,
                        "deducted": capital.from_cents(row["deducted"]),
                        "credited": capital.from_cents(row["credited"]),
                        "difference": capital.from_cents(row["difference"]),
                        "flagged": bool(row["difference"]),
                    }
                )
        records = self.create(vals_list)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_capital.action_coop_payroll_deduction_check"
        )
        action["domain"] = [("id", "in", records.ids)]
        return action
