"""Governance on the managers' overview (open votes) and the proposal
form's smart buttons: each figure is the list it opens."""

from lxml import etree

from odoo.tests import tagged

from .test_proposal import ProposalCase


@tagged("post_install", "-at_install")
class TestGovernanceOverview(ProposalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.overseer = cls._user("gov_overview_manager", cls._manager_groups())

    def _listed(self, env, action):
        return env[action["res_model"]].search(action["domain"])

    def test_open_votes_tile_and_the_proposal_buttons(self):
        motion = self._proposal()
        motion.action_open()
        self._proposal(name="Still a draft")
        self._cast(motion, 0, choice="yes")
        self._cast(motion, 1, choice="no")
        tile = self.env.ref("coop_governance.overview_tile_open_votes").with_user(self.overseer)
        self.assertEqual(self._listed(tile.env, tile.action_open()), motion)
        self.assertEqual((tile.value, tile.tone, tile.note), (1, "ok", ""))
        mine = motion.with_user(self.manager)
        self.assertEqual((mine.roll_count, mine.voted_count), (4, 2))
        roll = self._listed(mine.env, mine.action_view_roll())
        voted = self._listed(mine.env, mine.action_view_voted())
        self.assertEqual(len(roll), mine.roll_count)
        self.assertEqual(len(voted), mine.voted_count)
        self.assertEqual(voted.membership_id, self.members[:2])

    def test_the_governance_views_load(self):
        roll = self.env["coop.vote.roll"].get_views([(False, "list"), (False, "search")])
        self.assertEqual(set(roll["views"]), {"list", "search"})
        meeting = (
            self.env["coop.meeting"]
            .with_user(self.manager)
            .get_views([(False, "calendar"), (False, "pivot"), (False, "graph")])
        )
        calendar = etree.fromstring(meeting["views"]["calendar"]["arch"])
        self.assertEqual(
            {"location", "videocall_url"} - {f.get("name") for f in calendar.iter("field")},
            set(),
        )
        form = self.env["coop.proposal"].get_views([(False, "form")])["views"]["form"]["arch"]
        buttons = {b.get("name") for b in etree.fromstring(form).iter("button")}
        self.assertLessEqual({"action_view_roll", "action_view_voted"}, buttons)
