"""Form 1099-PATR data and the year's information-return calendar
(shared/domain/capital.md, "Form 1099-PATR (US)"): the pure part.

The models read the ledger and the co-op's dated records (notices issued,
payouts paid) and give each as a :class:`LedgerItem`;
:func:`patr_rows` adds them up per recipient for one calendar year of payment
(not the patronage year). Money is in integer cents. Nothing here reads the
database. The product prepares data; it does not file.
"""

import dataclasses
import datetime

#: A recipient is reported when paid at least $10 in the calendar year
#: (1099-PATR instructions).
THRESHOLD_CENTS = 1000
#: Electronic filing is mandatory from 10 information returns of all kinds
#: together, W-2s included (T.D. 9972).
EFILE_THRESHOLD = 10

#: What a ledger line or a record counts towards.
CASH = "cash"  # a debit on 2300: a cash part paid (box 1), on the payment's date
QUALIFIED = "qualified"  # a qualified notice of allocation at face (box 1), when issued
NONQUALIFIED_REDEEMED = "redeemed"  # a non-qualified notice redeemed (box 5), when paid


@dataclasses.dataclass(frozen=True)
class LedgerItem:
    """One posted ledger line, or one dated record, as the 1099-PATR reads it.

    ``kind``: CASH, QUALIFIED or NONQUALIFIED_REDEEMED; ``cents``: for
    cash, debit - credit on 2300 (a reversed payment takes its cash back);
    for a qualified notice, its face less what an earlier issued notice it
    corrects counted (:func:`notice_items`); for a redemption, what was paid.
    ``date``: the payment's date, or the day the notice was issued (None: not
    issued yet, counted in no year). ``reversal``: the line belongs to a
    reversing entry (a correction); ``allocation_entry``: to a year-end
    allocation's entry or its reversal; ``to_payable``: a debit on 3210 whose
    entry moves it to redemption payable (2310, on exit or revolving): it
    counts when it is paid, not then."""

    partner: object
    kind: str
    cents: int
    date: datetime.date | None
    reversal: bool = False
    allocation_entry: bool = False
    to_payable: bool = False


@dataclasses.dataclass
class PatrRow:
    """One recipient's boxes, in cents."""

    partner: object
    cash: int = 0
    qualified: int = 0
    redeemed: int = 0
    withholding: int = 0

    @property
    def box1(self):
        return self.cash + self.qualified

    @property
    def box4(self):
        return self.withholding

    @property
    def box5(self):
        return self.redeemed

    @property
    def reportable(self):
        """Paid $10 or more in the year, or anything withheld."""
        return self.box1 + self.box5 >= THRESHOLD_CENTS or self.withholding > 0


def counts(item, year):
    """Whether ``item`` counts on the form of calendar ``year``, and with
    which sign: the form is per calendar year in which the notice or cash is
    issued, not the patronage year (shared/domain/capital.md, "Form
    1099-PATR"; a patron counts a qualified written notice at its stated
    amount in the year received, IRC §1385(a)). Cash paid and reversed
    payments (a reversal of a cash payment takes it back), never the
    allocation entry's own 2300 lines; qualified notices issued (never an
    allocation's reversal); redemptions of non-qualified notices when paid
    (never an allocation entry, a reversal, nor the move to 2310)."""
    if item.date is None or item.date.year != year:
        return False
    if item.kind == CASH:
        return not item.allocation_entry
    if item.kind == QUALIFIED:
        return not item.reversal
    if item.kind == NONQUALIFIED_REDEEMED:
        return not item.allocation_entry and not item.reversal and not item.to_payable
    raise ValueError(item.kind)


def notice_items(partner, chain):
    """The QUALIFIED items of one member's notices for one patronage year:
    ``chain`` lists the notice and the corrected notices that replaced it,
    oldest first, each as ``(qualified face in cents, issue date or None)``
    (a non-qualified notice has a qualified face of 0). A notice counts in
    the year it was issued; a corrected notice counts only what it changes
    from the last notice issued before it, so that a year is never counted
    twice. A notice never issued counts nothing."""
    items = []
    counted = 0
    for face, issued in chain:
        if issued is None:
            continue
        if face != counted:
            items.append(
                LedgerItem(partner, QUALIFIED, face - counted, issued, allocation_entry=True)
            )
        counted = face
    return items


def nonqualified_parts(amounts, nonqualified):
    """Spread ``nonqualified`` cents over payouts of ``amounts`` cents in
    proportion (each payout of a member's capital carries the same share of
    redeemed non-qualified notices), exact to the cent: largest remainders,
    ties to the earlier payout. ``nonqualified`` is capped at the total."""
    total = sum(amounts)
    nonqualified = max(0, min(nonqualified, total))
    if not total or not nonqualified:
        return [0] * len(amounts)
    floors = [amount * nonqualified // total for amount in amounts]
    remainders = sorted(
        range(len(amounts)),
        key=lambda index: (-(amounts[index] * nonqualified % total), index),
    )
    for index in remainders[: nonqualified - sum(floors)]:
        floors[index] += 1
    return floors


def patr_rows(items, year, withholding=None, key=None):
    """The 1099-PATR rows of calendar ``year``: one per recipient who is
    reportable, sorted by ``key(partner)`` (the partner itself when None).

    ``withholding``: {partner: cents of backup withholding} (box 4)."""
    rows = {}
    for item in items:
        if not counts(item, year):
            continue
        row = rows.setdefault(item.partner, PatrRow(item.partner))
        if item.kind == CASH:
            row.cash += item.cents
        elif item.kind == QUALIFIED:
            row.qualified += item.cents
        else:
            row.redeemed += item.cents
    for partner, cents in (withholding or {}).items():
        rows.setdefault(partner, PatrRow(partner)).withholding += cents
    reportable = [row for row in rows.values() if row.reportable]
    return sorted(reportable, key=lambda row: (key or (lambda p: p))(row.partner))


def efile_required(patr_count, w2_count, other_count=0):
    """Whether the co-op must file electronically: 10 or more information
    returns of all kinds together (T.D. 9972)."""
    return patr_count + w2_count + other_count >= EFILE_THRESHOLD


def deadlines(year):
    """The information-return calendar of payments made in ``year``:
    ``{"recipients": 31 January, "irs_paper": 28 February, "irs_electronic":
    31 March}`` of the next year. (When a date falls on a weekend or legal
    holiday the next business day is the deadline; the dates here are the
    statutory ones.)"""
    nxt = year + 1
    return {
        "recipients": datetime.date(nxt, 1, 31),
        "irs_paper": datetime.date(nxt, 2, 28),
        "irs_electronic": datetime.date(nxt, 3, 31),
    }


def cents_text(cents):
    """Cents as a plain decimal amount for a CSV: 123456 -> '1234.56'."""
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


def mask_tin(tin):
    """A TIN shown with only its last four digits (for the member's own page)."""
    digits = "".join(ch for ch in tin or "" if ch.isdigit())
    if not digits:
        return ""
    return "***-**-" + digits[-4:]
