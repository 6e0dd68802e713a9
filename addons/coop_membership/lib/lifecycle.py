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
    """Return None when ``from_state -> to_state`` is allowed, else what is
    wrong, as data for the caller to put in words in the user's language:
    ``{"code": "unknown_state" | "ended" | "not_allowed", "from_state",
    "to_state", "allowed": (states reachable from from_state)}``."""
    error = {"from_state": from_state, "to_state": to_state, "allowed": ()}
    if from_state not in STATE_LABELS or to_state not in STATE_LABELS:
        return dict(error, code="unknown_state")
    if to_state in ALLOWED_TRANSITIONS[from_state]:
        return None
    if from_state == "former":
        return dict(error, code="ended")
    return dict(error, code="not_allowed", allowed=ALLOWED_TRANSITIONS[from_state])


def suspended_on(day, flag, date_start, date_end):
    """Whether a suspension flagged ``flag`` with the given dates covers ``day``.

    A suspension without an end date lasts until it is lifted.
    """
    if not flag or not date_start:
        return False
    if day < date_start:
        return False
    return date_end is None or day <= date_end


# How far back a change of state may be dated (a year and a day): the
# register may catch up on a late decision, not rewrite old history.
MAX_DAYS_BACK = 366


def effective_date_error(day, today, previous=None, max_days_back=MAX_DAYS_BACK):
    """None when a change of state may take effect on ``day``, else what is
    wrong, as data: ``{"code": "future"}``, ``{"code": "before_previous",
    "previous": date}`` (before the membership's last change) or
    ``{"code": "too_old", "days": max_days_back}`` (``max_days_back`` None:
    no limit, for the register's own history written by server code)."""
    if day > today:
        return {"code": "future"}
    if previous and day < previous:
        return {"code": "before_previous", "previous": previous}
    if max_days_back is not None and (today - day).days > max_days_back:
        return {"code": "too_old", "days": max_days_back}
    return None
