from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

# The capital accounts of shared/domain/capital.md by their place in the
# books, each the company field coop_capital keeps it in. The MIS templates
# select them by this role, whatever code the capital set-up gave them (a
# practice that already had its own 3100 gets ours under 3101).
ROLE_FIELDS = {
    "share": "coop_account_share_id",
    "investment": "coop_account_investment_id",
    "subscription": "coop_account_subscription_id",
    "retained_qualified": "coop_account_retained_qualified_id",
    "retained_nonqualified": "coop_account_retained_nonqualified_id",
    "reserve": "coop_account_reserve_id",
    "patronage_payable": "coop_account_patronage_payable_id",
    "redemption_payable": "coop_account_redemption_payable_id",
    "wages_payable": "coop_account_wages_payable_id",
}


class AccountAccount(models.Model):
    _inherit = "account.account"

    coop_capital_role = fields.Selection(
        [
            ("share", "Membership shares (3100)"),
            ("investment", "Investment shares (3110)"),
            ("subscription", "Share subscriptions receivable (3105)"),
            ("retained_qualified", "Retained patronage, qualified (3200)"),
            ("retained_nonqualified", "Retained patronage, non-qualified (3210)"),
            ("reserve", "Collective reserve (3300)"),
            ("patronage_payable", "Patronage payable (2300)"),
            ("redemption_payable", "Redemptions payable (2310)"),
            ("wages_payable", "Wages payable, member share deductions (2320)"),
        ],
        string="Member capital role",
        compute="_compute_coop_capital_role",
        search="_search_coop_capital_role",
        help="The account's place in the member capital of its company (Settings → Co-op "
        "→ Accounts); the co-op's MIS reports select accounts by it.",
    )

    @api.model
    def _coop_capital_roles(self):
        """``{account id: role}`` over every company's capital accounts."""
        companies = (
            self.env["res.company"]
            .sudo()
            .search(expression.OR([[(field, "!=", False)] for field in ROLE_FIELDS.values()]))
        )
        return {
            company[field].id: role
            for company in companies
            for role, field in ROLE_FIELDS.items()
            if company[field]
        }

    def _compute_coop_capital_role(self):
        roles = self._coop_capital_roles()
        for account in self:
            account.coop_capital_role = roles.get(account.id, False)

    def _search_coop_capital_role(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(
                self.env._("Accounts are searched by member capital role with =, !=, in or not in.")
            )
        wanted = set(value) if isinstance(value, list | tuple) else {value}
        roles = self._coop_capital_roles()
        ids = [account_id for account_id, role in roles.items() if role in wanted]
        positive = operator in ("=", "in")
        if False in wanted:
            # "no role": every account but those with a role not asked for.
            others = [account_id for account_id, role in roles.items() if role not in wanted]
            return [("id", "not in" if positive else "in", others)]
        return [("id", "in" if positive else "not in", ids)]
