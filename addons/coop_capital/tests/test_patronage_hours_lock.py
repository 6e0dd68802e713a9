"""The hours of a year whose patronage allocation is posted are closed: the
allocation counted them and its notices state them, so an hour entry dated
in that year is neither created, changed nor deleted, by anyone (a co-op
user, the lowest role that writes hours, the manager, nor server code). A
correction of the allocation (a reversal and a re-post, capital.md rule 11)
opens them again while it is a draft. Entries of another year or another
company stay open."""

import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_patronage import FY_END, FY_START, PatronageCase

D = datetime.date


@tagged("post_install", "-at_install")
class TestPatronageHoursLock(PatronageCase):
    def _post_year(self):
        self._book(120_000, D(2025, 6, 30))
        allocation = self._allocation()
        allocation.with_user(self.accountant).action_compute()
        allocation.with_user(self.accountant).action_post()
        self.assertEqual(allocation.state, "posted")
        return allocation

    def _entries(self):
        return self.env["coop.hour.entry"].search_read(
            [("company_id", "=", self.company.id)], ["membership_id", "date", "hours"]
        )

    def test_a_posted_year_closes_its_hours(self):
        allocation = self._post_year()
        a = self.members["A"]
        entry = self.env["coop.hour.entry"].search(
            [("membership_id", "=", a.id), ("date", ">=", FY_START), ("date", "<=", FY_END)],
            limit=1,
        )
        later = self.env["coop.hour.entry"].search(
            [("membership_id", "=", a.id), ("date", ">", FY_END)], limit=1
        )
        self.assertTrue(entry and later)
        before = self._entries()
        closed = f"hours worked in 2025 are closed: the patronage allocation {allocation.name}"
        Entry = self.env["coop.hour.entry"]
        for user in (self.coop_user, self.manager):
            as_user = Entry.with_user(user)
            for vals in (
                {"membership_id": a.id, "hours": 8, "date": D(2025, 3, 3)},
                # Nor an entry of 2026 moved back into 2025.
                {"membership_id": a.id, "hours": 8, "date": FY_END},
            ):
                with self.assertRaisesRegex(UserError, closed), self.env.cr.savepoint():
                    as_user.create(vals)
            for vals in ({"hours": 1}, {"date": D(2025, 2, 2)}, {"date": D(2026, 2, 2)}):
                with self.assertRaisesRegex(UserError, closed), self.env.cr.savepoint():
                    entry.with_user(user).write(vals)
            with self.assertRaisesRegex(UserError, closed), self.env.cr.savepoint():
                later.with_user(user).write({"date": D(2025, 12, 1)})
            with self.assertRaisesRegex(UserError, closed), self.env.cr.savepoint():
                entry.with_user(user).unlink()
        # Server code (the superuser) is refused too.
        with self.assertRaisesRegex(UserError, closed), self.env.cr.savepoint():
            entry.sudo().write({"hours": 1})
        # A member reads their hours and writes none.
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            entry.with_user(self.user_a).write({"hours": 1})
        self.assertEqual(self._entries(), before)
        # The next year is open; so is the note of a closed entry.
        new = Entry.with_user(self.coop_user).create(
            {"membership_id": a.id, "hours": 8, "date": D(2026, 1, 5)}
        )
        new.with_user(self.coop_user).write({"hours": 9})
        new.with_user(self.coop_user).unlink()
        entry.with_user(self.coop_user).write({"description": "Clinic hours"})

    def test_a_correction_in_progress_opens_the_year(self):
        allocation = self._post_year()
        a = self.members["A"]
        Entry = self.env["coop.hour.entry"].with_user(self.coop_user)
        vals = {"membership_id": a.id, "hours": 100, "date": D(2025, 9, 1)}
        with self.assertRaisesRegex(UserError, "start a correction"), self.env.cr.savepoint():
            Entry.create(vals)
        action = allocation.with_user(self.manager).action_correct()
        correction = self.Allocation.browse(action["res_id"])
        Entry.create(vals)
        correction.with_user(self.accountant).action_compute()
        line = correction.line_ids.filtered(lambda line: line.membership_id == a)
        self.assertEqual(line.hours, 2100)
        correction.with_user(self.accountant).action_post()
        self.assertEqual((allocation.state, correction.state), ("corrected", "posted"))
        # Posted again: closed again, by the correction.
        with (
            self.assertRaisesRegex(UserError, f"allocation {correction.name} counted"),
            self.env.cr.savepoint(),
        ):
            Entry.create(vals)

    def test_another_company_stays_open(self):
        self._post_year()
        other = self.env["res.company"].create({"name": "Other co-op"})
        self.coop_user.write({"company_ids": [(4, other.id)]})
        membership = self._membership("Other worker", company=other)
        entry = (
            self.env["coop.hour.entry"]
            .with_user(self.coop_user)
            .with_company(other)
            .create({"membership_id": membership.id, "hours": 8, "date": D(2025, 3, 3)})
        )
        self.assertEqual(entry.company_id, other)
