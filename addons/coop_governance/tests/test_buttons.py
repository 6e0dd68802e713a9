from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.tests import new_test_user, tagged

from odoo.addons.coop_membership.tests.common import CoopCase, open_every_menu

MANAGER_BUTTONS = {
    "coop.membership": {
        "action_confirm_license",
        "action_confirm_candidacy",
        "action_confirm_admission",
        "action_withdraw_candidacy",
        "action_open_exit_wizard",
    },
    "coop.proposal": {"action_open", "action_close"},
    "coop.meeting": {
        "action_send_notice",
        "action_open",
        "action_close",
        "action_adjourn",
        "action_revoke",
    },
    "coop.requisition": {"action_answer"},
}


@tagged("post_install", "-at_install")
class TestButtonsShownToWhoCanUseThem(CoopCase):
    """The forms show a button only to those the server lets press it."""

    def _buttons(self, user, model):
        views = self.env[model].with_user(user).get_views([(False, "form")])
        arch = etree.fromstring(views["views"]["form"]["arch"])
        return {b.get("name") for b in arch.iter("button") if b.get("type") == "object"}

    def test_manager_buttons_absent_for_a_plain_member(self):
        member = new_test_user(self.env, login="coop_btn_member", groups="base.group_user")
        clerk = new_test_user(
            self.env, login="coop_btn_clerk", groups="coop_membership.group_coop_user"
        )
        secretary = new_test_user(
            self.env,
            login="coop_btn_secretary",
            groups="coop_governance.group_governance_manager,coop_membership.group_coop_manager",
        )
        for model, buttons in MANAGER_BUTTONS.items():
            with self.subTest(model=model):
                self.assertEqual(self._buttons(member, model) & buttons, set())
                self.assertEqual(self._buttons(clerk, model) & buttons, set())
                self.assertEqual(self._buttons(secretary, model) & buttons, buttons)
        # What everyone may do stays: anyone can verify a sealed vote.
        self.assertIn("action_verify", self._buttons(member, "coop.proposal"))
        self.assertIn("action_verify", self._buttons(member, "coop.meeting"))


@tagged("post_install", "-at_install")
class TestAdmissionAndTheBylaws(CoopCase):
    """Admitting from the register says when the bylaws ask for a vote of the
    members, and names the admission vote once there is one."""

    def test_admission_names_the_vote_of_the_bylaws(self):
        # A new co-op starts with the California sample, which decides
        # admissions by a vote of the members (its "admission" type).
        rule = self.env["coop.decision.type"].search(
            [("company_id", "=", self.company.id), ("code", "=", "admission")]
        )
        self.assertEqual(rule.name, "Admission of a member")
        candidate = self._membership("Grace Kim", state="candidate")

        def wizard():
            action = candidate.action_confirm_admission()
            return self.env[action["res_model"]].with_context(**action["context"]).create({})

        first = wizard()
        self.assertEqual(first.admission_decision_type_id, rule)
        self.assertFalse(first.admission_proposal_id)
        self.assertEqual(
            first.checks.split("\n")[-1],
            "The bylaws have a rule for admission votes (Admission of a member), and there is "
            "no admission vote on Grace Kim: admit here only to record a decision the co-op "
            "took.",
        )
        vote = self.env["coop.proposal"].create(
            {
                "name": "Admit Grace Kim",
                "company_id": self.company.id,
                "decision_type_id": rule.id,
                "action": "admission",
                "subject_membership_id": candidate.id,
                "date_close": fields.Datetime.now() + relativedelta(days=12),
            }
        )
        second = wizard()
        self.assertEqual(second.admission_proposal_id, vote)
        self.assertEqual(
            second.checks.split("\n")[-1],
            "Admission vote of the members: Admit Grace Kim (draft).",
        )
        # Opening a candidacy has nothing to do with the vote.
        licensed = self._membership("Lee Licensed", state="licensed")
        action = licensed.action_confirm_candidacy()
        candidacy = self.env[action["res_model"]].with_context(**action["context"]).create({})
        self.assertFalse(candidacy.admission_decision_type_id)
        self.assertNotIn("bylaws", candidacy.checks)


@tagged("post_install", "-at_install")
class TestGovernanceScreens(CoopCase):
    """Members open every governance screen they see; the lists have Odoo's
    own tools (calendar with place and video link, pivot, graph)."""

    def test_member_opens_every_menu_and_the_meeting_calendar(self):
        grace = self._membership("Grace Kim", state="member")
        member = new_test_user(
            self.env,
            login="coop_screens_member",
            groups="base.group_user",
            partner_id=grace.partner_id.id,
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        rule = self.env["coop.decision.type"].search(
            [("company_id", "=", self.company.id), ("code", "=", "ordinary")]
        )
        meeting = self.env["coop.meeting"].create(
            {
                "name": "Annual general assembly",
                "company_id": self.company.id,
                "decision_type_id": rule.id,
                "date_start": fields.Datetime.now() + relativedelta(days=30),
                "location": "Community room",
                "videocall_url": "https://meet.example.org/agm",
            }
        )
        # Someone else's attendance is named without reading their membership.
        otto = self._membership("Otto Other", state="member")
        self.env["coop.meeting.attendance"].create(
            {"meeting_id": meeting.id, "membership_id": otto.id}
        )
        self.assertEqual(
            self.env["coop.meeting.attendance"]
            .with_user(member)
            .search_read([("meeting_id", "=", meeting.id)], ["display_name"])[0]["display_name"],
            "Otto Other at Annual general assembly (in person)",
        )
        opened = open_every_menu(self, member)
        for name in (
            "Co-op/My membership",
            "Co-op/Governance/Meetings",
            "Co-op/Governance/Proposals and votes",
        ):
            self.assertIn(name, opened)
        action = self.env.ref("coop_governance.action_coop_meeting")
        self.assertEqual(action.view_mode, "list,calendar,form,pivot,graph")
        calendar = self.env["coop.meeting"].with_user(member).get_views([(False, "calendar")])
        arch = etree.fromstring(calendar["views"]["calendar"]["arch"])
        self.assertEqual(
            [f.get("name") for f in arch.iter("field")],
            ["kind", "state", "location", "videocall_url", "quorum_text"],
        )
        meetings = (
            self.env["coop.meeting"]
            .with_user(member)
            .search_read([("company_id", "=", self.company.id)], ["location", "videocall_url"])
        )
        self.assertEqual(meetings[0]["location"], "Community room")
        form = self.env["coop.proposal"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('placeholder="e.g. Adopt the 2027 budget"', form)

    def test_membership_smart_buttons_count_history_and_votes(self):
        grace = self._membership("Grace Kim", state="member")
        self.assertEqual(grace.transition_count, 3)
        self.assertEqual(grace.vote_count, 0)
        self.assertEqual(
            self.env["coop.membership.transition"].search(
                grace.action_view_transitions()["domain"]
            ),
            grace.transition_ids,
        )
        self.assertEqual(
            self.env["coop.proposal"].search(grace.action_view_votes()["domain"]),
            self.env["coop.proposal"],
        )
