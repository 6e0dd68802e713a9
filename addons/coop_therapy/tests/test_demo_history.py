from odoo import fields
from odoo.tests import TransactionCase, tagged


def serial(number):
    """The running number at the end of a document number (SR-0012 -> 12)."""
    return int(number.replace("-", "/").rsplit("/", 1)[1])


@tagged("post_install", "-at_install")
class TestDemoHistory(TransactionCase):
    """The demo co-op reads like a real one: its figures are its own and its
    history happens in order (the test databases hold the demo data)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.people = cls.env["coop.membership"].search([("company_id", "=", cls.company.id)])

    def ref(self, xmlid):
        return self.env.ref(f"coop_therapy.{xmlid}")

    def _odoo_demo(self, model):
        """Records of ``model`` in the co-op's company made by Odoo's own demo data."""
        ids = (
            self.env["ir.model.data"]
            .search([("model", "=", model), ("module", "not like", "coop\\_%")])
            .mapped("res_id")
        )
        records = self.env[model].with_context(active_test=False).browse(ids).exists()
        return records.filtered(lambda rec: rec.company_id == self.company)

    def assertFollowDates(self, records, number, date, what):
        """Sorted by their number, ``records`` are in the order of their date."""
        records = records.filtered(number).sorted(lambda rec: serial(rec[number]))
        self.assertGreater(len(records), 1, what)
        dates = records.mapped(date)
        self.assertEqual(
            dates,
            sorted(dates),
            f"{what}: {[(rec[number], str(rec[date])) for rec in records]}",
        )

    def test_pay_ratio_counts_only_the_co_ops_people(self):
        self.env.flush_all()
        rows = self.env["coop.pay.equity"].search([("company_id", "=", self.company.id)])
        self.assertEqual(len(rows), 9)
        self.assertLessEqual(rows.employee_id, self.people.employee_id)
        running = self.env["hr.contract"].search(
            [("company_id", "=", self.company.id), ("state", "=", "open")]
        )
        self.assertLessEqual(running.employee_id, self.people.employee_id)
        ratio, high, low = self.env["hr.contract"]._coop_pay_ratio(self.company)
        self.assertEqual(high.employee_id, self.ref("employee_maya"))
        self.assertEqual(low.employee_id, self.ref("employee_tomas"))
        self.assertAlmostEqual(ratio, 6500 / 4000, 3)
        odoo_contracts = self._odoo_demo("hr.contract")
        self.assertTrue(odoo_contracts, "the database has Odoo's own demo data")
        self.assertFalse(odoo_contracts.filtered(lambda c: c.state in ("draft", "open")))

    def test_the_books_hold_only_the_co_ops_business(self):
        moves = self._odoo_demo("account.move")
        self.assertTrue(moves)
        self.assertEqual(set(moves.mapped("state")), {"cancel"})
        self.assertFalse(self._odoo_demo("account.bank.statement.line"))
        self.assertFalse(self._odoo_demo("account.bank.statement"))
        self.assertFalse(moves.activity_ids)

    def test_numbers_follow_the_documents_dates(self):
        company = [("company_id", "=", self.company.id)]
        operations = self.env["coop.share.operation"].search(company)
        self.assertFollowDates(operations, "name", "date", "Share register")
        self.assertFollowDates(operations, "certificate_number", "date", "Share certificates")
        subscriptions = self.env["coop.share.subscription"].search(
            [*company, ("state", "!=", "draft")]
        )
        self.assertFollowDates(subscriptions, "name", "date", "Subscriptions")
        for subscription in subscriptions:
            self.assertEqual(subscription.name.split("/")[1], str(subscription.date.year))
        self.assertFollowDates(self.people, "register_number", "date_member", "Member register")
        allocations = self.env["coop.patronage.allocation"].search(company)
        self.assertTrue(allocations)
        for allocation in allocations:
            self.assertEqual(allocation.name.split("/")[1], str(allocation.date_to.year))

    def test_journal_entry_numbers_follow_their_dates(self):
        """In each journal's sequence, an older entry never has a higher
        number than a newer one (capital payments into the bank included)."""
        moves = self.env["account.move"].search(
            [("company_id", "=", self.company.id), ("state", "=", "posted")]
        )
        self.assertTrue(moves.filtered(lambda m: m.journal_id.type == "bank"))
        sequences = {}
        for move in moves:
            key = (move.journal_id, move.sequence_prefix)
            sequences.setdefault(key, self.env["account.move"])
            sequences[key] |= move
        for (journal, prefix), sequence in sequences.items():
            entries = sequence.sorted("sequence_number")
            dates = entries.mapped("date")
            with self.subTest(journal=journal.name, prefix=prefix):
                self.assertEqual(
                    dates,
                    sorted(dates),
                    f"{journal.name}: {[(m.name, str(m.date)) for m in entries]}",
                )

    def test_members_are_admitted_once_their_share_is_issued(self):
        admitted = self.people.filtered("date_member")
        self.assertEqual(len(admitted), 5)
        for membership in admitted:
            issues = self.env["coop.share.operation"].search(
                [
                    ("membership_to_id", "=", membership.id),
                    ("kind", "=", "issue"),
                    ("share_class_id.kind", "=", "membership"),
                ]
            )
            self.assertTrue(issues, membership.name)
            issued = min(issues.mapped("date"))
            self.assertLessEqual(issued, membership.date_member, membership.name)

    def test_closed_votes_closed_in_the_past_on_their_roll(self):
        proposals = self.env["coop.proposal"].search(
            [("company_id", "=", self.company.id), ("state", "!=", "draft")]
        )
        closed = proposals.filtered(lambda p: p.state in ("closed", "annulled"))
        self.assertGreaterEqual(len(closed), 2)
        now = fields.Datetime.now()
        for proposal in closed:
            self.assertLessEqual(proposal.date_close, now, proposal.name)
        for proposal in proposals:
            self.assertLessEqual(proposal.record_date, proposal.date_open.date(), proposal.name)

    def test_a_former_member_was_paid_back(self):
        robert = self.ref("membership_robert")
        self.assertEqual(robert.state, "former")
        redemptions = self.env["coop.share.redemption"].search([("membership_id", "=", robert.id)])
        paid = redemptions.filtered(lambda r: r.state == "paid")
        self.assertTrue(paid)
        for redemption in paid:
            self.assertGreaterEqual(redemption.date_paid, robert.date_exit)
            self.assertEqual(redemption.move_id.state, "posted")
            self.assertGreaterEqual(redemption.exit_move_id.date, robert.date_exit)
