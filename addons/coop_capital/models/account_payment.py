from odoo import api, models
from odoo.exceptions import UserError


class AccountPayment(models.Model):
    """A member's share payment by bank is an Odoo customer payment whose
    entry is a member capital entry. Its money, partner, accounts and state
    change for nobody, accountants included: a statement line matches it
    without changing it, and a mistake is corrected by reversal, as every
    member capital entry."""

    _inherit = "account.payment"

    @api.model
    def _coop_locked_fields(self):
        """The fields that change the money, the entry or its state."""
        return {
            *self._get_trigger_fields_to_synchronize(),
            "state",
            "move_id",
            "outstanding_account_id",
            "payment_method_line_id",
        }

    def _seek_for_lines(self):
        """A share payment's counterpart is on 3105, an equity account (and a
        patronage cash part's on 2300, a current liability), which Odoo takes
        for a write-off: both its lines would be write-offs and the payment
        would look matched with the bank from the start. Its 3105 (2300) line
        is the counterpart, the line left on the outstanding account the
        liquidity line, as for any customer or supplier payment."""
        liquidity, counterpart, writeoff = super()._seek_for_lines()
        destination = self.destination_account_id
        if not destination or destination not in self._coop_counterpart_accounts():
            return liquidity, counterpart, writeoff
        on_destination = writeoff.filtered(lambda line: line.account_id == destination)
        counterpart |= on_destination
        writeoff -= on_destination
        if not liquidity and len(writeoff) == 1:
            liquidity, writeoff = writeoff, writeoff - writeoff
        return liquidity, counterpart, writeoff

    def _coop_counterpart_accounts(self):
        """Member capital accounts a payment of member capital is made
        against: 3105 (share payments), 2300 (patronage cash parts) and 2310
        (redemptions and revolving payouts)."""
        company = self.company_id
        return (
            company.coop_account_subscription_id
            | company.coop_account_patronage_payable_id
            | company.coop_account_redemption_payable_id
        )

    def _coop_capital_payments(self):
        return self.filtered(lambda payment: payment.sudo().move_id.coop_capital)

    def _coop_refuse_capital_change(self):
        raise UserError(
            self.env._(
                "%s is a member's share payment: it is never edited, reset to draft or "
                "cancelled. Reverse its entry (or correct the share register) instead.",
                self._coop_capital_payments()[:1].display_name,
            )
        )

    def _coop_changes(self, vals):
        """Whether ``vals`` changes a locked field of a member's share payment
        (writing a value it already holds changes nothing)."""
        capital = self._coop_capital_payments()
        for name in self._coop_locked_fields().intersection(vals):
            field = self._fields[name]
            for payment in capital:
                try:
                    value = field.convert_to_record(
                        field.convert_to_cache(vals[name], payment), payment
                    )
                except (ValueError, TypeError):
                    return True
                if payment[name] != value:
                    return True
        return False

    def write(self, vals):
        if self._coop_changes(vals):
            self._coop_refuse_capital_change()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_coop_capital(self):
        if self._coop_capital_payments():
            self._coop_refuse_capital_change()
