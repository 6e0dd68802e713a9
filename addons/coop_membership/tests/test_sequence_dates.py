import datetime

from odoo.tests import TransactionCase, tagged

D = datetime.date


@tagged("post_install", "-at_install")
class TestSequenceDates(TransactionCase):
    """Numbers drawn for dated documents take their documents' year, in
    both implementations of a sequence and with yearly ranges."""

    def _sequence(self, **vals):
        return self.env["ir.sequence"].create(
            {"name": "Dated test", "code": "coop.test.dated", "prefix": "T/%(year)s/", "padding": 3}
            | vals
        )

    def test_each_number_takes_its_document_year(self):
        for implementation in ("standard", "no_gap"):
            with self.subTest(implementation=implementation):
                sequence = self._sequence(implementation=implementation)
                numbers = sequence._coop_next_batch(3, [D(2022, 5, 1), D(2023, 1, 9), None])
                this_year = datetime.date.today().year
                self.assertEqual(numbers, ["T/2022/001", "T/2023/002", f"T/{this_year}/003"])

    def test_yearly_ranges_restart_in_the_document_year(self):
        sequence = self._sequence(use_date_range=True, implementation="no_gap")
        numbers = sequence._coop_next_batch(3, [D(2021, 3, 1), D(2021, 8, 1), D(2019, 2, 2)])
        self.assertEqual(numbers, ["T/2021/001", "T/2021/002", "T/2019/001"])

    def test_one_date_per_number(self):
        with self.assertRaises(ValueError):
            self._sequence()._coop_next_batch(2, [D(2022, 5, 1)])
