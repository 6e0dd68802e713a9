from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.tests import tagged

from .common import CapitalCase


@tagged("post_install", "-at_install")
class TestPaidUpFollowsTheCalendar(CapitalCase):
    """ "Paid up" is true as of today, whenever it is read or searched: an
    installment falling due tomorrow changes it without anyone writing the
    membership."""

    def test_paid_up_turns_false_the_day_after_an_unpaid_installment_falls_due(self):
        member = self._member("Pia Installments")
        start = self.today - relativedelta(months=1)
        subscription = self._subscribe(
            member, mode="installments", installment_count=3, date=start, first_due_date=start
        )
        self._pay(subscription, 666.67)
        third_due = subscription.installment_ids.sorted("due_date")[-1].due_date
        Membership = self.env["coop.membership"]
        mine = [("id", "=", member.id)]
        self.assertTrue(member.is_paid_up)
        self.assertEqual(Membership.search([*mine, ("is_paid_up", "=", True)]), member)
        with freeze_time(third_due):
            member.invalidate_recordset(["is_paid_up"])
            self.assertFalse(member.is_paid_up, "the third installment is due today, unpaid")
            self.assertEqual(Membership.search([*mine, ("is_paid_up", "=", False)]), member)
            self.assertFalse(Membership.search([*mine, ("is_paid_up", "=", True)]))
            self.assertEqual(Membership.search([*mine, ("is_paid_up", "!=", True)]), member)
        with freeze_time(third_due - relativedelta(days=1)):
            member.invalidate_recordset(["is_paid_up"])
            self.assertTrue(member.is_paid_up)
            self.assertEqual(Membership.search([*mine, ("is_paid_up", "!=", False)]), member)

    def test_reading_share_capital_drops_no_cached_holding(self):
        """The capital compute reads the register: it neither writes pending
        changes nor drops what the transaction has already read (here,
        another member's holding)."""
        first, second = self._member("Quin Capital"), self._member("Rory Capital")
        subscription = self._subscribe(first, pay=True)
        other = self._subscribe(second, pay=True)
        second._coop_refresh_holdings()
        held = self.env["coop.share.holding"].search([("membership_id", "=", second.id)])
        self.assertEqual(held.amount, other.amount)
        amount = held._fields["amount"]
        self.assertTrue(self.env.cache.contains(held, amount))
        capital = self.env["coop.membership"].browse(first.id).share_capital
        self.assertEqual(capital, subscription.amount)
        self.assertTrue(self.env.cache.contains(held, amount), "another member's holding dropped")


@tagged("post_install", "-at_install")
class TestOverdueCronBatches(CapitalCase):
    def test_overdue_subscriptions_are_handled_in_batches(self):
        start = self.today - relativedelta(months=3)
        subscriptions = self.env["coop.share.subscription"]
        for name in ("Rae Overdue", "Sid Overdue"):
            subscriptions |= self._subscribe(
                self._member(name),
                mode="installments",
                installment_count=4,
                date=start,
                first_due_date=start,
            )
        Subscription = self.env["coop.share.subscription"]
        overdue = Subscription.search(
            [("state", "=", "confirmed"), ("next_due_date", "<", self.today)]
        )
        cron = self.env.ref("coop_capital.ir_cron_coop_share_overdue")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        Job = Subscription.with_context(ir_cron_progress_id=progress.id)
        Job._cron_overdue_activities(batch_size=len(overdue) - 1)
        self.assertEqual((progress.done, progress.remaining), (len(overdue) - 1, 1))
        self.assertEqual(len(overdue.filtered("activity_ids")), len(overdue) - 1)
        Job._cron_overdue_activities(batch_size=len(overdue) - 1)
        self.assertEqual((progress.done, progress.remaining), (1, 0))
        self.assertEqual(overdue.filtered("activity_ids"), overdue)
        self.assertEqual(subscriptions.activity_ids.user_id, self.company._coop_manager_user())
        # Nothing left without an activity: the next call reads none.
        Job._cron_overdue_activities(batch_size=1)
        self.assertEqual((progress.done, progress.remaining), (0, 0))
        self.assertEqual(len(subscriptions.activity_ids), 2)
