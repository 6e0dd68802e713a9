from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import TransactionCase


class CoopCase(TransactionCase):
    """A co-op of its own with fresh people, independent of the demo data
    and of the rules other modules add for the co-ops they manage (e.g. a
    company that keeps more records of its members)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls._coop_company()
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[company.id]))
        cls.company = cls.env["res.company"].browse(company.id)
        cls.Membership = cls.env["coop.membership"]
        cls.today = fields.Date.context_today(cls.Membership)
        cls.company.write({"coop_candidacy_min_hours": 650, "coop_candidacy_min_months": 6})

    @classmethod
    def _next_register_number(cls, company=None):
        """The number the next member-owner of ``company`` is entered under:
        the register counts M-0001, M-0002, ... without gaps."""
        numbers = cls.env["coop.membership"].search(
            [("company_id", "=", (company or cls.company).id), ("register_number", "!=", False)]
        )
        last = max((int(n[2:]) for n in numbers.mapped("register_number")), default=0)
        return f"M-{last + 1:04d}"

    @classmethod
    def _coop_company(cls):
        return cls.env["res.company"].create({"name": "Register Test Co-op"})

    @classmethod
    def _person(cls, name, company=None):
        company = company or cls.company
        partner = cls.env["res.partner"].create({"name": name})
        employee = cls.env["hr.employee"].create(
            {"name": name, "work_contact_id": partner.id, "company_id": company.id}
        )
        return partner, employee

    @classmethod
    def _membership(
        cls,
        name,
        state="associate",
        company=None,
        eligible=True,
        **vals,
    ):
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
