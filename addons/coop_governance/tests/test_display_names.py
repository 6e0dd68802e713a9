import datetime

from odoo.tests import tagged

from odoo.addons.coop_membership.tests.common import CoopCase, technical_names


@tagged("post_install", "-at_install")
class TestGovernanceDisplayNames(CoopCase):
    def test_every_record_has_a_name_a_person_would_say(self):
        grace = self._membership("Grace Kim", state="member")
        env = self.env
        proposal = env["coop.proposal"].new({"name": "Adopt the 2027 budget"})
        meeting = env["coop.meeting"].new({"name": "Annual meeting 2027"})
        item = env["coop.meeting.item"].new({"name": "Budget", "meeting_id": meeting.id})
        attendance = env["coop.meeting.attendance"].new(
            {"meeting_id": meeting.id, "membership_id": grace.id, "mode": "proxy"}
        )
        records = {
            "coop.decision.type": env["coop.decision.type"].new({"name": "Ordinary resolution"}),
            "coop.proposal": proposal,
            "coop.proposal.option": env["coop.proposal.option"].new(
                {"name": "Yes", "proposal_id": proposal.id}
            ),
            "coop.ballot": env["coop.ballot"].new({"proposal_id": proposal.id, "receipt": "K7Q2"}),
            "coop.ballot.published": env["coop.ballot.published"].new(
                {"proposal_id": proposal.id, "receipt": "K7Q2"}
            ),
            "coop.vote.roll": env["coop.vote.roll"].new(
                {"proposal_id": proposal.id, "membership_id": grace.id}
            ),
            "coop.meeting": meeting,
            "coop.meeting.item": item,
            "coop.meeting.attendance": attendance,
            "coop.meeting.proxy.direction": env["coop.meeting.proxy.direction"].new(
                {"attendance_id": attendance.id, "item_id": item.id, "choice": "yes"}
            ),
            "coop.meeting.addendum": env["coop.meeting.addendum"].new(
                {"name": "Typo in item 2", "meeting_id": meeting.id}
            ),
            "coop.requisition": env["coop.requisition"].new({"name": "Recall the board"}),
        }
        self.assertEqual(
            {model: rec.display_name for model, rec in records.items()},
            {
                "coop.decision.type": "Ordinary resolution",
                "coop.proposal": "Adopt the 2027 budget",
                "coop.proposal.option": "Yes",
                "coop.ballot": "Ballot K7Q2 \u2013 Adopt the 2027 budget",
                "coop.ballot.published": "Ballot K7Q2 \u2013 Adopt the 2027 budget",
                "coop.vote.roll": "Grace Kim on the voter roll of Adopt the 2027 budget",
                "coop.meeting": "Annual meeting 2027",
                "coop.meeting.item": "Budget (agenda of Annual meeting 2027)",
                "coop.meeting.attendance": "Grace Kim at Annual meeting 2027 (by proxy)",
                "coop.meeting.proxy.direction": "Proxy direction of Grace Kim: Yes on Budget",
                "coop.meeting.addendum": "Addendum to the minutes of Annual meeting 2027: "
                "Typo in item 2",
                "coop.requisition": "Requisition: Recall the board",
            },
        )
        records["coop.membership"] = grace
        records["coop.membership.transition"] = grace.transition_ids[:1]
        records["coop.hour.entry"] = env["coop.hour.entry"].new(
            {"membership_id": grace.id, "hours": 7.5, "date": datetime.date(2027, 3, 1)}
        )
        records["coop.overview.tile"] = env.ref("coop_governance.overview_tile_open_votes")
        self.assertEqual(technical_names(env, ["coop_governance", "coop_membership"], records), {})


@tagged("post_install", "-at_install")
class TestThresholdWording(CoopCase):
    def test_shares_are_not_rounded_up_and_counts_show_their_share(self):
        Proposal = self.env["coop.proposal"]
        self.assertEqual(Proposal._coop_share_text(2 / 3, False), "at least 66.7%")
        self.assertEqual(Proposal._coop_share_text(0.5, True), "more than 50%")
        self.assertEqual(
            Proposal._coop_reason_text(
                {
                    "code": "threshold",
                    "ratio": 2 / 3,
                    "strict": False,
                    "tie_lost": False,
                    "adopted": True,
                    "votes_for": 2,
                    "base": 3,
                }
            ),
            "Adopted: 2 for out of 3 = 66.7% (at least 66.7% needed).",
        )

    def test_a_blank_meeting_claims_no_quorum(self):
        meeting = self.env["coop.meeting"].new({"name": "Blank"})
        self.assertFalse(meeting.quorum_met)
        self.assertEqual(
            meeting.quorum_text, "Choose the decision type (bylaws) to count the quorum."
        )
