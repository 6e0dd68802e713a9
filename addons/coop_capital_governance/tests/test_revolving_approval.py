"""Retained patronage revolves only on a decision taken under the bylaws
when they name a kind of decision for it (capital.md, rule 10): a revolving
batch is refused, posted and paid, without an adopted proposal of that kind,
whoever asks (the accountant, the lowest role that posts and pays it) and
however (button or plain write)."""

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ApprovalCase, D


@tagged("post_install", "-at_install")
class TestRevolvingApproval(ApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.company
        company.write({"coop_revolve_years": 5, "coop_solvency_mode": "block"})
        cls.accountant = cls._user("accountant", cls.env.ref("account.group_account_manager"))
        cls.revolving_rules = cls._decision_type("Revolving redemption", "revolving")
        cls.patronage_rules = cls._decision_type("Patronage allocation", "patronage")
        company.coop_revolving_decision_type_id = cls.revolving_rules
        cls.ordinary = cls.env["coop.decision.type"].search(
            [("company_id", "=", company.id), ("code", "=", "ordinary")]
        )
        cls.Revolving = cls.env["coop.patronage.revolving"]
        # The co-op has money in the bank, and Ana 1,000.00 retained since 2019.
        cls.ana = cls.voter_members[0]
        earnings = cls.env["account.account"].search(
            [("account_type", "=", "equity_unaffected"), ("company_ids", "in", company.id)]
        )
        cls._entry(
            D(2018, 12, 31),
            [
                (cls.bank.default_account_id, None, 100_000.0, 0.0),
                (company.coop_account_reserve_id, None, 0.0, 100_000.0),
            ],
        )
        cls._entry(
            D(2019, 12, 31),
            [
                (earnings, None, 1_000.0, 0.0),
                (company.coop_account_retained_qualified_id, cls.ana, 0.0, 1_000.0),
            ],
        )
        allocation = cls.env["coop.patronage.allocation"].create(
            {"company_id": company.id, "date_from": D(2019, 1, 1), "date_to": D(2019, 12, 31)}
        )
        cls.tranche = (
            cls.env["coop.patronage.tranche"]
            .sudo()
            ._coop_owner_create(
                {
                    "membership_id": cls.ana.id,
                    "allocation_id": allocation.id,
                    "year": 2019,
                    "qualified": True,
                    "amount": 1_000.0,
                    "date_revolve": D(2024, 12, 31),
                }
            )
        )

    @classmethod
    def _entry(cls, date, items):
        """A posted capital entry of ``items``: (account, membership, debit, credit)."""
        move = (
            cls.env["account.move"]
            .sudo()
            ._coop_owner_create(
                {
                    "move_type": "entry",
                    "journal_id": cls.company.coop_capital_journal_id.id,
                    "date": date,
                    "coop_capital": True,
                    "line_ids": [
                        fields.Command.create(
                            {
                                "name": "Test",
                                "account_id": account.id,
                                "partner_id": member.partner_id.id if member else False,
                                "debit": debit,
                                "credit": credit,
                            }
                        )
                        for account, member, debit, credit in items
                    ],
                }
            )
        )
        move._coop_post()
        return move

    def _batch(self):
        wizard = (
            self.env["coop.patronage.revolving.wizard"]
            .with_user(self.accountant)
            .create(
                {
                    "company_id": self.company.id,
                    "date_cutoff": D(2026, 1, 31),
                    "decision_date": D(2026, 1, 15),
                    "decision_ref": "Minutes 2026-01",
                    "date": D(2026, 1, 31),
                }
            )
        )
        return self.Revolving.browse(wizard.action_propose()["res_id"])

    def _state(self, batch):
        self.env.invalidate_all()
        return batch.state, batch.move_id, self.tranche.amount_redeemed, len(batch.payment_ids)

    def test_post_needs_an_adopted_proposal_of_the_bylaws_kind(self):
        batch = self._batch().with_user(self.accountant)
        self.assertEqual((batch.state, batch.amount_total), ("draft", 1_000.0))
        nothing = ("draft", self.env["account.move"], 0.0, 0)
        with (
            self.assertRaisesRegex(
                UserError,
                "cannot be posted or paid yet: the bylaws of Capital Test Co-op want each "
                "revolving redemption decided by “Revolving redemption”",
            ),
            self.env.cr.savepoint(),
        ):
            batch.action_post()
        self.assertEqual(self._state(batch), nothing)

        rejected = self._decision(self.revolving_rules, vote="no", name="Revolve 2019")
        with (
            self.assertRaisesRegex(ValidationError, "has not been adopted.*revolving redemption"),
            self.env.cr.savepoint(),
        ):
            batch.write({"proposal_id": rejected.id})
        other_kind = self._decision(self.ordinary, name="A four-day week")
        with (
            self.assertRaisesRegex(
                ValidationError, "decide revolving redemptions by “Revolving redemption”"
            ),
            self.env.cr.savepoint(),
        ):
            batch.write({"proposal_id": other_kind.id})
        self.assertEqual(self._state(batch), nothing)
        self.assertFalse(batch.proposal_id)

        approval = self._decision(self.revolving_rules, name="Revolve the 2019 tranches")
        batch.write({"proposal_id": approval.id})
        batch.action_post()
        batch.action_pay(journal=self.bank.id, date="2026-02-10")
        self.assertEqual(self._state(batch)[0::2], ("paid", 1_000.0))
        self.assertEqual(batch.payment_ids.amount, 1_000.0)
        # A paid batch keeps the decision that approved it.
        with (
            self.assertRaisesRegex(UserError, "its approving decision no longer changes"),
            self.env.cr.savepoint(),
        ):
            batch.write({"proposal_id": False})
        self.assertEqual(batch.proposal_id, approval)
        # The same decision approves no second batch, nor an allocation.
        second = self._batch().with_user(self.accountant)
        with (
            self.assertRaisesRegex(ValidationError, "already approves another revolving batch"),
            self.env.cr.savepoint(),
        ):
            second.write({"proposal_id": approval.id})
        self.company.coop_patronage_decision_type_id = self.revolving_rules
        allocation = self.env["coop.patronage.allocation"].create(
            {"company_id": self.company.id, "date_from": D(2025, 1, 1), "date_to": D(2025, 12, 31)}
        )
        with (
            self.assertRaisesRegex(
                ValidationError,
                f"already approves {batch.name}; a decision approves one allocation "
                "or one revolving batch",
            ),
            self.env.cr.savepoint(),
        ):
            allocation.with_user(self.accountant).write({"proposal_id": approval.id})

    def test_paying_needs_the_decision_too(self):
        # Posted while the bylaws named no kind of decision for it.
        self.company.coop_revolving_decision_type_id = False
        batch = self._batch().with_user(self.accountant)
        batch.action_post()
        self.assertEqual(batch.state, "posted")
        self.company.coop_revolving_decision_type_id = self.revolving_rules
        with (
            self.assertRaisesRegex(UserError, "cannot be posted or paid yet"),
            self.env.cr.savepoint(),
        ):
            batch.action_pay(journal=self.bank.id, date="2026-02-10")
        self.assertEqual(self._state(batch)[0::3], ("posted", 0))
        # The pay wizard goes through the same check.
        wizard = (
            self.env["coop.patronage.revolving.pay.wizard"]
            .with_user(self.accountant)
            .create({"revolving_id": batch.id, "journal_id": self.bank.id, "date": D(2026, 2, 10)})
        )
        with (
            self.assertRaisesRegex(UserError, "cannot be posted or paid yet"),
            self.env.cr.savepoint(),
        ):
            wizard.action_confirm()
        self.assertEqual(self._state(batch)[0::3], ("posted", 0))
        # A posted batch without a decision gets one, once.
        approval = self._decision(self.revolving_rules, name="Revolve the 2019 tranches")
        batch.write({"proposal_id": approval.id})
        other = self._decision(self.revolving_rules, name="Revolve again")
        with (
            self.assertRaisesRegex(UserError, "its approving decision no longer changes"),
            self.env.cr.savepoint(),
        ):
            batch.write({"proposal_id": other.id})
        batch.action_pay(journal=self.bank.id, date="2026-02-10")
        self.assertEqual(self._state(batch)[0::3], ("paid", 1))

    def test_a_plain_write_neither_posts_nor_pays(self):
        batch = self._batch()
        as_accountant = batch.with_user(self.accountant)
        for vals in (
            {"state": "posted"},
            {"state": "paid", "date_paid": D(2026, 2, 10)},
            {"state": "posted", "proposal_id": False},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError), self.env.cr.savepoint():
                as_accountant.write(vals)
        self.assertEqual(self._state(batch), ("draft", self.env["account.move"], 0.0, 0))
        # A member who voted may neither link the decision nor make a batch with it.
        approval = self._decision(self.revolving_rules, name="Revolve the 2019 tranches")
        member = self.voters[0]
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            batch.with_user(member).write({"proposal_id": approval.id})
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.Revolving.with_user(member).create(
                {"company_id": self.company.id, "proposal_id": approval.id}
            )
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            batch.with_user(member).action_post()
        self.env.invalidate_all()
        self.assertFalse(batch.proposal_id)
        self.assertEqual(batch.state, "draft")

    def test_settings_name_a_kind_of_the_company(self):
        other = self.env["res.company"].create({"name": "Other Bylaws Co-op"})
        with (
            self.assertRaisesRegex(
                ValidationError,
                "Other Bylaws Co-op names one of its own kinds of decision for "
                "“Revolving decided by”",
            ),
            self.env.cr.savepoint(),
        ):
            other.coop_revolving_decision_type_id = self.revolving_rules
        self.env.invalidate_all()
        self.assertFalse(other.coop_revolving_decision_type_id)
        # Installing the bridge names each company's ordinary decision for both;
        # the upgrade names it for revolving only, keeping a patronage choice.
        other._coop_default_decision_types()
        self.assertEqual(
            (
                other.coop_patronage_decision_type_id.code,
                other.coop_revolving_decision_type_id.code,
            ),
            ("ordinary", "ordinary"),
        )
        third = self.env["res.company"].create({"name": "Third Co-op"})
        third._coop_default_decision_types(names=("coop_revolving_decision_type_id",))
        self.assertEqual(
            (third.coop_patronage_decision_type_id.id, third.coop_revolving_decision_type_id.code),
            (False, "ordinary"),
        )
        self.assertEqual(third.coop_revolving_decision_type_id.company_id, third)
        self.assertEqual(self.company.coop_revolving_decision_type_id, self.revolving_rules)
