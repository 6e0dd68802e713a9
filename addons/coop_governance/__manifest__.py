# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Worker Co-op Governance",
    "summary": "One member, one vote: bylaws as data and voter eligibility "
    "from the co-op's member register",
    "version": "18.0.1.4.0",
    "category": "Human Resources/Co-operative",
    "website": "https://github.com/coop-therapy/coop-therapy",
    "author": "Therapy Co-op Developers",
    "license": "LGPL-3",
    "depends": ["coop_membership", "calendar"],
    "data": [
        "security/coop_governance_security.xml",
        "security/ir.model.access.csv",
        "security/coop_governance_rules.xml",
        "views/coop_decision_type_views.xml",
        "views/coop_membership_views.xml",
        "wizards/coop_membership_transition_wizard_views.xml",
        "views/coop_governance_menus.xml",
        "views/coop_proposal_views.xml",
        "views/coop_meeting_views.xml",
        "views/coop_requisition_views.xml",
        "report/coop_meeting_reports.xml",
        "views/coop_portal_templates.xml",
        "data/coop_decision_type_data.xml",
        "data/coop_proposal_data.xml",
        "data/mail_activity_type_data.xml",
        "data/mail_template_data.xml",
        "data/coop_overview_tile_data.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "coop_governance/static/tests/tours/**/*",
        ],
    },
}
