from odoo import models

# The years an opened report shows, as MIS periods relative to today:
# the balance sheet at the end of this year and the last; the changes in
# members' equity for this year and the two before.
YEARS_SHOWN = {
    "coop_capital_reporting.mis_report_coop_balance_sheet": (-1, 0),
    "coop_capital_reporting.mis_report_coop_equity_changes": (-2, -1, 0),
}


class MisReport(models.Model):
    _inherit = "mis.report"

    def _coop_open_instance(self):
        """Open this co-op report for the current company: its saved
        instance (made the first time, one period per year, which the
        accountant may then change like any MIS report) in preview. The
        menu's server action lets accountants in (its groups); the first
        opening makes the instance as the superuser, as bookkeepers and
        auditors may read MIS reports but not create them."""
        self.ensure_one()
        company = self.env.company
        instance = self.env["mis.report.instance"].search(
            [("report_id", "=", self.id), ("company_id", "=", company.id)], limit=1
        )
        if not instance:
            Instance = self.env["mis.report.instance"].sudo()
            offsets = YEARS_SHOWN.get(self.get_external_id()[self.id], (0,))
            instance = Instance.create(
                {
                    "name": self.name,
                    "report_id": self.id,
                    "company_id": company.id,
                    "period_ids": [
                        (
                            0,
                            0,
                            {
                                "name": self._coop_year_label(offset),
                                "mode": "relative",
                                "type": "y",
                                "offset": offset,
                                "duration": 1,
                                "sequence": 10 + index,
                            },
                        )
                        for index, offset in enumerate(offsets)
                    ],
                }
            ).with_env(self.env)
        return instance.preview()

    def _coop_year_label(self, offset):
        return {
            0: self.env._("This year"),
            -1: self.env._("Last year"),
            -2: self.env._("Two years ago"),
        }.get(offset) or self.env._("Year %(offset)s", offset=offset)
