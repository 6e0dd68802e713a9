"""Self-pay invoicing: one batch per period, one invoice per client, each
session once; only schedulers, accountants and managers run it, and nobody
writes the link by hand."""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from .test_scheduling import SchedulingCase


class SelfPayCase(SchedulingCase):
    """The scheduling case in a co-op with a chart of accounts, self-pay
    invoicing on, and a week two weeks ago with every kind of billed session."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A chart of accounts once the people are in (a co-op with one asks
        # its member-owners for their membership share first).
        cls.env["account.chart.template"].with_context(
            allowed_company_ids=[cls.company.id]
        ).try_loading("generic_coa", cls.company, install_demo=False)
        cls.company.coop_self_pay_invoicing = True
        cls.journal = cls.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", cls.company.id)], limit=1
        )
        cls.accountant_user = new_test_user(
            cls.env,
            login="sp_accountant",
            groups="account.group_account_invoice",
            company_id=cls.company.id,
        )
        (cls.client_a | cls.client_b).write({"self_pay": True})

    def _week(self):
        """Monday two weeks ago: Blair (licensed clinician, 180) attended,
        no-show (60), late cancel (40) and a cancel in time; Alex (associate,
        120) attended; Casey (not self-pay) attended."""
        monday = self.past_monday
        attended = self.book(self.at(monday, 9))
        no_show = self.book(self.at(monday, 10))
        late = self.book(self.at(monday, 11))
        in_time = self.book(self.at(monday, 12))
        alex = self.book(self.at(monday, 9), clinician=self.associate, clients=self.client_a)
        casey = self.book(self.at(monday, 13), clients=self.client_c)
        user = self.scheduler_user
        (attended | alex | casey).with_user(user).action_mark_attended()
        no_show.with_user(user).action_mark_no_show()
        late.with_user(user).action_cancel_by_client()
        in_time.with_user(user).action_cancel_session()
        return attended, no_show, late, in_time, alex, casey

    def _batch(self, user=None, **vals):
        values = {
            "date_from": self.past_monday,
            "date_to": self.past_monday + timedelta(days=6),
            "journal_id": self.journal.id,
        }
        values.update(vals)
        Wizard = self.env["coop.session.invoice.wizard"].with_user(user or self.scheduler_user)
        wizard = Wizard.with_company(self.company).create(values)
        wizard.action_invoice()
        return self._invoices()

    def _invoices(self):
        return self.env["account.move"].search(
            [
                ("company_id", "=", self.company.id),
                ("move_type", "=", "out_invoice"),
                ("state", "!=", "cancel"),
            ],
            order="id",
        )


@tagged("post_install", "-at_install")
class TestSelfPayInvoicing(SelfPayCase):
    def test_one_invoice_per_client_with_the_fee_of_each_session(self):
        attended, no_show, late, in_time, alex, casey = self._week()
        self.assertEqual(
            [attended.fee_charged, no_show.fee_charged, late.fee_charged, alex.fee_charged],
            [180.0, 60.0, 40.0, 120.0],
        )
        invoices = self._batch()
        self.assertEqual(len(invoices), 2)
        blair = invoices.filtered(lambda m: m.partner_id == self.client_b.partner_id)
        alex_invoice = invoices.filtered(lambda m: m.partner_id == self.client_a.partner_id)
        self.assertEqual(self.client_b.partner_id.name, "Blair Client")
        self.assertEqual(blair.state, "draft")
        self.assertEqual(blair.journal_id, self.journal)
        self.assertEqual(blair.invoice_date, self.past_monday + timedelta(days=6))
        self.assertEqual(blair.amount_total, 280.0)
        self.assertEqual(alex_invoice.amount_total, 120.0)
        lines = blair.invoice_line_ids.sorted("coop_session_id")
        self.assertEqual(lines.coop_session_id, attended | no_show | late)
        self.assertEqual(lines.mapped("price_unit"), [180.0, 60.0, 40.0])
        self.assertEqual(set(lines.coop_client_id.ids), {self.client_b.id})
        self.assertEqual(self.client_b.partner_id.lang, "en_US")
        day = self.past_monday.strftime("%m/%d/%Y")  # as the partner reads dates
        self.assertEqual(
            lines.mapped("name"),
            [
                f"CPT 90834 Psychotherapy, 45 minutes, {day}",
                f"CPT 90834 Psychotherapy, 45 minutes, {day}: no-show",
                f"CPT 90834 Psychotherapy, 45 minutes, {day}: late cancellation",
            ],
        )
        # One service product per session type, made on the first invoice.
        product = self.type.product_id
        self.assertEqual(lines.product_id, product)
        self.assertEqual((product.type, product.default_code), ("service", "90834"))
        self.assertEqual(product.taxes_id.ids, [])
        # The client's name stays on the contact only: not on lines or titles.
        for text in [*lines.mapped("name"), attended.name]:
            self.assertNotIn("Blair", text)
        # Sessions cancelled in time and clients not self-pay are not billed.
        self.assertEqual(in_time.sudo().coop_invoice_line_ids.ids, [])
        self.assertEqual(casey.sudo().coop_invoice_line_ids.ids, [])
        self.assertEqual(self.client_c.partner_id.name, "Casey Client")  # reminders only
        # An invoiced session is kept, even for the superuser (a recurrence
        # edit of "all events" deletes events): a sentence, not the
        # database's foreign-key error.
        with self.refused(UserError, "is on a customer invoice and is kept"):
            attended.unlink()
        self.assertTrue(attended.exists())

    def test_the_day_is_written_in_the_partner_language(self):
        """A client whose contact reads Spanish gets the session's day as
        Spanish dates are written (day first), not in ISO."""
        self.env["res.lang"]._activate_lang("es_ES")
        self._week()
        self.client_a.sudo()._coop_billing_partner().lang = "es_ES"
        invoices = self._batch()
        alex = invoices.filtered(lambda m: m.partner_id == self.client_a.partner_id)
        spanish = self.env["res.lang"]._lang_get("es_ES").date_format
        self.assertNotEqual(spanish, self.env["res.lang"]._lang_get("en_US").date_format)
        self.assertEqual(
            alex.invoice_line_ids.name,
            f"CPT 90834 Psychotherapy, 45 minutes, {self.past_monday.strftime(spanish)}",
        )

    def test_a_session_is_invoiced_once_until_its_invoice_is_cancelled(self):
        attended, no_show, late, _in_time, alex, _casey = self._week()
        first = self._batch()
        with self.refused(UserError, "left to invoice"):
            self._batch()
        self.assertEqual(self._invoices(), first)
        blair = first.filtered(lambda m: m.partner_id == self.client_b.partner_id)
        blair.with_user(self.accountant_user).button_cancel()
        self.assertEqual(blair.state, "cancel")
        # The accountant runs the next batch: only Blair's sessions again.
        second = self._batch(user=self.accountant_user) - first
        self.assertEqual(len(second), 1)
        self.assertEqual(second.partner_id, self.client_b.partner_id)
        self.assertEqual(second.invoice_line_ids.coop_session_id, attended | no_show | late)
        self.assertEqual(second.amount_total, 280.0)
        self.assertEqual(blair.invoice_line_ids.coop_session_id.ids, [])
        self.assertEqual(alex.sudo().coop_invoice_line_ids.move_id, first - blair)
        # Deleting a draft invoice frees its sessions too.
        second.unlink()
        third = self._batch() - first
        self.assertEqual(third.invoice_line_ids.coop_session_id, attended | no_show | late)

    def test_a_group_session_bills_each_self_pay_client(self):
        family = self.env.ref("coop_therapy.session_type_90847")
        family.fee = 200
        self.client_c.self_pay = True
        session = self.book(
            self.at(self.past_monday, 9),
            clients=self.client_b | self.client_c,
            session_type_id=family.id,
        )
        session.with_user(self.scheduler_user).action_mark_attended()
        invoices = self._batch()
        self.assertEqual(len(invoices), 2)
        self.assertEqual(invoices.partner_id, self.client_b.partner_id | self.client_c.partner_id)
        self.assertEqual(invoices.mapped("amount_total"), [200.0, 200.0])
        self.assertEqual(
            session.sudo().coop_invoice_line_ids.coop_client_id, self.client_b | self.client_c
        )

    def test_only_when_the_coop_invoices_self_pay(self):
        self._week()
        self.company.coop_self_pay_invoicing = False
        with self.refused(UserError, "Self-pay invoicing is off"):
            self._batch()
        self.company.coop_self_pay_invoicing = True
        with self.refused(UserError, "ends before it starts"):
            self._batch(date_to=self.past_monday - timedelta(days=1))
        self.assertEqual(self._invoices().ids, [])

    def test_who_may_run_the_batch_and_write_the_link(self):
        attended, *_rest = self._week()
        # The clinician (the lowest role that treats the clients) cannot run it...
        with self.assertRaises(AccessError):
            self._batch(user=self.clinician_user)
        # A scheduler invoices only the co-ops they work for.
        elsewhere = self.env["res.company"].create({"name": "Another Co-op"})
        with self.refused(AccessError, "do not work for Another Co-op"):
            self._batch(company_id=elsewhere.id)
        invoices = self._batch()
        line = invoices.invoice_line_ids.filtered(lambda ml: ml.coop_session_id == attended)
        self.assertEqual(len(line), 1)
        # ... nor unlink or relink a session's invoice line by a plain write.
        session = attended.with_user(self.clinician_user)
        for value in ([Command.set([])], [Command.unlink(line.id)], [Command.link(line.id)]):
            with self.assertRaises(AccessError):
                session.write({"coop_invoice_line_ids": value})
        with self.refused(AccessError, "invoicing batch"):
            self.env["calendar.event"].with_user(self.scheduler_user).browse(attended.id).write(
                {"coop_invoice_line_ids": [Command.set([])]}
            )
        # The accountant edits invoices, but not the link.
        for vals in ({"coop_session_id": False}, {"coop_client_id": self.client_a.id}):
            with self.refused(AccessError, "invoicing batch"):
                line.with_user(self.accountant_user).write(vals)
        self.assertEqual(line.coop_session_id, attended)
        self.assertEqual(attended.sudo().coop_invoice_line_ids, line)


@tagged("post_install", "-at_install")
class TestSelfPayDemo(TransactionCase):
    def test_the_demo_week_is_invoiced_by_the_batch(self):
        """The demo's self-pay clients have last week's sessions on draft
        invoices made by the batch, one line per session."""
        client = self.env.ref("coop_therapy.client_01")
        self.assertTrue(client.self_pay)
        moves = self.env["account.move"].search(
            [("partner_id", "=", client.partner_id.id), ("move_type", "=", "out_invoice")]
        )
        self.assertEqual(moves.mapped("state"), ["draft"])
        sessions = moves.invoice_line_ids.coop_session_id
        self.assertTrue(sessions)
        self.assertEqual(set(sessions.mapped("coop_state")), {"attended"})
        self.assertEqual(sessions.client_ids, client)
        self.assertEqual(len(moves.invoice_line_ids), len(sessions))
