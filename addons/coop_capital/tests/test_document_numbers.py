import datetime

from odoo.tests import tagged

from .common import CapitalCase

D = datetime.date


def serial(name):
    """The running number at the end of a document number (SR-0012 -> 12)."""
    return int(name.replace("-", "/").rsplit("/", 1)[1])


@tagged("post_install", "-at_install")
class TestDocumentNumbers(CapitalCase):
    """A document's number takes the year of its own date, and a batch is
    numbered in the order of its documents' dates."""

    def _draft(self, name, date):
        membership = self._membership(name, state="candidate", subscribed=False)
        return self._subscribe(membership, confirm=False, date=date, first_due_date=date)

    def test_back_dated_subscription_takes_its_year(self):
        subscription = self._draft("Ada Backdated", D(2023, 3, 15))
        subscription.action_confirm()
        self.assertRegex(subscription.name, r"^SUB/2023/\d{4}$")
        operation = self.env["coop.share.operation"].search(
            [("subscription_id", "=", subscription.id)]
        )
        self.assertEqual(operation.date, D(2023, 3, 15))

    def test_batch_numbered_in_date_order(self):
        late = self._draft("Bo Late", D(2025, 6, 2))
        early = self._draft("Cy Early", D(2023, 2, 1))
        middle = self._draft("Di Middle", D(2024, 9, 30))
        (late | early | middle).action_confirm()
        in_date_order = early | middle | late
        self.assertEqual([s.name.split("/")[1] for s in in_date_order], ["2023", "2024", "2025"])
        names = [serial(s.name) for s in in_date_order]
        self.assertEqual(names, sorted(names))
        operations = self.env["coop.share.operation"].search(
            [("subscription_id", "in", in_date_order.ids)]
        )
        operations = operations.sorted(lambda op: (op.date, op.id))
        self.assertEqual(operations.mapped("date"), [D(2023, 2, 1), D(2024, 9, 30), D(2025, 6, 2)])
        numbers = [serial(op.name) for op in operations]
        self.assertEqual(numbers, sorted(numbers), "the register's numbers follow its dates")
        certificates = [serial(op.certificate_number) for op in operations]
        self.assertEqual(certificates, sorted(certificates))

    def test_patronage_allocation_takes_its_year(self):
        allocation = self.env["coop.patronage.allocation"].create(
            {"company_id": self.company.id, "date_from": D(2023, 1, 1), "date_to": D(2023, 12, 31)}
        )
        self.assertRegex(allocation.name, r"^PAT/2023/\d{3}$")
