from datetime import timedelta

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.coop_membership.tests.common import CoopCase

from .common import CoopHttpCase


class ProposalCase(CoopCase):
    @classmethod
    def _coop_company(cls):
        return cls.env["res.company"].create({"name": "Vote Co-op"})

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["coop.decision.type"]._coop_load_bylaw_set(cls.company, "uk")
        cls.types = {
            t.code: t
            for t in cls.env["coop.decision.type"].search([("company_id", "=", cls.company.id)])
        }
        since = cls.today - relativedelta(years=1)
        company = {"company_id": cls.company.id, "company_ids": [(6, 0, cls.company.ids)]}
        cls.members = cls.env["coop.membership"]
        cls.users = []
        for index in range(4):
            member = cls._membership(
                f"Voter {index}", state="member", company=cls.company, date_state=since
            )
            user = new_test_user(
                cls.env, login=f"voter{index}", groups="base.group_user", **company
            )
            user.partner_id = member.partner_id
            cls.members |= member
            cls.users.append(user)
        cls.candidate = cls._membership("Not Yet", state="candidate", company=cls.company)
        cls.outsider = new_test_user(cls.env, login="outsider", groups="base.group_user", **company)
        cls.outsider.partner_id = cls.candidate.partner_id
        cls.manager = new_test_user(
            cls.env, login="secretary", groups="coop_governance.group_governance_manager", **company
        )

    def _proposal(self, **vals):
        values = {
            "name": "Adopt a four-day week",
            "company_id": self.company.id,
            "decision_type_id": self.types["ordinary"].id,
            "date_close": fields.Datetime.now() + relativedelta(days=7),
            "record_date": self.today,
        }
        values.update(vals)
        return self.env["coop.proposal"].with_user(self.manager).create(values)

    def _verified(self, record):
        """The lines the Verify button of ``record`` shows once all is checked."""
        result = record.action_verify()
        self.assertEqual(result["params"]["type"], "success")
        return result["params"]["message"].splitlines()

    def _checked(self, name, voters, ballots):
        return (
            f"{name}: a roll of {voters} voters and {ballots} counted ballots "
            "match the sealed result."
        )

    def _cast(self, proposal, index, **kwargs):
        return proposal.with_user(self.users[index]).action_cast(**kwargs)


@tagged("post_install", "-at_install")
class TestProposals(ProposalCase):
    def test_roll_is_frozen_and_hashed(self):
        proposal = self._proposal()
        proposal.action_open()
        self.assertEqual(proposal.roll_ids.membership_id, self.members)
        self.assertNotIn(self.candidate, proposal.roll_ids.membership_id)
        self.assertEqual(len(proposal.roll_hash), 64)
        self.members[0]._coop_transition("former", reason="resigned")
        proposal.invalidate_recordset()
        self.assertEqual(proposal.roll_ids.membership_id, self.members)

    def test_vote_change_close_and_verify(self):
        proposal = self._proposal()
        proposal.action_open()
        self._cast(proposal, 0, choice="no")
        receipt = self._cast(proposal, 0, choice="yes")  # changed: the last one counts
        self._cast(proposal, 1, choice="yes")
        self._cast(proposal, 2, choice="abstain")
        ballots = self.env["coop.ballot"].sudo().search([("proposal_id", "=", proposal.id)])
        self.assertEqual(len(ballots), 4)
        self.assertEqual(len(ballots.filtered("counted")), 3)
        with self.assertRaises(AccessError):
            proposal.with_user(self.outsider).action_cast(choice="yes")
        with self.assertRaisesRegex(ValidationError, "Vote one of"):
            self._cast(proposal, 3, choice="maybe")
        with self.assertRaisesRegex(UserError, "closing it early needs"):
            proposal.with_user(self.manager).action_close()
        planned = proposal.date_close
        proposal.with_user(self.manager).action_close(reason="Everyone has voted who will")
        # Closed early: it closed now, not on the day it was planned to close.
        self.assertLess(proposal.date_close, planned)
        self.assertLessEqual(proposal.date_close, fields.Datetime.now() + timedelta(seconds=1))
        self.assertGreater(proposal.date_close, proposal.date_open)
        self.assertTrue(proposal.adopted)  # 2 of 2 votes cast, abstentions not counted
        self.assertIn("Quorum met: 3 of 4", proposal.result_summary)
        self.assertEqual(self._verified(proposal), [self._checked("Adopt a four-day week", 4, 3)])
        with self.assertRaisesRegex(UserError, "closed: no more ballots"):
            self._cast(proposal, 3, choice="yes")
        with self.assertRaisesRegex(UserError, "closed vote cannot be changed"):
            proposal.with_user(self.manager).write({"name": "Renamed"})
        # The member finds their receipt among the published ballots.
        published = (
            self.env["coop.ballot.published"]
            .with_user(self.users[0])
            .search([("proposal_id", "=", proposal.id)])
        )
        self.assertIn(receipt, published.mapped("receipt"))

    def test_tampering_is_detected(self):
        proposal = self._proposal()
        proposal.action_open()
        for index in range(3):
            self._cast(proposal, index, choice="yes")
        proposal.with_user(self.manager).action_close(reason="test")
        self.env.cr.execute(
            "UPDATE coop_ballot SET content = %s WHERE proposal_id = %s AND counted",
            ['{"choice": "no"}', proposal.id],
        )
        self.env.invalidate_all()
        with self.assertRaisesRegex(UserError, "tampered with after its close: the ballots"):
            proposal.action_verify()

    def test_no_second_ballot_where_changes_are_not_allowed(self):
        self.types["special"].ballot_change_allowed = False
        proposal = self._proposal(decision_type_id=self.types["special"].id)
        proposal.action_open()
        self._cast(proposal, 0, choice="yes")
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            self._cast(proposal, 0, choice="no")

    def test_the_database_keeps_one_counted_ballot_per_member(self):
        proposal = self._proposal()
        proposal.action_open()
        self._cast(proposal, 0, choice="yes")
        token = proposal._voter_token(self.members[0])
        self.env.flush_all()
        with (
            self.assertRaises(psycopg2.errors.ExclusionViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                """INSERT INTO coop_ballot (proposal_id, voter_token, receipt, content, counted)
                   VALUES (%s, %s, 'forged', '{"choice": "no"}', true)""",
                [proposal.id, token],
            )

    def test_secret_ballots_cannot_be_linked_to_members(self):
        proposal = self._proposal(secret=True)
        proposal.action_open()
        self._cast(proposal, 0, choice="yes")
        ballots = self.env["coop.ballot"].sudo().search([("proposal_id", "=", proposal.id)])
        self.assertFalse(ballots.membership_id)
        # Nothing on the ballot or on the roll points at who cast it, or when.
        for table in ("coop_ballot", "coop_vote_roll"):
            self.env.cr.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
                [table],
            )
            columns = {row[0] for row in self.env.cr.fetchall()}
            self.assertFalse(columns & {"create_uid", "write_uid", "create_date", "write_date"})
        # Managers do not read the ballots table (its ids follow the order of
        # casting); everyone reads the published ballots, after the close.
        with self.assertRaises(AccessError):
            self.env["coop.ballot"].with_user(self.manager).search([])
        Published = self.env["coop.ballot.published"].with_user(self.manager)
        self.assertFalse(Published.search([("proposal_id", "=", proposal.id)]), "until close")
        self.assertTrue(
            proposal.roll_ids.filtered(lambda r: r.membership_id == self.members[0]).voted
        )
        # The bylaws publish a secret result from 3 ballots.
        self._cast(proposal, 1, choice="no")
        self._cast(proposal, 2, choice="no")
        proposal.with_user(self.manager).action_close(reason="test")
        visible = Published.search(
            [("proposal_id", "=", proposal.id), ("receipt", "=", ballots.receipt)]
        )
        self.assertEqual(visible.receipt, ballots.receipt)
        self.assertEqual(visible.display_content, "Yes")
        self.assertFalse(visible.membership_id)
        # The published id does not come from the ballot's (casting order).
        self.assertNotEqual(visible.id, ballots.id)
        self.assertEqual(
            self.env["coop.ballot.published"]
            .with_user(self.users[1])
            .search([("receipt", "=", ballots.receipt)]),
            visible,
        )

    def test_ranked_choice_vote(self):
        proposal = self._proposal(
            name="Coordinator",
            method="irv",
            option_ids=[(0, 0, {"name": name}) for name in ("Ana", "Ben", "Cy")],
        )
        proposal.action_open()
        ana, ben, cy = proposal.option_ids.ids
        with self.assertRaisesRegex(ValidationError, "twice"):
            self._cast(proposal, 0, ranking=[ana, ana])
        with self.assertRaisesRegex(ValidationError, "Unknown candidate"):
            self._cast(proposal, 0, ranking=[ana, 999999])
        self._cast(proposal, 0, ranking=[ana, ben])
        self._cast(proposal, 1, ranking=[ben, ana])
        self._cast(proposal, 2, ranking=[cy, ben])
        self._cast(proposal, 3, ranking=[ben])
        proposal.with_user(self.manager).action_close(reason="test")
        self.assertIn("Elected: Ben.", proposal.result_summary)
        proposal.action_verify()

    def test_motions_and_managers(self):
        self.types["ordinary"].seconder_required = True
        proposal = self._proposal(mover_id=self.members[0].id)
        with self.assertRaisesRegex(UserError, "needs a seconder"):
            proposal.action_open()
        with self.assertRaisesRegex(ValidationError, "cannot second their own"):
            proposal.seconder_id = self.members[0]
        amendment = self._proposal(parent_id=proposal.id)
        second = self._proposal(parent_id=amendment.id)
        with self.assertRaisesRegex(ValidationError, "no deeper"):
            self._proposal(parent_id=second.id)
        with self.assertRaises(AccessError):
            proposal.with_user(self.users[0]).action_open()


@tagged("post_install", "-at_install")
class TestPortalVoteTour(CoopHttpCase):
    def test_member_casts_a_ballot_in_the_portal(self):
        env = self.env
        member = self._voters()
        self._portal_user("portal_voter", member)
        proposal = self._proposal(name="Open a second clinic")
        proposal.action_open()
        self.start_tour("/my/votes", "coop_portal_vote_tour", login="portal_voter")
        line = proposal.roll_ids.filtered(lambda r: r.membership_id == member)
        self.assertTrue(line.voted)
        self.assertEqual(
            len(env["coop.ballot"].sudo().search([("proposal_id", "=", proposal.id)])), 1
        )


@tagged("post_install", "-at_install")
class TestDecisionsThatAct(ProposalCase):
    def _vote_all(self, proposal, choice="yes"):
        for index, member in enumerate(self.members):
            if member in proposal.roll_ids.membership_id:  # the recused do not vote
                self._cast(proposal, index, choice=choice)
        proposal.with_user(self.manager).action_close(reason="everyone voted")

    def test_admission_makes_the_candidate_a_member_owner(self):
        proposal = self._proposal(
            name="Admit Not Yet",
            decision_type_id=self.types["special"].id,
            action="admission",
            subject_membership_id=self.candidate.id,
        )
        expected = self._next_register_number()
        proposal.action_open()
        self._vote_all(proposal)
        self.assertTrue(proposal.adopted)
        self.assertEqual(self.candidate.state, "member")
        self.assertEqual(self.candidate.register_number, expected)
        self.assertIn("Decided by the members", self.candidate.transition_ids.sorted("id")[-1].note)

    def test_bylaws_that_admit_by_vote_only_refuse_any_other_admission(self):
        rule = self.env["coop.decision.type"].search(
            [("company_id", "=", self.company.id), ("code", "=", "admission")]
        )
        rule.vote_required = True
        manager = new_test_user(
            self.env,
            login="admit_manager",
            groups="coop_membership.group_coop_manager",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        refusal = (
            "Admission refused. The bylaws admit a member-owner only by a vote of the members "
            f"({rule.name}), and no admission vote on Not Yet has been adopted: put the "
            "admission to the members; the adopted vote admits them."
        )
        wizard = (
            self.env["coop.membership.transition.wizard"]
            .with_user(manager)
            .create({"membership_id": self.candidate.id, "to_state": "member"})
        )
        self.assertIn(refusal, wizard.checks.split("\n"))
        for attempt in (
            self.candidate.with_user(manager).action_confirm_admission,
            wizard.action_confirm,
            self.candidate.with_user(manager).action_to_member,
        ):
            with self.assertRaises(UserError) as refused:
                attempt()
            self.assertEqual(refused.exception.args[0], refusal)
        self.assertEqual(self.candidate.state, "candidate")
        proposal = self._proposal(
            name="Admit Not Yet",
            decision_type_id=self.types["special"].id,
            action="admission",
            subject_membership_id=self.candidate.id,
        )
        proposal.action_open()
        self._vote_all(proposal)
        self.assertTrue(proposal.adopted)
        self.assertEqual(self.candidate.state, "member")

    def test_expulsion_follows_due_process(self):
        target = self.members[3]
        proposal = self._proposal(
            name="Expel Voter 3",
            decision_type_id=self.types["expulsion"].id,
            action="expulsion",
            subject_membership_id=target.id,
        )
        with self.assertRaisesRegex(UserError, "written notice"):
            proposal.action_open()
        proposal.write(
            {"notice_date": self.today - relativedelta(days=5), "notice_reasons": "Reasons."}
        )
        with self.assertRaisesRegex(UserError, "21 days' written notice"):
            proposal.action_open()
        proposal.write(
            {
                "notice_date": self.today - relativedelta(days=30),
                "hearing_date": self.today + relativedelta(days=5),
            }
        )
        with self.assertRaisesRegex(UserError, "hearing must be at least 5 days"):
            proposal.action_open()
        proposal.hearing_date = self.today - relativedelta(days=1)
        proposal.action_open()
        self.assertNotIn(target, proposal.roll_ids.membership_id, "recused from their own case")
        self._vote_all(proposal)
        self.assertTrue(proposal.adopted)
        self.assertEqual((target.state, target.exit_reason), ("former", "expelled"))

    def test_reminders_go_to_those_who_have_not_voted(self):
        proposal = self._proposal(date_close=fields.Datetime.now() + relativedelta(days=1))
        proposal.action_open()
        self._cast(proposal, 0, choice="yes")
        Proposal = self.env["coop.proposal"]
        Proposal._cron_remind_voters()
        Proposal._cron_remind_voters()
        messages = self.env["mail.message"].search(
            [
                ("model", "=", "coop.proposal"),
                ("res_id", "=", proposal.id),
                ("subject", "=like", "Reminder:%"),
            ]
        )
        self.assertEqual(len(messages), 1)
        self.assertEqual(messages.partner_ids, self.members[1:].partner_id)
        self.assertTrue(proposal.reminder_sent)


@tagged("post_install", "-at_install")
class TestPortalVotePage(CoopHttpCase):
    """The member's vote page says how the vote is decided, what they voted
    and whether they may change it, and shows the count as rows with bars."""

    def _page(self, proposal, login):
        self.authenticate(login, f"{login}_pw")
        return " ".join(self.url_open(f"/my/votes/{proposal.id}").text.split())

    def test_rules_my_ballot_and_the_tally(self):
        members = self._voters(3)
        users = [self._portal_user(f"page_voter{i}", m) for i, m in enumerate(members)]
        self._rules(
            consensus=False,
            threshold_ratio=0.75,
            threshold_strict=False,
            ballot_change_allowed=True,
        )
        proposal = self._proposal(name="Open a second clinic")
        proposal.action_open()
        page = self._page(proposal, "page_voter0")
        self.assertIn("How this vote is decided", page)
        self.assertIn(
            "Quorum: more than 50% of the 3 members on the voter roll must vote; without "
            "quorum nothing is decided.",
            page,
        )
        self.assertIn("Adopted with Yes from at least 75% of the votes cast.", page)
        self.assertIn("An abstention is not counted either way", page)
        self.assertIn("Cast my ballot", page)
        self.assertNotIn("o_coop_my_vote", page)
        home = " ".join(self.url_open("/my/home").text.split())
        self.assertIn('o_coop_votes_badge">1 open vote</span>', home)
        self.assertIn("/coop_governance/static/src/img/portal-votes.svg", home)

        proposal.with_user(users[0]).action_cast(choice="yes")
        page = self._page(proposal, "page_voter0")
        self.assertIn("You voted <strong>Yes</strong>.", page)
        self.assertIn("You may change your ballot below until the vote closes.", page)
        self.assertIn("Change my ballot", page)
        self.assertNotIn("o_coop_votes_badge", self.url_open("/my/home").text)

        for user, choice in zip(users[1:], ("yes", "no"), strict=True):
            proposal.with_user(user).action_cast(choice=choice)
        proposal.action_close(reason="everyone voted")
        page = self._page(proposal, "page_voter0")
        self.assertNotIn("<pre", page)
        self.assertIn('<table class="table table-sm align-middle o_coop_tally">', page)
        self.assertRegex(page, r"<td>Yes</td> <td class=\"text-end\">2</td>.*66\.7%")
        self.assertRegex(page, r"<td>No</td> <td class=\"text-end\">1</td>.*33\.3%")
        self.assertIn("<li>Quorum met: 3 of 3 = 100%", page)

    def test_a_final_ballot_and_what_block_means(self):
        members = self._voters(3)
        user = self._portal_user("page_final", members[0])
        self._rules(ballot_change_allowed=False, consensus=True, consensus_fallback_ratio=0.75)
        proposal = self._proposal(name="Adopt the four-day week")
        proposal.action_open()
        page = self._page(proposal, "page_final")
        self.assertIn("Block means you object on principle and will not stand aside.", page)
        self.assertIn("with at least 75% of the votes cast as Yes", page)
        self.assertIn("Your ballot is final once cast.", page)
        proposal.with_user(user).action_cast(choice="block")
        page = self._page(proposal, "page_final")
        self.assertIn("You voted <strong>Block</strong>. Your ballot is final.", page)
        self.assertNotIn("o_coop_cast", page)

    def test_a_secret_ballot_is_not_shown_back(self):
        members = self._voters(3)
        user = self._portal_user("page_secret", members[0])
        self._rules(secret_min_ballots=0)
        proposal = self._proposal(name="Elect the treasurer", secret=True)
        proposal.action_open()
        proposal.with_user(user).action_cast(choice="no")
        page = self._page(proposal, "page_secret")
        self.assertIn("You have voted.", page)
        self.assertNotIn("You voted <strong>", page)
        self.assertIn("The ballot is secret", page)
