from odoo import fields, models


class CoopShareRegisterWizard(models.TransientModel):
    """Print the share register as it stood on a date."""

    _name = "coop.share.register.wizard"
    _description = "Print the share register as of a date"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date = fields.Date(string="As of", required=True, default=fields.Date.context_today)

    def action_print(self):
        self.ensure_one()
        return self.env.ref("coop_capital.action_report_share_register").report_action(
            self.company_id, data={"date": fields.Date.to_string(self.date)}
        )
