from odoo import api, models
from odoo.exceptions import ValidationError

from ..lib import capital

PAY_FIELDS = {"wage", "resource_calendar_id", "state", "employee_id", "company_id"}


class HrContract(models.Model):
    _inherit = "hr.contract"

    def _coop_weekly_hours(self):
        """Contracted hours per week, from the contract's working schedule."""
        self.ensure_one()
        calendar = self.resource_calendar_id
        if not calendar:
            return 0.0
        hours = sum(
            a.hour_to - a.hour_from
            for a in calendar.attendance_ids
            if a.day_period != "lunch" and not a.display_type
        )
        return hours / 2 if calendar.two_weeks_calendar else hours

    def _coop_hourly_rate(self):
        self.ensure_one()
        hours = self._coop_weekly_hours()
        return capital.hourly_rate(self.wage, hours) if hours > 0 else None

    @api.model
    def _coop_compared_contracts(self, company):
        """The running contracts the co-op's pay ratio compares, per its
        scope setting (everyone, or member-owners only): the one scope of the
        contract check and of the pay-equity report."""
        contracts = self.sudo().search([("company_id", "=", company.id), ("state", "=", "open")])
        if company.coop_pay_ratio_scope == "members":
            members = (
                self.env["coop.membership"]
                .sudo()
                .search([("company_id", "=", company.id), ("state", "=", "member")])
            )
            contracts = contracts.filtered(lambda c: c.employee_id in members.employee_id)
        return contracts

    @api.model
    def _coop_pay_ratio(self, company):
        """(ratio, highest contract, lowest contract) over the compared workers."""
        rated = [(c._coop_hourly_rate(), c) for c in self._coop_compared_contracts(company)]
        rated = [(rate, c) for rate, c in rated if rate]
        if len(rated) < 2:
            return 1.0, self.browse(), self.browse()
        rated.sort(key=lambda pair: pair[0])
        return capital.pay_ratio([r for r, _c in rated]), rated[-1][1], rated[0][1]

    def _coop_check_pay_ratio(self):
        for company in self.company_id:
            if not company.coop_pay_ratio_cap:
                continue
            ratio, high, low = self._coop_pay_ratio(company)
            if ratio <= company.coop_pay_ratio_cap + 1e-9:
                continue
            message = self.env._(
                "The pay ratio at %(company)s would be %(ratio).2f:1, above the co-op's "
                "cap of %(cap).2f:1 (highest pay per hour: %(high)s, lowest: %(low)s).",
                company=company.name,
                ratio=ratio,
                cap=company.coop_pay_ratio_cap,
                high=high.employee_id.name,
                low=low.employee_id.name,
            )
            if company.coop_pay_ratio_mode == "block":
                raise ValidationError(message)
            activity_type = self.env.ref("coop_capital.mail_activity_type_pay_ratio")
            for contract in self.filtered(lambda c, co=company: c.company_id == co):
                contract.message_post(body=message)
                if activity_type in contract.activity_ids.activity_type_id:
                    continue  # the manager already has this to-do on the contract
                contract.activity_schedule(
                    activity_type_id=activity_type.id,
                    note=message,
                    user_id=company._coop_manager_user().id,
                )

    @api.model_create_multi
    def create(self, vals_list):
        contracts = super().create(vals_list)
        contracts._coop_check_pay_ratio()
        return contracts

    def write(self, vals):
        result = super().write(vals)
        if PAY_FIELDS & set(vals):
            self._coop_check_pay_ratio()
        return result
