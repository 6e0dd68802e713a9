"""The member register changes only through the methods that own it.

Every test tries, as the lowest role that could, what a plain JSON-RPC
``write``/``create`` would send, and proves that the server refuses it, on a
co-op of the test's own (tests/common.py), independent of any demo data.
"""

import math

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import REFUSED, CoopCase, assert_guarded


@tagged("post_install", "-at_install")
class TestMembershipLocks(CoopCase):
    """A co-op of its own (no demo data), its people in each state, and a
    login for each role."""

    @classmethod
    def _coop_company(cls):
        return cls.env["res.company"].create(
            {"name": "Register Locks Co-op", "currency_id": cls.env.ref("base.USD").id}
        )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_roles()

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
        self.assertEqual(
            set(self.Membership._coop_protected_fields),
            {
                "state",
                "date_state",
                "date_member",
                "date_exit",
                "exit_reason",
                "exit_note",
                "register_number",
            },
        )
        records = (self.associate, self.licensed.transition_ids[:1])
        self.assertEqual(assert_guarded(self, records, self.roles), 135)
