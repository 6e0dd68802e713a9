"""A vote read and closed in another language: the tally's reasons, the
quorum, the ballots and the voter roll's notes come from the pure functions
as data and are put in words by the models, through the translation
(i18n/es.po); activities and reminders come from their own records. The
translation holds every term of the addon, and a member who reads Spanish
gets the portal and the minutes in Spanish."""

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged

from odoo.addons.coop_membership.tests.catalog import catalog_problems

from ..lib import eligibility, tally
from .common import CoopHttpCase
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


@tagged("post_install", "-at_install")
class TestGovernanceCatalog(TransactionCase):
    def test_every_term_is_in_the_pot_and_translated_to_spanish(self):
        self.assertEqual(catalog_problems(self.env, "coop_governance"), [])


@tagged("post_install", "-at_install")
class TestPortalAndMinutesInSpanish(CoopHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("es_ES")
        cls.env["ir.module.module"]._load_module_terms(
            ["coop_membership", "coop_governance"], ["es_ES"], overwrite=True
        )

    def setUp(self):
        super().setUp()
        # California's sample bylaws: modified consensus, no proxies.
        self.members = self._voters(3)
        self.users = [
            self._portal_user(f"votante{index}", member)
            for index, member in enumerate(self.members)
        ]
        self.users[0].lang = "es_ES"
        self.meeting = self._meeting(
            "Asamblea de primavera", ["Semana de cuatro días", "Presupuesto"], self._rules()
        )
        self.adopted = self._proposal(name="Semana de cuatro días")
        self.meeting.item_ids[0].proposal_id = self.adopted
        self.adopted.action_open()
        for user in self.users:
            self.adopted.with_user(user).action_cast(choice="yes")
        self.adopted.action_close(reason="Todos han votado")
        self.rejected = self._proposal(name="Presupuesto")
        self.meeting.item_ids[1].proposal_id = self.rejected
        self.rejected.action_open()
        for user in self.users:
            self.rejected.with_user(user).action_cast(choice="no")
        self.rejected.action_close(reason="Todos han votado")
        self.open_vote = self._proposal(name="Abrir una segunda clínica")
        self.open_vote.action_open()
        self.meeting.action_send_notice()

    def test_the_votes_page_and_a_ballot_in_spanish(self):
        self.assertEqual((self.adopted.adopted, self.rejected.adopted), (True, False))
        self.authenticate("votante0", "votante0_pw")
        page = self.url_open("/my/votes").text
        words = " ".join(page.split())
        for spanish in (
            "<th>Propuesta</th><th>Se cierra</th><th>Estado</th><th>Resultado</th>",
            "Abierta: vote ahora",
            "<td> Aprobada </td>",
            "<td> No aprobada </td>",
            "Solicitudes",
            "Iniciar y firmar",
            "Exigir una votación por escrito",
            "Convocatoria enviada",
        ):
            self.assertIn(spanish, words)
        for english in (
            "Proposal",
            "Open: vote now",
            "Adopted",
            "Requisitions",
            "Start and sign",
            "Force a written ballot",
        ):
            self.assertNotIn(english, page)

        ballot = self.url_open(f"/my/votes/{self.open_vote.id}").text
        words = " ".join(ballot.split())
        for choice in ("Sí", "No", "Abstención", "Bloqueo"):
            self.assertRegex(
                words, f'<label class="form-check-label" for="choice_\\w+"> {choice} </label>'
            )
        self.assertIn("Emitir mi papeleta", words)
        for english in ("Yes", "Abstain", "Block", "Cast my ballot", "Results are shown"):
            self.assertNotIn(english, ballot)

    def test_the_minutes_print_in_the_reader_language(self):
        Report = self.env["ir.actions.report"]
        spanish = (
            Report.with_context(lang="es_ES")
            ._render_qweb_html("coop_governance.action_report_minutes", self.meeting.ids)[0]
            .decode()
        )
        words = " ".join(spanish.split())
        for expected in (
            "Acta: <span>Asamblea de primavera</span>",
            "Orden del día",
            "<span>Semana de cuatro días</span> - <span>aprobada</span>",
            "<span>Presupuesto</span> - <span>no aprobada</span>",
            "socios presentes;",
            "Borrador: aún no aprobada.",
        ):
            self.assertIn(expected, words)
        when = self.meeting.with_context(lang="es_ES")._coop_minutes_when()
        self.assertRegex(when, r"^[a-záéíóú]+, \d+ de [a-z]+ de \d{4} a las ")
        self.assertIn(f"Celebrada el <span>{when}</span>", words)
        for english in ("Minutes:", "Agenda", "adopted", "members attending", "Draft", "Held on"):
            self.assertNotIn(english, spanish)
        english = Report._render_qweb_html(
            "coop_governance.action_report_minutes", self.meeting.ids
        )[0].decode()
        self.assertIn(
            "<span>Semana de cuatro días</span> - <span>adopted</span>", " ".join(english.split())
        )
