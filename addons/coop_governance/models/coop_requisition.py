from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib import tally


class CoopRequisition(models.Model):
    """Members requisition a general meeting, or force a written ballot on a
    question: once the bylaws' share of the members who may vote have signed,
    the governance managers are asked to act."""

    _name = "coop.requisition"
    _description = "Members' requisition"
    _check_company_auto = True
    _inherit = ["mail.thread", "mail.activity.mixin", "coop.governance.guard"]
    _order = "create_date desc, id desc"
    _coop_owned_fields = ("state", "date_reached", "signer_ids", "requested_by_id")
    _coop_text_limits = {"name": 200}
    _coop_required_texts = ("name",)

    name = fields.Char(string="Purpose", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    kind = fields.Selection(
        [("meeting", "Call a general meeting"), ("ballot", "Force a written ballot")],
        required=True,
        default="meeting",
        tracking=True,
    )
    decision_type_id = fields.Many2one(
        "coop.decision.type",
        string="Rules",
        required=True,
        default=lambda self: self._default_decision_type(),
        domain="[('company_id', '=', company_id)]",
        help="The decision type whose requisition thresholds apply.",
        check_company=True,
    )
    requested_by_id = fields.Many2one(
        "coop.membership",
        readonly=True,
        copy=False,
        check_company=True,
        string="Requested by",
    )
    signer_ids = fields.Many2many(
        "coop.membership", string="Signed by", readonly=True, copy=False, check_company=True
    )
    signed_count = fields.Integer(compute="_compute_threshold", string="Signed count")
    needed_count = fields.Integer(
        compute="_compute_threshold",
        help="Signatures needed, counted on today's voters.",
        string="Needed count",
    )
    state = fields.Selection(
        [
            ("open", "Collecting signatures"),
            ("reached", "Threshold reached"),
            ("answered", "Answered"),
        ],
        default="open",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    date_reached = fields.Date(readonly=True, copy=False, string="Date reached")
    meeting_id = fields.Many2one(
        "coop.meeting", string="Meeting called", tracking=True, check_company=True
    )
    proposal_id = fields.Many2one(
        "coop.proposal", string="Written ballot", tracking=True, check_company=True
    )

    @api.model
    def _default_decision_type(self, company=None):
        return (
            self.env["coop.decision.type"]
            .sudo()
            .search(
                [("company_id", "=", (company or self.env.company).id), ("code", "=", "ordinary")],
                limit=1,
            )
        )

    @api.depends("signer_ids", "kind", "decision_type_id")
    def _compute_threshold(self):
        today = fields.Date.context_today(self)
        occasions = {
            rec.id: (rec.company_id.id, today, rec.decision_type_id.min_member_days)
            for rec in self
            if rec.decision_type_id
        }
        rolls = self.env["coop.membership"].sudo()._coop_voter_rolls(occasions.values())
        for rec in self:
            dtype = rec.decision_type_id
            ratio = (
                dtype.requisition_meeting_ratio
                if rec.kind == "meeting"
                else dtype.requisition_ballot_ratio
            )
            voters = rolls[occasions[rec.id]] if dtype else self.env["coop.membership"]
            rec.needed_count = tally.signatures_needed(len(voters), ratio)
            rec.signed_count = len(rec.signer_ids & voters)

    @api.model
    def _coop_roll_today(self, company, decision_type):
        return (
            self.env["coop.membership"]
            .sudo()
            ._coop_voter_roll(
                fields.Date.context_today(self), company=company, decision_type=decision_type
            )
        )

    @api.model
    def _coop_my_voter_membership(self, company, decision_type):
        roll = self._coop_roll_today(company, decision_type)
        mine = roll.filtered(lambda m: m.partner_id == self.env.user.partner_id)
        if not mine:
            raise AccessError(
                self.env._("Only a member who may vote today can sign a members' requisition.")
            )
        return mine

    @api.model
    def coop_start(self, name, kind="meeting"):
        """A member starts a requisition (portal or JSON-RPC) and signs it
        first. Returns its id."""
        if not (name or "").strip():
            raise UserError(self.env._("Say what the meeting or the ballot is for."))
        if kind not in ("meeting", "ballot"):
            raise UserError(self.env._("A requisition calls a meeting or forces a written ballot."))
        company = self.env.company
        dtype = self._default_decision_type(company)
        if not dtype:
            raise UserError(
                self.env._("The bylaws of %s have no ordinary decision type.", company.name)
            )
        mine = self._coop_my_voter_membership(company, dtype)
        purpose = " ".join(name.split()).casefold()
        for same in self.sudo().search(
            [("company_id", "=", company.id), ("kind", "=", kind), ("state", "!=", "answered")]
        ):
            if " ".join(same.name.split()).casefold() == purpose:
                raise UserError(
                    self.env._(
                        'A requisition "%s" is already open: sign that one instead.', same.name
                    )
                )
        requisition = self.sudo().create(
            {
                "name": name,
                "kind": kind,
                "company_id": company.id,
                "decision_type_id": dtype.id,
                "requested_by_id": mine.id,
            }
        )
        requisition.with_user(self.env.user).coop_sign()
        return requisition.id

    def coop_sign(self):
        """The current user signs (a member who may vote today, once)."""
        self.ensure_one()
        rec = self.sudo()
        mine = self._coop_my_voter_membership(rec.company_id, rec.decision_type_id)
        if rec.state != "open":
            raise UserError(self.env._("This requisition already has the signatures it needs."))
        if mine in rec.signer_ids:
            raise UserError(self.env._("You have signed this requisition already."))
        rec.write({"signer_ids": [(4, mine.id)]})
        rec.message_post(body=self.env._("Signed by %s.", mine.name))
        rec._check_reached()
        return True

    def coop_withdraw_signature(self):
        """The current user takes their signature back while signatures are collected."""
        self.ensure_one()
        rec = self.sudo()
        mine = rec.signer_ids.filtered(lambda m: m.partner_id == self.env.user.partner_id)
        if not mine:
            raise UserError(self.env._("You have not signed this requisition."))
        if rec.state != "open":
            raise UserError(
                self.env._("The threshold is reached: signatures can no longer be withdrawn.")
            )
        rec.write({"signer_ids": [(3, mine.id)]})
        return True

    def _check_reached(self):
        """Threshold reached: ask every governance manager to act."""
        managers = self.env.ref("coop_governance.group_governance_manager").users.filtered(
            lambda u: self.company_id in u.company_ids and not u.share and u.active
        )
        for rec in self.filtered(lambda r: r.state == "open"):
            if rec.signed_count < rec.needed_count:
                continue
            rec.write({"state": "reached", "date_reached": fields.Date.context_today(rec)})
            activity_type = (
                "coop_governance.mail_activity_type_requisition_meeting"
                if rec.kind == "meeting"
                else "coop_governance.mail_activity_type_requisition_ballot"
            )
            # The activity is the managers' to-do; the chatter message below is
            # the notice (no assignment email sent in a member's name).
            for user in managers:
                rec.with_context(mail_activity_quick_update=True).activity_schedule(
                    activity_type, user_id=user.id
                )
            rec.message_post(
                body=self.env._(
                    "%(signed)s of the %(needed)s signatures needed: the threshold is reached.",
                    signed=rec.signed_count,
                    needed=rec.needed_count,
                )
            )

    def action_answer(self):
        """The managers answered: the meeting is called, or the ballot opened."""
        self._coop_check_manager(self.env._("Only governance managers answer a requisition."))
        for rec in self:
            if rec.state != "reached":
                raise UserError(
                    self.env._("Only a requisition that reached its threshold is answered.")
                )
            if rec.kind == "meeting" and (not rec.meeting_id or rec.meeting_id.state == "draft"):
                raise UserError(self.env._("Link the meeting called, with its notice sent."))
            if rec.kind == "ballot" and (not rec.proposal_id or rec.proposal_id.state == "draft"):
                raise UserError(self.env._("Link the written ballot, once it is open."))
            rec.activity_ids.action_feedback(feedback=self.env._("Answered."))
            rec.sudo().write({"state": "answered"})
        return True

    @api.depends("name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = self.env._("Requisition: %(purpose)s", purpose=rec.name or "")
