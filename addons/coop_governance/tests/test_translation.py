"""A vote read and closed in another language: the tally's reasons, the
quorum, the ballots and the voter roll's notes come from the pure functions
as data and are put in words by the models, through the translation
(i18n/es.po); activities and reminders come from their own records."""

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from ..lib import eligibility, tally
from .test_proposal import ProposalCase


@tagged("post_install", "-at_install")
class TestGovernanceInSpanish(ProposalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("es_ES")
        cls.env["ir.module.module"]._load_module_terms(
            ["coop_membership", "coop_governance"], ["es_ES"], overwrite=True
        )

    def test_pure_functions_return_data_not_sentences(self):
        result = tally.yes_no(tally.Rules(), 4, 4, ["yes", "yes", "yes", "no"])
        self.assertEqual([reason["code"] for reason in result.reasons], ["quorum", "threshold"])
        self.assertFalse([r for r in result.reasons if not isinstance(r, dict)])
        elected = tally.approval(tally.Rules(), 3, 3, [{"A"}, {"A", "B"}], ["A", "B"])
        self.assertEqual(elected.reasons[-1], {"code": "elected", "elected": ["A"]})
        self.assertEqual(tally.describe_ballot({"choice": "yes"}, {}), ("choice", "yes"))
        self.assertEqual(
            eligibility.voter_status("candidate", None, False, self.today),
            (False, {"code": "not_member"}),
        )

    def test_a_vote_closed_in_spanish_explains_itself_in_spanish(self):
        proposal = self._proposal()
        proposal.action_open()
        for index, choice in enumerate(["yes", "yes", "yes", "no"]):
            self._cast(proposal, index, choice=choice)
        self.assertEqual(
            proposal.with_context(lang="es_ES").running_count, "4 de 4 han votado. Sí: 3, No: 1"
        )
        self.assertEqual(proposal.running_count, "4 of 4 have voted. Yes: 3, No: 1")
        proposal.with_user(self.manager).with_context(lang="es_ES").action_close(
            reason="Todos han votado"
        )
        self.assertTrue(proposal.adopted)
        lines = proposal.result_summary.splitlines()
        self.assertEqual(
            lines[0],
            "Quórum alcanzado: 4 de 4 = 100% (se necesita al menos el 50%, y al menos 2 socios).",
        )
        self.assertRegex(
            lines[-1], r"^Aprobada: 3 a favor de 4 = 75% \(se necesita (más del|al menos)"
        )
        # The published ballots read in each reader's language.
        published = self.env["coop.ballot.published"].search([("proposal_id", "=", proposal.id)])
        self.assertEqual(
            sorted(published.with_context(lang="es_ES").mapped("display_content")),
            ["No", "Sí", "Sí", "Sí"],
        )
        self.assertEqual(sorted(published.mapped("display_content")), ["No", "Yes", "Yes", "Yes"])

    def test_quorum_and_voter_notes_follow_the_reader(self):
        meeting = self.env["coop.meeting"].create(
            {
                "name": "Asamblea",
                "company_id": self.company.id,
                "decision_type_id": self.types["ordinary"].id,
                "date_start": fields.Datetime.now() + relativedelta(days=20, hours=1),
            }
        )
        for member in self.members[:2]:
            self.env["coop.meeting.attendance"].create(
                {"meeting_id": meeting.id, "membership_id": member.id}
            )
        self.assertRegex(meeting.quorum_text, r"^Quorum met: 2 of 4 = 50% \(")
        self.assertRegex(
            meeting.with_context(lang="es_ES").quorum_text, r"^Quórum alcanzado: 2 de 4 = 50% \("
        )
        self.assertEqual(
            self.candidate.with_context(lang="es_ES").voter_note,
            "no es socio propietario en la fecha de registro",
        )
        self.assertEqual(self.candidate.voter_note, "not a member-owner on the record date")

    def test_requisition_to_do_is_found_by_its_type(self):
        Requisition = self.env["coop.requisition"]
        requisition = Requisition.browse(
            Requisition.with_user(self.users[0]).coop_start("Votación sobre cuotas", "ballot")
        )
        activity = requisition.activity_ids
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("coop_governance.mail_activity_type_requisition_ballot"),
        )
        self.assertEqual(
            activity.with_context(lang="es_ES").activity_type_id.name,
            "Someter la cuestión a votación por escrito, como piden los socios",
        )

    def test_reminder_comes_from_the_template_in_the_member_language(self):
        self.members[1].partner_id.lang = "es_ES"
        proposal = self._proposal(date_close=fields.Datetime.now() + relativedelta(days=1))
        proposal.action_open()
        self._cast(proposal, 0, choice="yes")
        self.env["coop.proposal"]._cron_remind_voters()
        messages = self.env["mail.message"].search(
            [("model", "=", "coop.proposal"), ("res_id", "=", proposal.id)]
        )
        spanish = messages.filtered(lambda m: m.subject and m.subject.startswith("Recordatorio"))
        english = messages.filtered(lambda m: m.subject and m.subject.startswith("Reminder"))
        self.assertEqual(spanish.partner_ids, self.members[1].partner_id)
        self.assertEqual(spanish.subject, "Recordatorio: su voto sobre Adopt a four-day week")
        self.assertEqual(english.partner_ids, self.members[2:].partner_id)
        self.assertIn("/my/votes", english.body)
