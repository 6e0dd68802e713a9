"""Reading a ranked ballot as it was marked (paper, or a cast-vote record
exported by another system). Pure functions, no ORM.

A raw ballot is the list of its rank columns, first choice first:

- a candidate (any value naming one), or ``UNDECLARED_WRITE_IN`` for a name
  written in that is not a declared candidate;
- ``SKIPPED`` (None): nothing marked at that rank;
- ``OVERVOTE``: several candidates marked at the same rank.

``read_ballot`` turns it into the ranking that is counted, the way published
ranked-choice rules read a ballot (the options are those of RCTab, the
open-source tabulator many US jurisdictions use, and keep its names):

- an overvote is passed over (``alwaysSkipToNextRank``) or stops the ballot
  (``exhaustImmediately``);
- the ballot stops when its next mark comes after more than k consecutive
  skipped ranks; blank ranks before the first mark count too. With k = 1,
  ``A, -, B`` reaches B but ``A, -, -, B`` stops after A;
- a candidate ranked again is a rank that cannot count any more, or, with
  ``exhaustOnDuplicateCandidate``, stops the ballot;
- ranks beyond the number of rank columns the ballot had are not read.

Each rule is checked where the reading reaches a mark, so the reading of a
ballot never depends on which candidates are still in the race: the counted
ranking is decided once, before the count.
"""

from dataclasses import dataclass

SKIPPED = None
OVERVOTE = "__overvote__"
UNDECLARED_WRITE_IN = "__uwi__"

SKIP_OVERVOTE = "alwaysSkipToNextRank"
EXHAUST_AT_OVERVOTE = "exhaustImmediately"


@dataclass(frozen=True)
class ReadingRules:
    overvote: str = SKIP_OVERVOTE  # alwaysSkipToNextRank | exhaustImmediately
    max_skipped_ranks: int | None = 1  # k; None: any number of skipped ranks
    exhaust_on_duplicate: bool = False
    max_rankings: int | None = None  # rank columns read; None: all
    # When the cast-vote record marks an overvote with a label (rather than
    # listing the candidates), RCTab compares that label like a candidate:
    # under exhaust_on_duplicate a second overvote is a repeat.
    overvote_label_repeats: bool = False

    def __post_init__(self):
        if self.overvote not in (SKIP_OVERVOTE, EXHAUST_AT_OVERVOTE):
            raise ValueError(
                f"Overvote rule {self.overvote!r} cannot be applied: use "
                f"{SKIP_OVERVOTE!r} or {EXHAUST_AT_OVERVOTE!r}."
            )
        if self.max_skipped_ranks is not None and self.max_skipped_ranks < 0:
            raise ValueError("The number of skipped ranks allowed cannot be negative.")


def rules_from_rctab(rules):
    """``ReadingRules`` from the rules of an RCTab contest configuration
    (strings kept as strings: "unlimited", "max", "3"...)."""
    skipped = str(rules.get("maxSkippedRanksAllowed", "1")).strip().lower()
    rankings = str(rules.get("maxRankingsAllowed", "max")).strip().lower()
    return ReadingRules(
        overvote=rules.get("overvoteRule", SKIP_OVERVOTE),
        max_skipped_ranks=None if skipped in ("unlimited", "") else int(skipped),
        exhaust_on_duplicate=bool(rules.get("exhaustOnDuplicateCandidate", False)),
        max_rankings=None if rankings in ("max", "") else int(rankings),
        overvote_label_repeats=bool(rules.get("overvoteLabel")),
    )


def read_ballot(marks, rules=ReadingRules()):
    """The ranking counted from a ballot's rank columns ``marks``: a tuple of
    candidates (``UNDECLARED_WRITE_IN`` included), first choice first, each
    at most once; empty when nothing on the ballot can count."""
    ranking = []
    seen = set()
    last_marked = 0  # rank number of the last mark read
    limit = len(marks) if rules.max_rankings is None else min(len(marks), rules.max_rankings)
    for rank in range(1, limit + 1):
        mark = marks[rank - 1]
        if mark is SKIPPED:
            continue
        if rules.max_skipped_ranks is not None and rank - last_marked > rules.max_skipped_ranks + 1:
            break
        last_marked = rank
        if mark == OVERVOTE:
            if rules.exhaust_on_duplicate and rules.overvote_label_repeats:
                if mark in seen:
                    break
                seen.add(mark)
            if rules.overvote == EXHAUST_AT_OVERVOTE:
                break
            continue
        if mark in seen:
            if rules.exhaust_on_duplicate:
                break
            continue
        seen.add(mark)
        ranking.append(mark)
    return tuple(ranking)
