# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Worker Co-op Capital Reports",
    "summary": "Balance sheet with the members' equity section and the statement of "
    "changes in members' equity (MIS Builder); general ledger, trial balance and "
    "partner ledger (OCA account_financial_report) in the Capital menu",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/coop-therapy/coop-therapy",
    "author": "Therapy Co-op Developers",
    "license": "AGPL-3",
    "depends": ["coop_capital", "mis_builder", "account_financial_report"],
    "data": [
        "data/mis_report_balance_sheet.xml",
        "data/mis_report_equity_changes.xml",
        "views/coop_capital_reporting_menus.xml",
    ],
}
