"""Reading a ranked ballot as marked: hand cases from the published rules
(../shared/elections/README.md) and properties."""

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..lib.ballot_reading import (
    EXHAUST_AT_OVERVOTE,
    OVERVOTE,
    SKIPPED,
    UNDECLARED_WRITE_IN,
    ReadingRules,
    read_ballot,
    rules_from_rctab,
)

A, B, C = "A", "B", "C"
_ = SKIPPED
OV = OVERVOTE
LENIENT = ReadingRules(max_skipped_ranks=None)


@tagged("post_install", "-at_install", "coop_pure")
class TestBallotReading(BaseCase):
    def test_skipped_ranks(self):
        one = ReadingRules(max_skipped_ranks=1)
        self.assertEqual(read_ballot([A, _, B], one), (A, B))
        self.assertEqual(read_ballot([A, _, _, B], one), (A,))
        self.assertEqual(read_ballot([A, _, _, B], ReadingRules(max_skipped_ranks=2)), (A, B))
        self.assertEqual(read_ballot([A, _, B], ReadingRules(max_skipped_ranks=0)), (A,))
        self.assertEqual(read_ballot([A, _, _, _, _, B], LENIENT), (A, B))

    def test_skips_before_the_first_mark_count_too(self):
        one = ReadingRules(max_skipped_ranks=1)
        self.assertEqual(read_ballot([_, A], one), (A,))
        self.assertEqual(read_ballot([_, _, A], one), ())
        self.assertEqual(read_ballot([_, A], ReadingRules(max_skipped_ranks=0)), ())

    def test_overvotes(self):
        skip = ReadingRules()
        exhaust = ReadingRules(overvote=EXHAUST_AT_OVERVOTE)
        self.assertEqual(read_ballot([OV, A, B], skip), (A, B))
        self.assertEqual(read_ballot([A, OV, B], skip), (A, B))
        self.assertEqual(read_ballot([A, OV, B], exhaust), (A,))
        self.assertEqual(read_ballot([OV, A], exhaust), ())
        # An overvote is a mark: the rank after it is not a skip.
        self.assertEqual(read_ballot([A, OV, _, B], ReadingRules(max_skipped_ranks=1)), (A, B))

    def test_repeated_candidates(self):
        self.assertEqual(read_ballot([A, A, B], ReadingRules()), (A, B))
        self.assertEqual(read_ballot([A, B, A, C], ReadingRules()), (A, B, C))
        self.assertEqual(read_ballot([A, A, B], ReadingRules(exhaust_on_duplicate=True)), (A,))
        # A repeat is a mark too: A, A, -, B still reaches B with k = 1.
        self.assertEqual(read_ballot([A, A, _, B], ReadingRules()), (A, B))

    def test_undeclared_write_ins_are_read_like_a_candidate(self):
        self.assertEqual(read_ballot([UNDECLARED_WRITE_IN, A]), (UNDECLARED_WRITE_IN, A))
        strict = ReadingRules(exhaust_on_duplicate=True)
        uwi = UNDECLARED_WRITE_IN
        self.assertEqual(read_ballot([uwi, uwi, A], strict), (uwi,))

    def test_ranks_beyond_the_ballot_columns_are_not_read(self):
        self.assertEqual(read_ballot([A, B, C], ReadingRules(max_rankings=2)), (A, B))

    def test_rules_of_a_published_count(self):
        rules = rules_from_rctab(
            {
                "overvoteRule": "exhaustImmediately",
                "maxSkippedRanksAllowed": "unlimited",
                "maxRankingsAllowed": "max",
                "exhaustOnDuplicateCandidate": True,
                "overvoteLabel": "overvote",
            }
        )
        self.assertEqual(
            rules,
            ReadingRules(
                overvote=EXHAUST_AT_OVERVOTE,
                max_skipped_ranks=None,
                exhaust_on_duplicate=True,
                overvote_label_repeats=True,
            ),
        )
        self.assertEqual(rules_from_rctab({"maxSkippedRanksAllowed": "2"}).max_skipped_ranks, 2)
        with self.assertRaisesRegex(ValueError, "cannot be applied"):
            rules_from_rctab({"overvoteRule": "exhaustIfMultipleContinuing"})

    def test_a_repeated_overvote_label_is_a_repeat(self):
        labelled = ReadingRules(exhaust_on_duplicate=True, overvote_label_repeats=True)
        self.assertEqual(read_ballot([A, OV, OV, B], labelled), (A,))
        unlabelled = ReadingRules(exhaust_on_duplicate=True)
        self.assertEqual(read_ballot([A, OV, OV, B], unlabelled), (A, B))


MARKS = [A, B, C, "D", SKIPPED, OVERVOTE, UNDECLARED_WRITE_IN]
marks = st.lists(st.sampled_from(MARKS), max_size=8)
reading_rules = st.builds(
    ReadingRules,
    overvote=st.sampled_from(["alwaysSkipToNextRank", EXHAUST_AT_OVERVOTE]),
    max_skipped_ranks=st.one_of(st.none(), st.integers(0, 3)),
    exhaust_on_duplicate=st.booleans(),
    max_rankings=st.one_of(st.none(), st.integers(0, 8)),
    overvote_label_repeats=st.booleans(),
)


def is_prefix(short, long):
    return tuple(long[: len(short)]) == tuple(short)


@tagged("post_install", "-at_install", "coop_pure")
class TestBallotReadingProperties(BaseCase):
    @settings(database=None, deadline=None, max_examples=150)
    @given(marks, reading_rules)
    def test_what_is_read_is_candidates_once_in_the_voters_order(self, ballot, rules):
        read = read_ballot(ballot, rules)
        self.assertNotIn(SKIPPED, read)
        self.assertNotIn(OVERVOTE, read)
        self.assertEqual(len(set(read)), len(read))
        # In the voter's order: the first time each was marked.
        firsts = [m for i, m in enumerate(ballot) if m not in (SKIPPED, OVERVOTE)]
        firsts = [m for i, m in enumerate(firsts) if m not in firsts[:i]]
        self.assertTrue(is_prefix(read, firsts))

    @settings(database=None, deadline=None, max_examples=150)
    @given(marks, reading_rules)
    def test_every_rule_reads_a_part_of_what_the_most_lenient_reads(self, ballot, rules):
        # Any rule can only stop a ballot earlier, never reorder or add.
        self.assertTrue(is_prefix(read_ballot(ballot, rules), read_ballot(ballot, LENIENT)))

    @settings(database=None, deadline=None, max_examples=150)
    @given(marks, st.integers(0, 3))
    def test_allowing_more_skips_reads_at_least_as_far(self, ballot, k):
        fewer = read_ballot(ballot, ReadingRules(max_skipped_ranks=k))
        more = read_ballot(ballot, ReadingRules(max_skipped_ranks=k + 1))
        self.assertTrue(is_prefix(fewer, more))

    @settings(database=None, deadline=None, max_examples=150)
    @given(marks, marks, reading_rules)
    def test_later_ranks_never_change_what_earlier_ranks_gave(self, ballot, more, rules):
        self.assertTrue(is_prefix(read_ballot(ballot, rules), read_ballot(ballot + more, rules)))

    @settings(database=None, deadline=None, max_examples=100)
    @given(st.permutations([A, B, C, "D"]), st.integers(0, 4), reading_rules)
    def test_a_clean_ballot_reads_as_marked(self, order, length, rules):
        ballot = list(order[:length])
        limit = length if rules.max_rankings is None else min(length, rules.max_rankings)
        self.assertEqual(read_ballot(ballot, rules), tuple(ballot[:limit]))

    @settings(database=None, deadline=None, max_examples=100)
    @given(marks, st.integers(0, 3), st.integers(0, 3))
    def test_more_leading_blanks_than_allowed_read_nothing(self, ballot, k, extra):
        blanks = [SKIPPED] * (k + 1 + extra)
        self.assertEqual(read_ballot(blanks + ballot, ReadingRules(max_skipped_ranks=k)), ())
