from odoo import api, fields, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "coop.guard.mixin"]
    # A member capital entry is created, posted and flagged only by member
    # capital; nobody unticks the flag or moves the entry out of posted.
    _coop_protected_fields = ("coop_capital", "state")
    _coop_check_values = False

    coop_capital = fields.Boolean(
        string="Member capital entry",
        readonly=True,
        copy=False,
        help="Posted by the co-op's member capital; never edited, only reversed.",
    )
    coop_pay_period = fields.Char(
        string="Pay period",
        copy=False,
        help="For a payroll entry: the pay period whose member share deductions it "
        "credits to wages payable (e.g. 2026-11). Empty: the month of the entry's date.",
    )

    def _coop_guarded(self):
        return self.filtered("coop_capital")

    @api.model
    def _coop_guarded_vals(self, vals):
        return bool(vals.get("coop_capital"))

    def _coop_post(self):
        """Post member capital entries (their owner's way to the posted state)."""
        with self._coop_owner_writes():
            self.action_post()

    @api.depends("coop_capital")
    def _compute_show_reset_to_draft_button(self):
        """Member capital entries are never reset to draft (:meth:`button_draft`
        refuses it for everyone): the button is not shown on them."""
        result = super()._compute_show_reset_to_draft_button()
        for move in self.filtered("coop_capital"):
            move.show_reset_to_draft_button = False
        return result

    def button_draft(self):
        if any(move.coop_capital for move in self):
            raise UserError(
                self.env._(
                    "Member capital entries are never edited: reverse the entry "
                    "(or correct the share register) instead."
                )
            )
        return super().button_draft()

    @api.model
    def _coop_post_batches(self, records, group_key, item_lines, batch_label):
        """Post one entry per group of ``records`` (by ``group_key(record)``,
        a (journal, date) pair), with ``item_lines(record)`` for each record.

        Batching keeps the cost of posting independent of the number of
        members: Odoo's posting costs queries per entry, not per line. Returns
        ``{record: its lines}``.
        """
        groups = {}
        for record in records:
            groups.setdefault(group_key(record), []).append(record)
        vals_list, items = [], []
        for (journal, date), group in groups.items():
            item_vals = [item_lines(record) for record in group]
            partners = {line["partner_id"] for lines in item_vals for line in lines}
            single = len(group) == 1
            vals_list.append(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "company_id": journal.company_id.id,
                    "date": date,
                    "ref": item_vals[0][0]["name"] if single else f"{batch_label} ({len(group)})",
                    "partner_id": partners.pop() if len(partners) == 1 else False,
                    "coop_capital": True,
                    # No analytic distribution on capital lines: given, so that Odoo
                    # does not look one up line by line.
                    "line_ids": [
                        fields.Command.create(dict(line, analytic_distribution=False))
                        for lines in item_vals
                        for line in lines
                    ],
                }
            )
            items.append(
                [(record, len(lines)) for record, lines in zip(group, item_vals, strict=True)]
            )
        moves = self.sudo()._coop_owner_create(vals_list)
        moves._coop_post()
        result = {}
        for move, group_items in zip(moves, items, strict=True):
            move_lines = move.line_ids.sorted("id")
            start = 0
            for record, count in group_items:
                result[record] = move_lines[start : start + count]
                start += count
        return result
