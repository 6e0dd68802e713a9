from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import TransactionCase


class CoopCase(TransactionCase):
    """Fresh people of the co-op, independent of the demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.Membership = cls.env["coop.membership"]
        cls.today = fields.Date.context_today(cls.Membership)
        cls.company.write({"coop_candidacy_min_hours": 650, "coop_candidacy_min_months": 6})

    @classmethod
    def _person(cls, name, company=None):
        company = company or cls.company
        partner = cls.env["res.partner"].create({"name": name})
        employee = cls.env["hr.employee"].create(
            {"name": name, "work_contact_id": partner.id, "company_id": company.id}
        )
        return partner, employee

    @classmethod
    def _membership(cls, name, state="associate", company=None, eligible=True, **vals):
        company = company or cls.company
        partner, employee = cls._person(name, company)
        values = {
            "partner_id": partner.id,
            "employee_id": employee.id,
            "company_id": company.id,
            "state": state,
        }
        if eligible:
            values.update(
                candidacy_hours_manual=700,
                date_work_start=cls.today - relativedelta(months=7),
            )
        values.update(vals)
        return cls.Membership.with_company(company).create(values)
