"""Tallies by hand-made cases from the bylaws and by properties."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..lib import ranked, tally

CA_MAJORITY = tally.Rules(quorum_ratio=0.5, quorum_strict=True)
UK_ORDINARY = tally.Rules(
    quorum_ratio=0.5,
    quorum_strict=False,
    quorum_min_members=2,
    threshold_ratio=0.5,
    threshold_strict=True,
)
UK_SPECIAL = tally.Rules(
    quorum_ratio=0.5,
    quorum_strict=False,
    quorum_min_members=2,
    threshold_ratio=0.75,
    threshold_strict=False,
)


@tagged("post_install", "-at_install", "coop_pure")
class TestYesNoTally(BaseCase):
    def test_a_tie_is_lost_and_the_chair_has_no_casting_vote(self):
        result = tally.yes_no(UK_ORDINARY, 10, 10, ["yes"] * 5 + ["no"] * 5)
        self.assertTrue(result.quorum_met)
        self.assertFalse(result.adopted)
        self.assertEqual(result.reasons[-1]["code"], "threshold")
        self.assertTrue(result.reasons[-1]["tie_lost"])
        self.assertEqual(result.reasons[-1]["votes_for"], 5)
        self.assertEqual(result.reasons[-1]["base"], 10)

    def test_special_resolution_needs_three_quarters(self):
        self.assertTrue(tally.yes_no(UK_SPECIAL, 4, 4, ["yes"] * 3 + ["no"]).adopted)
        self.assertFalse(tally.yes_no(UK_SPECIAL, 5, 5, ["yes"] * 3 + ["no"] * 2).adopted)

    def test_quorum_majority_of_members(self):
        # California sample: a majority of members.
        result = tally.yes_no(CA_MAJORITY, 10, 5, ["yes"] * 5)
        self.assertFalse(result.quorum_met)
        self.assertFalse(result.adopted)
        self.assertEqual(
            result.reasons[0],
            {
                "code": "quorum",
                "met": False,
                "attending": 5,
                "base": 10,
                "ratio": 0.5,
                "strict": True,
                "min_members": 0,
            },
        )
        self.assertEqual(result.reasons[1], {"code": "no_quorum"})
        self.assertTrue(tally.yes_no(CA_MAJORITY, 10, 6, ["yes"] * 6).adopted)

    def test_uk_quorum_is_the_greater_of_two_members_or_half(self):
        self.assertTrue(tally.yes_no(UK_ORDINARY, 3, 2, ["yes", "yes"]).quorum_met)
        self.assertFalse(tally.yes_no(UK_ORDINARY, 2, 1, ["yes"]).quorum_met)

    def test_abstentions_counted_or_not(self):
        ballots = ["yes"] * 3 + ["no"] * 2 + ["abstain"] * 2
        self.assertTrue(tally.yes_no(CA_MAJORITY, 7, 7, ballots).adopted)
        counted = tally.Rules(abstentions_count=True)
        self.assertFalse(tally.yes_no(counted, 7, 7, ballots).adopted)

    def test_modified_consensus_with_fallback(self):
        rules = tally.Rules(consensus=True, consensus_fallback_ratio=0.75)
        self.assertTrue(tally.yes_no(rules, 5, 5, ["yes"] * 4 + ["abstain"]).adopted)
        blocked = tally.yes_no(rules, 10, 10, ["yes"] * 8 + ["block", "no"])
        self.assertTrue(blocked.adopted)
        self.assertEqual(
            blocked.reasons[1],
            {"code": "no_consensus", "blocks": 1, "objections": 1, "ratio": 0.75},
        )
        self.assertFalse(tally.yes_no(rules, 10, 10, ["yes"] * 7 + ["block"] * 3).adopted)

    def test_two_thirds_stored_as_a_decimal(self):
        rules = tally.Rules(threshold_ratio=0.6667, threshold_strict=False)
        self.assertTrue(tally.yes_no(rules, 3, 3, ["yes", "yes", "no"]).adopted)
        self.assertFalse(tally.yes_no(rules, 5, 5, ["yes"] * 3 + ["no"] * 2).adopted)

    def test_threshold_of_all_eligible_members(self):
        expulsion = tally.Rules(
            threshold_basis="eligible", threshold_ratio=0.75, threshold_strict=False
        )
        self.assertFalse(tally.yes_no(expulsion, 12, 8, ["yes"] * 8).adopted)
        self.assertTrue(tally.yes_no(expulsion, 12, 9, ["yes"] * 9).adopted)


@tagged("post_install", "-at_install", "coop_pure")
class TestRankedTally(BaseCase):
    def test_instant_runoff_round_by_round(self):
        ballots = [["A", "B"]] * 4 + [["B", "C"]] * 3 + [["C", "B"]] * 2
        result = tally.instant_runoff(CA_MAJORITY, 9, 9, ballots, ["A", "B", "C"])
        self.assertEqual(result.elected, ["B"])
        self.assertEqual(result.rounds[0]["counts"], {"A": 4.0, "B": 3.0, "C": 2.0})
        self.assertEqual(result.rounds[0]["eliminated"], "C")
        self.assertEqual(result.rounds[1]["counts"], {"A": 4.0, "B": 5.0})
        self.assertEqual(result.rounds[1]["elected"], ["B"])

    def test_exhausted_ballots_drop_out(self):
        ballots = [["A"]] * 3 + [["B"]] * 2 + [["C"]] * 2
        result = tally.instant_runoff(CA_MAJORITY, 7, 7, ballots, ["A", "B", "C"])
        self.assertEqual(result.elected, ["A"])
        self.assertEqual(result.rounds[-1]["exhausted"], 2.0)
        self.assertEqual(len(result.tie_breaks), 1, "B and C tied for last")
        self.assertEqual(result.tie_breaks[0]["rule"], "seeded draw")

    def test_tie_broken_by_the_previous_round(self):
        ballots = [["A"]] * 6 + [["B"]] * 4 + [["C"]] * 3 + [["D", "C"]] * 1
        result = tally.instant_runoff(tally.Rules(quorum_ratio=0), 14, 14, ballots, list("ABCD"))
        # Round 1: D is last; round 2: B 4 and C 4 tie; C had fewer in round 1.
        self.assertEqual(result.rounds[0]["eliminated"], "D")
        self.assertEqual(result.rounds[1]["counts"], {"A": 6.0, "B": 4.0, "C": 4.0})
        self.assertEqual(result.tie_breaks[0]["rule"], "previous round")
        self.assertEqual(result.rounds[1]["eliminated"], "C")
        self.assertEqual(result.elected, ["A"])

    def test_tie_broken_by_the_most_recent_round_where_they_differ(self):
        # Round 1: A 10, B 5, C 6, D 3, E 2: E goes, B gets 2.
        # Round 2: A 10, B 7, C 6, D 3: D goes, C gets 1 (2 ballots exhaust).
        # Round 3: A 10, B 7, C 7: B and C tie. B had fewer in round 1, C had
        # fewer in round 2, the most recent round where they differ: C goes.
        ballots = (
            [["A"]] * 10 + [["B"]] * 5 + [["C"]] * 6 + [["D", "C"]] + [["D"]] * 2 + [["E", "B"]] * 2
        )
        result = tally.instant_runoff(tally.Rules(quorum_ratio=0), 26, 26, ballots, list("ABCDE"))
        self.assertEqual([r.get("eliminated") for r in result.rounds], ["E", "D", "C", None])
        self.assertEqual(result.rounds[2]["counts"], {"A": 10, "B": 7, "C": 7})
        self.assertEqual(
            result.tie_breaks,
            [
                {
                    "stage": "round 3",
                    "tied": ["B", "C"],
                    "rule": "previous round",
                    "round": 2,
                    "chosen": "C",
                }
            ],
        )
        self.assertEqual(result.elected, ["A"])

    def test_tie_narrowed_back_round_by_round(self):
        # Round 1: A 20, B 5, C 6, D 7, E 3, G 2, H 4: G goes (C +1).
        # Round 2: B 5, C 7, D 7, E 3, H 4: E goes (B +3).
        # Round 3: B 8, C 7, D 7, H 4: H goes (C +1, D +1).
        # Round 4: A 20, B 8, C 8, D 8 tie. Round 3 leaves C and D (7), round 2
        # does not separate them, round 1 does: C (6) goes. B, the fewest in
        # round 1 (the earliest round), is not the one. C's ballots exhaust.
        # Round 5: A 20 of 36 is a majority.
        ballots = (
            [["A"]] * 20
            + [["B"]] * 5
            + [["C"]] * 6
            + [["D"]] * 7
            + [["E", "B"]] * 3
            + [["G", "C"], ["G"]]
            + [["H", "C"], ["H", "D"], ["H"], ["H"]]
        )
        result = tally.instant_runoff(tally.Rules(quorum_ratio=0), 47, 47, ballots, list("ABCDEGH"))
        self.assertEqual([r.get("eliminated") for r in result.rounds], ["G", "E", "H", "C", None])
        self.assertEqual(result.rounds[3]["counts"], {"A": 20, "B": 8, "C": 8, "D": 8})
        self.assertEqual(
            [(t["tied"], t["rule"], t["round"], t["chosen"]) for t in result.tie_breaks],
            [(["B", "C", "D"], "previous round", 1, "C")],
        )
        self.assertEqual(result.elected, ["A"])

    def test_seeded_draw_is_reproducible_and_recorded(self):
        ballots = [["A"], ["B"], ["C"], ["A"]]
        first = tally.instant_runoff(
            tally.Rules(quorum_ratio=0), 4, 4, ballots, ["A", "B", "C"], seed="s1"
        )
        again = tally.instant_runoff(
            tally.Rules(quorum_ratio=0), 4, 4, ballots, ["A", "B", "C"], seed="s1"
        )
        self.assertEqual(first.tie_breaks, again.tie_breaks)
        self.assertEqual(first.tie_breaks[0]["tied"], ["B", "C"])

    def test_single_transferable_vote_droop(self):
        ballots = [["A", "B"]] * 5 + [["C"]] * 3 + [["B"]] * 1
        result = tally.single_transferable_vote(
            tally.Rules(quorum_ratio=0), 9, 9, ballots, ["A", "B", "C"], seats=2
        )
        # Droop quota 9 // 3 + 1 = 4: A is elected with a surplus of 1 that
        # moves to B at 1/5 a ballot; B (2) is then eliminated; C fills the seat.
        self.assertEqual(result.elected, ["A", "C"])
        self.assertEqual(result.rounds[0]["elected"], ["A"])
        self.assertAlmostEqual(result.rounds[1]["counts"]["B"], 2.0)

    def test_stv_two_winners_in_one_round_each_move_their_own_surplus(self):
        # 13 votes, 3 seats: Droop quota 13 // 4 + 1 = 4. Round 1: A 6, B 5,
        # C 1, D 1: A and B are elected together. A's surplus (2) moves A's
        # six ballots at 2/6 each to C (B, elected, is passed over): C 1 + 2 = 3;
        # B's surplus (1) moves B's five ballots at 1/5 each to D: D 1 + 1 = 2.
        ballots = [["A", "B", "C"]] * 6 + [["B", "D"]] * 5 + [["C"]] + [["D"]]
        result = tally.single_transferable_vote(
            tally.Rules(quorum_ratio=0), 13, 13, ballots, list("ABCD"), seats=3
        )
        self.assertEqual(result.rounds[0]["elected"], ["A", "B"])
        self.assertEqual(result.elected, ["A", "B", "C"])
        self.assertEqual(result.rounds[1]["eliminated"], "D")
        self.assertEqual(result.tallies[1], {"A": 4, "B": 4, "C": 3, "D": 2})

    def test_stv_a_winner_without_surplus_keeps_only_their_own_ballots(self):
        # Quota 4 again (13 votes). A 6 and B 4 reach it in round 1. B has no
        # surplus, A's two move to C at 1/3 a ballot: C 1 + 2 = 3 beats D 2.
        ballots = [["A", "B", "C"]] * 6 + [["B"]] * 4 + [["C"]] + [["D"]] * 2
        result = tally.single_transferable_vote(
            tally.Rules(quorum_ratio=0), 13, 13, ballots, list("ABCD"), seats=3
        )
        self.assertEqual(result.elected, ["A", "B", "C"])
        self.assertEqual(result.tallies[1], {"A": 4, "B": 4, "C": 3, "D": 2})

    def test_stv_quota_counts_valid_votes_not_empty_ballots(self):
        # 14 valid votes, 2 seats: quota 14 // 3 + 1 = 5. A 8 is elected, the
        # surplus of 3 reaches B: 2 + 3 = 5, elected. Four empty ballots are
        # not votes: the quota stays 5 and B is still elected (with a quota of
        # 18 // 3 + 1 = 7, B would get 1 and lose to C).
        ballots = [["A", "B"]] * 8 + [["C"]] * 4 + [["B"]] * 2
        rules = tally.Rules(quorum_ratio=0)
        plain = tally.single_transferable_vote(rules, 18, 18, ballots, list("ABC"), seats=2)
        padded = tally.single_transferable_vote(
            rules, 18, 18, ballots + [[]] * 4, list("ABC"), seats=2
        )
        self.assertEqual(plain.elected, ["A", "B"])
        self.assertEqual(padded.elected, ["A", "B"])
        self.assertEqual(padded.rounds[0]["quota"], 5)
        self.assertEqual(padded.tallies, plain.tallies)

    def test_invalid_ranked_ballots(self):
        with self.assertRaisesRegex(ValueError, "duplicate"):
            tally.instant_runoff(CA_MAJORITY, 1, 1, [["A", "A"]], ["A", "B"])
        with self.assertRaisesRegex(ValueError, "unknown.*Z"):
            tally.instant_runoff(CA_MAJORITY, 1, 1, [["Z"]], ["A", "B"])
        self.assertEqual(tally.validate_ranking(["B", "A"], ["A", "B"]), None)
        self.assertEqual(
            tally.validate_ranking(["B", "Z", "Y"], ["A", "B"]),
            {"code": "unknown", "candidates": ["Z", "Y"]},
        )

    def test_approval(self):
        result = tally.approval(CA_MAJORITY, 3, 3, [{"A", "B"}, {"B"}, {"C", "B"}], ["A", "B", "C"])
        self.assertEqual(result.elected, ["B"])
        self.assertEqual(result.counts, {"A": 1, "B": 3, "C": 1})


@tagged("post_install", "-at_install", "coop_pure")
class TestRankedCountOptions(BaseCase):
    """Counts under other published rules (imported elections)."""

    def test_undeclared_write_ins_go_first_even_before_a_majority(self):
        ballots = [(["A"], 6), (["W", "B"], 1), (["B"], 3)]
        counted = ranked.count(ballots, ["A", "B"], options=ranked.Options(write_ins=("W",)))
        self.assertEqual(counted.rounds[0]["eliminated"], "W")
        self.assertNotIn("elected", counted.rounds[0])
        self.assertEqual(counted.tallies[1], {"A": 6, "B": 4})
        self.assertEqual(counted.elected, ["A"])

    def test_ties_by_candidate_order(self):
        ballots = [(["A"], 3), (["B"], 2), (["C", "A"], 2)]
        counted = ranked.count(
            ballots, list("ABC"), options=ranked.Options(tie_order=("A", "C", "B"))
        )
        self.assertEqual(counted.rounds[0]["eliminated"], "B")
        self.assertEqual(counted.tie_breaks[0]["rule"], "candidate order")

    def test_vote_arithmetic_to_four_decimal_places_truncates(self):
        # 12 votes, 2 seats: quota 5. A (7) passes 2 to B at 2/7 a ballot:
        # exactly 2, or 7 x 0.2857 = 1.9999 when each value is cut to 4 places.
        ballots = [(["A", "B"], 7), (["C"], 2), (["B"], 3)]
        exact = ranked.count(ballots, list("ABC"), 2)
        self.assertEqual(exact.tallies[1]["B"], 5)
        self.assertEqual(exact.rounds[1]["elected"], ["B"])
        cut = ranked.count(ballots, list("ABC"), 2, options=ranked.Options(decimals=4))
        self.assertEqual(cut.tallies[1]["B"], Fraction("4.9999"))
        self.assertEqual(cut.rounds[1]["eliminated"], "C")
        self.assertEqual(cut.elected, ["A", "B"])

    def test_hare_quota_and_one_winner_per_round(self):
        ballots = [(["A", "C"], 6), (["B", "C"], 6), (["C"], 1), (["D"], 2)]
        hare = ranked.count(ballots, list("ABCD"), 2, options=ranked.Options(quota="hare"))
        self.assertEqual(hare.rounds[0]["quota"], 8)  # 15 / 2, rounded up
        self.assertEqual(hare.rounds[0]["eliminated"], "C")
        # Droop quota 6: A and B both reach it; one winner per round elects
        # A (listed first of the two tied), then B in the next round.
        once = ranked.Options(one_winner_per_round=True, tie_order=tuple("ABCD"))
        counted = ranked.count(ballots, list("ABCD"), 3, options=once)
        self.assertEqual(counted.rounds[0]["elected"], ["A"])
        self.assertEqual(counted.tie_breaks[0]["decides"], "elected")
        self.assertEqual(counted.rounds[1]["elected"], ["B"])


OPEN = tally.Rules(quorum_ratio=0)
rankings = st.lists(
    st.permutations(["A", "B", "C", "D"]).flatmap(
        lambda p: st.integers(1, 4).map(lambda n, p=p: list(p[:n]))
    ),
    min_size=1,
    max_size=40,
)


@tagged("post_install", "-at_install", "coop_pure")
class TestRankedProperties(BaseCase):
    @settings(database=None, deadline=None, max_examples=200)
    @given(rankings)
    def test_irv_invariants(self, ballots):
        rules = tally.Rules(quorum_ratio=0)
        result = tally.instant_runoff(rules, len(ballots), len(ballots), ballots, list("ABCD"))
        self.assertEqual(len(result.elected), 1)
        for round_ in result.rounds:
            total = sum(round_["counts"].values()) + round_["exhausted"]
            self.assertAlmostEqual(total, len(ballots))
        final = result.rounds[-1]["counts"]
        winner = result.elected[0]
        self.assertGreaterEqual(final[winner], max(final.values()))
        # Majority criterion: a majority of first choices wins at once.
        firsts = [b[0] for b in ballots]
        for candidate in "ABCD":
            if firsts.count(candidate) * 2 > len(ballots):
                self.assertEqual(result.elected, [candidate])
                self.assertEqual(len(result.rounds), 1)

    @settings(database=None, deadline=None, max_examples=100)
    @given(rankings, st.integers(1, 3))
    def test_stv_fills_the_seats_once(self, ballots, seats):
        rules = tally.Rules(quorum_ratio=0)
        result = tally.single_transferable_vote(
            rules, len(ballots), len(ballots), ballots, list("ABCD"), seats
        )
        self.assertEqual(len(result.elected), seats)
        self.assertEqual(len(set(result.elected)), seats)
        for round_ in result.rounds:
            self.assertLessEqual(sum(round_["counts"].values()), len(ballots) + 1e-9)

    @settings(database=None, deadline=None, max_examples=150)
    @given(rankings)
    def test_irv_never_elects_the_condorcet_loser(self, ballots):
        # A candidate who loses head to head to every other one (a ballot
        # prefers X to Y when it ranks X and ranks Y lower or not at all).
        def prefer(x, y):
            return sum(1 for b in ballots if x in b and (y not in b or b.index(x) < b.index(y)))

        result = tally.instant_runoff(OPEN, len(ballots), len(ballots), ballots, list("ABCDE"))
        for loser in "ABCDE":
            if all(
                prefer(other, loser) > prefer(loser, other) for other in "ABCDE" if other != loser
            ):
                self.assertNotEqual(result.elected, [loser])

    @settings(database=None, deadline=None, max_examples=150)
    @given(rankings)
    def test_irv_never_elects_a_candidate_nobody_ranked(self, ballots):
        result = tally.instant_runoff(OPEN, len(ballots), len(ballots), ballots, list("ABCDE"))
        ranked_somewhere = {c for b in ballots for c in b}
        self.assertIn(result.elected[0], ranked_somewhere)

    @settings(database=None, deadline=None, max_examples=100)
    @given(rankings, st.integers(1, 6))
    def test_stv_elects_as_many_as_seats_allow(self, ballots, seats):
        result = tally.single_transferable_vote(
            OPEN, len(ballots), len(ballots), ballots, list("ABCDE"), seats
        )
        self.assertEqual(len(result.elected), min(seats, 5))
        self.assertEqual(len(set(result.elected)), len(result.elected))

    @settings(database=None, deadline=None, max_examples=100)
    @given(rankings, st.integers(2, 4))
    def test_stv_quota_and_votes_kept(self, ballots, seats):
        result = tally.single_transferable_vote(
            OPEN, len(ballots), len(ballots), ballots, list("ABCDE"), seats
        )
        quota = len(ballots) // (seats + 1) + 1
        # More than seats quotas cannot exist: quota * (seats + 1) > votes.
        self.assertGreater(quota * (seats + 1), len(ballots))
        for number, round_ in enumerate(result.rounds):
            self.assertEqual(round_["quota"], quota)
            standing = len(round_["counts"])
            open_seats = seats - len(round_.get("elected_before", {}))
            for winner in round_.get("elected", []):
                if standing > open_seats:  # elected by the quota, not as the last ones left
                    self.assertGreaterEqual(result.tallies[number][winner], quota)
            # An elected candidate keeps at most the quota; no vote is made
            # or lost: held + kept + exhausted = every vote (exact transfers).
            for kept in round_.get("elected_before", {}).values():
                self.assertLessEqual(kept, quota)
            held = sum(result.tallies[number].values())  # exact
            self.assertAlmostEqual(float(held) + round_["exhausted"], len(ballots))

    @settings(database=None, deadline=None, max_examples=100)
    @given(rankings, st.integers(1, 3), st.randoms(use_true_random=False), st.integers(1, 5))
    def test_ballot_order_and_empty_ballots_change_nothing(self, ballots, seats, rng, empty):
        shuffled = list(ballots)
        rng.shuffle(shuffled)
        shuffled += [[]] * empty
        first = tally.single_transferable_vote(OPEN, 99, 99, ballots, list("ABCDE"), seats, "s")
        again = tally.single_transferable_vote(OPEN, 99, 99, shuffled, list("ABCDE"), seats, "s")
        self.assertEqual(first.elected, again.elected)
        self.assertEqual(first.tallies, again.tallies)
        self.assertEqual(first.tie_breaks, again.tie_breaks)


@tagged("post_install", "-at_install", "coop_pure")
class TestBallotWords(BaseCase):
    def test_ballots_as_data_for_words(self):
        names = {1: "Ada", 2: "Bo"}
        self.assertEqual(tally.describe_ballot({"choice": "abstain"}, names), ("choice", "abstain"))
        self.assertEqual(
            tally.describe_ballot({"approvals": [2, 1]}, names), ("approvals", ["Bo", "Ada"])
        )
        self.assertEqual(tally.describe_ballot({"approvals": []}, names), ("approvals", []))
        self.assertEqual(
            tally.describe_ballot({"ranking": [2, 1]}, names), ("ranking", ["Bo", "Ada"])
        )

    def test_running_count(self):
        self.assertEqual(
            tally.running_count([{"choice": "yes"}, {"choice": "no"}, {"choice": "yes"}]),
            {"yes": 2, "no": 1},
        )
        self.assertEqual(
            tally.running_count([{"approvals": [1, 2]}, {"approvals": [2]}]), {1: 1, 2: 2}
        )
        # Ranked ballots: first preferences only; an empty ranking counts nowhere.
        self.assertEqual(
            tally.running_count([{"ranking": [2, 1]}, {"ranking": [1]}, {"ranking": []}]),
            {2: 1, 1: 1},
        )
