"""What the forms forbid, the server refuses (issue 10, governance items):
each test tries the forbidden thing as the lowest role that could."""

import hashlib
import json

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CoopHttpCase
from .test_proposal import ProposalCase


def plain_sha256(*parts):
    """The digest anyone can compute (what the seals were before they were keyed)."""
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()


class LockCase(ProposalCase):
    def _decide(self, proposal, votes=("yes", "yes", "no")):
        """Open ``proposal``, let the first voters vote ``votes``, close it."""
        proposal.action_open()
        for index, choice in enumerate(votes):
            self._cast(proposal, index, choice=choice)
        proposal.with_user(self.manager).action_close(reason="everyone who will has voted")
        return proposal

    def _closed(self, votes=("yes", "yes", "no"), **vals):
        return self._decide(self._proposal(**vals), votes)

    def _meeting(self, **vals):
        values = {
            "name": "Autumn assembly",
            "company_id": self.company.id,
            "decision_type_id": self.types["ordinary"].id,
            "date_start": fields.Datetime.now() + relativedelta(days=20),
            "item_ids": [(0, 0, {"name": "A four-day week"}), (0, 0, {"name": "Budget"})],
        }
        values.update(vals)
        return self.env["coop.meeting"].create(values)

    def _tamper(self, record, **columns):
        """Change stored columns behind the ORM's back, as a database user could."""
        sets = ", ".join(f"{name} = %s" for name in columns)
        self.env.cr.execute(
            f"UPDATE {record._table} SET {sets} WHERE id = %s",
            [*columns.values(), record.id],
        )
        self.env.invalidate_all()


@tagged("post_install", "-at_install")
class TestNoContextKeyGrantsAWrite(LockCase):
    """Item 2: ``coop_vote_workflow`` selects nothing for a caller."""

    def test_manager_cannot_flip_a_closed_vote_with_the_context_key(self):
        proposal = self._closed(votes=("no", "no", "yes"))
        self.assertFalse(proposal.adopted)
        as_manager = proposal.with_user(self.manager).with_context(coop_vote_workflow=True)
        for vals in (
            {"adopted": True},
            {"result_summary": "Adopted unanimously."},
            {"state": "open"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError), self.env.cr.savepoint():
                as_manager.write(vals)
        self.assertFalse(proposal.adopted)

    def test_result_fields_are_set_only_by_opening_and_closing(self):
        draft = self._proposal()
        as_manager = draft.with_user(self.manager).with_context(coop_vote_workflow=True)
        with self.assertRaisesRegex(UserError, "set by opening and closing the vote"):
            as_manager.write({"state": "closed", "adopted": True})
        with self.assertRaisesRegex(UserError, "set by opening and closing the vote"):
            self._proposal(state="closed", adopted=True, result_summary="Adopted.")
        self.assertEqual(draft.state, "draft")

    def test_signatures_and_revoked_proxies_are_not_typed_in(self):
        Requisition = self.env["coop.requisition"]
        requisition = Requisition.browse(
            Requisition.with_user(self.users[0]).coop_start("Discuss the lease")
        )
        as_manager = requisition.with_user(self.manager).with_context(coop_vote_workflow=True)
        for vals in (
            {"state": "answered"},
            {"signer_ids": [(4, self.members[3].id)]},
            {"requested_by_id": self.members[2].id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError), self.env.cr.savepoint():
                as_manager.write(vals)
        meeting = self._meeting()
        meeting.action_send_notice()
        proxy = self.env["coop.meeting.attendance"].browse(
            self.env["coop.meeting.attendance"]
            .with_user(self.users[2])
            .coop_give_proxy(meeting.id, self.members[0].id)
        )
        proxy.with_user(self.manager).action_revoke()
        with self.assertRaisesRegex(UserError, "never by hand"):
            proxy.with_user(self.manager).write({"revoked": False})
        self.assertTrue(proxy.revoked)


@tagged("post_install", "-at_install")
class TestSeals(LockCase):
    """Item 3: the seal covers the whole result, and only the system can make one."""

    def test_every_result_field_is_sealed(self):
        proposal = self._closed()
        checked = [self._checked("Adopt a four-day week", 4, 3)]
        self.assertEqual(self._verified(proposal), checked)
        self.assertTrue(proposal.adopted)
        for column, value in (
            ("adopted", False),
            ("result_summary", "Not adopted."),
            ("early_close_reason", "Closed on the agreed date."),
            ("seed", "0" * 32),
            ("name", "Adopt a three-day week"),
            ("seats", 2),
            ("date_close", fields.Datetime.now() + relativedelta(days=30)),
        ):
            with self.subTest(column=column), self.env.cr.savepoint() as savepoint:
                self._tamper(proposal, **{column: value})
                with self.assertRaisesRegex(UserError, "tampered with after its close"):
                    proposal.action_verify()
                savepoint.rollback()
                self.env.invalidate_all()
        self.assertEqual(self._verified(proposal), checked)

    def test_a_manager_who_reads_everything_cannot_reseal(self):
        proposal = self._closed(votes=("no", "no", "yes"))
        manager_view = proposal.with_user(self.manager)
        with self.assertRaises(AccessError):
            self.env["ir.config_parameter"].with_user(self.manager).get_param(
                "coop_governance.seal_key"
            )
        # The manager flips the result and recomputes every digest from what they can read.
        result = json.loads(manager_view.result_json)
        result["adopted"] = True
        result_json = json.dumps(result, sort_keys=True, default=str)
        result_hash = plain_sha256(manager_view.ballots_hash, result_json)
        self._tamper(
            proposal,
            adopted=True,
            result_json=result_json,
            result_hash=result_hash,
            chain_hash=plain_sha256(manager_view.roll_hash, manager_view.ballots_hash, result_hash),
        )
        with self.assertRaisesRegex(UserError, "tampered with after its close"):
            proposal.action_verify()

    def test_each_seal_is_posted_to_the_chatter_when_made(self):
        proposal = self._closed()
        bodies = " ".join(proposal.message_ids.mapped("body"))
        self.assertIn(proposal.chain_hash, bodies)

    def _approved_minutes(self):
        meeting = self._meeting(minutes="<p>We agreed to meet again.</p>")
        self._closed(
            ("yes",) * 4, name="Approve the minutes", action="minutes", meeting_id=meeting.id
        )
        self.assertEqual(meeting.minutes_state, "approved")
        return meeting

    def test_approved_minutes_are_never_reopened(self):
        meeting = self._approved_minutes()
        as_manager = meeting.with_user(self.manager)
        for vals in (
            {"minutes_state": "draft"},
            {"minutes_hash": "0" * 64},
            {"minutes_proposal_id": False},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError), self.env.cr.savepoint():
                as_manager.write(vals)
        self.assertEqual(meeting.minutes_state, "approved")
        # Neither can a second vote approve them again.
        again = self._proposal(name="Approve again", action="minutes", meeting_id=meeting.id)
        with self.assertRaisesRegex(UserError, "already approved"):
            again.action_open()

    def test_minutes_digest_is_keyed(self):
        meeting = self._approved_minutes()
        # Rewritten, with a digest recomputed from what a manager reads.
        self._tamper(meeting, minutes="<p>We agreed to pay Voter 0 more.</p>")
        chain_hash = meeting.minutes_proposal_id.chain_hash
        recomputed = hashlib.sha256(f"{chain_hash}|{meeting.minutes}".encode()).hexdigest()
        self._tamper(meeting, minutes_hash=recomputed)
        with self.assertRaisesRegex(UserError, "changed after the members approved them"):
            meeting.action_verify()

    def test_a_correction_is_an_addendum_itself_approved(self):
        meeting = self._approved_minutes()
        Addendum = self.env["coop.meeting.addendum"].with_user(self.manager)
        addendum = Addendum.create(
            {"meeting_id": meeting.id, "body": "<p>Voter 2 was present, not absent.</p>"}
        )
        self.assertEqual(addendum.state, "draft")
        with self.assertRaisesRegex(UserError, "set by the members' vote"):
            addendum.write({"state": "approved"})
        self._closed(
            ("yes",) * 3, name="Approve the correction", action="addendum", addendum_id=addendum.id
        )
        self.assertEqual(addendum.state, "approved")
        self.assertEqual(
            self._verified(meeting)[-1],
            f"{meeting.name}: the approved corrections (1) are unchanged.",
        )
        with self.assertRaisesRegex(UserError, "approved correction"):
            addendum.write({"body": "<p>Voter 2 was absent.</p>"})
        self._tamper(addendum, body="<p>Voter 2 was absent.</p>")
        with self.assertRaisesRegex(UserError, "changed after the members approved"):
            meeting.action_verify()


@tagged("post_install", "-at_install")
class TestProxyDirectionsPrivacy(LockCase):
    """Item 5: a directed proxy is read by its giver, its holder and, while
    the meeting runs, the secretary; on a secret item after the close, by its
    giver only."""

    def test_directions_are_private(self):
        meeting = self._meeting()
        week = meeting.item_ids[0]
        meeting.action_send_notice()
        Attendance = self.env["coop.meeting.attendance"]
        Attendance.with_user(self.users[2]).coop_give_proxy(
            meeting.id, self.members[0].id, {week.id: "no"}
        )
        Direction = self.env["coop.meeting.proxy.direction"]

        def readers():
            return {
                name
                for name, user in (
                    ("giver", self.users[2]),
                    ("holder", self.users[0]),
                    ("other member", self.users[1]),
                    ("non-member", self.outsider),
                    ("secretary", self.manager),
                )
                if Direction.with_user(user).search([("item_id", "=", week.id)])
            }

        self.assertEqual(readers(), {"giver", "holder", "secretary"})
        meeting.action_open()
        secret = self._proposal(secret=True)
        week.proposal_id = secret
        secret.action_open()
        self._cast(secret, 0, choice="no", on_behalf_of=self.members[2].id)
        for index in (1, 3):
            self._cast(secret, index, choice="yes")
        self.assertEqual(readers(), {"giver", "holder", "secretary"})
        secret.with_user(self.manager).action_close(reason="the meeting voted")
        self.assertEqual(readers(), {"giver"})
        meeting.with_user(self.manager).action_close()
        self.assertEqual(readers(), {"giver"})

    def test_proxy_instructions_are_private(self):
        """The free-text instructions of a proxy, like its directions."""
        meeting = self._meeting()
        meeting.action_send_notice()
        Attendance = self.env["coop.meeting.attendance"]
        proxy = Attendance.browse(
            Attendance.with_user(self.users[2]).coop_give_proxy(meeting.id, self.members[0].id)
        )
        proxy.with_user(self.manager).proxy_note = "Vote no on the four-day week."
        people = (
            ("giver", self.users[2]),
            ("holder", self.users[0]),
            ("other member", self.users[1]),
            ("non-member", self.outsider),
            ("secretary", self.manager),
        )

        def readers():
            return {name for name, user in people if proxy.with_user(user).proxy_note}

        self.assertEqual(readers(), {"giver", "holder", "secretary"})
        # The column itself is refused to all but system administrators, over
        # read and search alike (search_read over JSON-RPC goes through both).
        for _name, user in people:
            as_user = Attendance.with_user(user)
            with self.assertRaises(AccessError):
                as_user.search_read([("id", "=", proxy.id)], ["proxy_instructions"])
            with self.assertRaises(AccessError):
                as_user.search([("proxy_instructions", "ilike", "four-day")])
        with self.assertRaises(AccessError):
            proxy.with_user(self.users[1]).write({"proxy_note": "Vote yes."})
        meeting.action_open()
        meeting.with_user(self.manager).action_close()
        self.assertEqual(readers(), {"giver", "holder"})


@tagged("post_install", "-at_install")
class TestClosedStaysClosed(LockCase):
    """Item 10: a closed meeting is not reopened; the bylaws of an open vote
    are those of its opening."""

    def test_a_closed_meeting_stays_closed(self):
        meeting = self._meeting()
        meeting.action_send_notice()
        meeting.action_open()
        meeting.with_user(self.manager).action_close()
        as_manager = meeting.with_user(self.manager)
        with self.assertRaisesRegex(UserError, "set by the meeting's own steps"):
            as_manager.write({"state": "open"})
        with self.assertRaisesRegex(UserError, "is over"):
            self.env["coop.meeting.attendance"].with_user(self.manager).create(
                {"meeting_id": meeting.id, "membership_id": self.members[0].id}
            )
        with self.assertRaisesRegex(UserError, "Only a meeting in session"):
            as_manager.action_close()
        draft = self._meeting(name="Winter assembly")
        with self.assertRaisesRegex(UserError, "Only a meeting in session"):
            draft.with_user(self.manager).action_close()
        with self.assertRaises(AccessError):
            draft.with_user(self.users[0]).action_send_notice()

    def test_bylaw_changes_do_not_reach_an_open_vote(self):
        ordinary = self.types["ordinary"]
        proposal = self._proposal()
        proposal.action_open()
        # UK model: more than half the votes cast; changed to 90% while the vote is open.
        ordinary.with_user(self.manager).write({"threshold_ratio": 0.9})
        for index, choice in enumerate(("yes", "yes", "yes", "no")):
            self._cast(proposal, index, choice=choice)
        proposal.with_user(self.manager).action_close(reason="everyone voted")
        self.assertTrue(proposal.adopted, "counted on the bylaws of the opening")
        self.assertEqual(ordinary.threshold_ratio, 0.9)
        frozen = proposal.decision_type_id
        self.assertEqual(frozen.threshold_ratio, 0.5)
        with self.assertRaisesRegex(UserError, "as they stood when"):
            frozen.with_user(self.manager).write({"threshold_ratio": 0.9})
        self.assertEqual(self._verified(proposal), [self._checked("Adopt a four-day week", 4, 4)])

    def test_bylaw_changes_do_not_reach_a_noticed_meeting(self):
        meeting = self._meeting()
        Attendance = self.env["coop.meeting.attendance"]
        for index in range(2):
            Attendance.create({"meeting_id": meeting.id, "membership_id": self.members[index].id})
        meeting.action_send_notice()
        self.assertTrue(meeting.quorum_met)  # UK model: half the members, at least 2
        self.types["ordinary"].with_user(self.manager).write(
            {"quorum_ratio": 0.9, "proxies_allowed": False, "proxy_cap": 0}
        )
        meeting.invalidate_recordset()
        self.assertTrue(meeting.quorum_met, "the quorum of the rules given with the notice")
        Attendance.with_user(self.users[2]).coop_give_proxy(meeting.id, self.members[0].id)
        self.assertEqual(meeting.decision_type_id.frozen_from_id, self.types["ordinary"])


@tagged("post_install", "-at_install")
class TestBadValues(LockCase):
    """Item 12: values no co-op means are refused with a sentence."""

    def test_a_vote_closes_after_it_opens(self):
        now = fields.Datetime.now()
        with self.assertRaisesRegex(ValidationError, "closes before it opens"):
            self._proposal(
                date_open=now + relativedelta(days=5), date_close=now + relativedelta(days=2)
            )

    def test_no_ballot_before_the_opening_date(self):
        proposal = self._proposal(date_open=fields.Datetime.now() + relativedelta(days=2))
        with self.assertRaisesRegex(UserError, "opens on"):
            proposal.with_user(self.manager).action_open()
        with self.assertRaises(UserError):
            self._cast(proposal, 0, choice="yes")
        self.assertFalse(self.env["coop.ballot"].sudo().search([("proposal_id", "=", proposal.id)]))

    def test_a_vote_that_closed_in_the_past_is_not_opened(self):
        proposal = self._proposal(date_close=fields.Datetime.now() - relativedelta(days=1))
        with self.assertRaisesRegex(UserError, "closing date has passed"):
            proposal.with_user(self.manager).action_open()

    def test_an_election_fills_at_least_one_seat(self):
        options = [(0, 0, {"name": "Ana"}), (0, 0, {"name": "Ben"})]
        for seats in (-3, 0):
            with (
                self.subTest(seats=seats),
                self.assertRaisesRegex(ValidationError, "at least one seat"),
                self.env.cr.savepoint(),
            ):
                self._proposal(method="approval", seats=seats, option_ids=options)

    def test_bylaw_days_and_minutes_are_not_negative(self):
        ordinary = self.types["ordinary"].with_user(self.manager)
        for vals in (
            {"ballot_min_days": -1},
            {"adjourn_after_minutes": -5},
            {"secret_min_ballots": -1},
            {"requisition_meeting_ratio": -0.1},
            {"requisition_ballot_ratio": 2},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaises(ValidationError),
                self.env.cr.savepoint(),
            ):
                ordinary.write(vals)

    def test_names_are_not_empty_nor_endless(self):
        long = "x" * 100_000
        meeting = self._meeting()
        attempts = [
            lambda: self._proposal(name="   "),
            lambda: self._proposal(name=long),
            lambda: self._proposal(early_close_reason=long),
            lambda: self._proposal(notice_reasons=long),
            lambda: self._meeting(name=" "),
            lambda: self._meeting(name=long),
            lambda: meeting.item_ids[0].with_user(self.manager).write({"name": long}),
            lambda: self.types["ordinary"].with_user(self.manager).write({"name": long}),
            lambda: self.types["ordinary"].with_user(self.manager).write({"code": long}),
            lambda: self.types["ordinary"].with_user(self.manager).write({"name": ""}),
        ]
        for index, attempt in enumerate(attempts):
            with (
                self.subTest(attempt=index),
                self.assertRaisesRegex(ValidationError, "empty|characters at most"),
                self.env.cr.savepoint(),
            ):
                attempt()

    def test_the_same_requisition_is_not_started_twice(self):
        Requisition = self.env["coop.requisition"].with_user(self.users[0])
        Requisition.coop_start("Discuss the lease")
        with self.assertRaisesRegex(UserError, "already open"):
            Requisition.coop_start(" discuss the LEASE ")
        with self.assertRaisesRegex(ValidationError, "characters at most"):
            Requisition.coop_start("x" * 100_000)


@tagged("post_install", "-at_install")
class TestSecretMinimumBallots(LockCase):
    """Item 13: a secret result with too few ballots would say how they voted."""

    def test_bylaws_default_to_three_ballots(self):
        self.assertEqual(
            set(self.env["coop.decision.type"].search([]).mapped("secret_min_ballots")), {3}
        )

    def test_too_few_secret_ballots_are_not_closed_early(self):
        proposal = self._proposal(secret=True)
        proposal.action_open()
        self._cast(proposal, 0, choice="no")
        with self.assertRaisesRegex(UserError, "at least 3 ballots"):
            proposal.with_user(self.manager).action_close(reason="only Voter 0 voted")
        self.assertEqual(proposal.state, "open")

    def test_too_few_secret_ballots_annul_the_vote_at_its_close(self):
        proposal = self._proposal(secret=True)
        proposal.action_open()
        self._cast(proposal, 0, choice="no")
        self._cast(proposal, 1, choice="yes")
        self._tamper(proposal, date_close=fields.Datetime.now() - relativedelta(minutes=1))
        proposal.with_user(self.manager).action_close()
        self.assertEqual(proposal.state, "annulled")
        self.assertFalse(proposal.adopted)
        self.assertIn("annulled", proposal.result_summary)
        self.assertNotIn("yes", proposal.result_json)
        published = self.env["coop.ballot.published"].with_user(self.users[2])
        self.assertFalse(published.search([("proposal_id", "=", proposal.id)]))
        self.assertEqual(self._verified(proposal), [self._checked("Adopt a four-day week", 4, 2)])


@tagged("post_install", "-at_install")
class TestPortalReadsOnlyItsOwn(CoopHttpCase):
    """Item 6: over JSON-RPC, a portal user who is not a member reads no
    governance data; a portal member reads what concerns them."""

    def _read(self, model, domain=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": model,
                "method": "search_read",
                "args": [domain or []],
                "kwargs": {"fields": ["display_name"]},
            },
        )

    def test_portal_non_member_reads_nothing(self):
        voter = self._voters()
        open_vote = self._proposal(name="Open a second clinic")
        open_vote.action_open()
        meeting = self._meeting("Spring assembly", ["Budget"], self._rules())
        meeting.action_send_notice()
        meeting.minutes = "<p>Chair: Maya Okafor. The budget was adopted.</p>"
        new_test_user(
            self.env,
            login="portal_stranger",
            password="portal_stranger_pw",
            groups="base.group_portal",
        )
        self._portal_user("portal_on_roll", voter)
        # There is something to hide: the open vote, and minutes.
        self.assertIn(open_vote, self.env["coop.proposal"].search([]))
        self.assertIn(meeting, self.env["coop.meeting"].search([("minutes", "!=", False)]))
        models = (
            "coop.proposal",
            "coop.proposal.option",
            "coop.meeting",
            "coop.vote.roll",
            "coop.ballot.published",
            "coop.decision.type",
        )
        self.authenticate("portal_stranger", "portal_stranger_pw")
        for model in models:
            with self.subTest(model=model):
                self.assertEqual(self._read(model), [])
        self.authenticate("portal_on_roll", "portal_on_roll_pw")
        self.assertIn(open_vote.id, [row["id"] for row in self._read("coop.proposal")])
        self.assertIn(meeting.id, [row["id"] for row in self._read("coop.meeting")])
        rolls = self.env["coop.vote.roll"].search([("partner_id", "=", voter.partner_id.id)])
        self.assertEqual(
            {row["id"] for row in self._read("coop.proposal")}, set(rolls.proposal_id.ids)
        )
