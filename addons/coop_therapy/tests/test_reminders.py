"""People are told: the supervisor when a week is submitted, the associate
and the co-op manager when a registration nears its end, both people of a
week worked without supervision; each reminder once, by the jobs as Odoo's
scheduler runs them, and closed only by the person it is for."""

import json

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import format_date

from .test_licensure import ATTESTATION, LicensureCase

OUR_MODULES = (
    "coop_membership",
    "coop_capital",
    "coop_capital_governance",
    "coop_capital_reporting",
    "coop_governance",
    "coop_therapy",
    "coop_membership_timesheet",
)


@tagged("post_install", "-at_install")
class TestReminders(LicensureCase):
    def _of_type(self, record, xmlid):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("activity_type_id", "=", self.env.ref(xmlid).id),
            ]
        )

    def _daily(self):
        """The licensure job, run as the scheduler runs it (its own user)."""
        self.env.ref("coop_therapy.ir_cron_coop_licensure_daily").method_direct_trigger()

    def test_submitting_asks_the_supervisor_and_signing_closes_it(self):
        week = self._week_of_twelve(user=self.associate_user).week_id
        week.with_user(self.associate_user).action_submit()
        to_sign = self._of_type(week, "coop_therapy.mail_activity_type_week_to_sign")
        self.assertEqual(to_sign.user_id, self.supervisor_user)
        self.assertIn("Ava Associate submitted the week of", to_sign.note)
        self.assertIn(format_date(self.env, week.week_start), to_sign.note)
        # The supervisor finds it among the weeks to sign.
        action = self.env.ref("coop_therapy.action_coop_hour_week_to_sign")
        self.assertIn("search_default_mine_to_sign", action.context)
        Week = self.env["coop.hour.week"].with_user(self.supervisor_user)
        self.assertEqual(
            Week.search(
                [("state", "=", "submitted"), ("supervisor_user_id", "=", self.supervisor_user.id)]
            ),
            week,
        )
        week.with_user(self.supervisor_user).action_sign(attestation=ATTESTATION)
        self.assertFalse(to_sign.exists())

    def test_returning_a_week_removes_the_request_and_opens_it_again(self):
        week = self._week_of_twelve(user=self.associate_user).week_id
        week.with_user(self.associate_user).action_submit()
        for user in (self.associate_user, self.other_user, self.manager_user):
            with self.assertRaises(AccessError):
                week.with_user(user).action_return()
        week.with_user(self.supervisor_user).action_return()
        self.assertEqual(week.state, "draft")
        self.assertFalse(self._of_type(week, "coop_therapy.mail_activity_type_week_to_sign"))
        self.assertIn(
            self.associate_user.partner_id, week.message_ids[:1].partner_ids, "she is told"
        )
        with self.assertRaisesRegex(UserError, "Only a submitted week"):
            week.with_user(self.supervisor_user).action_return()
        week.with_user(self.associate_user).action_submit()
        self.assertEqual(
            len(self._of_type(week, "coop_therapy.mail_activity_type_week_to_sign")), 1
        )

    def test_an_associate_cannot_close_her_supervisors_to_do(self):
        week = self._week_of_twelve(user=self.associate_user).week_id
        week.with_user(self.associate_user).action_submit()
        to_sign = self._of_type(week, "coop_therapy.mail_activity_type_week_to_sign")
        mine = to_sign.with_user(self.associate_user)
        with self.assertRaises(AccessError):
            mine.action_feedback("done")
        with self.assertRaises(AccessError):
            mine.unlink()
        with self.assertRaises(AccessError):
            mine.write({"user_id": self.associate_user.id})
        self.assertTrue(to_sign.exists())
        # Her own reminder she may close.
        self.registration.date_expiry = self.today + relativedelta(days=20)
        self._daily()
        own = self._of_type(self.registration, "coop_therapy.mail_activity_type_registration_30")
        own = own.filtered(lambda a: a.user_id == self.associate_user)
        own.with_user(self.associate_user).action_feedback("Renewal sent")
        self.assertFalse(own.exists())

    def test_registration_reminders_once_per_threshold(self):
        manager = self.company._coop_manager_user()
        self.registration.date_expiry = self.today + relativedelta(days=60)
        self._daily()
        self._daily()
        ninety = self._of_type(self.registration, "coop_therapy.mail_activity_type_registration_90")
        self.assertEqual(len(ninety), 2, "one each, none more on the next run")
        self.assertEqual(ninety.user_id, self.associate_user | manager)
        self.assertIn(format_date(self.env, self.registration.date_expiry), ninety[0].note)
        self.registration.date_expiry = self.today + relativedelta(days=25)
        self._daily()
        self._daily()
        thirty = self._of_type(self.registration, "coop_therapy.mail_activity_type_registration_30")
        self.assertEqual(len(thirty), 2)
        self.assertEqual(thirty.user_id, self.associate_user | manager)
        self.assertFalse(ninety.exists().filtered("active"), "the 90-day one is closed")

    def test_a_week_without_supervision_tells_supervisor_and_associate(self):
        monday = self.monday - relativedelta(weeks=1)
        week = self._log(monday, "direct", 8).week_id
        self._log(self.monday, "direct", 4)
        self._log(self.monday, "sup_individual", 1)
        self._daily()
        self._daily()
        alerts = self._of_type(week, "coop_therapy.mail_activity_type_week_unsupervised")
        self.assertEqual(len(alerts), 2)
        self.assertEqual(alerts.user_id, self.associate_user | self.supervisor_user)
        supervised = self._log(self.monday, "direct", 1).week_id
        self.assertFalse(
            self._of_type(supervised, "coop_therapy.mail_activity_type_week_unsupervised")
        )
        self.assertTrue(self.file.alert_supervision)

    def test_every_job_of_the_suite_is_active_and_runs_twice_alike(self):
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.cron"), ("module", "in", OUR_MODULES)]
        )
        crons = self.env["ir.cron"].browse(data.mapped("res_id"))
        self.assertGreaterEqual(len(crons), 4)
        self.registration.date_expiry = self.today + relativedelta(days=20)
        self._log(self.monday - relativedelta(weeks=1), "direct", 8)
        for cron in crons:
            self.assertTrue(cron.active, cron.name)
            self.assertRegex(cron.code.strip(), r"^model\._cron_\w+\(\)$", cron.name)
            cron.method_direct_trigger()
        counted = (
            self.env["mail.activity"].search_count([]),
            self.env["mail.message"].search_count([]),
        )
        for cron in crons:
            cron.method_direct_trigger()
        self.assertEqual(
            (
                self.env["mail.activity"].search_count([]),
                self.env["mail.message"].search_count([]),
            ),
            counted,
            "a second run tells nobody anything new",
        )

    def test_an_associate_cannot_run_the_jobs(self):
        cron = self.env.ref("coop_therapy.ir_cron_coop_licensure_daily")
        with self.assertRaises(AccessError):
            cron.with_user(self.associate_user).method_direct_trigger()

    def test_kanban_cards_carry_alert_badges_and_the_projection_says_when(self):
        end = self.today + relativedelta(days=60)
        self.registration.date_expiry = end
        self._log(self.monday, "direct", 8)
        later = self.today + relativedelta(years=15)
        self.file.write({"projected_completion": later, "stage": "early"})
        self.file.invalidate_recordset()
        file = self.file.with_user(self.associate_user)
        self.assertTrue(file.alert_expiring)
        self.assertTrue(file.alert_supervision)
        self.assertTrue(file.alert_pace)
        month = format_date(self.env, later, date_format="MMMM y")
        self.assertEqual(
            file.projection_note,
            f"At this pace: {month} \u2013 after the registration ends on "
            f"{format_date(self.env, end)}; renew it or increase the hours a week.",
        )
        self.assertNotIn(later.isoformat(), file.projection_note)
        # In time: no pace badge, the month only.
        self.file.write({"projected_completion": self.today + relativedelta(days=30)})
        self.registration.date_expiry = self.today + relativedelta(years=1)
        self.file.invalidate_recordset()
        self.assertFalse(self.file.alert_pace or self.file.alert_expiring)
        self.assertTrue(self.file.projection_note.startswith("At this pace: "))
        self.assertNotIn("after", self.file.projection_note)
        kanban = self.env.ref("coop_therapy.view_coop_licensure_kanban").arch
        for name in ("alert_expiring", "alert_supervision", "alert_pace", "projection_note"):
            self.assertIn(name, kanban)

    def test_hour_logs_default_the_setting_and_refresh_progress(self):
        Log = self.env["coop.hour.log"].with_user(self.associate_user)
        defaults = Log.default_get(["licensure_id", "date", "setting"])
        self.assertEqual(defaults["licensure_id"], self.file.id)
        self.assertEqual(defaults["setting"], "Clinic")
        self.assertEqual(Log._fields["licensure_id"].string, "Associate")
        log = self._log(self.monday, "direct", 3, self.associate_user)
        self.assertEqual((self.file.logged_hours, self.file.pending_hours), (3.0, 3.0))
        log.with_user(self.associate_user).write({"hours": 5})
        self.assertEqual((self.file.logged_hours, self.file.pending_hours), (5.0, 5.0))
        self._log(self.monday, "sup_individual", 1, self.associate_user)
        self._sign(log.week_id)
        self.assertEqual((self.file.logged_hours, self.file.pending_hours), (6.0, 0.0))
        other = self._log(self.monday + relativedelta(weeks=1), "direct", 2, self.associate_user)
        self.assertEqual((self.file.logged_hours, self.file.pending_hours), (8.0, 2.0))
        other.with_user(self.associate_user).unlink()
        self.assertEqual((self.file.logged_hours, self.file.pending_hours), (6.0, 0.0))

    def test_a_supervisor_lands_on_the_weeks_to_sign(self):
        action = self.env.ref("coop_therapy.action_coop_hour_week_to_sign")
        self.assertEqual(self.supervisor_user.action_id.id, action.id)
        self.assertNotEqual(self.associate_user.action_id.id, action.id)

    def test_an_associate_lands_on_her_progress(self):
        progress = self.env.ref("coop_therapy.action_coop_my_progress")
        self.assertEqual(self.associate_user.action_id.id, progress.id)
        self.assertNotEqual(self.manager_user.action_id.id, progress.id)  # runs the register
        mine = self.env["coop.licensure"].with_user(self.associate_user).action_my_progress()
        self.assertEqual(mine["res_id"], self.file.id)
        self.assertEqual(mine["res_model"], "coop.licensure")
        # Read-only by its view (even for a manager, who may edit files),
        # not by a context the file's buttons would pass on to her hour logs.
        arch = etree.fromstring(
            self.env["coop.licensure"]
            .with_user(self.manager_user)
            .get_view(mine["views"][0][0], "form")["arch"]
        )
        self.assertEqual([arch.get(key) for key in ("create", "edit", "delete")], ["false"] * 3)
        self.assertFalse(set(mine["context"]) & {"create", "edit", "delete"})
        none = self.env["coop.licensure"].with_user(self.other_user).action_my_progress()
        self.assertNotIn("res_id", none)
        self.assertIn("You have no licensure file", none["help"])


@tagged("post_install", "-at_install")
class TestJobsOverRpc(HttpCase):
    def test_no_job_method_is_callable_over_rpc(self):
        """The jobs' methods are private: a logged-in associate's JSON-RPC
        call is refused before it runs."""
        self.authenticate("associate", "associate")
        for model, method in (
            ("coop.licensure", "_cron_daily"),
            ("coop.share.subscription", "_cron_overdue_activities"),
            ("coop.proposal", "_cron_remind_voters"),
            ("coop.patronage.allocation", "_cron_cash_payment_activities"),
        ):
            response = self.url_open(
                f"/web/dataset/call_kw/{model}/{method}",
                data=json.dumps(
                    {
                        "jsonrpc": "2.0",
                        "method": "call",
                        "params": {"model": model, "method": method, "args": [], "kwargs": {}},
                    }
                ),
                headers={"Content-Type": "application/json"},
            ).json()
            self.assertEqual(response["error"]["data"]["name"], "odoo.exceptions.AccessError")
            self.assertIn("Private methods", response["error"]["data"]["message"])
