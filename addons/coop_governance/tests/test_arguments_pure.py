from hypothesis import given
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..lib import arguments


@tagged("post_install", "-at_install", "coop_pure")
class TestArgumentsPure(BaseCase):
    def test_hand_cases(self):
        for value, expected in [
            (7, 7),
            ("7", 7),
            (" 12 ", 12),
            ("abc", None),
            ("-1", None),
            (-1, None),
            (0, None),
            ("0", None),
            ("1.5", None),
            (1.5, None),
            (True, None),
            (False, None),
            (None, None),
            ("", None),
            ("²", None),
            ("٣", None),
            ([3], None),
        ]:
            with self.subTest(value=value):
                self.assertEqual(arguments.record_id(value), expected)
        self.assertEqual(arguments.id_list([3, 1]), [3, 1])
        self.assertEqual(arguments.id_list((2,)), [2])
        self.assertEqual(arguments.id_list([]), [])
        for value in (5, "12", [1, "2"], [1, None], [True], {"a": 1}, None):
            with self.subTest(value=value):
                self.assertIsNone(arguments.id_list(value))

    @given(st.integers(min_value=1))
    def test_a_positive_number_is_an_id_as_number_and_as_text(self, number):
        self.assertEqual(arguments.record_id(number), number)
        self.assertEqual(arguments.record_id(str(number)), number)

    @given(st.integers(max_value=0))
    def test_zero_and_negatives_are_never_ids(self, number):
        self.assertIsNone(arguments.record_id(number))
        self.assertIsNone(arguments.record_id(str(number)))

    @given(st.text())
    def test_text_is_an_id_only_when_it_writes_a_positive_number(self, text):
        number = arguments.record_id(text)
        if number is not None:
            self.assertEqual(str(number), text.strip().lstrip("0"))

    @given(st.lists(st.integers(min_value=1)))
    def test_lists_of_positive_numbers_are_kept_as_they_are(self, ids):
        self.assertEqual(arguments.id_list(ids), ids)

    @given(
        st.lists(st.integers(min_value=1)),
        st.one_of(st.integers(max_value=0), st.text(), st.none(), st.booleans(), st.floats()),
        st.data(),
    )
    def test_one_value_that_is_not_an_id_spoils_the_list(self, ids, intruder, data):
        position = data.draw(st.integers(min_value=0, max_value=len(ids)))
        self.assertIsNone(arguments.id_list([*ids[:position], intruder, *ids[position:]]))
