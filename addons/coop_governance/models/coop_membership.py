from collections import defaultdict

from odoo import api, fields, models

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

    def _coop_paid_up(self, day):
        """Whether each membership's share is paid up on ``day``."""
        return self._coop_paid_up_map(day)

    def _coop_voter_status(self, record_date, decision_type=None):
        """``{membership id: (eligible, reason)}`` on ``record_date``."""
        min_days = decision_type.min_member_days if decision_type else 0
        history = self._coop_history()
        paid_up = self._coop_paid_up(record_date)
        result = {}
        for rec in self:
            transitions = history.get(rec.id, [])
            result[rec.id] = eligibility.voter_status(
                eligibility.state_on(transitions, record_date),
                eligibility.member_since(transitions, record_date),
                rec.is_suspended_on(record_date),
                record_date,
                min_member_days=min_days,
                paid_up=paid_up[rec.id],
            )
        return result

    @api.model
    def _coop_voter_roll(self, record_date, company=None, decision_type=None):
        """The memberships that may vote on ``record_date``: one member, one
        vote, decided by the register and never by hand."""
        company = company or (decision_type.company_id if decision_type else self.env.company)
        candidates = (
            self.env["coop.membership.transition"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("to_state", "=", "member"),
                    ("date", "<=", record_date),
                ]
            )
            .membership_id
        )
        status = candidates._coop_voter_status(record_date, decision_type)
        return candidates.filtered(lambda m: status[m.id][0]).with_env(self.env)

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
        voter_ids = []
        for company in self.env.companies:
            voter_ids += self._coop_voter_roll(today, company=company).ids
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", voter_ids)]
