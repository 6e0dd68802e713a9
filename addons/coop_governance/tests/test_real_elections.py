"""Real elections counted round by round against their official results.

The cast-vote records and official round-by-round counts are in
``../shared/elections/`` beside the repository (its README.md explains the
fields): the 2017 Minneapolis mayoral election must be there, and every
other election file there is checked the same way. Each ballot is read under
the election's own rules (``lib/ballot_reading``), the ballots are counted
by the project's count (``lib/ranked``: one candidate eliminated per round,
undeclared write-ins first, on their own), and every official round must
match, vote for vote, the round of our count that has the same candidates
left (batch elimination in the official count skips rounds of a one at a
time count, never changes them); then the winners must match.
"""

import json
from fractions import Fraction
from pathlib import Path

from odoo.tests import BaseCase, tagged

from ..lib import ballot_reading, ranked

REPOSITORY = Path(__file__).resolve().parents[3]
ELECTIONS = REPOSITORY.parent / "shared" / "elections"
MINNEAPOLIS_2017 = "2017_minneapolis_mayor.json"
WRITE_INS = "Undeclared Write-ins"  # the official results' name for them

# RCTab settings that change the count, with the value our count follows.
SUPPORTED = {
    "winnerElectionMode": (
        "singleWinnerMajority",
        "multiWinnerAllowMultipleWinnersPerRound",
        "multiWinnerAllowOnlyOneWinnerPerRound",
    ),
    "continueUntilTwoCandidatesRemain": (False, "false"),
    "doesFirstRoundDetermineThreshold": (False, "false"),
    "minimumVoteThreshold": ("0", "", 0, None),
    "stopTabulationEarlyAfterRound": ("", None),
    "treatBlankAsUndeclaredWriteIn": (False, "false"),
}


def election_files():
    return sorted(ELECTIONS.glob("*.json"))


def exact(number):
    """An official vote count (JSON number or string) as an exact value."""
    return Fraction(number if isinstance(number, int) else str(number))


class ElectionCount:
    """One election file, read and counted the way its rules say."""

    def __init__(self, path):
        self.path = path
        self.data = json.loads(path.read_text(encoding="utf-8"))
        self.rules = self.data["rules"]
        self.seats = int(self.data.get("seats") or self.rules.get("numberOfWinners") or 1)

    def unsupported(self):
        return [
            f"{key} = {self.rules[key]!r}"
            for key, allowed in SUPPORTED.items()
            if key in self.rules and self.rules[key] not in allowed
        ]

    def ballots(self):
        """(ranking, number) pairs, each ballot read under the contest's rules;
        excluded candidates are marks that never count."""
        reading = ballot_reading.rules_from_rctab(self.rules)
        excluded = set(self.rules.get("excludedCandidates") or [])
        read = {}
        for marks, number in self.data["ballots"]:
            ranking = ballot_reading.read_ballot(marks, reading)
            if excluded:
                ranking = tuple(c for c in ranking if c not in excluded)
            read[ranking] = read.get(ranking, 0) + number
        return list(read.items())

    def count(self):
        excluded = set(self.rules.get("excludedCandidates") or [])
        candidates = [c for c in self.data["candidates"] if c not in excluded]
        tie_order = candidates if self.rules.get("tiebreakMode") == "useCandidateOrder" else None
        decimals = int(self.rules.get("decimalPlacesForVoteArithmetic") or 4)
        ballots = self.ballots()
        # The official count has a write-in line when the cast-vote records
        # have a label for write-ins (it may get no vote).
        write_in = ballot_reading.UNDECLARED_WRITE_IN
        has_write_ins = self.rules.get("undeclaredWriteInLabel") or any(
            write_in in ranking for ranking, _number in ballots
        )
        options = ranked.Options(
            tie_order=tuple(tie_order) if tie_order else None,
            write_ins=(write_in,) if has_write_ins else (),
            decimals=decimals if self.seats > 1 else None,
            quota="hare" if self.flag("hareQuota") else "droop",
            whole_quota=not self.flag("nonIntegerWinningThreshold"),
            one_winner_per_round=(
                self.rules.get("winnerElectionMode") == "multiWinnerAllowOnlyOneWinnerPerRound"
            ),
        )
        seed = str(self.rules.get("randomSeed", ""))
        return ranked.count(ballots, candidates, self.seats, seed, options)

    def flag(self, key):
        return str(self.rules.get(key, False)).lower() == "true"

    def states(self, counted):
        """Our rounds as the official results show them: write-ins under their
        official name, and, for several seats, the last state once the last
        winners keep only the quota (the surplus has nowhere to go)."""
        name = {ballot_reading.UNDECLARED_WRITE_IN: WRITE_INS}
        states = [{name.get(c, c): v for c, v in votes.items()} for votes in counted.tallies]
        if self.seats > 1:
            quota = exact(counted.rounds[-1]["quota"])
            last = set(counted.rounds[-1].get("elected", ()))
            states.append({c: min(v, quota) if c in last else v for c, v in states[-1].items()})
        return states


@tagged("post_install", "-at_install", "coop_pure")
class TestRealElections(BaseCase):
    def test_the_2017_minneapolis_mayoral_election_is_there(self):
        path = ELECTIONS / MINNEAPOLIS_2017
        self.assertTrue(
            path.is_file(),
            f"{MINNEAPOLIS_2017} is missing: this test needs the shared election data at "
            f"../shared/elections/ beside the repository (looked for {path}).",
        )
        election = ElectionCount(path)
        counted = election.count()
        self.assertEqual(counted.elected, ["Jacob Frey"])
        # The first round as published, and the write-ins eliminated first.
        self.assertEqual(election.states(counted)[0]["Jacob Frey"], 26104)
        self.assertEqual(counted.rounds[0]["eliminated"], ballot_reading.UNDECLARED_WRITE_IN)
        self.assertIn(path, election_files())

    def test_every_official_round_of_every_election(self):
        files = election_files()
        self.assertIn(ELECTIONS / MINNEAPOLIS_2017, files, f"No {MINNEAPOLIS_2017} in {ELECTIONS}.")
        for path in files:
            with self.subTest(election=path.name):
                self.check_election(ElectionCount(path))

    def check_election(self, election):
        problems = election.unsupported()
        self.assertFalse(
            problems,
            f"{election.path.name} uses rules the project's count does not follow: "
            + ", ".join(problems),
        )
        counted = election.count()
        states = election.states(counted)
        official = election.data["expected_rounds"]
        start = 0
        for number, published in enumerate(official, 1):
            left = set(published)
            match = next((i for i in range(start, len(states)) if set(states[i]) == left), None)
            self.assertIsNotNone(
                match,
                f"{election.path.name}: official round {number} ({len(left)} candidates left: "
                f"{sorted(left)}) has no round of our count with the same candidates left.",
            )
            expected = {c: exact(v) for c, v in published.items()}
            self.assertEqual(
                states[match],
                expected,
                f"{election.path.name}: official round {number} differs from round "
                f"{match + 1} of our count.",
            )
            start = match + 1
        self.assertEqual(sorted(counted.elected), sorted(election.data["expected_winners"]))
