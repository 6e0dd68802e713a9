"""Counting ranked ballots: instant runoff for one seat, single transferable
vote for several. Pure functions, no ORM.

Ballots come as (ranking, number of ballots) pairs, identical rankings
together; a ballot counts for its first candidate still in the race. Each
round either elects or eliminates; only the ballots of the candidate who
leaves move, to their next choice still in the race.

- One seat (instant runoff): a candidate with more than half of the votes
  of the round wins; otherwise the last candidate is eliminated. Votes are
  whole numbers.
- Several seats (single transferable vote): the Droop quota is
  valid votes // (seats + 1) + 1, fixed at the start; an empty ballot is
  not a vote. Every candidate who reaches the quota in a round is elected
  in that round; each winner's surplus moves only that winner's own
  ballots (as they stood at the start of the round), all of them, at that
  winner's transfer value, surplus / votes (weighted inclusive Gregory).
  The value is exact (fractions) unless ``decimals`` asks for arithmetic to
  that many decimal places, truncated, as some public rules do. When as many
  candidates are left as seats to fill, they are all elected.
- Undeclared write-ins (``write_ins``), where imported ballots have them,
  cannot win: in any round where one has votes, it is eliminated on its own
  before anything else happens.

Tie-break (the bylaws' rule, see readme/CONFIGURE.md): of the candidates
tied for last place, the one eliminated is the one with the fewest votes in
the most recent earlier round where their votes differ (when several share
those fewest votes, the same rule goes on among them, further back); when
no earlier round separates them, a seeded random draw decides, recorded with
the result (seed included) so that anyone can replay it.

``Options`` holds what some public rules do differently, to count an
imported election under its own rules: a fixed tie order (the candidate
listed last is eliminated), undeclared write-ins, arithmetic to N decimal
places, the Hare quota, a quota to the last decimal place, one winner per
round. The bylaws' count uses none of them.
"""

import hashlib
import random
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction


@dataclass
class Count:
    rounds: list = field(default_factory=list)  # for display: votes as int or float
    tallies: list = field(default_factory=list)  # exact votes per round
    elected: list = field(default_factory=list)
    tie_breaks: list = field(default_factory=list)
    valid: int = 0  # ballots ranking at least one candidate
    blank: int = 0  # ballots ranking nobody


def validate_ranking(ranking, candidates):
    """None when ``ranking`` is a valid ranked ballot, else what is wrong:
    ``{"code": "duplicate"}`` or ``{"code": "unknown", "candidates": [...]}``."""
    if len(set(ranking)) != len(ranking):
        return {"code": "duplicate"}
    unknown = [c for c in ranking if c not in candidates]
    if unknown:
        return {"code": "unknown", "candidates": unknown}
    return None


def grouped(rankings, candidates, write_ins=()):
    """Identical rankings together: [(ranking tuple, number)]; raises
    ValueError with what is wrong (``validate_ranking``) for an invalid ranking."""
    groups = Counter(map(tuple, rankings))
    known = set(candidates) | set(write_ins)
    for ranking in groups:
        error = validate_ranking(ranking, known)
        if error:
            raise ValueError(error)
    return list(groups.items())


def seeded_draw(tied, seed, stage):
    """A seeded, reproducible random draw: (chosen, its record)."""
    names = "|".join(str(c) for c in sorted(tied))
    digest = hashlib.sha256(f"{seed}|{stage}|{names}".encode()).hexdigest()
    chosen = random.Random(digest).choice(sorted(tied))
    record = {"stage": stage, "tied": sorted(tied), "rule": "seeded draw", "seed": digest}
    record["chosen"] = chosen
    return chosen, record


@dataclass(frozen=True)
class Options:
    """How a count departs from the bylaws' count, for rules that say so
    (e.g. an imported public election): all defaults are the bylaws'."""

    tie_order: tuple | None = None  # ties: the candidate listed last is eliminated
    write_ins: tuple = ()  # undeclared write-ins, eliminated first
    decimals: int | None = None  # None: exact fractions
    quota: str = "droop"  # droop: votes / (seats + 1); hare: votes / seats
    whole_quota: bool = True  # False (with decimals): to the last decimal place
    one_winner_per_round: bool = False  # only the first of several over the quota


def count(ballots, candidates, seats=1, seed="", options=Options()):
    """Count ranked ballots, given as (ranking, number of ballots) pairs, for
    ``seats`` seats among ``candidates``. Returns a ``Count``."""
    return _Tabulation(ballots, candidates, seats, seed, options).run()


def _quota(valid, seats, one, options):
    """The quota in units of ``one``: Droop is more than votes / (seats + 1)
    (rounded down, plus one unit), Hare is votes / seats (rounded up)."""
    droop = options.quota == "droop"
    divisor = seats + 1 if droop else seats
    if options.whole_quota:
        return (valid // divisor + 1) * one if droop else -(-valid // divisor) * one
    if one == 1:
        raise ValueError("A quota to the last decimal place needs a number of decimal places.")
    return valid * one // divisor + 1 if droop else -(-valid * one // divisor)


class _Tabulation:
    def __init__(self, ballots, candidates, seats, seed, options):
        tie_order, write_ins, decimals = options.tie_order, options.write_ins, options.decimals
        self.options = options
        self.candidates = list(candidates)
        self.write_ins = [w for w in write_ins if w not in self.candidates]
        known = self.candidates + self.write_ins
        self.position = {c: index for index, c in enumerate(known)}
        self.seats, self.seed = seats, seed
        self.tie_order = None
        if tie_order is not None:
            self.tie_order = {c: index for index, c in enumerate(tie_order)}
        self.one = 1 if decimals is None else 10**decimals  # a ballot's value
        self.exact = decimals is None
        merged = {}
        self.result = Count()
        for marks, number in ballots:
            ranking = tuple(marks)
            if ranking:
                merged[ranking] = merged.get(ranking, 0) + number
            else:
                self.result.blank += number
        for ranking in merged:
            error = validate_ranking(ranking, self.position)
            if error:
                raise ValueError(error)
        self.rankings = list(merged)
        self.numbers = list(merged.values())
        self.weights = [self.one] * len(self.rankings)
        self.places = [0] * len(self.rankings)  # index of the current choice
        self.piles = {c: [] for c in known}
        self.tally = dict.fromkeys(known, 0)
        for index, ranking in enumerate(self.rankings):
            self.piles[ranking[0]].append(index)
            self.tally[ranking[0]] += self.numbers[index] * self.one
        self.continuing = set(known)
        self.result.valid = sum(self.numbers)
        self.exhausted = 0
        self.kept = {}  # elected candidate: the votes they keep
        self.quota = _quota(self.result.valid, seats, self.one, options) if seats > 1 else None
        self.history = []

    # -- values ------------------------------------------------------------
    def _exact(self, value):
        value = Fraction(value, self.one) if self.one != 1 else value
        if isinstance(value, Fraction) and value.denominator == 1:
            return value.numerator
        return value

    def _shown(self, value):
        value = self._exact(value)
        return value if isinstance(value, int) else float(value)

    # -- moving ballots ----------------------------------------------------
    def _move(self, groups):
        """Give each group of ballots to its next choice still in the race."""
        continuing, piles, tally = self.continuing, self.piles, self.tally
        rankings, places, numbers, weights = self.rankings, self.places, self.numbers, self.weights
        for index in groups:
            ranking = rankings[index]
            place = places[index] + 1
            while place < len(ranking) and ranking[place] not in continuing:
                place += 1
            value = numbers[index] * weights[index]
            if place < len(ranking):
                places[index] = place
                piles[ranking[place]].append(index)
                tally[ranking[place]] += value
            else:
                self.exhausted += value

    def _eliminate(self, candidate):
        self.continuing.discard(candidate)
        self.tally.pop(candidate)
        self._move(self.piles.pop(candidate))

    def _elect(self, winners, transfer):
        """Elect ``winners`` (all of this round); with ``transfer``, move each
        one's surplus: only their own ballots, at their own transfer value."""
        self.continuing.difference_update(winners)
        self.result.elected += winners
        for winner in winners:
            votes = self.tally.pop(winner)
            groups = self.piles.pop(winner)
            self.kept[winner] = votes if self.quota is None else min(votes, self.quota)
            surplus = votes - self.quota if self.quota is not None else 0
            if not transfer or surplus <= 0:
                continue
            if self.exact:
                factor = Fraction(surplus, votes)
                for index in groups:
                    self.weights[index] *= factor
            else:
                factor = surplus * self.one // votes  # truncated, like each ballot's value
                for index in groups:
                    self.weights[index] = self.weights[index] * factor // self.one
            self._move(groups)

    # -- ties --------------------------------------------------------------
    def _break_tie(self, tied, fewest=True):
        """Of ``tied`` candidates, the one eliminated (``fewest``) or, when
        only one of them may be elected, the one elected."""
        if len(tied) == 1:
            return tied[0]
        record = {"stage": f"round {len(self.history)}", "tied": sorted(tied)}
        if not fewest:
            record["decides"] = "elected"
        if self.tie_order is not None:
            last = len(self.tie_order)
            pick = max if fewest else min
            chosen = pick(tied, key=lambda c: self.tie_order.get(c, last))
            self.result.tie_breaks.append({**record, "rule": "candidate order", "chosen": chosen})
            return chosen
        remaining = tied
        pick = min if fewest else max
        for number in range(len(self.history) - 1, 0, -1):  # earlier rounds, most recent first
            votes = self.history[number - 1]
            best = pick(votes[c] for c in remaining)
            kept = [c for c in remaining if votes[c] == best]
            if len(kept) < len(remaining):
                remaining = kept
                if len(remaining) == 1:
                    self.result.tie_breaks.append(
                        {**record, "rule": "previous round", "round": number, "chosen": kept[0]}
                    )
                    return kept[0]
        chosen, draw = seeded_draw(remaining, self.seed, record["stage"])
        if not fewest:
            draw["decides"] = "elected"
        self.result.tie_breaks.append(draw)
        return chosen

    # -- rounds ------------------------------------------------------------
    def _record(self):
        order = sorted(self.continuing, key=self.position.get)
        votes = {c: self.tally[c] for c in order}
        self.history.append(votes)
        exact = {c: self._exact(v) for c, v in self.kept.items()}
        exact.update((c, self._exact(v)) for c, v in votes.items())
        self.result.tallies.append(exact)
        round_ = {
            "counts": {c: self._shown(v) for c, v in votes.items()},
            "exhausted": self._shown(self.exhausted),
        }
        if self.kept:
            round_["elected_before"] = {c: self._shown(v) for c, v in self.kept.items()}
        if self.quota is not None:
            round_["quota"] = self._shown(self.quota)
        self.result.rounds.append(round_)
        return round_

    def run(self):
        seats = self.seats
        while True:
            round_ = self._record()
            tally = self.tally
            write_in = next((w for w in self.write_ins if w in self.continuing and tally[w]), None)
            if write_in is not None:
                round_["eliminated"] = write_in
                self._eliminate(write_in)
                continue
            open_seats = seats - len(self.result.elected)
            standing = [c for c in self.candidates if c in self.continuing]
            if len(standing) <= open_seats:
                winners = sorted(standing, key=lambda c: (-tally[c], self.position[c]))
                round_["elected"] = winners
                self._elect(winners, transfer=False)
                break
            if seats == 1:
                active = sum(tally[c] for c in self.continuing)
                winners = [c for c in standing if tally[c] * 2 > active]
            else:
                winners = [c for c in standing if tally[c] >= self.quota]
            if len(winners) > 1 and self.options.one_winner_per_round:
                most = max(tally[c] for c in winners)
                winners = [self._break_tie([c for c in winners if tally[c] == most], False)]
            if winners:
                winners.sort(key=lambda c: (-tally[c], self.position[c]))
                round_["elected"] = winners
                self._elect(winners, transfer=len(winners) < open_seats)
                if len(winners) >= open_seats:
                    break
                continue
            left = sorted(self.continuing, key=self.position.get)
            least = min(tally[c] for c in left)
            loser = self._break_tie([c for c in left if tally[c] == least])
            round_["eliminated"] = loser
            self._eliminate(loser)
        self.result.elected = self.result.elected[:seats]
        return self.result
