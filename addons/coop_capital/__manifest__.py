# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Worker Co-op Member Capital",
    "summary": "Member share capital of a worker co-operative as posted entries: "
    "subscriptions, share register, certificates, exit and redemption, pay equity",
    "version": "18.0.1.2.0",
    "category": "Human Resources/Co-operative",
    "website": "https://github.com/coop-therapy/coop-therapy",
    "author": "Therapy Co-op Developers",
    "license": "LGPL-3",
    "depends": ["coop_membership", "account", "hr_contract"],
    "data": [
        "security/ir.model.access.csv",
        "security/coop_capital_rules.xml",
        "data/coop_capital_data.xml",
        "data/mail_activity_type_data.xml",
        "wizards/coop_membership_exit_wizard_views.xml",
        "wizards/coop_capital_wizards_views.xml",
        "wizards/coop_share_register_wizard_views.xml",
        "views/coop_membership_views.xml",
        "views/coop_share_class_views.xml",
        "views/coop_share_subscription_views.xml",
        "views/coop_share_register_views.xml",
        "views/coop_portal_templates.xml",
        "report/coop_capital_reports.xml",
        "views/res_config_settings_views.xml",
        "wizards/coop_payroll_deduction_check_views.xml",
        "wizards/coop_payroll_entry_wizard_views.xml",
        "views/account_move_views.xml",
        "views/coop_capital_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "coop_capital/static/tests/tours/**/*",
        ],
    },
}
