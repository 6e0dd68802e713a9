"""The overdue-installment job in another language: its to-do is found again
by its activity type, whatever the summary says, and its note comes from the
translation (i18n/es.po)."""

from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CapitalCase


@tagged("post_install", "-at_install")
class TestCapitalInSpanish(CapitalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("es_ES")
        cls.env["ir.module.module"]._load_module_terms(["coop_capital"], ["es_ES"], overwrite=True)
        cls.overdue_type = cls.env.ref("coop_capital.mail_activity_type_share_overdue")

    def _overdue(self, name):
        start = self.today - relativedelta(months=3)
        return self._subscribe(
            self._member(name),
            mode="installments",
            installment_count=4,
            date=start,
            first_due_date=start,
        )

    def test_overdue_job_run_in_spanish_makes_one_activity(self):
        subscription = self._overdue("Ana Atrasada")
        Subscription = self.env["coop.share.subscription"].with_context(lang="es_ES")
        Subscription._cron_overdue_activities()
        Subscription._cron_overdue_activities()
        activity = subscription.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.activity_type_id, self.overdue_type)
        self.assertIn("Ana Atrasada tiene", activity.note)
        self.assertIn("de retraso en sus cuotas de participación", activity.note)
        # Its title is the type's, shown in the reader's language.
        self.assertEqual(
            activity.with_context(lang="es_ES").activity_type_id.name,
            "Cuota de participación vencida",
        )
        self.assertEqual(activity.activity_type_id.name, "Overdue share installment")
        # Paid: the same job, in English this time, closes it.
        self._pay(subscription, 1000.0)
        self.env["coop.share.subscription"]._cron_overdue_activities()
        subscription.invalidate_recordset(["activity_ids"])
        self.assertFalse(subscription.activity_ids)

    def test_a_summary_the_manager_edited_is_not_duplicated(self):
        subscription = self._overdue("Bo Edited")
        Subscription = self.env["coop.share.subscription"]
        Subscription._cron_overdue_activities()
        activity = subscription.activity_ids
        activity.summary = "Call Bo about the arrears"
        Subscription._cron_overdue_activities()
        subscription.invalidate_recordset(["activity_ids"])
        self.assertEqual(subscription.activity_ids, activity)
        self._pay(subscription, 1000.0)
        Subscription._cron_overdue_activities()
        self.assertFalse(activity.exists())

    def test_schedule_error_in_spanish(self):
        subscription = self.env["coop.share.subscription"].create(
            {
                "membership_id": self._member("Cy Schedule").id,
                "company_id": self.company.id,
                "share_class_id": self.share_class.id,
                "mode": "installments",
                "installment_count": 2,
            }
        )
        subscription.action_compute_schedule()
        subscription.installment_ids[0].amount = 400.0
        with self.assertRaisesRegex(
            UserError, r"Las cuotas suman 900\.00, no 1000\.00 \(-100\.00\)"
        ):
            subscription.with_context(lang="es_ES").action_confirm()
