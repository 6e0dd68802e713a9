"""The member register changes only through the methods that own it.

Every test tries, as the lowest role that could, what a plain JSON-RPC
``write``/``create`` would send, and proves that the server refuses it. The
fixtures are this file's own, independent of any demo data.
"""

import math

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

# AccessError and ValidationError are UserErrors: any of them is a refusal.
REFUSED = UserError
GUARD_MESSAGE = "changes only through"


def coop_group(env, name):
    """A co-op group by its XML name, whichever addon defines it."""
    data = env["ir.model.data"].search([("model", "=", "res.groups"), ("name", "=", name)])
    return env["res.groups"].browse(data[:1].res_id)


def other_value(record, name):
    """A value of field ``name`` that differs from ``record``'s and from the
    field's default."""
    field = record._fields[name]
    current = record[name]
    if field.type == "selection":
        default = record.default_get([name]).get(name)
        values = [key for key, _label in field._description_selection(record.env)]
        others = [v for v in reversed(values) if v != current]
        return next((v for v in others if v != default), others[0])
    if field.type in ("char", "text"):
        return "X-forged"
    if field.type == "date":
        return (current or fields.Date.today()) + relativedelta(days=1)
    if field.type == "boolean":
        return not current
    if field.type in ("integer", "float", "monetary"):
        return (current or 0) + 1
    if field.type == "many2one":
        other = record.env[field.comodel_name].sudo().search([("id", "!=", current.id)], limit=1)
        return other.id
    raise AssertionError(f"{record._name}.{name}: no forged value for a {field.type} field")


def assert_guarded(case, records, roles, create_extra=None):
    """Walk the protected fields of each record: every role's write and
    create of any of them is refused, the superuser's by the guard itself,
    and nothing changes. Returns the number of attempts."""
    guarded = case.env.registry["coop.guard.mixin"]._inherit_children
    tried = 0
    for record in records:
        model = record._name
        case.assertIn(model, guarded)
        protected = record._coop_protected_fields
        case.assertTrue(protected, model)
        for name in protected:
            before = record[name]
            value = other_value(record, name)
            create_vals = dict({name: value}, **(create_extra or {}).get(model, {}))
            creatable = record._coop_initial_values.get(name, ()) is None or create_vals[
                name
            ] == record.default_get([name]).get(name)
            for role, user in (*roles.items(), ("superuser", None)):
                target = record.sudo() if user is None else record.with_user(user)
                # As superuser, only the guard itself can refuse.
                expected = GUARD_MESSAGE if user is None else ""
                with (
                    case.subTest(model=model, field=name, role=role),
                    case.assertRaisesRegex(REFUSED, expected),
                    case.env.cr.savepoint(),
                ):
                    target.write({name: value})
                tried += 1
                if creatable:
                    continue  # a new record may carry it (its default, or given once)
                with (
                    case.subTest(model=model, field=name, role=role, create=True),
                    case.assertRaisesRegex(REFUSED, expected),
                    case.env.cr.savepoint(),
                ):
                    target.browse().create(create_vals)
                tried += 1
            record.invalidate_recordset()
            case.assertEqual(record[name], before, f"{model}.{name} changed")
    return tried


class RegisterLocksCase(TransactionCase):
    """A co-op of its own (no demo data), its people in each state, and a
    login for each role: member, associate, internal non-member, Co-op /
    User, accountant and co-op manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env["res.company"].create(
            {"name": f"{cls.__name__} Co-op", "currency_id": cls.env.ref("base.USD").id}
        )
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=company.ids))
        cls._setup_company(company)
        cls.company = cls.env["res.company"].browse(company.id)
        cls.company.write({"coop_candidacy_min_hours": 650, "coop_candidacy_min_months": 6})
        cls.Membership = cls.env["coop.membership"]
        cls.today = fields.Date.context_today(cls.Membership)
        cls.associate = cls._membership("Al Associate")
        cls.licensed = cls._membership("Li Licensed", state="licensed")
        cls.member = cls._member("Mo Member")

        def user(login, groups, partner=None):
            vals = {
                "name": login,
                "login": f"{cls.__name__}_{login}",
                "company_id": cls.company.id,
                "company_ids": [(6, 0, cls.company.ids)],
                "groups_id": [(6, 0, [g.id for g in groups])],
            }
            if partner:
                vals["partner_id"] = partner.id
            return cls.env["res.users"].create(vals)

        internal = cls.env.ref("base.group_user")
        cls.member_user = user("member", internal, cls.member.partner_id)
        cls.associate_user = user("associate", internal, cls.associate.partner_id)
        cls.outsider_user = user("outsider", internal)
        cls.coop_user = user("coop_user", coop_group(cls.env, "group_coop_user"))
        cls.accountant = user("accountant", cls.env.ref("account.group_account_manager"))
        billing = cls.env.ref("account.group_account_invoice")
        cls.manager = user("manager", coop_group(cls.env, "group_coop_manager") | billing)
        cls.roles = {
            "member": cls.member_user,
            "associate": cls.associate_user,
            "Co-op / User": cls.coop_user,
            "accountant": cls.accountant,
            "manager": cls.manager,
        }

    @classmethod
    def _setup_company(cls, company):
        """What the test's co-op needs before its people (e.g. a chart)."""

    @classmethod
    def _partner(cls, name):
        return cls.env["res.partner"].create({"name": name})

    @classmethod
    def _membership(cls, name, state="associate"):
        partner = cls._partner(name)
        employee = cls.env["hr.employee"].create(
            {"name": name, "work_contact_id": partner.id, "company_id": cls.company.id}
        )
        return cls.Membership.create(
            {
                "partner_id": partner.id,
                "employee_id": employee.id,
                "company_id": cls.company.id,
                "state": state,
                "candidacy_hours_manual": 700,
                "date_work_start": cls.today - relativedelta(months=7),
            }
        )

    @classmethod
    def _member(cls, name):
        """A member-owner admitted the way the co-op admits one: candidacy,
        the voting share where member capital is installed, then admission."""
        membership = cls._membership(name, state="licensed")
        membership._coop_transition("candidate")
        if "coop.share.subscription" in cls.env:
            share_class = cls.env["coop.share.class"]._coop_membership_class(cls.company)
            subscription = cls.env["coop.share.subscription"].create(
                {
                    "membership_id": membership.id,
                    "company_id": cls.company.id,
                    "share_class_id": share_class.id,
                }
            )
            subscription.action_confirm()
            cls._pay_voting_share(subscription)
        membership._coop_transition("member")
        return membership

    @classmethod
    def _pay_voting_share(cls, subscription):
        """What happens to a new member's voting share after confirmation."""


@tagged("post_install", "-at_install")
class TestMembershipLocks(RegisterLocksCase):
    # ------------------------------------------------------------------
    # Item 2: context keys never grant a write
    # ------------------------------------------------------------------
    def test_item2_coop_user_cannot_change_a_state_with_a_context_key(self):
        membership = self.licensed.with_user(self.coop_user).with_context(
            coop_transition=True, coop_register_assign=True
        )
        for vals in ({"state": "member"}, {"state": "candidate"}, {"state": "former"}):
            with self.assertRaises(REFUSED), self.env.cr.savepoint():
                membership.write(vals)
        self.licensed.invalidate_recordset()
        self.assertEqual(self.licensed.state, "licensed")
        self.assertEqual(len(self.licensed.transition_ids), 1)

    def test_item2_coop_user_cannot_type_a_register_number_with_a_context_key(self):
        membership = self.associate.with_user(self.coop_user).with_context(
            coop_register_assign=True
        )
        with self.assertRaises(REFUSED), self.env.cr.savepoint():
            membership.write({"register_number": "M-0999"})
        with self.assertRaises(REFUSED), self.env.cr.savepoint():
            self.Membership.with_user(self.coop_user).with_context(
                coop_register_assign=True
            ).create({"partner_id": self._partner("Ty Typed").id, "register_number": "M-0998"})
        self.associate.invalidate_recordset()
        self.assertFalse(self.associate.register_number)
        self.assertFalse(self.Membership.search([("register_number", "in", ("M-0998", "M-0999"))]))

    # ------------------------------------------------------------------
    # Item 8: new memberships start as associate or licensed clinician
    # ------------------------------------------------------------------
    def test_item8_nobody_creates_a_member_owner_or_candidate_directly(self):
        count = self.Membership.search_count([])
        for user in (self.coop_user, self.manager):
            Membership = self.Membership.with_user(user)
            for state in ("member", "candidate", "former"):
                with (
                    self.assertRaisesRegex(UserError, "associate|licensed"),
                    self.env.cr.savepoint(),
                ):
                    Membership.create(
                        {"partner_id": self._partner(f"{state} {user.login}").id, "state": state}
                    )
                with self.assertRaises(REFUSED), self.env.cr.savepoint():
                    Membership.with_context(default_state=state).create(
                        {"partner_id": self._partner(f"default {state}").id}
                    )
            for vals in ({"date_member": self.today}, {"exit_reason": "resigned"}):
                with self.assertRaises(REFUSED), self.env.cr.savepoint():
                    Membership.create(dict(vals, partner_id=self._partner("Dee Dated").id))
        self.assertEqual(self.Membership.search_count([]), count)
        fresh = self.Membership.with_user(self.coop_user).create(
            {"partner_id": self._partner("Fay Fresh").id, "state": "licensed"}
        )
        self.assertEqual(fresh.state, "licensed")

    # ------------------------------------------------------------------
    # Item 12: bad values are refused with a sentence, never stored
    # ------------------------------------------------------------------
    def test_item12_candidacy_hours_must_be_a_number(self):
        membership = self.associate.with_user(self.coop_user)
        for bad in (math.nan, math.inf, -math.inf):
            with self.assertRaisesRegex(ValidationError, "number"), self.env.cr.savepoint():
                membership.write({"candidacy_hours_manual": bad})
        self.associate.invalidate_recordset()
        self.assertEqual(self.associate.candidacy_hours_manual, 700)
        settings = self.company.with_user(self.env.ref("base.user_admin"))
        for bad in (math.nan, math.inf):
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                settings.write({"coop_candidacy_min_hours": bad})
        self.assertEqual(self.company.coop_candidacy_min_hours, 650)

    def test_item12_very_long_texts_are_refused(self):
        long_text = "x" * 100_000
        membership = self.associate.with_user(self.coop_user)
        with self.assertRaisesRegex(ValidationError, "characters"), self.env.cr.savepoint():
            membership.write({"suspension_reason": long_text})
        with self.assertRaisesRegex(ValidationError, "characters"), self.env.cr.savepoint():
            self.Membership.with_user(self.coop_user).create(
                {"partner_id": self._partner(long_text).id}
            )
        self.assertFalse(self.Membership.search([("name", "=", long_text)]))

    # ------------------------------------------------------------------
    # Item 14: public methods take RPC values and answer with sentences
    # ------------------------------------------------------------------
    def test_item14_suspension_on_a_date_given_as_text(self):
        start = self.today - relativedelta(days=3)
        self.associate.write({"suspended": True, "suspension_date_start": start})
        membership = self.associate.with_user(self.coop_user)
        self.assertTrue(membership.is_suspended_on(fields.Date.to_string(self.today)))
        self.assertFalse(membership.is_suspended_on("2000-01-01"))
        for bad in ("abc", "01/02/2025", 20250102, None):
            with self.assertRaisesRegex(UserError, "not a date"):
                membership.is_suspended_on(bad)

    # ------------------------------------------------------------------
    # The general rule: every guarded field, every role
    # ------------------------------------------------------------------
    def test_guarded_fields_are_refused_for_every_role(self):
        self.assertTrue(
            {"state", "register_number", "date_member"}
            <= set(self.Membership._coop_protected_fields)
        )
        records = (self.associate, self.licensed.transition_ids[:1])
        self.assertGreater(assert_guarded(self, records, self.roles), 60)
