from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .test_proposal import ProposalCase


@tagged("post_install", "-at_install")
class TestGovernanceCompanies(ProposalCase):
    def test_a_proposal_moved_by_a_member_of_another_company_is_refused(self):
        elsewhere = self.env["res.company"].create({"name": "Another Vote Co-op"})
        stranger = self._membership("Ola Elsewhere", state="member", company=elsewhere)
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            self._proposal(mover_id=stranger.id)
        proposal = self._proposal(mover_id=self.members[0].id)
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            proposal.with_user(self.manager).write({"seconder_id": stranger.id})

    def test_reminders_are_sent_in_batches_and_the_cron_is_told(self):
        closing = fields.Datetime.now() + relativedelta(days=1)
        proposals = self._proposal(name="First vote", date_close=closing)
        proposals |= self._proposal(name="Second vote", date_close=closing)
        proposals.action_open()
        Proposal = self.env["coop.proposal"]
        cron = self.env.ref("coop_governance.ir_cron_coop_vote_reminders")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        Job = Proposal.with_context(ir_cron_progress_id=progress.id)
        Job._cron_remind_voters(batch_size=1)
        self.assertEqual(progress.done, 1)
        left = progress.remaining
        self.assertGreaterEqual(left, 1, "at least one of the two votes is left")
        self.assertEqual(len(proposals.filtered("reminder_sent")), 1)
        for expected in range(left - 1, -1, -1):  # one vote a call, until none is left
            Job._cron_remind_voters(batch_size=1)
            self.assertEqual((progress.done, progress.remaining), (1, expected))
        self.assertTrue(all(proposals.mapped("reminder_sent")))
        Job._cron_remind_voters(batch_size=1)
        self.assertEqual((progress.done, progress.remaining), (0, 0))

    def test_the_scheduled_job_reminds_only_those_who_have_not_voted(self):
        """Run as Odoo's scheduler runs it: one reminder before the close,
        to the members on the roll who have not cast; none to who cast,
        none on later runs, none for a vote that closes far ahead."""
        cron = self.env.ref("coop_governance.ir_cron_coop_vote_reminders")
        self.assertTrue(cron.active)
        soon = self._proposal(
            name="Closing soon", date_close=fields.Datetime.now() + relativedelta(days=1)
        )
        later = self._proposal(
            name="Closing later", date_close=fields.Datetime.now() + relativedelta(days=30)
        )
        (soon | later).action_open()
        self._cast(soon, 0, choice="yes")

        def reminders(proposal):
            return self.env["mail.message"].search(
                [
                    ("model", "=", "coop.proposal"),
                    ("res_id", "=", proposal.id),
                    ("subject", "=like", "Reminder:%"),
                ]
            )

        cron.method_direct_trigger()
        self.assertEqual(reminders(soon).partner_ids, self.members[1:].partner_id)
        self.assertNotIn(self.members[0].partner_id, reminders(soon).partner_ids)
        self.assertFalse(reminders(later))
        self._cast(soon, 1, choice="no")
        cron.method_direct_trigger()
        self.assertEqual(len(reminders(soon)), 1, "one reminder, not one a run")
