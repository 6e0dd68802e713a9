from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import eligibility


class CoopMembership(models.Model):
    _inherit = "coop.membership"

    is_voter_today = fields.Boolean(
        compute="_compute_voter_today",
        search="_search_is_voter_today",
        string="May vote today",
        help="Computed from the register: a member-owner, not suspended.",
    )
    voter_note = fields.Char(compute="_compute_voter_today", string="Why not")
    vote_count = fields.Integer(compute="_compute_vote_count", string="Votes cast")

    def _compute_vote_count(self):
        counts = dict(
            self.env["coop.vote.roll"]
            .sudo()
            ._read_group(
                [("membership_id", "in", self.ids), ("voted", "=", True)],
                ["membership_id"],
                ["__count"],
            )
        )
        for rec in self:
            rec.vote_count = counts.get(rec, 0)

    def action_view_votes(self):
        """The votes this member took part in (that they voted, never how)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Votes of %(person)s", person=self.name),
            "res_model": "coop.proposal",
            "view_mode": "list,form",
            "domain": [
                ("roll_ids", "any", [("membership_id", "=", self.id), ("voted", "=", True)])
            ],
            "context": {"create": False},
        }

    def _coop_admission_rule(self):
        """The bylaws' decision type for admissions in this membership's co-op."""
        self.ensure_one()
        return (
            self.env["coop.decision.type"]
            .sudo()
            .search([("company_id", "=", self.company_id.id), ("code", "=", "admission")], limit=1)
        )

    def _coop_admission_vote(self):
        """The latest vote of the members on admitting this membership."""
        self.ensure_one()
        return (
            self.env["coop.proposal"]
            .sudo()
            .search(
                [("action", "=", "admission"), ("subject_membership_id", "=", self.id)],
                order="id desc",
                limit=1,
            )
        )

    def _coop_check_transition(self, to_state, reason=False):
        """Where the bylaws admit only by a vote of the members, an admission
        without an adopted vote on the candidate is refused, whoever asks."""
        super()._coop_check_transition(to_state, reason=reason)
        if to_state != "member":
            return
        for rec in self:
            rule = rec._coop_admission_rule()
            if not rule.vote_required:
                continue
            adopted = (
                self.env["coop.proposal"]
                .sudo()
                .search_count(
                    [
                        ("action", "=", "admission"),
                        ("subject_membership_id", "=", rec.id),
                        ("adopted", "=", True),
                    ],
                    limit=1,
                )
            )
            if not adopted:
                raise UserError(
                    self.env._(
                        "Admission refused. The bylaws admit a member-owner only by a vote of "
                        "the members (%(rule)s), and no admission vote on %(person)s has been "
                        "adopted: put the admission to the members; the adopted vote admits "
                        "them.",
                        rule=rule.name,
                        person=rec.name,
                    )
                )

    def _coop_history(self):
        """Each membership's state changes as ``(date, id, to_state)`` tuples,
        read in one query."""
        history = defaultdict(list)
        rows = (
            self.env["coop.membership.transition"]
            .sudo()
            .search_read(
                [("membership_id", "in", self.ids)],
                ["membership_id", "date", "to_state"],
                load=None,
            )
        )
        for row in rows:
            history[row["membership_id"]].append((row["date"], row["id"], row["to_state"]))
        return history

    def _coop_voter_status(self, record_date, decision_type=None):
        """``{membership id: (eligible, reason)}`` on ``record_date``."""
        min_days = decision_type.min_member_days if decision_type else 0
        occasion = (fields.Date.to_date(record_date), min_days)
        return self._coop_voter_statuses([occasion])[occasion]

    def _coop_voter_statuses(self, occasions):
        """``{(record date, minimum days of membership): {membership id:
        (eligible, reason)}}`` for many occasions at once: the register's
        history and the paid-up shares are read once for all of them."""
        occasions = set(occasions)
        history = self._coop_history()
        paid_up = self._coop_paid_up_by_day({day for day, _min_days in occasions})
        result = {}
        for record_date, min_days in occasions:
            result[(record_date, min_days)] = {
                rec.id: eligibility.voter_status(
                    eligibility.state_on(history.get(rec.id, []), record_date),
                    eligibility.member_since(history.get(rec.id, []), record_date),
                    rec.is_suspended_on(record_date),
                    record_date,
                    min_member_days=min_days,
                    paid_up=paid_up[record_date][rec.id],
                )
                for rec in self
            }
        return result

    @api.model
    def _coop_voter_roll(self, record_date, company=None, decision_type=None):
        """The memberships that may vote on ``record_date``: one member, one
        vote, decided by the register and never by hand."""
        company = company or (decision_type.company_id if decision_type else self.env.company)
        min_days = decision_type.min_member_days if decision_type else 0
        key = (company.id, fields.Date.to_date(record_date), min_days)
        return self._coop_voter_rolls([key])[key]

    @api.model
    def _coop_voter_rolls(self, keys, among=None):
        """The voter rolls of many occasions at once (the meetings of a list,
        the requisitions of a company): ``{(company id, record date, minimum
        days of membership): memberships}``, in a fixed number of queries
        whatever the number of occasions. ``among``: only these memberships
        are considered (e.g. the current user's own)."""
        keys = set(keys)
        if not keys:
            return {}
        domain = [
            ("company_id", "in", list({company_id for company_id, _day, _min in keys})),
            ("to_state", "=", "member"),
            ("date", "<=", max(day for _company, day, _min in keys)),
        ]
        if among is not None:
            domain.append(("membership_id", "in", among.ids))
        joined = (
            self.env["coop.membership.transition"]
            .sudo()
            .search_read(domain, ["membership_id", "company_id", "date"], load=None)
        )
        candidates = self.sudo().browse({row["membership_id"] for row in joined})
        statuses = candidates._coop_voter_statuses({(day, mins) for _company, day, mins in keys})
        rolls = {}
        for company_id, day, min_days in keys:
            status = statuses[(day, min_days)]
            voters = {
                row["membership_id"]
                for row in joined
                if row["company_id"] == company_id
                and row["date"] <= day
                and status[row["membership_id"]][0]
            }
            rolls[(company_id, day, min_days)] = self.browse(sorted(voters))
        return rolls

    @api.depends("state", "suspended", "suspension_date_start", "suspension_date_end")
    @api.depends_context("lang")
    def _compute_voter_today(self):
        today = fields.Date.context_today(self)
        status = self._coop_voter_status(today) if self.ids else {}
        for rec in self:
            eligible, reason = status.get(rec.id, (False, None))
            rec.is_voter_today = eligible
            rec.voter_note = rec._coop_voter_reason_text(reason) if reason else False

    @api.model
    def _coop_voter_reason_text(self, reason):
        """Why a membership may not vote (``eligibility.voter_status``), in words."""
        code = reason["code"]
        if code == "not_member":
            return self.env._("not a member-owner on the record date")
        if code == "suspended":
            return self.env._("suspended on the record date")
        if code == "too_recent":
            return self.env._(
                "a member for %(days)s days on the record date; %(required)s are required",
                days=reason["days"],
                required=reason["required"],
            )
        return self.env._("membership share not paid up")

    def _search_is_voter_today(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError()
        today = fields.Date.context_today(self)
        rolls = self._coop_voter_rolls({(company.id, today, 0) for company in self.env.companies})
        voter_ids = [voter_id for roll in rolls.values() for voter_id in roll.ids]
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", voter_ids)]
