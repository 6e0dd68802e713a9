"""18.0.1.3.0: box 5 of the 1099-PATR counts a non-qualified notice when it
is paid back, not when an exit moves it to redemption payable (2310). Each
payout scheduled before now gets the part of it that redeems non-qualified
notices, read from the entry that scheduled it: on an exit, what it moved
from 3210 for the member; on a year-end allocation for a member who had
left, the retained part it credited to 2310 when their notice was not
qualified. The part is spread over the member's payouts of that entry in
proportion, as new payouts are (lib.form1099.nonqualified_parts)."""

from collections import defaultdict

from odoo import SUPERUSER_ID, api

from odoo.addons.coop_capital.lib import capital, form1099


def _nonqualified_cents(env, move, membership):
    company = membership.company_id
    partner = membership.partner_id
    allocation = env["coop.patronage.allocation"].search([("move_id", "=", move.id)], limit=1)
    if allocation:
        line = allocation.line_ids.filtered(lambda x: x.membership_id == membership)[:1]
        if not line or line.qualified:
            return 0
        payable = company.coop_account_redemption_payable_id
        items = move.line_ids.filtered(
            lambda x: x.account_id == payable and x.partner_id == partner
        )
        return capital.to_cents(sum(items.mapped("credit")))
    account = company.coop_account_retained_nonqualified_id
    items = move.line_ids.filtered(lambda x: x.account_id == account and x.partner_id == partner)
    return capital.to_cents(sum(items.mapped("debit")) - sum(items.mapped("credit")))


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    groups = defaultdict(lambda: env["coop.share.redemption"])
    for payout in env["coop.share.redemption"].search([("exit_move_id", "!=", False)]):
        groups[payout.exit_move_id, payout.membership_id] |= payout
    for (move, membership), group in groups.items():
        payouts = group.sorted(lambda p: (p.due_date, p.id))
        nonqualified = _nonqualified_cents(env, move, membership)
        if nonqualified <= 0:
            continue
        parts = form1099.nonqualified_parts(
            [capital.to_cents(p.amount) for p in payouts], nonqualified
        )
        for payout, part in zip(payouts, parts, strict=True):
            if part:
                payout._coop_owner_write({"amount_nonqualified": capital.from_cents(part)})
