"""A year's patronage is posted only on the members' decision when the
bylaws name a kind of decision for it: refused without one, with a proposal
that was not adopted, of another kind or already used, whoever asks and
however (button or plain write)."""

import datetime

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.coop_capital.tests.common import CapitalCase

D = datetime.date


@tagged("post_install", "-at_install")
class TestPatronageApproval(CapitalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.company
        cls.voters = []
        for name, hours in (("Ana", 1300), ("Ben", 700), ("Cy", 1000)):
            member = cls._membership(
                f"Member {name}",
                state="member",
                paid=True,
                date_state=D(2023, 3, 1),
                worked={2025: hours, 2026: hours},
            )
            cls.voters.append(
                cls._user(f"voter_{name}", cls.env.ref("base.group_user"), member.partner_id)
            )
        cls.secretary = cls._user(
            "secretary", cls.env.ref("coop_governance.group_governance_manager")
        )
        # The co-op manager prepares the year; the accountant, the lowest role
        # that computes and posts it, tries to post it.
        cls.manager = cls._user(
            "manager",
            cls.env.ref("coop_membership.group_coop_manager")
            | cls.env.ref("account.group_account_invoice"),
        )
        cls.accountant = cls._user("accountant", cls.env.ref("account.group_account_manager"))
        DecisionType = cls.env["coop.decision.type"]
        cls.ordinary = DecisionType.search(
            [("company_id", "=", company.id), ("code", "=", "ordinary")]
        )
        cls.patronage_rules = DecisionType.create(
            {
                "name": "Patronage allocation",
                "code": "patronage",
                "company_id": company.id,
                "quorum_ratio": 0.5,
                "threshold_ratio": 0.5,
                "threshold_strict": True,
                "notice_min_days": 0,
                "ballot_min_days": 0,
            }
        )
        company.coop_patronage_decision_type_id = cls.patronage_rules
        income = cls.env["account.account"].search(
            [("account_type", "=", "income"), ("company_ids", "in", company.id)], limit=1
        )
        misc = cls.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", company.id)], limit=1
        )
        move = cls.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": misc.id,
                "date": D(2025, 6, 30),
                "line_ids": [
                    fields.Command.create(
                        {"name": "Sales", "account_id": income.id, "credit": 10_000}
                    ),
                    fields.Command.create(
                        {
                            "name": "Sales",
                            "account_id": cls.bank.default_account_id.id,
                            "debit": 10_000,
                        }
                    ),
                ],
            }
        )
        move.action_post()

    def _allocation(self, year=2025):
        allocation = (
            self.env["coop.patronage.allocation"]
            .with_user(self.manager)
            .create(
                {
                    "company_id": self.company.id,
                    "date_from": D(year, 1, 1),
                    "date_to": D(year, 12, 31),
                    "reserve_rate": 30.0,
                }
            )
        )
        allocation.with_user(self.accountant).action_compute()
        return allocation

    def _decision(self, rules, vote="yes", name="Approve the 2025 patronage allocation"):
        """A proposal of ``rules``, voted ``vote`` by every member and closed."""
        proposal = (
            self.env["coop.proposal"]
            .with_user(self.secretary)
            .create(
                {
                    "name": name,
                    "company_id": self.company.id,
                    "decision_type_id": rules.id,
                    "record_date": self.today,
                    "date_close": fields.Datetime.now() + relativedelta(days=12),
                }
            )
        )
        proposal.action_open()
        for user in self.voters:
            proposal.with_user(user).action_cast(choice=vote)
        proposal.action_close(reason="Every member has voted")
        return proposal

    def _state(self, allocation):
        self.env.invalidate_all()
        return allocation.state, allocation.move_id, len(allocation.tranche_ids)

    def test_post_needs_an_adopted_proposal_of_the_bylaws_kind(self):
        allocation = self._allocation()
        self.assertEqual(allocation.state, "computed")
        self.assertEqual(allocation.pool_amount, 7_000)
        nothing = ("computed", self.env["account.move"], 0)
        with (
            self.assertRaisesRegex(UserError, "cannot be posted yet: the bylaws of Capital Test"),
            self.env.cr.savepoint(),
        ):
            allocation.with_user(self.accountant).action_post()
        self.assertEqual(self._state(allocation), nothing)
        with (
            self.assertRaisesRegex(UserError, "cannot be posted yet"),
            self.env.cr.savepoint(),
        ):
            allocation.with_user(self.manager).action_post()
        self.assertEqual(self._state(allocation), nothing)

        rejected = self._decision(self.patronage_rules, vote="no")
        self.assertFalse(rejected.adopted)
        with (
            self.assertRaisesRegex(ValidationError, "has not been adopted"),
            self.env.cr.savepoint(),
        ):
            allocation.with_user(self.accountant).write({"proposal_id": rejected.id})
        other_kind = self._decision(self.ordinary, name="A four-day week")
        self.assertEqual(other_kind.state, "closed")
        with (
            self.assertRaisesRegex(ValidationError, "by “Patronage allocation”"),
            self.env.cr.savepoint(),
        ):
            allocation.with_user(self.accountant).write({"proposal_id": other_kind.id})
        self.assertEqual(self._state(allocation), nothing)
        self.assertFalse(allocation.proposal_id)

        approval = self._decision(self.patronage_rules)
        self.assertTrue(approval.adopted)
        # The closed vote keeps a frozen copy of the rules; it still counts as their kind.
        self.assertEqual(approval.decision_type_id.frozen_from_id, self.patronage_rules)
        allocation.with_user(self.accountant).write({"proposal_id": approval.id})
        allocation.with_user(self.accountant).action_post()
        self.assertEqual(allocation.state, "posted")
        self.assertEqual(allocation.move_id.state, "posted")
        self.assertEqual(len(allocation.tranche_ids), 3)
        # A posted year keeps the decision that approved it.
        with (
            self.assertRaisesRegex(UserError, "its approving decision no longer changes"),
            self.env.cr.savepoint(),
        ):
            allocation.with_user(self.accountant).write({"proposal_id": False})
        self.assertEqual(allocation.proposal_id, approval)
        # And the same decision does not approve a second year.
        next_year = self._allocation(2026)
        with (
            self.assertRaisesRegex(ValidationError, "already approves another patronage"),
            self.env.cr.savepoint(),
        ):
            next_year.with_user(self.accountant).write({"proposal_id": approval.id})

    def test_a_plain_write_does_not_post(self):
        allocation = self._allocation()
        as_accountant = allocation.with_user(self.accountant)
        for vals in ({"state": "posted"}, {"state": "posted", "date_posted": D(2025, 12, 31)}):
            with self.assertRaises(UserError):  # AccessError is a UserError too
                as_accountant.write(vals)
        self.assertEqual(self._state(allocation), ("computed", self.env["account.move"], 0))
        # A member who voted may not choose the approving decision either.
        approval = self._decision(self.patronage_rules)
        with self.assertRaises(AccessError):
            allocation.with_user(self.voters[0]).write({"proposal_id": approval.id})
        self.env.invalidate_all()
        self.assertFalse(allocation.proposal_id)

    def test_without_a_kind_named_no_vote_is_needed(self):
        self.company.coop_patronage_decision_type_id = False
        allocation = self._allocation()
        allocation.with_user(self.accountant).action_post()
        self.assertEqual(allocation.state, "posted")
        self.assertFalse(allocation.proposal_id)

    def test_setting_names_a_kind_of_the_company(self):
        other = self.env["res.company"].create({"name": "Other Bylaws Co-op"})
        with (
            self.assertRaisesRegex(ValidationError, "by one of its own kinds of decision"),
            self.env.cr.savepoint(),
        ):
            other.coop_patronage_decision_type_id = self.patronage_rules
        self.env.invalidate_all()
        self.assertFalse(other.coop_patronage_decision_type_id)
        # Installing the bridge names each company's ordinary decision.
        other._coop_default_patronage_decision_type()
        self.assertEqual(other.coop_patronage_decision_type_id.code, "ordinary")
        self.assertEqual(other.coop_patronage_decision_type_id.company_id, other)
