"""Membership lifecycle: which state may follow which.

associate (pre-licensed) -> licensed clinician -> candidate member
-> member-owner -> former member. Anyone may leave (become a former member);
a candidacy may be withdrawn (candidate -> licensed clinician). A former
membership is closed for good: someone who comes back gets a new membership.
"""

STATES = [
    ("associate", "Associate (pre-licensed)"),
    ("licensed", "Licensed clinician"),
    ("candidate", "Candidate member"),
    ("member", "Member-owner"),
    ("former", "Former member"),
]
STATE_LABELS = dict(STATES)

EXIT_REASONS = [
    ("resigned", "Resigned"),
    ("expelled", "Expelled"),
    ("deceased", "Deceased"),
]

ALLOWED_TRANSITIONS = {
    "associate": ("licensed", "former"),
    "licensed": ("candidate", "former"),
    "candidate": ("member", "licensed", "former"),
    "member": ("former",),
    "former": (),
}

# A new membership starts as an associate or a licensed clinician; candidacy,
# admission and exit are transitions, with their checks and their history.
INITIAL_STATES = ("associate", "licensed")


def transition_error(from_state, to_state):
    """Return None when ``from_state -> to_state`` is allowed, else a sentence
    a co-op admin understands."""
    if from_state not in STATE_LABELS or to_state not in STATE_LABELS:
        return f"Unknown membership state: {from_state!r} -> {to_state!r}."
    if to_state in ALLOWED_TRANSITIONS[from_state]:
        return None
    if from_state == "former":
        return (
            "This membership has ended. Someone who comes back to the co-op "
            "gets a new membership record."
        )
    allowed = ", ".join(STATE_LABELS[s] for s in ALLOWED_TRANSITIONS[from_state])
    return (
        f"A membership cannot go from {STATE_LABELS[from_state]} to "
        f"{STATE_LABELS[to_state]}. From {STATE_LABELS[from_state]} it can go to: "
        f"{allowed}."
    )


def suspended_on(day, flag, date_start, date_end):
    """Whether a suspension flagged ``flag`` with the given dates covers ``day``.

    A suspension without an end date lasts until it is lifted.
    """
    if not flag or not date_start:
        return False
    if day < date_start:
        return False
    return date_end is None or day <= date_end
