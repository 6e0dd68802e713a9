"""Tallies: one member, one vote. Pure functions, no ORM.

Every tally takes the frozen roll (how many may vote, how many attended),
the ballots and the decision type's rules, and returns the result with its
reasons, so that the record of a vote explains itself. A reason is data --
``{"code": ..., figures}`` -- that the models put in words in the reader's
language (``coop.proposal._coop_reason_text``).

Rules (shared/domain/governance.md): quorum as a share of members or of
members present; threshold as a share of votes cast, of members present or
of all eligible members; abstentions counted or not; modified consensus
with a fallback vote; approval voting; ranked choice by instant runoff for
one seat and single transferable vote (Droop quota of the valid votes) for
several seats, counted by ``ranked``. Ties for last place are broken by the
bylaws' rule (readme/CONFIGURE.md): fewest votes in the most recent earlier
round where the tied candidates differ, then a seeded random draw recorded
with the result.
"""

from dataclasses import dataclass, field, replace
from fractions import Fraction

from . import ranked


@dataclass(frozen=True)
class Rules:
    quorum_basis: str = "members"  # members | present
    quorum_ratio: float = 0.5
    quorum_strict: bool = True  # more than the share (a majority)
    quorum_min_members: int = 0
    threshold_basis: str = "cast"  # cast | present | eligible
    threshold_ratio: float = 0.5
    threshold_strict: bool = True
    abstentions_count: bool = False
    consensus: bool = False
    consensus_fallback_ratio: float = 0.75


@dataclass
class Result:
    adopted: bool = False
    quorum_met: bool = False
    reasons: list = field(default_factory=list)  # [{"code": ..., figures}]
    counts: dict = field(default_factory=dict)
    rounds: list = field(default_factory=list)  # ranked choice: [{candidate: votes}]
    elected: list = field(default_factory=list)
    tie_breaks: list = field(default_factory=list)
    tallies: list = field(default_factory=list)  # ranked choice: exact votes per round


def adjourned(rules):
    """The rules of an adjourned meeting where "those present are a quorum"
    (governance.md, UK model): any member present makes the quorum."""
    return replace(rules, quorum_ratio=0, quorum_min_members=1)


def _share_met(value, base, ratio, strict):
    """value / base > ratio (strict) or >= ratio, in exact arithmetic. Bylaw
    shares are simple fractions: a stored 0.6667 means two thirds."""
    if base <= 0:
        return False
    ratio = Fraction(ratio).limit_denominator(100)
    return Fraction(value, base) > ratio if strict else Fraction(value, base) >= ratio


def quorum(rules, eligible, present, voted):
    """Whether the quorum is met, and why: ``(met, {"code": "quorum", "met",
    "attending", "base", "ratio", "strict", "min_members"})``."""
    base = eligible if rules.quorum_basis == "members" else present
    attending = max(present, voted)
    count_ok = _share_met(attending, base, rules.quorum_ratio, rules.quorum_strict) or (
        rules.quorum_ratio == 0
    )
    minimum_ok = attending >= rules.quorum_min_members
    met = count_ok and minimum_ok
    reason = {
        "code": "quorum",
        "met": met,
        "attending": attending,
        "base": base,
        "ratio": rules.quorum_ratio,
        "strict": rules.quorum_strict,
        "min_members": rules.quorum_min_members,
    }
    return met, reason


def yes_no(rules, eligible, present, ballots):
    """Yes / no / abstain (and "block" in a consensus process).

    :param ballots: list of "yes", "no", "abstain" or "block"
    """
    result = Result()
    counts = {choice: ballots.count(choice) for choice in ("yes", "no", "abstain", "block")}
    result.counts = counts
    result.quorum_met, reason = quorum(rules, eligible, present, len(ballots))
    result.reasons.append(reason)
    if not result.quorum_met:
        result.reasons.append({"code": "no_quorum"})
        return result
    if rules.consensus:
        if counts["block"] == 0 and counts["no"] == 0:
            result.adopted = counts["yes"] > 0
            result.reasons.append({"code": "consensus", "adopted": result.adopted})
            return result
        result.reasons.append(
            {
                "code": "no_consensus",
                "blocks": counts["block"],
                "objections": counts["no"],
                "ratio": rules.consensus_fallback_ratio,
            }
        )
        fallback = Rules(
            quorum_basis=rules.quorum_basis,
            quorum_ratio=rules.quorum_ratio,
            threshold_basis="cast",
            threshold_ratio=rules.consensus_fallback_ratio,
            threshold_strict=False,
            abstentions_count=rules.abstentions_count,
        )
        votes_for = counts["yes"]
        against = counts["no"] + counts["block"]
        return _threshold(
            fallback, result, votes_for, against, counts["abstain"], eligible, present
        )
    return _threshold(
        rules, result, counts["yes"], counts["no"], counts["abstain"], eligible, present
    )


def _threshold(rules, result, votes_for, against, abstain, eligible, present):
    if rules.threshold_basis == "eligible":
        base = eligible
    elif rules.threshold_basis == "present":
        base = max(present, votes_for + against + abstain)
    else:
        base = votes_for + against + (abstain if rules.abstentions_count else 0)
    result.adopted = _share_met(votes_for, base, rules.threshold_ratio, rules.threshold_strict)
    result.reasons.append(
        {
            "code": "threshold",
            "adopted": result.adopted,
            "votes_for": votes_for,
            "base": base,
            "ratio": rules.threshold_ratio,
            "strict": rules.threshold_strict,
            "tie_lost": rules.threshold_strict and rules.threshold_ratio == 0.5,
        }
    )
    return result


def approval(rules, eligible, present, ballots, candidates, seats=1, seed=""):
    """Approval voting: each ballot is a set of approved candidates."""
    result = Result()
    result.quorum_met, reason = quorum(rules, eligible, present, len(ballots))
    result.reasons.append(reason)
    counts = dict.fromkeys(candidates, 0)
    for ballot in ballots:
        for candidate in set(ballot):
            counts[candidate] += 1
    result.counts = counts
    result.rounds = [dict(counts)]
    if not result.quorum_met:
        return result
    order = sorted(candidates, key=lambda c: (-counts[c], c))
    elected = []
    while len(elected) < seats and order:
        best = counts[order[0]]
        tied = [c for c in order if counts[c] == best]
        if len(tied) == 1:
            chosen = tied[0]
        else:
            chosen, record = ranked.seeded_draw(tied, seed, "approval")
            result.tie_breaks.append(record)
        elected.append(chosen)
        order.remove(chosen)
    result.elected = elected
    result.adopted = bool(elected)
    result.reasons.append({"code": "elected", "elected": list(elected)})
    return result


validate_ranking = ranked.validate_ranking


def instant_runoff(rules, eligible, present, ballots, candidates, seed=""):
    """Ranked choice for one seat: eliminate the last candidate until one has
    a majority of the continuing ballots; exhausted ballots drop out."""
    return single_transferable_vote(rules, eligible, present, ballots, candidates, 1, seed)


def single_transferable_vote(rules, eligible, present, ballots, candidates, seats, seed=""):
    """Single transferable vote with the Droop quota (valid votes // (seats +
    1) + 1) and fractional transfer of surpluses (weighted inclusive
    Gregory); for one seat it is the instant runoff (the quota is a
    majority). ``ballots`` are rankings; see ``ranked`` for the count and
    its tie-break rule."""
    result = Result()
    groups = ranked.grouped(ballots, candidates)
    result.quorum_met, reason = quorum(rules, eligible, present, len(ballots))
    result.reasons.append(reason)
    if not result.quorum_met:
        return result
    counted = ranked.count(groups, candidates, seats, seed)
    result.rounds = counted.rounds
    result.tallies = counted.tallies
    result.tie_breaks = counted.tie_breaks
    result.elected = counted.elected
    result.adopted = bool(result.elected)
    if counted.blank:
        result.reasons.append({"code": "blank", "count": counted.blank})
    result.reasons.append({"code": "elected", "elected": list(result.elected)})
    return result


def describe_ballot(content, names):
    """What a ballot says, for the model to put in words: ``("choice",
    "yes")``, ``("approvals", [names])`` or ``("ranking", [names in order])``.
    ``names`` maps option ids to names."""
    if "choice" in content:
        return "choice", content["choice"]
    if "approvals" in content:
        return "approvals", [names.get(o, str(o)) for o in content["approvals"]]
    return "ranking", [names.get(o, str(o)) for o in content["ranking"]]


def running_count(contents):
    """The count so far of an open vote whose results are shown while it
    runs: choices on a yes/no ballot, approvals, or first preferences of a
    ranked ballot. Returns {key: votes}, keys being choices or option ids."""
    counts = {}
    for content in contents:
        if "choice" in content:
            keys = [content["choice"]]
        elif "approvals" in content:
            keys = content["approvals"]
        else:
            keys = content["ranking"][:1]
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    return counts


def signatures_needed(eligible, ratio):
    """Signatures a members' requisition needs: the bylaws' share of the
    members who may vote, rounded up, at least one (governance.md, California
    sample: 5% can call a special meeting, 20% can force a written ballot)."""
    if eligible <= 0:
        return 1
    share = Fraction(ratio).limit_denominator(100) * eligible
    return max(1, -(-share.numerator // share.denominator))
