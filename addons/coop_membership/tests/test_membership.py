import datetime
from zoneinfo import ZoneInfo

import psycopg2
from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import CoopCase


@tagged("post_install", "-at_install")
class TestMembershipLifecycle(CoopCase):
    def test_full_lifecycle_keeps_dated_history(self):
        membership = self._membership("Ada Associate")
        self.assertEqual(membership.state, "associate")
        self.assertFalse(membership.register_number)
        # Each step is its own request in real life: the chatter's tracking
        # is written when a request commits (precommit hooks).
        self.env.cr.precommit.run()
        membership.action_to_licensed()
        self.env.cr.precommit.run()
        membership.action_to_candidate()
        self.env.cr.precommit.run()
        membership.action_to_member()
        self.env.cr.precommit.run()
        self.assertEqual(membership.state, "member")
        self.assertEqual(membership.date_member, self.today)
        self.assertRegex(membership.register_number, r"^M-\d{4,}$")
        number = membership.register_number

        wizard = Form(
            self.env["coop.membership.exit.wizard"].with_context(
                default_membership_id=membership.id
            )
        )
        wizard.reason = "resigned"
        wizard.note = "Moving abroad"
        wizard.save().action_confirm()
        self.assertEqual(membership.state, "former")
        self.assertEqual(membership.exit_reason, "resigned")
        self.assertEqual(membership.date_exit, self.today)
        self.assertEqual(membership.register_number, number, "numbers stay with the record")

        history = membership.transition_ids.sorted("id")
        self.assertEqual(
            [(h.from_state, h.to_state) for h in history],
            [
                (False, "associate"),
                ("associate", "licensed"),
                ("licensed", "candidate"),
                ("candidate", "member"),
                ("member", "former"),
            ],
        )
        self.assertEqual(history.user_id, self.env.user)
        self.assertEqual(set(history.mapped("date")), {self.today})
        self.env.cr.precommit.run()
        self.assertEqual(history[-1].reason, "resigned")
        # The chatter tracks the state too.
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "coop.membership"),
                ("mail_message_id.res_id", "=", membership.id),
                ("field_id.name", "=", "state"),
            ]
        )
        self.assertEqual(len(tracked), 4)

    def test_wrong_transitions_are_refused_and_nothing_is_written(self):
        membership = self._membership("Ben Associate")
        count = len(membership.transition_ids)
        with self.assertRaisesRegex(UserError, "cannot go from Associate"):
            membership.action_to_member()
        with self.assertRaisesRegex(UserError, "cannot go from Associate"):
            membership.action_to_candidate()
        self.assertEqual(membership.state, "associate")
        self.assertEqual(len(membership.transition_ids), count)
        self.assertFalse(membership.register_number)

    def test_former_membership_is_closed(self):
        membership = self._membership("Cleo Former", state="member")
        membership._coop_transition("former", reason="deceased")
        with self.assertRaisesRegex(UserError, "new membership"):
            membership.action_to_candidate()
        self.assertEqual(membership.state, "former")

    def test_state_is_not_written_directly(self):
        membership = self._membership("Dan Direct")
        with self.assertRaisesRegex(UserError, "buttons"):
            membership.write({"state": "member"})
        self.assertEqual(membership.state, "associate")

    def test_ending_needs_a_reason(self):
        membership = self._membership("Eve Reasonless", state="member")
        with self.assertRaisesRegex(UserError, "Say why"):
            membership._coop_transition("former")
        self.assertEqual(membership.state, "member")

    def test_admission_needs_the_candidacy_rule(self):
        membership = self._membership(
            "Finn Early", state="candidate", eligible=False, candidacy_hours_manual=100
        )
        with self.assertRaisesRegex(
            UserError,
            r"^Admission refused: Finn Early does not meet the co-op's candidacy rule yet "
            r"\(650 hours and 6 months of work\): Needs 550 more hours and \d+ more days "
            r"\(until \d\d/\d\d/\d{4}\)\.$",
        ):
            membership.action_to_member()
        self.assertEqual(membership.state, "candidate")
        self.assertFalse(membership.register_number)

    def test_batch_transition_is_all_or_nothing(self):
        ready = self._membership("Gil Ready", state="candidate")
        early = self._membership("Hal Early", state="candidate", eligible=False)
        with self.assertRaises(UserError):
            (ready | early).action_to_member()
        self.assertEqual((ready | early).mapped("state"), ["candidate", "candidate"])
        self.assertFalse(ready.register_number)

    def test_withdrawn_candidacy(self):
        membership = self._membership("Ivy Withdrawn", state="candidate")
        membership.action_withdraw_candidacy()
        self.assertEqual(membership.state, "licensed")
        self.assertEqual(membership.transition_ids.sorted("id")[-1].note, "Candidacy withdrawn")

    def test_cannot_start_as_former(self):
        partner, _employee = self._person("Jon Former")
        with self.assertRaisesRegex(UserError, "cannot start as Former member"):
            self.Membership.create({"partner_id": partner.id, "state": "former"})
        self.assertFalse(self.Membership.search([("partner_id", "=", partner.id)]))

    def test_partner_comes_from_employee(self):
        partner, employee = self._person("Kim Employee")
        membership = self.Membership.create({"employee_id": employee.id})
        self.assertEqual(membership.partner_id, partner)


@tagged("post_install", "-at_install")
class TestMembershipRegister(CoopCase):
    def test_member_since_is_the_day_in_the_time_zone_of_the_admission(self):
        """Half an hour before and after midnight, west and east of UTC, the
        admission is dated on the local calendar day, not on UTC's."""
        day = datetime.date.today()
        for tz in ("America/Los_Angeles", "Pacific/Auckland"):
            for clock in (datetime.time(23, 30), datetime.time(0, 30)):
                local = datetime.datetime.combine(day, clock, ZoneInfo(tz))
                utc = local.astimezone(datetime.UTC).replace(tzinfo=None)
                with self.subTest(tz=tz, clock=clock), freeze_time(utc):
                    membership = self._membership(
                        f"Night {tz} {clock}",
                        state="candidate",
                        date_state=day - datetime.timedelta(days=1),
                    )
                    membership.with_context(tz=tz).action_to_member()
                    self.assertEqual(membership.date_member, day)
                    self.assertEqual(membership.transition_ids.sorted("id")[-1].date, day)

    def test_register_numbers_follow_the_sequence_and_are_never_reused(self):
        first = self._membership("Lea First", state="candidate")
        second = self._membership("Max Second", state="candidate")
        first.action_to_member()
        second.action_to_member()
        self.assertNotEqual(first.register_number, second.register_number)
        prefix_len = len("M-")
        self.assertEqual(
            int(second.register_number[prefix_len:]), int(first.register_number[prefix_len:]) + 1
        )
        # Lea leaves and comes back: a new membership, a new number.
        first_number = first.register_number
        first._coop_transition("former", reason="resigned")
        again = self.Membership.create(
            {
                "partner_id": first.partner_id.id,
                "employee_id": first.employee_id.id,
                "state": "licensed",
                "candidacy_hours_manual": 700,
                "date_work_start": self.today - relativedelta(years=2),
            }
        )
        again.action_to_candidate()
        again.action_to_member()
        self.assertNotIn(again.register_number, (first.register_number, second.register_number))
        self.assertEqual(first.register_number, first_number)

    def test_register_number_cannot_be_typed(self):
        membership = self._membership("Nia Typist", state="member")
        number = membership.register_number
        with self.assertRaisesRegex(UserError, "cannot be typed or changed"):
            membership.write({"register_number": "M-9999"})
        self.assertEqual(membership.register_number, number)
        partner, _employee = self._person("Oli Typist")
        with self.assertRaisesRegex(UserError, "cannot be typed or changed"):
            self.Membership.create({"partner_id": partner.id, "register_number": "M-0001"})
        self.assertFalse(self.Membership.search([("partner_id", "=", partner.id)]))

    def test_register_numbers_are_per_company(self):
        other = self.env["res.company"].create({"name": "Second Co-op"})
        member = self._membership("Pia Elsewhere", state="member", company=other)
        self.assertEqual(member.register_number, "M-0001")
        sequence = self.env["ir.sequence"].search(
            [("code", "=", "coop.membership.register"), ("company_id", "=", other.id)]
        )
        self.assertEqual(len(sequence), 1)
        with self.assertRaisesRegex(UserError, "cannot be moved"):
            member.write({"company_id": self.company.id})

    def test_second_open_membership_is_refused(self):
        membership = self._membership("Rae Twice")
        count = self.Membership.search_count([])
        with (
            self.assertRaisesRegex(ValidationError, "already has an open membership"),
            self.env.cr.savepoint(),
        ):
            self.Membership.create({"partner_id": membership.partner_id.id})
        with (
            self.assertRaisesRegex(ValidationError, "already has an open membership"),
            self.env.cr.savepoint(),
        ):
            self.Membership.create(
                [
                    {"partner_id": self._person("Sol Batch")[0].id},
                    {"partner_id": membership.partner_id.id},
                ]
            )
        self.assertEqual(self.Membership.search_count([]), count)

    def test_same_employee_twice_is_refused(self):
        membership = self._membership("Tia Employee")
        other_partner = self.env["res.partner"].create({"name": "Tia (private)"})
        with (
            self.assertRaisesRegex(ValidationError, "already has an open membership"),
            self.env.cr.savepoint(),
        ):
            self.Membership.create(
                {"partner_id": other_partner.id, "employee_id": membership.employee_id.id}
            )

    def test_database_guarantees_one_open_membership(self):
        """Even SQL that bypasses the ORM cannot open a second membership."""
        membership = self._membership("Uma Database")
        self.env.flush_all()
        with (
            self.assertRaises(psycopg2.errors.ExclusionViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                """INSERT INTO coop_membership (partner_id, company_id, state, name)
                   VALUES (%s, %s, 'associate', 'copy')""",
                [membership.partner_id.id, membership.company_id.id],
            )
            self.env.cr.execute("SET CONSTRAINTS ALL IMMEDIATE")

    def test_partner_of_another_company_is_refused(self):
        other = self.env["res.company"].create({"name": "Other Practice"})
        partner = self.env["res.partner"].create({"name": "Vic Other", "company_id": other.id})
        with (
            self.assertRaisesRegex(ValidationError, "belongs to the company Other Practice"),
            self.env.cr.savepoint(),
        ):
            self.Membership.create({"partner_id": partner.id, "company_id": self.company.id})
        self.assertFalse(self.Membership.search([("partner_id", "=", partner.id)]))

    def test_employee_of_another_company_is_refused(self):
        other = self.env["res.company"].create({"name": "Other Clinic"})
        _partner, employee = self._person("Wes Other", company=other)
        shared = self.env["res.partner"].create({"name": "Wes (shared)"})
        with (
            self.assertRaisesRegex(ValidationError, "works for Other Clinic"),
            self.env.cr.savepoint(),
        ):
            self.Membership.create(
                {"partner_id": shared.id, "employee_id": employee.id, "company_id": self.company.id}
            )

    def test_registered_membership_cannot_be_deleted(self):
        membership = self._membership("Xia Deleted", state="member")
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            membership.unlink()
        fresh = self._membership("Yul Mistake")
        fresh.unlink()
        self.assertFalse(fresh.exists())


@tagged("post_install", "-at_install")
class TestMembershipRules(CoopCase):
    def test_suspension_flag_with_dates(self):
        membership = self._membership("Zoe Suspended", state="member")
        with self.assertRaisesRegex(ValidationError, "date it starts"), self.env.cr.savepoint():
            membership.write({"suspended": True})
        self.assertFalse(membership.suspended)
        start = self.today - relativedelta(days=3)
        with (
            self.assertRaisesRegex(ValidationError, "cannot end before it starts"),
            self.env.cr.savepoint(),
        ):
            membership.write(
                {
                    "suspended": True,
                    "suspension_date_start": start,
                    "suspension_date_end": start - relativedelta(days=1),
                }
            )
        membership.write(
            {
                "suspended": True,
                "suspension_date_start": start,
                "suspension_date_end": self.today + relativedelta(days=3),
            }
        )
        self.assertTrue(membership.is_suspended_today)
        self.assertFalse(membership.is_suspended_on(start - relativedelta(days=1)))
        self.assertFalse(membership.is_suspended_on(self.today + relativedelta(days=4)))

    def test_candidacy_rule_comes_from_the_company(self):
        membership = self._membership("Abe Rule", state="candidate", eligible=False)
        membership.write(
            {
                "candidacy_hours_manual": 500,
                "date_work_start": self.today - relativedelta(months=7),
            }
        )
        self.assertFalse(membership.candidacy_rule_met)
        self.assertEqual(membership.candidacy_summary, "Needs 150 more hours.")
        self.company.coop_candidacy_min_hours = 400
        membership.invalidate_recordset()
        self.assertTrue(membership.candidacy_rule_met)
        self.company.coop_candidacy_min_months = 12
        membership.invalidate_recordset()
        self.assertFalse(membership.candidacy_rule_met)
        self.assertEqual(
            membership.candidacy_date, membership.date_work_start + relativedelta(months=12)
        )

    def test_negative_hours_are_refused(self):
        membership = self._membership("Bea Negative")
        with self.assertRaisesRegex(ValidationError, "cannot be negative"), self.env.cr.savepoint():
            membership.write({"candidacy_hours_manual": -5})
        self.assertEqual(membership.candidacy_hours_manual, 700)

    def test_employee_shows_membership_state(self):
        membership = self._membership("Cal Employee", state="licensed")
        employee = membership.employee_id
        self.assertEqual(employee.coop_membership_state, "licensed")
        action = employee.action_open_coop_membership()
        self.assertEqual(action["res_id"], membership.id)
        membership.action_to_candidate()
        employee.invalidate_recordset()
        self.assertEqual(employee.coop_membership_state, "candidate")
        _partner, stranger = self._person("Dee Unregistered")
        self.assertFalse(stranger.coop_membership_state)
        self.assertEqual(
            stranger.action_open_coop_membership()["context"]["default_employee_id"], stranger.id
        )


@tagged("post_install", "-at_install")
class TestHourSources(CoopCase):
    def test_every_source_of_hours_counts_toward_candidacy(self):
        membership = self._membership("Rae Hours", eligible=False, candidacy_hours_manual=120)
        sources = membership._coop_hour_sources()
        self.assertEqual(sources["entered"], {membership.id: 120})
        total = sum(by_membership[membership.id] for by_membership in sources.values())
        self.assertEqual(membership._coop_hours_worked(), {membership.id: total})
        self.assertEqual(membership.candidacy_hours, total)
