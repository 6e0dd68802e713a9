import datetime

from dateutil.relativedelta import relativedelta

from odoo import fields

from odoo.addons.coop_capital.tests.common import CapitalCase

D = datetime.date


class ApprovalCase(CapitalCase):
    """Three member-owners who vote, a secretary who puts proposals to them,
    and :meth:`_decision` to take a decision of a kind."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.voters, cls.voter_members = [], []
        for name, hours in (("Ana", 1300), ("Ben", 700), ("Cy", 1000)):
            member = cls._membership(
                f"Member {name}",
                state="member",
                paid=True,
                date_state=D(2023, 3, 1),
                worked={2025: hours, 2026: hours},
            )
            cls.voter_members.append(member)
            cls.voters.append(
                cls._user(f"voter_{name}", cls.env.ref("base.group_user"), member.partner_id)
            )
        cls.secretary = cls._user(
            "secretary", cls.env.ref("coop_governance.group_governance_manager")
        )

    @classmethod
    def _decision_type(cls, name, code):
        """A kind of decision of the company's bylaws: a simple majority."""
        return cls.env["coop.decision.type"].create(
            {
                "name": name,
                "code": code,
                "company_id": cls.company.id,
                "quorum_ratio": 0.5,
                "threshold_ratio": 0.5,
                "threshold_strict": True,
                "notice_min_days": 0,
                "ballot_min_days": 0,
            }
        )

    def _decision(self, rules, vote="yes", name="Approve the 2025 patronage allocation"):
        """A proposal of ``rules``, voted ``vote`` by every member and closed."""
        proposal = (
            self.env["coop.proposal"]
            .with_user(self.secretary)
            .create(
                {
                    "name": name,
                    "company_id": self.company.id,
                    "decision_type_id": rules.id,
                    "record_date": self.today,
                    "date_close": fields.Datetime.now() + relativedelta(days=12),
                }
            )
        )
        proposal.action_open()
        for user in self.voters:
            proposal.with_user(user).action_cast(choice=vote)
        proposal.action_close(reason="Every member has voted")
        return proposal
