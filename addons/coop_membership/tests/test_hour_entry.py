import datetime

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CoopCase

D = datetime.date


@tagged("post_install", "-at_install")
class TestHourEntry(CoopCase):
    """Hours worked entered with their date: a year counts only its own
    entries; the candidacy rule counts them all plus the opening balance of
    hours worked before the register kept dated entries."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grace = cls._membership("Grace Kim", eligible=False, candidacy_hours_manual=400)
        cls._enter_hours(cls.grace, 12.5, D(2025, 12, 31), "December")
        cls._enter_hours(cls.grace, 100, D(2026, 1, 1), "January")
        cls._enter_hours(cls.grace, 20, D(2026, 6, 30), "June")
        cls._enter_hours(cls.grace, 7.5, D(2026, 12, 31), "December")
        cls._enter_hours(cls.grace, 30, D(2027, 1, 1), "Next January")
        cls.member_user = new_test_user(
            cls.env, login="coop_hours_member", groups="base.group_user"
        )
        cls.member_user.partner_id = cls.grace.partner_id
        cls.clerk = new_test_user(
            cls.env, login="coop_hours_clerk", groups="coop_membership.group_coop_user"
        )

    def test_a_year_counts_its_own_entries_only(self):
        sources = self.grace._coop_hour_sources(D(2026, 1, 1), D(2026, 12, 31))
        # 100 + 20 + 7.5: not the 12.5 of 2025, the 30 of 2027, the 400 before.
        self.assertEqual(sources["entered"], {self.grace.id: 127.5})
        self.assertEqual(
            self.grace._coop_hours_worked(D(2026, 6, 30), D(2026, 6, 30)), {self.grace.id: 20.0}
        )
        self.assertEqual(
            self.grace._coop_hours_worked(D(2028, 1, 1), D(2028, 12, 31)), {self.grace.id: 0.0}
        )

    def test_opening_balance_counts_only_without_a_start_date(self):
        # Up to the end of 2025, since work start: 400 before + 12.5.
        self.assertEqual(
            self.grace._coop_hours_worked(None, D(2025, 12, 31)), {self.grace.id: 412.5}
        )
        # A year never carries the undated balance, even a year with no entry.
        self.assertEqual(
            self.grace._coop_hours_worked(D(2020, 1, 1), D(2020, 12, 31)), {self.grace.id: 0.0}
        )

    def test_candidacy_counts_the_balance_and_every_entry(self):
        # 400 + 12.5 + 100 + 20 + 7.5 + 30
        self.assertEqual(self.grace.candidacy_hours, 570.0)
        self._enter_hours(self.grace, 80, D(2026, 3, 1))
        self.assertEqual(self.grace.candidacy_hours, 650.0)
        self.assertEqual(self.grace.hour_entry_count, 6)

    def test_hours_must_be_more_than_zero(self):
        for bad in (0, -5):
            with (
                self.subTest(hours=bad),
                self.assertRaisesRegex(ValidationError, "must be more than zero"),
                self.env.cr.savepoint(),
            ):
                self._enter_hours(self.grace, bad, D(2026, 2, 1))
        entry = self.grace.hour_entry_ids[:1]
        with self.assertRaisesRegex(ValidationError, "must be more than zero"):
            entry.with_user(self.clerk).write({"hours": -1})

    def test_member_reads_own_entries_but_cannot_enter_or_change_them(self):
        other = self._membership("Otto Other", eligible=False)
        theirs = self._enter_hours(other, 5, D(2026, 2, 1))
        Entry = self.env["coop.hour.entry"].with_user(self.member_user)
        self.assertEqual(Entry.search([]), self.grace.hour_entry_ids)
        with self.assertRaises(AccessError):
            theirs.with_user(self.member_user).read(["hours"])
        with self.assertRaises(AccessError):
            Entry.create({"membership_id": self.grace.id, "hours": 99, "date": D(2026, 2, 1)})
        own = self.grace.hour_entry_ids[:1]
        with self.assertRaises(AccessError):
            own.with_user(self.member_user).write({"hours": 999})
        with self.assertRaises(AccessError):
            own.with_user(self.member_user).unlink()
        self.assertEqual(sum(self.grace.hour_entry_ids.mapped("hours")), 170.0)
        # A clerk of the register enters them.
        entry = (
            self.env["coop.hour.entry"]
            .with_user(self.clerk)
            .create({"membership_id": other.id, "hours": 3, "date": D(2026, 2, 2)})
        )
        self.assertEqual(entry.company_id, self.company)

    def test_display_name(self):
        entry = self._enter_hours(self.grace, 12.5, D(2026, 11, 16))
        self.assertEqual(entry.display_name, "Grace Kim \u2013 12.5 h \u2013 11/16/2026")
