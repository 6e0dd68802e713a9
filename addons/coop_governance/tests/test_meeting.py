import json
import re

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CoopHttpCase
from .test_proposal import ProposalCase


@tagged("post_install", "-at_install")
class TestMeetings(ProposalCase):
    def _meeting(self, days, code="ordinary", **vals):
        values = {
            "name": "Annual general assembly",
            "company_id": self.company.id,
            "decision_type_id": self.types[code].id,
            "date_start": fields.Datetime.now() + relativedelta(days=days, hours=1),
            "item_ids": [
                (0, 0, {"name": "Approve the accounts"}),
                (0, 0, {"name": "Elect the board"}),
            ],
        }
        values.update(vals)
        return self.env["coop.meeting"].create(values)

    def test_notice_period_of_the_bylaws(self):
        # UK model: 14 clear days' notice.
        with self.assertRaisesRegex(UserError, "at least 14 days' notice"):
            self._meeting(5).action_send_notice()
        self.types["ordinary"].notice_max_days = 60
        with self.assertRaisesRegex(UserError, "at most 60 days before"):
            self._meeting(90).action_send_notice()
        self.types["ordinary"].emergency_notice_allowed = True
        urgent = self._meeting(2, emergency=True)
        urgent.action_send_notice()
        self.assertEqual(urgent.state, "noticed")

    def test_notice_puts_the_meeting_on_the_calendar_and_writes_to_members(self):
        meeting = self._meeting(20)
        meeting.action_send_notice()
        self.assertEqual(meeting.event_id.partner_ids, self.members.partner_id)
        self.assertIn("Elect the board", meeting.event_id.description)
        notice = self.env["mail.message"].search(
            [
                ("model", "=", "coop.meeting"),
                ("res_id", "=", meeting.id),
                ("subject", "=like", "Notice of%"),
            ]
        )
        self.assertEqual(notice.partner_ids, self.members.partner_id)

    def test_attendance_proxies_and_live_quorum(self):
        meeting = self._meeting(20)
        self.assertEqual(meeting.eligible_count, 4)
        Attendance = self.env["coop.meeting.attendance"]
        Attendance.create({"meeting_id": meeting.id, "membership_id": self.members[0].id})
        self.assertFalse(meeting.quorum_met)  # UK: 50% and at least 2 members
        Attendance.create(
            {"meeting_id": meeting.id, "membership_id": self.members[1].id, "mode": "online"}
        )
        self.assertTrue(meeting.quorum_met)
        self.assertIn("Quorum met: 2 of 4", meeting.quorum_text)
        proxy = Attendance.create(
            {
                "meeting_id": meeting.id,
                "membership_id": self.members[2].id,
                "mode": "proxy",
                "proxy_holder_id": self.members[0].id,
                "proxy_directed": True,
            }
        )
        self.assertEqual(meeting.attending_count, 3)
        self.types["ordinary"].proxy_cap = 1
        with (
            self.assertRaisesRegex(ValidationError, "would hold 2 proxies"),
            self.env.cr.savepoint(),
        ):
            Attendance.create(
                {
                    "meeting_id": meeting.id,
                    "membership_id": self.members[3].id,
                    "mode": "proxy",
                    "proxy_holder_id": self.members[0].id,
                }
            )
        with (
            self.assertRaisesRegex(ValidationError, "member who may vote"),
            self.env.cr.savepoint(),
        ):
            Attendance.create(
                {
                    "meeting_id": meeting.id,
                    "membership_id": self.members[3].id,
                    "mode": "proxy",
                    "proxy_holder_id": self.candidate.id,
                }
            )
        proxy.action_revoke()
        self.assertEqual(meeting.attending_count, 2)
        meeting.action_send_notice()
        meeting.action_open()
        with self.assertRaisesRegex(UserError, "until the meeting opens"):
            proxy.action_revoke()

    def test_proxies_refused_where_the_bylaws_bar_them(self):
        self.types["ordinary"].write({"proxies_allowed": False, "proxy_cap": 0})
        meeting = self._meeting(20)
        with (
            self.assertRaisesRegex(ValidationError, "do not allow proxies"),
            self.env.cr.savepoint(),
        ):
            self.env["coop.meeting.attendance"].create(
                {
                    "meeting_id": meeting.id,
                    "membership_id": self.members[1].id,
                    "mode": "proxy",
                    "proxy_holder_id": self.members[0].id,
                }
            )

    def test_conflict_of_interest_and_minutes_approved_by_vote(self):
        meeting = self._meeting(20, minutes="<p>We agreed to meet again.</p>")
        pay = self._proposal(name="Raise Voter 0's pay")
        meeting.item_ids[0].write(
            {"proposal_id": pay.id, "conflict_ids": [(6, 0, self.members[0].ids)]}
        )
        pay.action_open()
        self.assertNotIn(self.members[0], pay.roll_ids.membership_id)
        self.assertEqual(pay.conflict_ids, self.members[0])
        with self.assertRaises(AccessError):
            self._cast(pay, 0, choice="yes")
        for index in (1, 2):
            self._cast(pay, index, choice="yes")
        pay.with_user(self.manager).action_close(reason="done")
        self.assertIn("Recused for a conflict of interest", pay.result_summary)
        self.assertIn("Quorum met: 2 of 3", pay.result_summary)

        # A vote on one member's pay: the register names them, so they are recused.
        own_pay = self._proposal(
            name="Raise Voter 1's pay", subject_membership_id=self.members[1].id
        )
        own_pay.action_open()
        self.assertEqual(own_pay.conflict_ids, self.members[1])
        self.assertNotIn(self.members[1], own_pay.roll_ids.membership_id)

        approval = self._proposal(
            name="Approve the minutes", action="minutes", meeting_id=meeting.id
        )
        approval.action_open()
        for index in range(4):
            self._cast(approval, index, choice="yes")
        approval.with_user(self.manager).action_close(reason="done")
        self.assertEqual(meeting.minutes_state, "approved")
        self.assertEqual(len(meeting.minutes_hash), 64)
        with self.assertRaisesRegex(UserError, "Approved minutes are locked"):
            meeting.minutes = "<p>Rewritten</p>"
        pdf, _kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("coop_governance.action_report_minutes", meeting.ids)
        )
        self.assertEqual(pdf[:5], b"%PDF-")
        html = self.env["ir.actions.report"]._render_qweb_html(
            "coop_governance.action_report_minutes", meeting.ids
        )[0]
        self.assertIn(b"conflict of interest declared", html)
        self.assertIn(b"Approved by the members", html)
        # Signature lines, the date in words, the fingerprints in the appendix.
        text = " ".join(html.decode().split())
        self.assertIn("Chair of the meeting", text)
        self.assertIn("Secretary", text)
        self.assertIn(f"Held on <span>{meeting._coop_minutes_when()}</span>", text)
        self.assertRegex(
            meeting._coop_minutes_when(), r"^[A-Z][a-z]+day, [A-Z][a-z]+ \d+, \d{4} at "
        )
        body, appendix = text.split("Appendix: records of the votes")
        self.assertNotIn(meeting.minutes_hash, body)
        self.assertIn(meeting.minutes_hash, appendix)
        self.assertIn(meeting.minutes_proposal_id.chain_hash, appendix)
        self.assertIn(pay.chain_hash, appendix)
        self.assertEqual(
            self._verified(meeting),
            [
                self._checked("Raise Voter 0's pay", 3, 2),
                self._checked("Approve the minutes", 4, 4),
                f"{meeting.name}: the approved minutes are unchanged.",
            ],
        )
        self.env.cr.execute(
            "UPDATE coop_meeting SET minutes = '<p>We agreed to pay Voter 0 more.</p>' "
            "WHERE id = %s",
            [meeting.id],
        )
        self.env.invalidate_all()
        with self.assertRaisesRegex(UserError, "changed after the members approved them"):
            meeting.action_verify()


@tagged("post_install", "-at_install")
class TestProxyVoting(ProposalCase):
    """A member who cannot come gives their proxy; the holder casts that
    member's ballot on the meeting's agenda while it is in session."""

    def setUp(self):
        super().setUp()
        self.meeting = self.env["coop.meeting"].create(
            {
                "name": "Spring assembly",
                "company_id": self.company.id,
                "decision_type_id": self.types["ordinary"].id,
                "date_start": fields.Datetime.now() + relativedelta(days=20),
                "item_ids": [
                    (0, 0, {"name": "A four-day week"}),
                    (0, 0, {"name": "A new sliding scale"}),
                ],
            }
        )
        self.week, self.scale = self.meeting.item_ids
        self.Attendance = self.env["coop.meeting.attendance"]

    def _give(self, index, holder, directions=None):
        return self.Attendance.with_user(self.users[index]).coop_give_proxy(
            self.meeting.id, self.members[holder].id, directions
        )

    def _on_agenda(self, item, **vals):
        proposal = self._proposal(**vals)
        item.proposal_id = proposal
        proposal.action_open()
        return proposal

    def test_holder_votes_for_the_member_who_gave_the_proxy(self):
        with self.assertRaisesRegex(UserError, "once the notice is out"):
            self._give(2, 0)
        self.meeting.action_send_notice()
        with self.assertRaisesRegex(AccessError, "Only a member who may vote"):
            self.Attendance.with_user(self.outsider).coop_give_proxy(
                self.meeting.id, self.members[0].id
            )
        self._give(2, 0)
        # Revocable until the meeting opens, and can be given again.
        self.Attendance.with_user(self.users[2]).coop_revoke_my_proxy(self.meeting.id)
        self._give(2, 0)
        with self.assertRaisesRegex(UserError, "already recorded"):
            self._give(2, 1)
        self.meeting.action_open()
        with self.assertRaisesRegex(UserError, "until the meeting opens"):
            self.Attendance.with_user(self.users[2]).coop_revoke_my_proxy(self.meeting.id)

        proposal = self._on_agenda(self.week)
        self._cast(proposal, 0, choice="yes")
        self._cast(proposal, 0, choice="yes", on_behalf_of=self.members[2].id)
        with self.assertRaisesRegex(UserError, "You gave your proxy .* to Voter 0"):
            self._cast(proposal, 2, choice="no")
        with self.assertRaisesRegex(AccessError, "You hold no proxy of Voter 2"):
            self._cast(proposal, 1, choice="no", on_behalf_of=self.members[2].id)
        self._cast(proposal, 1, choice="no")
        line = proposal.roll_ids.filtered(lambda r: r.membership_id == self.members[2])
        self.assertTrue(line.voted)
        self.assertEqual(line.proxy_holder_id, self.members[0])

        proposal.with_user(self.manager).action_close(reason="the meeting voted")
        self.assertTrue(proposal.adopted)
        self.assertEqual(json.loads(proposal.result_json)["counts"]["yes"], 2)
        ballot = proposal.published_ballot_ids.filtered(
            lambda b: b.membership_id == self.members[2]
        )
        self.assertEqual(ballot.proxy_holder_id, self.members[0])
        self.assertEqual(ballot.display_content, "Yes")
        self.assertEqual(self._verified(proposal), [self._checked("Adopt a four-day week", 4, 3)])

    def test_directed_proxy_votes_as_directed(self):
        self.meeting.action_send_notice()
        with self.assertRaisesRegex(ValidationError, "this meeting's agenda items"):
            self._give(3, 1, {self.week.id + 1000: "no"})
        with self.assertRaisesRegex(ValidationError, 'vote "yes", "no" or "abstain"'):
            self._give(3, 1, {self.week.id: "maybe"})
        self._give(3, 1, {self.week.id: "no"})
        self.meeting.action_open()
        week = self._on_agenda(self.week)
        with self.assertRaisesRegex(UserError, 'directed their proxy to vote "no"'):
            self._cast(week, 1, choice="yes", on_behalf_of=self.members[3].id)
        self._cast(week, 1, choice="no", on_behalf_of=self.members[3].id)
        scale = self._on_agenda(self.scale)
        with self.assertRaisesRegex(UserError, "on other items, not on this one"):
            self._cast(scale, 1, choice="yes", on_behalf_of=self.members[3].id)

    def test_no_proxy_vote_where_the_bylaws_bar_it(self):
        self.meeting.action_send_notice()
        self._give(2, 0)
        self.meeting.action_open()
        self.types["special"].write({"proxies_allowed": False, "proxy_cap": 0})
        secret = self._on_agenda(self.week, secret=True, decision_type_id=self.types["special"].id)
        with self.assertRaisesRegex(UserError, "do not allow proxies"):
            self._cast(secret, 0, choice="yes", on_behalf_of=self.members[2].id)
        # Where proxies are barred, the member votes in person (or online).
        self._cast(secret, 2, choice="no")
        loose = self._proposal(name="Not on the agenda")
        loose.action_open()
        with self.assertRaisesRegex(UserError, "before its vote opens"):
            self.scale.proposal_id = loose
        with self.assertRaisesRegex(UserError, "before its vote opens"):
            self.week.proposal_id = False
        with self.assertRaisesRegex(UserError, "this proposal is on none"):
            self._cast(loose, 0, choice="yes", on_behalf_of=self.members[2].id)
        self.assertFalse(secret.sudo().ballot_ids.filtered(lambda b: b.membership_id))

    def test_a_secret_proxy_ballot_names_nobody(self):
        self.meeting.action_send_notice()
        self._give(2, 0)
        self.meeting.action_open()
        secret = self._on_agenda(self.week, secret=True)
        self._cast(secret, 0, choice="no", on_behalf_of=self.members[2].id)
        ballot = self.env["coop.ballot"].sudo().search([("proposal_id", "=", secret.id)])
        self.assertFalse(ballot.membership_id or ballot.proxy_holder_id)

    def test_results_shown_while_open_unless_hidden_or_secret(self):
        shown = self._proposal()
        hidden = self._proposal(name="Hidden", results_hidden=True)
        secret = self._proposal(name="Secret", secret=True)
        for proposal in shown | hidden | secret:
            proposal.action_open()
            self._cast(proposal, 0, choice="yes")
            self._cast(proposal, 1, choice="yes")
            self._cast(proposal, 2, choice="no")
        self.assertEqual(shown.running_count, "3 of 4 have voted. Yes: 2, No: 1")
        self.assertFalse(hidden.running_count)
        self.assertFalse(secret.running_count)
        shown.with_user(self.manager).action_close(reason="done")
        self.assertFalse(shown.running_count)
        self.assertEqual(
            shown.result_summary,
            "Quorum met: 3 of 4 = 75% (at least 50% needed, and at least 2 members).\n"
            "Adopted: 2 for out of 3 = 66.7% (more than 50% needed; a tie is lost).",
        )

    def test_written_ballot_period_of_the_bylaws(self):
        self.types["ordinary"].ballot_min_days = 10
        ballot = self._proposal(name="By post")  # closes in 7 days
        with self.assertRaisesRegex(UserError, "at least 10 days before it closes"):
            ballot.action_open()
        self.assertEqual((ballot.state, len(ballot.roll_ids)), ("draft", 0))
        ballot.date_close = fields.Datetime.now() + relativedelta(days=10, minutes=1)
        ballot.action_open()
        self.assertEqual(ballot.state, "open")
        # At a meeting the vote is taken there: no written-ballot period.
        at_meeting = self._proposal(name="At the meeting")
        self.week.proposal_id = at_meeting
        at_meeting.action_open()
        self.assertEqual(at_meeting.state, "open")

    def test_present_means_present_at_the_meeting(self):
        self.types["special"].write({"threshold_basis": "present", "threshold_ratio": 0.75})
        for member in self.members:
            self.Attendance.create({"meeting_id": self.meeting.id, "membership_id": member.id})
        self.meeting.action_send_notice()
        self.meeting.action_open()
        quiet = self._on_agenda(self.week, decision_type_id=self.types["special"].id)
        for index in (0, 1):
            self._cast(quiet, index, choice="yes")
        quiet.with_user(self.manager).action_close(reason="the meeting voted")
        # Two yes out of four present: 50%, not 75% (those who stay silent count).
        self.assertFalse(quiet.adopted)
        self.assertIn("2 for out of 4", quiet.result_summary)
        loud = self._on_agenda(self.scale, decision_type_id=self.types["special"].id)
        for index in (0, 1, 2):
            self._cast(loud, index, choice="yes")
        loud.with_user(self.manager).action_close(reason="the meeting voted")
        self.assertTrue(loud.adopted)
        self.assertIn("3 for out of 4", loud.result_summary)

    def test_decided_at_a_meeting_only(self):
        self.types["special"].meeting_required = True
        loose = self._proposal(name="By post", decision_type_id=self.types["special"].id)
        with self.assertRaisesRegex(UserError, "is taken at a meeting"):
            loose.action_open()
        on_agenda = self._proposal(name="At the meeting", decision_type_id=self.types["special"].id)
        self.week.proposal_id = on_agenda
        self.meeting.action_send_notice()
        with self.assertRaisesRegex(UserError, "once the meeting is in session"):
            on_agenda.action_open()
        self.assertEqual(on_agenda.state, "draft")
        self.meeting.action_open()
        on_agenda.action_open()
        self.assertEqual(on_agenda.state, "open")

    def test_no_quorum_adjourns_and_those_present_are_a_quorum(self):
        # UK model: without quorum after 30 minutes the meeting adjourns, and at
        # the adjourned meeting those present are a quorum.
        self.Attendance.create({"meeting_id": self.meeting.id, "membership_id": self.members[0].id})
        self.meeting.action_send_notice()
        self.meeting.action_open()
        self.assertFalse(self.meeting.quorum_met)  # 1 of 4, and at least 2 members
        with self.assertRaisesRegex(UserError, "wait 30 minutes for a quorum"):
            self.meeting.action_adjourn()
        # Half an hour later (the date of a noticed meeting no longer changes).
        with self.assertRaisesRegex(UserError, "notice of Spring assembly is out"):
            self.meeting.date_start = fields.Datetime.now() - relativedelta(minutes=31)
        self.env.cr.execute(
            "UPDATE coop_meeting SET date_start = now() at time zone 'UTC' - interval '31 minutes' "
            "WHERE id = %s",
            [self.meeting.id],
        )
        self.meeting.invalidate_recordset(["date_start"])
        self.meeting.action_adjourn()
        self.assertEqual(self.meeting.state, "adjourned")
        with self.assertRaisesRegex(UserError, "is over: its agenda and attendance are kept"):
            self.Attendance.create(
                {"meeting_id": self.meeting.id, "membership_id": self.members[1].id}
            )
        with self.assertRaisesRegex(UserError, "is over"):
            self.week.name = "Something else"
        with self.assertRaisesRegex(UserError, "is over"):
            self.scale.unlink()
        again = self.meeting.adjourned_to_id
        self.assertEqual(again.adjourned_from_id, self.meeting)
        self.assertEqual(again.state, "draft")
        self.assertEqual(again.item_ids.mapped("name"), ["A four-day week", "A new sliding scale"])
        self.assertGreaterEqual(again.date_start, fields.Datetime.now() + relativedelta(days=14))
        again.action_send_notice()
        self.Attendance.create({"meeting_id": again.id, "membership_id": self.members[0].id})
        self.assertTrue(again.quorum_met)
        again.action_open()
        with self.assertRaisesRegex(UserError, "has its quorum"):
            again.action_adjourn()
        proposal = self._on_agenda(again.item_ids[0])
        self._cast(proposal, 0, choice="yes")
        proposal.with_user(self.manager).action_close(reason="the adjourned meeting voted")
        self.assertTrue(proposal.adopted)
        self.assertIn("Quorum met: 1 of 4", proposal.result_summary)

    def test_the_notice_escapes_the_agenda(self):
        self.week.name = "<script>alert(1)</script>"
        self.meeting.action_send_notice()
        self.assertNotIn("<script>", str(self.meeting.event_id.description))
        self.assertIn("&lt;script&gt;", str(self.meeting.event_id.description))


@tagged("post_install", "-at_install")
class TestMeetingPortal(CoopHttpCase):
    """/my/votes lists the meetings a member was given notice of; the member
    gives or revokes their proxy there and downloads approved minutes."""

    def setUp(self):
        super().setUp()
        self.voters = self._voters(2)
        self.user = self._portal_user("portal_member", self.voters[0])
        rules = self._rules(proxies_allowed=True, proxy_cap=2)
        self.meeting = self._meeting("Autumn assembly", ["Budget", "Sliding scale"], rules)
        self.meeting.item_ids[1].proposal_id = self._proposal(
            name="Widen the sliding scale", decision_type_id=rules.id
        )
        self.meeting.action_send_notice()

    def _post(self, url, action=None, **data):
        """Post the form of page ``url`` (to ``action``, by default the page)."""
        page = self.url_open(url).text
        data["csrf_token"] = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        return self.url_open(action or url, data=data)

    def test_member_gives_and_revokes_a_proxy_in_the_portal(self):
        self.authenticate("portal_member", "portal_member_pw")
        url = f"/my/votes/meeting/{self.meeting.id}"
        self.assertIn("Autumn assembly", self.url_open("/my/votes").text)
        scale = self.meeting.item_ids[1]
        page = self._post(url, holder_id=self.voters[1].id, **{f"direct_{scale.id}": "no"}).text
        self.assertIn("Your proxy is recorded", page)
        proxy = self.meeting.attendance_ids
        self.assertEqual(proxy.membership_id, self.voters[0])
        self.assertEqual(proxy.proxy_holder_id, self.voters[1])
        self.assertEqual(proxy.direction_ids.mapped("choice"), ["no"])
        page = self._post(url, revoke=1).text
        self.assertIn("Your proxy is revoked", page)
        self.assertTrue(proxy.revoked)
        # A proxy to oneself is refused with a sentence, and nothing is written.
        page = self._post(url, holder_id=self.voters[0].id).text
        self.assertIn("cannot hold their own proxy", page)
        self.assertTrue(proxy.revoked)

    def test_approved_minutes_for_members_only(self):
        self.meeting.write({"minutes": "<p>Budget adopted.</p>"})
        minutes_url = f"/my/votes/meeting/{self.meeting.id}/minutes"
        self.authenticate("portal_member", "portal_member_pw")
        self.assertEqual(self.url_open(minutes_url).status_code, 404)  # not approved yet
        self.meeting.sudo().write({"minutes_state": "approved"})
        response = self.url_open(minutes_url)
        self.assertEqual(response.status_code, 200)
        # Odoo renders reports as HTML under its test runner; the end-to-end
        # suite checks the PDF bytes from a real server.
        self.assertIn(b"Budget adopted.", response.content)
        new_test_user(self.env, login="not_a_member", password="not_a_member_pw")
        self.authenticate("not_a_member", "not_a_member_pw")
        self.assertEqual(self.url_open(minutes_url).status_code, 404)
        self.assertEqual(self.url_open(f"/my/votes/meeting/{self.meeting.id}").status_code, 404)

    def test_member_starts_a_requisition_in_the_portal(self):
        self.authenticate("portal_member", "portal_member_pw")
        page = self._post(
            "/my/votes", "/my/votes/requisition", name="Meet about the new lease", kind="meeting"
        )
        self.assertEqual(page.status_code, 200)
        requisition = self.env["coop.requisition"].search(
            [("name", "=", "Meet about the new lease")]
        )
        self.assertEqual(requisition.signer_ids, self.voters[0])
        # California sample: 5% of the members, rounded up: one signature.
        self.assertEqual(requisition.state, "reached")
        self.assertIn("Meet about the new lease", page.text)
        self.assertIn("Threshold reached", page.text)
        page = self._post("/my/votes", "/my/votes/requisition", name=" ", kind="meeting")
        self.assertIn("Say what the meeting or the ballot is for", page.text)


@tagged("post_install", "-at_install")
class TestMeetingBackendTour(CoopHttpCase):
    def test_secretary_records_a_directed_proxy(self):
        rules = self._rules(proxies_allowed=True, proxy_cap=2)
        meeting = self._meeting("Tour assembly", ["Budget", "Sliding scale"], rules)
        meeting.action_send_notice()
        self.start_tour(
            "/web#action=coop_governance.action_coop_meeting",
            "coop_meeting_proxy_tour",
            login="admin",
        )
        proxy = meeting.attendance_ids
        self.assertEqual(proxy.membership_id.name, "Priya Natarajan")
        self.assertEqual((proxy.mode, proxy.proxy_holder_id.name), ("proxy", "Daniel Reyes"))
        self.assertEqual(
            [(d.item_id.name, d.choice) for d in proxy.direction_ids], [("Budget", "no")]
        )


@tagged("post_install", "-at_install")
class TestPortalRankedBallot(CoopHttpCase):
    def test_equal_ranks_are_refused_with_a_sentence(self):
        env = self.env
        self._portal_user("ranked_voter", self._voters())
        election = self._proposal(
            name="Steward",
            method="irv",
            option_ids=[(0, 0, {"name": "Ana"}), (0, 0, {"name": "Ben"})],
        )
        election.action_open()
        ana, ben = election.option_ids
        self.authenticate("ranked_voter", "ranked_voter_pw")
        url = f"/my/votes/{election.id}"
        token = re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(url).text).group(1)
        page = self.url_open(
            url, data={"csrf_token": token, f"rank_{ana.id}": "1", f"rank_{ben.id}": "1"}
        ).text
        self.assertIn("Give each candidate you rank a different number", page)
        self.assertFalse(env["coop.ballot"].sudo().search([("proposal_id", "=", election.id)]))
        page = self.url_open(
            url, data={"csrf_token": token, f"rank_{ana.id}": "2", f"rank_{ben.id}": " "}
        ).text
        self.assertIn("Receipt code", page)
        ballot = env["coop.ballot"].sudo().search([("proposal_id", "=", election.id)])
        self.assertEqual(ballot.content, f'{{"ranking": [{ana.id}]}}')
