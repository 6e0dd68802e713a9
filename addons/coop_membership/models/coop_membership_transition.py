from odoo import api, fields, models
from odoo.tools.misc import format_date

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
    from_state = fields.Selection(lifecycle.STATES, readonly=True, string="From state")
    to_state = fields.Selection(lifecycle.STATES, required=True, readonly=True, string="To state")
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

    @api.depends("from_state", "to_state", "date", "membership_id.partner_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        labels = dict(self._fields["to_state"]._description_selection(self.env))
        for rec in self:
            values = {
                "to_state": labels.get(rec.to_state, ""),
                "date": format_date(self.env, rec.date) if rec.date else "",
                "person": rec.sudo().membership_id.partner_id.name or "",
            }
            if rec.from_state:
                rec.display_name = self.env._(
                    "Transition: %(from_state)s → %(to_state)s, %(date)s \u2013 %(person)s",
                    from_state=labels.get(rec.from_state, ""),
                    **values,
                )
            else:
                rec.display_name = self.env._(
                    "Registered as %(to_state)s, %(date)s \u2013 %(person)s", **values
                )
