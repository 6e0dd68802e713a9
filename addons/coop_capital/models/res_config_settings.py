from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coop_membership_share_price = fields.Monetary(
        string="Membership share price",
        compute="_compute_coop_membership_share_price",
        inverse="_inverse_coop_membership_share_price",
        currency_field="currency_id",
    )
    coop_installment_policy = fields.Selection(
        related="company_id.coop_installment_policy", readonly=False
    )
    coop_max_installments = fields.Integer(
        related="company_id.coop_max_installments", readonly=False
    )
    coop_min_investment = fields.Monetary(
        related="company_id.coop_min_investment",
        readonly=False,
        currency_field="currency_id",
    )
    coop_max_investment = fields.Monetary(
        related="company_id.coop_max_investment",
        readonly=False,
        currency_field="currency_id",
    )
    coop_pay_ratio_cap = fields.Float(related="company_id.coop_pay_ratio_cap", readonly=False)
    coop_pay_ratio_mode = fields.Selection(related="company_id.coop_pay_ratio_mode", readonly=False)
    coop_pay_ratio_scope = fields.Selection(
        related="company_id.coop_pay_ratio_scope", readonly=False
    )
    coop_pay_transparency = fields.Selection(
        related="company_id.coop_pay_transparency", readonly=False
    )
    coop_solvency_mode = fields.Selection(related="company_id.coop_solvency_mode", readonly=False)
    coop_redemption_years = fields.Integer(
        related="company_id.coop_redemption_years", readonly=False
    )
    coop_redemption_installments = fields.Integer(
        related="company_id.coop_redemption_installments", readonly=False
    )
    coop_capital_journal_id = fields.Many2one(
        related="company_id.coop_capital_journal_id", readonly=False
    )
    coop_certificate_signer1_title = fields.Char(
        related="company_id.coop_certificate_signer1_title", readonly=False
    )
    coop_certificate_signer1_name = fields.Char(
        related="company_id.coop_certificate_signer1_name", readonly=False
    )
    coop_certificate_signer2_title = fields.Char(
        related="company_id.coop_certificate_signer2_title", readonly=False
    )
    coop_certificate_signer2_name = fields.Char(
        related="company_id.coop_certificate_signer2_name", readonly=False
    )
    # The whole account mapping of member capital (shared/domain/capital.md).
    coop_account_share_id = fields.Many2one(
        related="company_id.coop_account_share_id", readonly=False
    )
    coop_account_investment_id = fields.Many2one(
        related="company_id.coop_account_investment_id", readonly=False
    )
    coop_account_subscription_id = fields.Many2one(
        related="company_id.coop_account_subscription_id", readonly=False
    )
    coop_account_retained_qualified_id = fields.Many2one(
        related="company_id.coop_account_retained_qualified_id", readonly=False
    )
    coop_account_retained_nonqualified_id = fields.Many2one(
        related="company_id.coop_account_retained_nonqualified_id", readonly=False
    )
    coop_account_reserve_id = fields.Many2one(
        related="company_id.coop_account_reserve_id", readonly=False
    )
    coop_account_startup_loss_id = fields.Many2one(
        related="company_id.coop_account_startup_loss_id", readonly=False
    )
    coop_account_patronage_payable_id = fields.Many2one(
        related="company_id.coop_account_patronage_payable_id", readonly=False
    )
    coop_account_redemption_payable_id = fields.Many2one(
        related="company_id.coop_account_redemption_payable_id", readonly=False
    )
    coop_account_wages_payable_id = fields.Many2one(
        related="company_id.coop_account_wages_payable_id", readonly=False
    )
    coop_revolve_years = fields.Integer(related="company_id.coop_revolve_years", readonly=False)
    coop_interest_rate = fields.Float(related="company_id.coop_interest_rate", readonly=False)
    coop_interest_account_id = fields.Many2one(
        related="company_id.coop_interest_account_id", readonly=False
    )

    @api.depends("company_id")
    def _compute_coop_membership_share_price(self):
        for settings in self:
            share_class = self.env["coop.share.class"]._coop_membership_class(settings.company_id)
            settings.coop_membership_share_price = share_class.price

    def _inverse_coop_membership_share_price(self):
        for settings in self:
            share_class = self.env["coop.share.class"]._coop_membership_class(settings.company_id)
            if share_class and settings.coop_membership_share_price:
                share_class.price = settings.coop_membership_share_price
