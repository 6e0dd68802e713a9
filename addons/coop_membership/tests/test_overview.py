"""The managers' Co-op overview: tiles whose figures are the lists they
open, counted as the reader (their companies and rights), shown only to
co-op managers."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CoopCase


@tagged("post_install", "-at_install")
class TestOverview(CoopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._membership("Ova Associate")
        cls._membership("Oli Licensed", state="licensed")
        cls._membership("Oc Candidate", state="candidate")
        cls._member("Om Member")
        cls._member("Ob Member")
        gone = cls._member("Of Former")
        gone._coop_transition("former", reason="resigned")
        # Another co-op's member, not the manager's to count.
        elsewhere = cls.env["res.company"].create({"name": "Elsewhere Co-op"})
        cls._membership("El Sewhere", state="candidate", company=elsewhere)
        cls.manager = cls._user("overview_manager", cls._manager_groups())
        cls.clerk = cls._user("overview_clerk", cls.env.ref("coop_membership.group_coop_user"))
        cls.Tile = cls.env["coop.overview.tile"]

    def _tile(self, xmlid, user=None):
        return self.env.ref(xmlid).with_user(user or self.manager)

    def _listed(self, tile):
        """The records of the list the tile opens, as its reader sees them."""
        action = tile.action_open()
        return tile.env[action["res_model"]].search(action["domain"])

    def test_members_by_state(self):
        tile = self._tile("coop_membership.overview_tile_members")
        listed = self._listed(tile)
        self.assertEqual(tile.value, 5)
        self.assertEqual(tile.value, len(listed))
        self.assertEqual(set(listed.mapped("company_id")), {self.company})
        self.assertNotIn("former", listed.mapped("state"))
        self.assertEqual(
            tile.note,
            "Associate (pre-licensed): 1 \u00b7 Licensed clinician: 1 \u00b7 "
            "Candidate member: 1 \u00b7 Member-owner: 2",
        )
        self.assertEqual(tile.value_display, "5")
        action = tile.action_open()
        self.assertEqual(action["res_model"], "coop.membership")
        self.assertEqual((action["name"], action["display_name"]), ("Members", "Members"))

    def test_candidates_are_flagged(self):
        tile = self._tile("coop_membership.overview_tile_candidates")
        self.assertEqual((tile.value, tile.tone), (1, "warning"))
        self.assertEqual(tile.value, len(self._listed(tile)))
        self.assertEqual(self._listed(tile).partner_id.name, "Oc Candidate")

    def test_figures_follow_the_companies_in_use(self):
        """With a second co-op allowed, the same tile counts both."""
        elsewhere = self.env["res.company"].search([("name", "=", "Elsewhere Co-op")])
        self.manager.write({"company_ids": [(4, elsewhere.id)]})
        tile = self.env.ref("coop_membership.overview_tile_candidates").with_user(self.manager)
        both = tile.with_context(allowed_company_ids=[self.company.id, elsewhere.id])
        self.assertEqual(both.value, 2)
        self.assertEqual(both.value, len(self._listed(both)))
        self.assertEqual(tile.with_context(allowed_company_ids=[self.company.id]).value, 1)

    def test_only_managers_see_the_overview(self):
        action = self.env.ref("coop_membership.action_coop_overview")
        menu = self.env.ref("coop_membership.menu_coop_overview")
        for user in (self.manager, self.clerk):
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            self.assertEqual(menu.id in visible, user == self.manager, user.login)
            self.assertEqual(
                bool(action.groups_id & user.groups_id), user == self.manager, user.login
            )
        with self.assertRaises(AccessError):
            self.Tile.with_user(self.clerk).search([])
        with self.assertRaises(AccessError):
            self.env.ref("coop_membership.overview_tile_members").with_user(self.clerk).read(
                ["value"]
            )
        with self.assertRaises(AccessError):
            self.env.ref("coop_membership.overview_tile_members").with_user(self.manager).write(
                {"method": "_coop_overview_candidates"}
            )
        # The overview is the first entry of the Co-op menu for a manager.
        root = self.env.ref("coop_membership.menu_coop_root")
        visible = self.env["ir.ui.menu"].with_user(self.manager)._visible_menu_ids()
        first = root.child_id.filtered(lambda m: m.id in visible).sorted("sequence")[:1]
        self.assertEqual(first, menu)

    def test_a_tile_of_other_groups_or_unreadable_records_shows_nothing(self):
        hidden = self.Tile.create(
            {
                "name": "For the administrators",
                "res_model": "coop.membership",
                "method": "_coop_overview_members",
                "group_ids": [(4, self.env.ref("base.group_system").id)],
            }
        )
        unreadable = self.Tile.create(
            {
                "name": "System parameters",
                "res_model": "ir.config_parameter",
                "method": "_coop_overview_parameters",
            }
        )
        tiles = self.Tile.with_user(self.manager).search([])
        self.assertNotIn(hidden, tiles)
        self.assertIn(unreadable, tiles)
        mine = unreadable.with_user(self.manager)
        self.assertEqual((mine.value, mine.value_display, mine.note), (0, "", ""))
        with self.assertRaises(UserError):
            mine.action_open()
        with self.assertRaises(AccessError):
            hidden.with_user(self.manager).read(["value"])

    def test_a_tile_reads_only_overview_methods(self):
        with self.assertRaises(UserError):
            self.Tile.create({"name": "Unlink", "res_model": "coop.membership", "method": "unlink"})

    def _queries_to_read(self, tiles):
        tiles.invalidate_recordset()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        tiles.read(["value_display", "note", "tone"])
        return self.env.cr.sql_log_count - before

    def test_the_overview_reads_in_queries_that_do_not_grow_with_the_register(self):
        """The figures are counted in the database (read_group and
        search_count): more members, the same queries."""
        tiles = self.env.ref("coop_membership.overview_tile_members").with_user(
            self.manager
        ) | self.env.ref("coop_membership.overview_tile_candidates").with_user(self.manager)
        self._queries_to_read(tiles)  # warm the caches of the registry
        before = self._queries_to_read(tiles)
        for i in range(6):
            self._membership(f"Extra Candidate {i}", state="candidate")
        self.env.flush_all()
        self.assertEqual(self._queries_to_read(tiles), before)
        self.assertEqual(tiles[1].value, 7)
        self.assertLessEqual(before, 8)
