"""Bylaw sets: the decision types a co-op starts with.

Numbers come from shared/domain/governance.md:
- "ca": California worker-co-op sample bylaws (SELC/EBCLC, Arizmendi-derived):
  quorum a majority of members; modified consensus falling back to 3/4;
  expulsion 75% of members at a meeting with quorum; notice 10 to 90 days;
  written ballots sent at least 10 days before their closing date; no
  proxies.
- "uk": Co-operatives UK model worker co-op articles (2012): quorum the
  greater of 2 members or 50%, proxies counted; ordinary > 50% of votes
  cast, special 75%, entrenched 100%; 14 clear days' notice (21 for an
  expulsion); at most 5 proxies per holder; without quorum after 30 minutes
  the meeting adjourns, and at the adjourned meeting those present are a
  quorum.

Both sets count ranked-choice votes the same way (lib/ranked.py,
readme/CONFIGURE.md): instant runoff for one seat, single transferable vote
with the Droop quota of the valid votes for several. A tie for last place
eliminates the candidate with the fewest votes in the most recent earlier
round where the tied candidates' votes differed; when no earlier round
separates them, a seeded random draw, recorded with the result.
"""

CA = [
    {
        "code": "ordinary",
        "name": "Ordinary decision (modified consensus)",
        "quorum_basis": "members",
        "quorum_ratio": 0.5,
        "quorum_strict": True,
        "consensus": True,
        "consensus_fallback_ratio": 0.75,
        "threshold_ratio": 0.75,
        "threshold_basis": "cast",
        "notice_min_days": 10,
        "notice_max_days": 90,
        "ballot_min_days": 10,
        "proxies_allowed": False,
    },
    {
        "code": "admission",
        "name": "Admission of a member",
        "quorum_basis": "members",
        "quorum_ratio": 0.5,
        "quorum_strict": True,
        "consensus": True,
        "consensus_fallback_ratio": 0.75,
        "threshold_ratio": 0.75,
        "threshold_basis": "cast",
        "notice_min_days": 10,
        "notice_max_days": 90,
        "ballot_min_days": 10,
        "proxies_allowed": False,
    },
    {
        "code": "expulsion",
        "name": "Expulsion of a member",
        "quorum_basis": "members",
        "quorum_ratio": 0.5,
        "quorum_strict": True,
        "consensus": False,
        "threshold_ratio": 0.75,
        "threshold_basis": "present",
        "meeting_required": True,  # "75% of members at a meeting with quorum"
        "notice_min_days": 15,
        "notice_max_days": 90,
        "ballot_min_days": 10,
        "proxies_allowed": False,
    },
    {
        "code": "director_removal",
        "name": "Removal of a director without cause",
        "quorum_basis": "members",
        "quorum_ratio": 0.5,
        "quorum_strict": True,
        "consensus": False,
        "threshold_ratio": 0.75,
        "threshold_basis": "cast",
        "notice_min_days": 10,
        "notice_max_days": 90,
        "ballot_min_days": 10,
        "proxies_allowed": False,
    },
]

UK = [
    {
        "code": "ordinary",
        "name": "Ordinary resolution",
        "quorum_basis": "members",
        "quorum_ratio": 0.5,
        "quorum_strict": False,
        "quorum_min_members": 2,
        "consensus": False,
        "threshold_ratio": 0.5,
        "threshold_strict": True,
        "threshold_basis": "cast",
        "notice_min_days": 14,
        "notice_max_days": 0,
        "proxies_allowed": True,
        "proxy_cap": 5,
        "adjourn_after_minutes": 30,
        "adjourned_quorum_present": True,
    },
    {
        "code": "special",
        "name": "Special resolution",
        "quorum_basis": "members",
        "quorum_ratio": 0.5,
        "quorum_strict": False,
        "quorum_min_members": 2,
        "consensus": False,
        "threshold_ratio": 0.75,
        "threshold_basis": "cast",
        "notice_min_days": 14,
        "notice_max_days": 0,
        "proxies_allowed": True,
        "proxy_cap": 5,
        "adjourn_after_minutes": 30,
        "adjourned_quorum_present": True,
    },
    {
        "code": "entrenched",
        "name": "Entrenched clause (one member, one vote)",
        "quorum_basis": "members",
        "quorum_ratio": 0.5,
        "quorum_strict": False,
        "quorum_min_members": 2,
        "consensus": False,
        "threshold_ratio": 1.0,
        "threshold_basis": "cast",
        "notice_min_days": 14,
        "notice_max_days": 0,
        "proxies_allowed": True,
        "proxy_cap": 5,
        "adjourn_after_minutes": 30,
        "adjourned_quorum_present": True,
    },
    {
        "code": "expulsion",
        "name": "Expulsion of a member",
        "quorum_basis": "members",
        "quorum_ratio": 0.5,
        "quorum_strict": False,
        "quorum_min_members": 2,
        "consensus": False,
        "threshold_ratio": 0.75,
        "threshold_basis": "cast",
        "notice_min_days": 21,
        "notice_max_days": 0,
        "proxies_allowed": True,
        "proxy_cap": 5,
        "adjourn_after_minutes": 30,
        "adjourned_quorum_present": True,
    },
]

SETS = {"ca": CA, "uk": UK}
SET_NAMES = [
    ("ca", "California worker co-op sample bylaws"),
    ("uk", "Co-operatives UK model worker co-op articles"),
]
