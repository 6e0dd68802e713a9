"""Who may vote on a record date: one member, one vote.

From shared/domain/governance.md: an active member-owner, not suspended, a
member for at least N days on the record date (and, once share capital is
tracked, paid up). Decided by the membership data, never by hand.
"""

import datetime


def state_on(transitions, day):
    """The membership state on ``day`` from its history.

    :param transitions: iterable of ``(date, order, to_state)``; ``order``
        breaks ties between changes made on the same day (e.g. the record id)
    :returns: the state after the last change on or before ``day``, or None
        when the membership did not exist yet
    """
    current = None
    for _date, _order, to_state in sorted(t for t in transitions if t[0] <= day):
        current = to_state
    return current


def member_since(transitions, day):
    """The first day of the member-owner spell that covers ``day``, or None."""
    since = None
    for date, _order, to_state in sorted(t for t in transitions if t[0] <= day):
        since = (since or date) if to_state == "member" else None
    return since


def voter_status(state, since, suspended, record_date, min_member_days=0, paid_up=None):
    """Whether a membership may vote on ``record_date``, and why not.

    :param state: membership state on the record date
    :param since: first day of the current member-owner spell (None if none)
    :param suspended: whether a suspension covers the record date
    :param min_member_days: the decision type's minimum days of membership
    :param paid_up: None when capital is not tracked; else whether the
        membership share is paid (or its installments are current)
    :returns: ``(eligible, reason)``; reason is None when eligible, else
        data for the models to put in words: ``{"code": "not_member" |
        "suspended" | "too_recent" | "not_paid_up"}``, with ``days`` and
        ``required`` for "too_recent"
    """
    if min_member_days < 0:
        raise ValueError("The minimum days of membership cannot be negative.")
    if state != "member" or since is None:
        return False, {"code": "not_member"}
    if suspended:
        return False, {"code": "suspended"}
    days = (record_date - since).days
    if days < min_member_days:
        return False, {"code": "too_recent", "days": days, "required": min_member_days}
    if paid_up is False:
        return False, {"code": "not_paid_up"}
    return True, None


def record_date_from(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    return value
