from odoo import fields, models

from ..lib import lifecycle


class CoopMembershipTransition(models.Model):
    """One step of a membership's lifecycle: from which state to which, when
    and by whom. Written only by the membership's transitions, never edited."""

    _name = "coop.membership.transition"
    _description = "Co-op membership state change"
    _inherit = ["coop.guard.mixin"]
    _order = "membership_id, date desc, id desc"
    _coop_protected_fields = (
        "membership_id",
        "from_state",
        "to_state",
        "date",
        "user_id",
        "reason",
        "note",
    )

    membership_id = fields.Many2one(
        "coop.membership", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="membership_id.company_id", store=True)
    partner_id = fields.Many2one(related="membership_id.partner_id", store=True)
    from_state = fields.Selection(lifecycle.STATES, readonly=True)
    to_state = fields.Selection(lifecycle.STATES, required=True, readonly=True)
    date = fields.Date(required=True, readonly=True, default=fields.Date.context_today)
    user_id = fields.Many2one(
        "res.users",
        string="Done by",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    reason = fields.Selection(lifecycle.EXIT_REASONS, readonly=True)
    note = fields.Char(readonly=True)
