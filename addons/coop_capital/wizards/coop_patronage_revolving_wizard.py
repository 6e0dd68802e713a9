from odoo import fields, models


class CoopPatronageRevolvingWizard(models.TransientModel):
    """Propose a revolving redemption: the board's cutoff, budget and
    decision; the batch it makes proposes the oldest due tranches."""

    _name = "coop.patronage.revolving.wizard"
    _description = "Propose a revolving redemption"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_cutoff = fields.Date(
        string="Planned revolving up to", required=True, default=fields.Date.context_today
    )
    budget = fields.Monetary(help="The most to pay back in this batch; 0: no limit.")
    decision_date = fields.Date(string="Board decision on")
    decision_ref = fields.Char(string="Decision reference")
    decision_note = fields.Text(string="Decision")
    date = fields.Date(string="Entry date", required=True, default=fields.Date.context_today)

    def action_propose(self):
        """Make the batch (as the caller: a draft they may create) and
        propose its tranches; open it."""
        self.ensure_one()
        batch = self.env["coop.patronage.revolving"].create(
            {
                "company_id": self.company_id.id,
                "date_cutoff": self.date_cutoff,
                "budget": self.budget,
                "decision_date": self.decision_date,
                "decision_ref": self.decision_ref,
                "decision_note": self.decision_note,
                "date": self.date,
            }
        )
        batch.action_propose()
        return {
            "type": "ir.actions.act_window",
            "res_model": "coop.patronage.revolving",
            "res_id": batch.id,
            "view_mode": "form",
        }
