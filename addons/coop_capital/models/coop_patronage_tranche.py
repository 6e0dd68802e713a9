from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib import capital


class CoopPatronageTranche(models.Model):
    """A year's retained patronage of one member (3200 qualified, 3210 not):
    kept until it is revolved (redeemed), the oldest first, after the
    company's revolving period. Created by posting the allocation; changed
    only by the co-op's own redemptions."""

    _name = "coop.patronage.tranche"
    _description = "Retained patronage tranche"
    _check_company_auto = True
    _inherit = ["coop.guard.mixin"]
    _order = "year, membership_id, id"
    _coop_protected_fields = (
        "membership_id",
        "allocation_id",
        "year",
        "qualified",
        "amount",
        "amount_redeemed",
        "date_revolve",
        "state",
        "kind",
        "interest_id",
        "date_redeemed",
        "amount_netted",
        "date_reversed",
    )

    membership_id = fields.Many2one(
        "coop.membership", required=True, index=True, ondelete="restrict", readonly=True
    )
    # Precomputed: the tranches are inserted with them, not updated after.
    partner_id = fields.Many2one(
        related="membership_id.partner_id", store=True, index=True, precompute=True
    )
    allocation_id = fields.Many2one(
        "coop.patronage.allocation", index=True, ondelete="restrict", readonly=True
    )
    kind = fields.Selection(
        [("patronage", "Retained patronage"), ("interest", "Interest")],
        default="patronage",
        required=True,
        readonly=True,
    )
    interest_id = fields.Many2one(
        "coop.patronage.interest",
        string="Interest run",
        index="btree_not_null",
        ondelete="restrict",
        readonly=True,
    )
    company_id = fields.Many2one(
        "res.company", compute="_compute_company", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    year = fields.Integer(required=True, readonly=True)
    qualified = fields.Boolean(readonly=True, default=False)
    amount = fields.Monetary(
        readonly=True, help="Negative: a loss charged to the member's account."
    )
    amount_redeemed = fields.Monetary(readonly=True, string="Amount redeemed")
    amount_netted = fields.Monetary(
        readonly=True,
        help="On a deficit (a loss charged to the member): what later allocations have paid down.",
        string="Amount netted",
    )
    amount_remaining = fields.Monetary(
        compute="_compute_amount_remaining",
        store=True,
        precompute=True,
        string="Amount remaining",
    )
    date_reversed = fields.Date(
        readonly=True,
        help="The day a correction of the year's allocation reversed it.",
        string="Date reversed",
    )
    date_revolve = fields.Date(string="Planned revolving", readonly=True)
    state = fields.Selection(
        [("open", "Retained"), ("redeemed", "Redeemed"), ("reversed", "Reversed")],
        default="open",
        required=True,
        readonly=True,
    )
    date_redeemed = fields.Date(
        readonly=True,
        help="When the last of it was redeemed (revolved, or moved on exit).",
        string="Date redeemed",
    )
    revolving_line_ids = fields.One2many(
        "coop.patronage.revolving.line", "tranche_id", string="Revolved", readonly=True
    )

    @api.depends("allocation_id.company_id", "interest_id.company_id")
    def _compute_company(self):
        for rec in self:
            rec.company_id = rec.allocation_id.company_id or rec.interest_id.company_id

    @api.constrains("allocation_id", "interest_id", "kind")
    def _check_origin(self):
        for rec in self:
            origin = rec.interest_id if rec.kind == "interest" else rec.allocation_id
            if not origin:
                raise ValidationError(
                    self.env._(
                        "A tranche comes from a posted patronage allocation, or from "
                        "the year's interest on internal capital accounts."
                    )
                )

    @api.depends("amount", "amount_redeemed", "amount_netted", "state")
    def _compute_amount_remaining(self):
        for rec in self:
            if rec.state == "reversed":
                rec.amount_remaining = 0.0
            else:
                rec.amount_remaining = rec.amount + rec.amount_netted - rec.amount_redeemed

    def _coop_redeemed_on(self, day):
        """``{tranche: cents redeemed by the end of day}``, from the dated
        history: the revolving batches posted up to that day (their lines),
        and what an exit moved to redemption payable (the rest of what the
        tranche holds redeemed, on the day it was redeemed)."""
        day = fields.Date.to_date(day)
        lines = (
            self.env["coop.patronage.revolving.line"]
            .sudo()
            .search(
                [
                    ("tranche_id", "in", self.ids),
                    ("revolving_id.state", "in", ("posted", "paid")),
                ]
            )
        )
        revolved, revolved_by = {}, {}
        for line in lines:
            cents = capital.to_cents(line.amount)
            revolved[line.tranche_id] = revolved.get(line.tranche_id, 0) + cents
            if line.revolving_id.date <= day:
                revolved_by[line.tranche_id] = revolved_by.get(line.tranche_id, 0) + cents
        result = {}
        for rec in self:
            cents = revolved_by.get(rec, 0)
            if rec.date_redeemed and rec.date_redeemed <= day:
                cents += capital.to_cents(rec.amount_redeemed) - revolved.get(rec, 0)
            result[rec] = cents
        return result

    def _coop_remaining_on(self, day):
        """``{tranche: cents retained at the end of day}``: the amount (and
        what later allocations netted against a deficit) less what was
        redeemed by then (:meth:`_coop_redeemed_on`); nothing for a tranche
        whose allocation was reversed by then."""
        day = fields.Date.to_date(day)
        redeemed = self._coop_redeemed_on(day)
        result = {}
        for rec in self:
            if rec.state == "reversed" and rec.date_reversed and rec.date_reversed <= day:
                result[rec] = 0
            else:
                result[rec] = (
                    capital.to_cents(rec.amount)
                    + capital.to_cents(rec.amount_netted)
                    - redeemed[rec]
                )
        return result

    def _coop_redeem(self, cents_by_tranche, date):
        """The owning method of redemption: add ``cents_by_tranche``
        (``{tranche: cents}``) to what each tranche has redeemed, on
        ``date``; a tranche with nothing left is redeemed. Called by the
        revolving batch and the exit, after their entries are posted.
        Refuses to redeem more than is left (or less than zero)."""
        for rec, cents in cents_by_tranche.items():
            left = capital.to_cents(rec.amount_remaining)
            if rec.state != "open" or (cents > 0 and cents > left) or (cents < 0 and cents < left):
                raise UserError(
                    self.env._(
                        "%(who)s's retained patronage of %(year)s has %(left)s left; "
                        "it cannot be redeemed by %(amount)s.",
                        who=rec.membership_id.name,
                        year=rec.year,
                        left=format(rec.amount_remaining, ".2f"),
                        amount=format(capital.from_cents(cents), ".2f"),
                    )
                )
            redeemed = capital.to_cents(rec.amount_redeemed) + cents
            vals = {"amount_redeemed": capital.from_cents(redeemed)}
            # Nothing left (a deficit counts what later allocations netted).
            if redeemed == capital.to_cents(rec.amount) + capital.to_cents(rec.amount_netted):
                vals.update(state="redeemed", date_redeemed=date)
            rec._coop_owner_write(vals)
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "Retained patronage is never deleted: it is redeemed, or the year's "
                "allocation is corrected by a reversing entry."
            )
        )

    @api.depends("year", "kind", "membership_id.partner_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for rec in self:
            values = {
                "year": rec.year or "",
                "person": rec.sudo().membership_id.partner_id.name or "",
            }
            if rec.kind == "interest":
                rec.display_name = self.env._("%(year)s interest \u2013 %(person)s", **values)
            else:
                rec.display_name = self.env._(
                    "%(year)s retained patronage \u2013 %(person)s", **values
                )
