"""Self-pay invoicing and the client's portal: plain rules, no ORM.

- which session of a period goes on which client's invoice (one invoice per
  client and period, each session and client once, nothing without a fee);
- whether a client may still cancel a session themself (outside the co-op's
  late-cancellation window, shared/domain/scheduling.md);
- the week a portal page shows (Monday to Sunday)."""

import datetime
from collections import namedtuple

# States a self-pay client is billed for (shared/domain/scheduling.md: late
# cancellations and no-shows may carry a fee billed to the client).
BILLED_STATES = ("attended", "late_cancelled", "no_show")

Charge = namedtuple("Charge", "session client fee state start")


def invoice_groups(charges, invoiced):
    """The charges to invoice, grouped by client: ``{client: [Charge, ...]}``
    ordered by start, for the charges in a billed state with a positive fee
    whose (session, client) pair is not in ``invoiced``. A pair appears at
    most once even when given twice."""
    seen = set(invoiced)
    groups = {}
    for charge in sorted(charges, key=lambda c: (c.start, c.session, c.client)):
        pair = (charge.session, charge.client)
        if charge.state not in BILLED_STATES or charge.fee <= 0 or pair in seen:
            continue
        seen.add(pair)
        groups.setdefault(charge.client, []).append(charge)
    return groups


def client_may_cancel(start, now, window_hours):
    """A client cancels a session themself only while it is at least
    ``window_hours`` away; inside the window they call the practice (the
    late-cancel fee is the practice's call)."""
    return start - now >= datetime.timedelta(hours=window_hours)


def week_start(day):
    """The Monday of ``day``'s week."""
    return day - datetime.timedelta(days=day.weekday())


def week_of(text, today):
    """The Monday of the week a portal page asks for (``YYYY-MM-DD``, any
    day of the week), this week's when the text is empty or not a date."""
    try:
        day = datetime.date.fromisoformat(text) if text else today
    except (TypeError, ValueError):
        day = today
    return week_start(day)
