import secrets

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from ..lib import bylaw_sets


class CoopDecisionType(models.Model):
    """A kind of decision and the bylaw rules that govern it.

    Every number is a bylaw parameter stored per company, never a constant
    in code (shared/domain/governance.md).
    """

    _name = "coop.decision.type"
    _description = "Co-op decision type (bylaw rules)"
    _check_company_auto = True
    _inherit = ["mail.thread", "coop.governance.guard"]
    _order = "company_id, sequence, id"
    _coop_owned_fields = ("frozen_from_id",)
    _coop_text_limits = {"name": 200, "code": 64}
    _coop_required_texts = ("name", "code")

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, help="Stable key, e.g. ordinary, special, expulsion.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    bylaw_set = fields.Selection(bylaw_sets.SET_NAMES, readonly=True, string="Bylaw set")
    quorum_basis = fields.Selection(
        [("members", "All eligible members"), ("present", "Members present")],
        required=True,
        default="members",
        tracking=True,
        string="Quorum basis",
    )
    quorum_ratio = fields.Float(string="Quorum (share)", default=0.5, tracking=True, digits=(4, 4))
    quorum_strict = fields.Boolean(
        string="Quorum: more than the share",
        default=True,
        help="Checked: strictly more than the share (a majority); unchecked: at least.",
    )
    quorum_min_members = fields.Integer(string="Quorum: at least N members", default=0)
    threshold_basis = fields.Selection(
        [
            ("cast", "Votes cast"),
            ("present", "Members present"),
            ("eligible", "All eligible members"),
        ],
        required=True,
        default="cast",
        tracking=True,
        string="Threshold basis",
    )
    threshold_ratio = fields.Float(
        string="Threshold (share)", default=0.5, tracking=True, digits=(4, 4)
    )
    threshold_strict = fields.Boolean(
        string="Threshold: more than the share",
        help="Checked: strictly more than the share (e.g. more than 50%); "
        "unchecked: at least the share (e.g. at least 75%).",
    )
    abstentions_count = fields.Boolean(
        string="Abstentions count as votes cast",
        help="Checked: an abstention counts in the votes cast (and so against).",
    )
    consensus = fields.Boolean(
        string="Modified consensus", help="Seek consensus first; a block stops it."
    )
    consensus_fallback_ratio = fields.Float(
        string="Fallback after failed consensus",
        digits=(4, 4),
        help="Share needed to decide that a decision is needed now, and then to pass.",
    )
    notice_min_days = fields.Integer(string="Notice: at least (days)", default=10)
    notice_max_days = fields.Integer(
        string="Notice: at most (days)", default=90, help="0: no maximum."
    )
    ballot_min_days = fields.Integer(
        string="Written ballot: open at least (days)",
        default=0,
        help="A vote held outside a meeting (not on an agenda) must reach the members at "
        "least this many days before it closes. 0: no minimum.",
    )
    meeting_required = fields.Boolean(
        string="Decided at a meeting only",
        help="The vote opens only on the agenda of a meeting in session (not by written ballot).",
    )
    vote_required = fields.Boolean(
        string="Only by an adopted vote",
        tracking=True,
        help="For admissions: the bylaws admit a member-owner only by a vote of the members, "
        "so the register refuses an admission until a vote of this type on the candidate is "
        "adopted (the adopted vote admits them).",
    )
    adjourn_after_minutes = fields.Integer(
        string="Adjourn without quorum after (minutes)",
        default=0,
        help="A meeting without quorum this long after its start may be adjourned. "
        "0: it may be adjourned at once.",
    )
    adjourned_quorum_present = fields.Boolean(
        string="At an adjourned meeting, those present are a quorum"
    )
    proxies_allowed = fields.Boolean(tracking=True, string="Proxies allowed")
    proxy_cap = fields.Integer(string="Proxies per holder", default=0)
    min_member_days = fields.Integer(
        string="Member for at least (days)",
        default=0,
        help="Days a member-owner must have been a member on the record date to vote.",
    )
    seconder_required = fields.Boolean(string="Needs a seconder")
    emergency_notice_allowed = fields.Boolean(
        string="Emergency notice allowed",
        help="A meeting of this type may be called with less notice than the minimum.",
    )
    requisition_meeting_ratio = fields.Float(
        string="Members who can call a meeting (share)", default=0.05, digits=(4, 4)
    )
    requisition_ballot_ratio = fields.Float(
        string="Members who can force a written ballot (share)", default=0.2, digits=(4, 4)
    )
    ballot_change_allowed = fields.Boolean(string="Voters may change their ballot", default=True)
    secret_min_ballots = fields.Integer(
        string="Secret ballot: publish from (ballots)",
        default=3,
        tracking=True,
        help="A secret vote publishes its result only when at least this many ballots were "
        "cast: with fewer, the count would show how each voter voted. A secret vote closed "
        "with fewer is annulled, its ballots sealed. 0: no minimum.",
    )
    frozen_from_id = fields.Many2one(
        "coop.decision.type",
        string="Bylaws as they stood, from",
        readonly=True,
        copy=False,
        index=True,
        help="Set on the copy of the rules that a vote keeps from its opening: later "
        "changes to the bylaws do not reach it, and the copy never changes.",
        check_company=True,
    )
    proposal_ids = fields.One2many("coop.proposal", "decision_type_id")
    meeting_ids = fields.One2many("coop.meeting", "decision_type_id")

    _sql_constraints = [
        ("code_company_uniq", "UNIQUE (company_id, code)", "This code is already used."),
    ]

    @api.constrains(
        "quorum_ratio",
        "threshold_ratio",
        "consensus",
        "consensus_fallback_ratio",
        "notice_min_days",
        "notice_max_days",
        "proxies_allowed",
        "proxy_cap",
        "min_member_days",
        "quorum_min_members",
        "ballot_min_days",
        "adjourn_after_minutes",
        "secret_min_ballots",
        "requisition_meeting_ratio",
        "requisition_ballot_ratio",
    )
    def _check_rules(self):
        for rec in self:
            for label, value in (
                (self.env._("quorum"), rec.quorum_ratio),
                (self.env._("threshold"), rec.threshold_ratio),
                (self.env._("consensus fallback"), rec.consensus_fallback_ratio),
                (self.env._("share who can call a meeting"), rec.requisition_meeting_ratio),
                (self.env._("share who can force a written ballot"), rec.requisition_ballot_ratio),
            ):
                if not 0 <= value <= 1:
                    raise ValidationError(
                        self.env._(
                            "%(type)s: the %(label)s is a share between 0 and 1 "
                            "(0.75 for three quarters), not %(value)s.",
                            type=rec.name,
                            label=label,
                            value=value,
                        )
                    )
            if rec.consensus and not rec.consensus_fallback_ratio:
                raise ValidationError(
                    self.env._(
                        "%s: a modified consensus needs the share of its fallback vote.", rec.name
                    )
                )
            if (
                min(
                    rec.notice_min_days,
                    rec.notice_max_days,
                    rec.min_member_days,
                    rec.proxy_cap,
                    rec.quorum_min_members,
                    rec.ballot_min_days,
                    rec.adjourn_after_minutes,
                    rec.secret_min_ballots,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._("%s: days, minutes and counts cannot be negative.", rec.name)
                )
            if rec.notice_max_days and rec.notice_max_days < rec.notice_min_days:
                raise ValidationError(
                    self.env._(
                        "%(type)s: the longest notice (%(max)s days) is shorter "
                        "than the shortest (%(min)s days).",
                        type=rec.name,
                        max=rec.notice_max_days,
                        min=rec.notice_min_days,
                    )
                )
            if rec.proxies_allowed and rec.proxy_cap < 1:
                raise ValidationError(
                    self.env._(
                        "%s: when proxies are allowed, say how many one member may hold.", rec.name
                    )
                )

    def write(self, vals):
        if not self.env.su and self.filtered("frozen_from_id"):
            raise UserError(
                self.env._(
                    "These are the bylaws as they stood when a vote opened: they are kept "
                    "as they were. Change the bylaws themselves (%s) for the next votes.",
                    self.filtered("frozen_from_id")[0].frozen_from_id.name,
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _keep_frozen_bylaws(self):
        if self.filtered("frozen_from_id"):
            raise UserError(
                self.env._("The bylaws a vote was held under are kept; they cannot be deleted.")
            )

    def _coop_freeze(self):
        """A copy of these rules that never changes, for a vote that opens
        now (archived: it is not offered for new votes)."""
        self.ensure_one()
        original = self.frozen_from_id or self
        return (
            self.sudo()
            .with_context(mail_create_nolog=True, tracking_disable=True)
            .copy(
                {
                    "frozen_from_id": original.id,
                    "active": False,
                    "code": f"{original.code[:40]}@{secrets.token_hex(4)}",
                    "name": self.env._(
                        "%(type)s (as of %(date)s)",
                        type=original.name[:170],
                        date=format_date(self.env, fields.Date.context_today(self)),
                    ),
                }
            )
            .with_env(self.env)
        )

    def _coop_rule_values(self):
        """The rules themselves, for a seal: every stored setting."""
        self.ensure_one()
        return {
            name: self[name]
            for name, field in sorted(self._fields.items())
            if field.store
            and field.type in ("integer", "float", "boolean", "selection", "char")
            and not field.translate
            and name not in ("id", "sequence", "active", "display_name")
        }

    @api.model
    def _coop_load_bylaw_set(self, company, set_code):
        """Create (or update) the decision types of a bylaw set for ``company``."""
        if set_code not in bylaw_sets.SETS:
            raise UserError(self.env._("Unknown bylaw set: %s", set_code))
        existing = {
            t.code: t
            for t in self.with_context(active_test=False).search([("company_id", "=", company.id)])
        }
        defaults = {
            "quorum_min_members": 0,
            "quorum_strict": False,
            "threshold_strict": False,
            "consensus": False,
            "consensus_fallback_ratio": 0.0,
            "proxies_allowed": False,
            "proxy_cap": 0,
            "ballot_min_days": 0,
            "meeting_required": False,
            "adjourn_after_minutes": 0,
            "adjourned_quorum_present": False,
            "secret_min_ballots": 3,
        }
        to_create = []
        for sequence, spec in enumerate(bylaw_sets.SETS[set_code], start=1):
            vals = dict(defaults, **spec, bylaw_set=set_code, sequence=sequence * 10)
            if spec["code"] in existing:
                existing[spec["code"]].write(vals)
            else:
                to_create.append(dict(vals, company_id=company.id))
        self.create(to_create)
        return self.search([("company_id", "=", company.id)])

    @api.model
    def action_load_ca_set(self):
        self._coop_load_bylaw_set(self.env.company, "ca")
        return {"type": "ir.actions.client", "tag": "reload"}

    @api.model
    def action_load_uk_set(self):
        self._coop_load_bylaw_set(self.env.company, "uk")
        return {"type": "ir.actions.client", "tag": "reload"}
