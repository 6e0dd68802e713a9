# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Therapy Worker Co-op",
    "summary": "Member register and member share capital of a therapy worker "
    "co-operative: associates, licensed clinicians, candidates and member-owners",
    "version": "18.0.1.1.0",
    "category": "Human Resources/Co-operative",
    "website": "https://github.com/coop-therapy/coop-therapy",
    "author": "Therapy Co-op Developers",
    "license": "LGPL-3",
    "application": True,
    "depends": ["hr", "hr_contract", "mail", "portal", "account"],
    "data": [
        "security/coop_therapy_security.xml",
        "security/ir.model.access.csv",
        "security/coop_therapy_rules.xml",
        "data/ir_sequence_data.xml",
        "data/coop_capital_data.xml",
        "wizards/coop_membership_exit_wizard_views.xml",
        "wizards/coop_capital_wizards_views.xml",
        "views/coop_membership_views.xml",
        "views/coop_share_class_views.xml",
        "views/coop_share_subscription_views.xml",
        "views/coop_share_register_views.xml",
        "views/coop_portal_templates.xml",
        "report/coop_capital_reports.xml",
        "views/coop_membership_transition_views.xml",
        "views/hr_employee_views.xml",
        "views/res_config_settings_views.xml",
        "views/coop_menus.xml",
    ],
    "demo": [
        "demo/coop_therapy_demo.xml",
        "demo/coop_capital_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "coop_therapy/static/tests/tours/**/*",
        ],
    },
}
