# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Worker Co-op Patronage Approval",
    "summary": "Posting a year-end patronage allocation or a revolving redemption "
    "needs an adopted proposal of the decision type the bylaws name for it",
    "version": "18.0.1.1.0",
    "category": "Human Resources/Co-operative",
    "website": "https://github.com/coop-therapy/coop-therapy",
    "author": "Therapy Co-op Developers",
    "license": "LGPL-3",
    "depends": ["coop_capital", "coop_governance"],
    "data": [
        "views/coop_patronage_allocation_views.xml",
        "views/coop_patronage_revolving_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "post_init_hook": "post_init_hook",
    "auto_install": True,
}
