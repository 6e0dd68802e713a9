from dateutil.relativedelta import relativedelta

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .test_licensure import LicensureCase


@tagged("post_install", "-at_install")
class TestAssociateTour(HttpCase):
    """Grace, the demo co-op's associate, walks her daily path in the
    browser (static/tests/tours/associate_tour.js): her progress, an hour
    logged, her week submitted, her membership."""

    def test_associate_walks_her_daily_path(self):
        env = self.env
        user = env.ref("coop_therapy.user_associate")
        file = env.ref("coop_therapy.licensure_grace")
        supervisor = env.ref("coop_therapy.supervisor_maya")
        self.assertEqual(user.action_id.id, env.ref("coop_therapy.action_coop_my_progress").id)
        logged, pending, valid = file.logged_hours, file.pending_hours, file.valid_hours
        known = file.log_ids
        self.start_tour("/web", "coop_associate_tour", login="associate")
        log = file.log_ids - known
        self.assertEqual(len(log), 1)
        self.assertEqual(log.setting, "Riverbend Clinic")
        self.assertEqual(log.category_id.code, "direct")
        self.assertAlmostEqual(log.hours, 2.5)
        self.assertEqual(log.create_uid, user)
        week = log.week_id
        self.assertEqual(week.state, "submitted")
        self.assertFalse(week.signed_by_id)
        self.assertEqual(week.supervisor_id, supervisor)
        self.assertTrue(
            week.activity_ids.filtered(lambda a: a.user_id == supervisor.user_id),
            "The supervisor is asked to sign the week.",
        )
        self.assertAlmostEqual(file.logged_hours, logged + 2.5)
        self.assertAlmostEqual(file.pending_hours, pending + 2.5)
        self.assertAlmostEqual(file.valid_hours, valid)


class TestHourLogCategories(LicensureCase):
    """An hour log offers only the categories of the associate's path in force
    on the day: the paths share category names ("Supervision: individual"),
    and another path's category is refused on save."""

    def test_only_the_paths_categories_are_offered(self):
        other = self.env.ref("coop_therapy.license_path_ca_asw")._rule_on(self.today)
        file = self.file
        line = (
            self.env["coop.hour.log"]
            .with_user(self.associate_user)
            .new({"licensure_id": file.id, "date": self.monday})
        )
        allowed = line.allowed_category_ids._origin
        self.assertEqual(allowed, self.rule.category_ids)
        self.assertFalse(allowed & other.category_ids)
        same_name = other.category_ids.filtered(lambda c: c.kind == "sup_individual")
        self.assertTrue(same_name)
        self.assertIn(
            same_name.name, self.rule.category_ids.mapped("name"), "The paths share a name."
        )
        field = self.env["coop.hour.log"]._fields["category_id"]
        self.assertEqual(field.domain, "[('id', 'in', allowed_category_ids)]")
        with self.assertRaisesRegex(ValidationError, "is not a category of"):
            self.env["coop.hour.log"].with_user(self.associate_user).create(
                {
                    "licensure_id": file.id,
                    "date": self.monday,
                    "setting": "Clinic",
                    "category_id": same_name.id,
                    "hours": 1,
                    "supervisor_id": self.supervisor.id,
                }
            )


class TestLandingOfMembers(LicensureCase):
    """A member with a login lands on her membership; once she has a
    licensure file she lands on her progress, and once she supervises, on the
    weeks to sign (as the demo's associate and supervisor do)."""

    def test_a_member_lands_on_her_progress_then_her_weeks_to_sign(self):
        env = self.env
        mine = env.ref("coop_membership.action_coop_my_membership")
        membership = self._membership("Bea Member")
        user = new_test_user(
            env, login="bea_member", groups="base.group_user", partner_id=membership.partner_id.id
        )
        self.assertEqual(user.action_id.id, mine.id)
        membership.employee_id.user_id = user
        env["coop.licensure"].create(
            {"employee_id": membership.employee_id.id, "path_id": self.path.id}
        )
        self.assertEqual(user.action_id.id, env.ref("coop_therapy.action_coop_my_progress").id)

        other = self._membership("Cy Member", state="member")
        sup_user = new_test_user(
            env, login="cy_member", groups="base.group_user", partner_id=other.partner_id.id
        )
        self.assertEqual(sup_user.action_id.id, mine.id)
        other.employee_id.user_id = sup_user
        supervisor = env["coop.supervisor"].create(
            {
                "employee_id": other.employee_id.id,
                "licensed_since": self.today - relativedelta(years=6),
                "date_start": self.today - relativedelta(years=3),
                "training_hours": 15,
                "training_date": self.today - relativedelta(years=3),
            }
        )
        env["coop.supervision.agreement"].create(
            {
                "supervisor_id": supervisor.id,
                "associate_id": self.associate.id,
                "setting": "Elsewhere",
                "date_from": self.today - relativedelta(years=1),
            }
        )
        self.assertEqual(
            sup_user.action_id.id, env.ref("coop_therapy.action_coop_hour_week_to_sign").id
        )
