# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Worker Co-op Membership",
    "summary": "Member register of a worker co-operative: memberships, lifecycle, "
    "candidacy rule, suspension and register numbers",
    "version": "18.0.1.2.0",
    "category": "Human Resources/Co-operative",
    "website": "https://github.com/coop-therapy/coop-therapy",
    "author": "Therapy Co-op Developers",
    "license": "LGPL-3",
    "depends": ["hr", "mail", "portal"],
    "data": [
        "security/coop_membership_security.xml",
        "security/ir.model.access.csv",
        "security/coop_membership_rules.xml",
        "data/ir_sequence_data.xml",
        "data/coop_overview_tile_data.xml",
        "wizards/coop_membership_exit_wizard_views.xml",
        "wizards/coop_membership_transition_wizard_views.xml",
        "views/coop_membership_views.xml",
        "views/coop_membership_transition_views.xml",
        "views/coop_hour_entry_views.xml",
        "views/hr_employee_views.xml",
        "views/res_config_settings_views.xml",
        "views/coop_portal_templates.xml",
        "views/coop_overview_views.xml",
        "views/coop_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "coop_membership/static/tests/tours/**/*",
        ],
    },
}
