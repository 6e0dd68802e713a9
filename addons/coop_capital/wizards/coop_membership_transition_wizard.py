from odoo import fields, models
from odoo.tools.misc import format_date, formatLang


class CoopMembershipTransitionWizard(models.TransientModel):
    """Admission shows the member's share: subscribed, and paid up or not on
    the effective date."""

    _inherit = "coop.membership.transition.wizard"

    def _coop_checks(self):
        lines = super()._coop_checks()
        membership = self.membership_id
        if self.to_state != "member" or not membership._coop_capital_kept():
            return lines
        subscribed = membership.subscription_ids.filtered(
            lambda s: s.kind == "membership" and s.state == "confirmed"
        )
        if not subscribed:
            return lines
        day = self.date or fields.Date.context_today(self)
        if membership._coop_paid_up_on(day):
            lines.append(
                self.env._(
                    "Membership share: subscribed and paid up on %(date)s.",
                    date=format_date(self.env, day),
                )
            )
        else:
            lines.append(
                self.env._(
                    "Membership share: subscribed, %(due)s still to pay on %(date)s (a "
                    "member-owner may pay it in installments).",
                    due=formatLang(
                        self.env, membership.capital_due, currency_obj=membership.currency_id
                    ),
                    date=format_date(self.env, day),
                )
            )
        return lines
