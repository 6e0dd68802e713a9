"""The portal's vote and proxy forms take what the member typed at its word:
what they cannot read is refused with a sentence on the page, never
reinterpreted as something else."""

import re

from odoo.tests import tagged

from .common import CoopHttpCase


@tagged("post_install", "-at_install")
class TestPortalCastForm(CoopHttpCase):
    def setUp(self):
        super().setUp()
        self.voter = self._voters()
        self._portal_user("form_voter", self.voter)
        self.authenticate("form_voter", "form_voter_pw")

    def _submit(self, url, **data):
        """The page after posting ``data`` through the form of page ``url``."""
        token = re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(url).text)
        response = self.url_open(url, data=dict(data, csrf_token=token.group(1)))
        self.assertEqual(response.status_code, 200)
        return response.text

    def _ballots(self, proposal):
        return self.env["coop.ballot"].sudo().search([("proposal_id", "=", proposal.id)])

    def test_an_unreadable_proxy_is_refused_not_taken_for_ones_own_vote(self):
        proposal = self._proposal(name="Open a second clinic")
        proposal.action_open()
        url = f"/my/votes/{proposal.id}"
        for typed in ("abc", "-3", "1.5"):
            page = self._submit(url, choice="yes", on_behalf_of=typed)
            self.assertIn("for which member you vote", page)
            self.assertNotIn("Receipt code", page)
            self.assertFalse(self._ballots(proposal))
        # Left blank (the form's "for myself"), it is the member's own ballot.
        page = self._submit(url, choice="yes", on_behalf_of="")
        self.assertIn("Receipt code", page)
        self.assertEqual(self._ballots(proposal).content, '{"choice": "yes"}')

    def test_a_rank_that_is_not_a_whole_number_from_one_is_refused(self):
        election = self._proposal(
            name="Coordinator",
            method="irv",
            option_ids=[(0, 0, {"name": "Ana"}), (0, 0, {"name": "Ben"})],
        )
        election.action_open()
        ana, ben = election.option_ids.ids
        url = f"/my/votes/{election.id}"
        for typed in ("-1", "0", "one", "1.5"):
            page = self._submit(url, **{f"rank_{ana}": "1", f"rank_{ben}": typed})
            self.assertIn("Rank with whole numbers from 1", page)
            self.assertFalse(self._ballots(election))
        page = self._submit(url, **{f"rank_{ana}": " 2 ", f"rank_{ben}": "1"})
        self.assertIn("Receipt code", page)
        self.assertEqual(self._ballots(election).content, f'{{"ranking": [{ben}, {ana}]}}')

    def test_an_unreadable_proxy_holder_is_refused(self):
        rules = self._rules(proxies_allowed=True, proxy_cap=2)
        meeting = self._meeting("Winter assembly", ["Budget"], rules)
        meeting.action_send_notice()
        page = self._submit(f"/my/votes/meeting/{meeting.id}", holder_id="abc")
        self.assertIn("Choose the member who holds your proxy", page)
        self.assertFalse(meeting.attendance_ids)
