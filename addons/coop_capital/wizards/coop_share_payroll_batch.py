from odoo import fields, models
from odoo.exceptions import UserError

from ..lib import capital


class CoopSharePayrollBatch(models.TransientModel):
    """Record one pay period's share deductions for every member who pays by
    payroll: one payment each, posted together."""

    _name = "coop.share.payroll.batch"
    _description = "Payroll deductions for member shares"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    period = fields.Char(
        required=True, default=lambda self: fields.Date.context_today(self).strftime("%Y-%m")
    )

    def _subscriptions(self):
        return self.env["coop.share.subscription"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "confirmed"),
                ("mode", "=", "payroll"),
                ("amount_remaining", ">", 0),
            ]
        )

    def action_confirm(self):
        self.ensure_one()
        subscriptions = self._subscriptions()
        already = self.env["coop.share.payment"].search(
            [
                ("subscription_id", "in", subscriptions.ids),
                ("method", "=", "payroll"),
                ("period", "=", self.period),
                ("state", "=", "posted"),
            ]
        )
        if already:
            raise UserError(
                self.env._(
                    "Deductions for %(period)s are already recorded for %(who)s.",
                    period=self.period,
                    who=", ".join(already.membership_id.mapped("name")),
                )
            )
        if not subscriptions:
            raise UserError(self.env._("No member pays shares by payroll deduction."))
        payments = self.env["coop.share.payment"].create(
            [
                {
                    "subscription_id": s.id,
                    "membership_id": s.membership_id.id,
                    "amount": capital.from_cents(
                        min(
                            capital.to_cents(s.payroll_amount), capital.to_cents(s.amount_remaining)
                        )
                    ),
                    "date": self.date,
                    "method": "payroll",
                    "period": self.period,
                }
                for s in subscriptions
            ]
        )
        payments.action_post()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Payroll deductions %s", self.period),
            "res_model": "coop.share.payment",
            "view_mode": "list,form",
            "domain": [("id", "in", payments.ids)],
        }
