"""The therapy co-op's tiles on the managers' overview (weeks to sign,
registrations expiring, this week's sessions) and the smart buttons of the
licensure file and the membership: each figure is the list it opens."""

from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from .test_licensure import LicensureCase


@tagged("post_install", "-at_install")
class TestTherapyOverview(LicensureCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.overseer = cls._user("therapy_overview_manager", cls._manager_groups())
        cls.expiring = cls.env["coop.license"].create(
            {
                "employee_id": cls._membership("Ex Piring").employee_id.id,
                "path_id": cls.path.id,
                "number": "AMFT 2",
                "date_issue": cls.today - relativedelta(months=6),
                "date_expiry": cls.today + relativedelta(days=30),
            }
        )

    def _tile(self, xmlid):
        return self.env.ref(xmlid).with_user(self.overseer)

    def _listed(self, env, action):
        return env[action["res_model"]].search(action["domain"])

    def test_weeks_to_sign(self):
        week = self._week_of_twelve().week_id
        tile = self._tile("coop_therapy.overview_tile_weeks_to_sign")
        self.assertEqual((tile.value, tile.tone), (0, "ok"))
        week.with_user(self.associate_user).action_submit()
        tile.invalidate_recordset()
        self.assertEqual(self._listed(tile.env, tile.action_open()), week)
        self.assertEqual((tile.value, tile.tone), (1, "warning"))

    def test_registrations_expiring(self):
        tile = self._tile("coop_therapy.overview_tile_registrations_expiring")
        listed = self._listed(tile.env, tile.action_open())
        self.assertEqual(listed, self.expiring)
        self.assertEqual((tile.value, tile.tone), (1, "warning"))

    def test_sessions_this_week_is_its_list(self):
        tile = self._tile("coop_therapy.overview_tile_caseload")
        rows = self._listed(tile.env, tile.action_open())
        self.assertEqual(tile.value, sum(rows.mapped("session_count")))
        self.assertEqual(set(rows.mapped("coop_state")) - {"scheduled", "attended"}, set())

    def test_smart_buttons_count_their_lists(self):
        self._week_of_twelve()
        file = self.file.with_user(self.overseer)
        self.assertEqual((file.log_count, file.week_count, file.license_count), (3, 1, 1))
        for count, method in (
            ("log_count", "action_view_logs"),
            ("week_count", "action_view_weeks"),
            ("license_count", "action_view_licenses"),
        ):
            self.assertEqual(len(self._listed(file.env, getattr(file, method)())), file[count])
        membership = (
            self.env["coop.membership"]
            .search([("employee_id", "=", self.associate.id)])
            .with_user(self.overseer)
        )
        self.assertEqual(membership.licensure_count, 1)
        action = membership.action_view_licensure()
        self.assertEqual((action["res_model"], action["res_id"]), ("coop.licensure", self.file.id))

    def test_the_progress_views_load(self):
        views = (
            self.env["coop.licensure"]
            .with_user(self.overseer)
            .get_views(
                [
                    (False, "kanban"),
                    (False, "list"),
                    (False, "pivot"),
                    (False, "graph"),
                    (False, "search"),
                ]
            )
        )
        self.assertEqual(len(views["views"]), 5)
