import datetime

from odoo.tests import tagged

from .common import CoopCase, technical_names


@tagged("post_install", "-at_install")
class TestDisplayNames(CoopCase):
    def test_every_record_has_a_name_a_person_would_say(self):
        grace = self._membership("Grace Kim", state="candidate")
        transition = self.env["coop.membership.transition"].new(
            {
                "membership_id": grace.id,
                "from_state": "candidate",
                "to_state": "member",
                "date": datetime.date(2026, 11, 16),
            }
        )
        self.assertEqual(grace.display_name, "Grace Kim")
        self.assertEqual(
            self.env.ref("coop_membership.overview_tile_members").display_name, "Members"
        )
        self.assertEqual(
            grace.with_context(coop_membership_title=True).display_name,
            "Membership \u2013 Grace Kim",
        )
        self.assertEqual(
            transition.display_name,
            "Transition: Candidate member → Member-owner, 11/16/2026 \u2013 Grace Kim",
        )
        registered = grace.transition_ids.filtered(lambda t: not t.from_state)
        self.assertEqual(
            registered.display_name,
            f"Registered as Licensed clinician, {self.today:%m/%d/%Y} \u2013 Grace Kim",
        )
        self.assertEqual(
            technical_names(
                self.env,
                ["coop_membership"],
                {
                    "coop.membership": grace,
                    "coop.membership.transition": transition,
                    "coop.hour.entry": self._enter_hours(grace, 2, datetime.date(2026, 11, 16)),
                    "coop.overview.tile": self.env.ref("coop_membership.overview_tile_members"),
                },
            ),
            {},
        )
