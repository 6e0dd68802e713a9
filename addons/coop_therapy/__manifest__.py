# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Therapy Worker Co-op",
    "summary": "The app of a therapy worker co-operative: member register, capital and "
    "governance with licensure tracking of its associates",
    "version": "18.0.1.1.0",
    "category": "Human Resources/Co-operative",
    "website": "https://github.com/coop-therapy/coop-therapy",
    "author": "Therapy Co-op Developers",
    "license": "LGPL-3",
    "application": True,
    "depends": [
        "coop_membership",
        "coop_capital",
        "coop_governance",
        "account",
        "calendar",
        "hr_holidays",
        "portal",
        "resource",
    ],
    "data": [
        "security/coop_therapy_security.xml",
        "security/ir.model.access.csv",
        "security/coop_therapy_rules.xml",
        "data/coop_license_path_data.xml",
        "data/mail_activity_type_data.xml",
        "data/coop_scheduling_data.xml",
        "report/coop_licensure_reports.xml",
        "views/coop_licensure_views.xml",
        "views/coop_scheduling_views.xml",
        "views/coop_selfpay_views.xml",
        "views/coop_session_portal_templates.xml",
        "data/coop_overview_tile_data.xml",
        "wizards/coop_session_invoice_wizard_views.xml",
    ],
    "demo": [
        "demo/coop_therapy_demo.xml",
        "demo/coop_capital_demo.xml",
        "demo/coop_licensure_demo.xml",
        "demo/coop_governance_demo.xml",
        "demo/coop_scheduling_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "coop_therapy/static/tests/tours/**/*",
        ],
    },
}
