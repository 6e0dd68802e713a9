from odoo import fields, models


class CoopShareTransferWizard(models.TransientModel):
    _name = "coop.share.transfer.wizard"
    _description = "Transfer or redeem investment shares"

    membership_id = fields.Many2one("coop.membership", string="From", required=True)
    company_id = fields.Many2one(related="membership_id.company_id")
    action = fields.Selection(
        [("transfer", "Transfer to another member"), ("redeem", "Redeem (pay back)")],
        required=True,
        default="transfer",
    )
    to_membership_id = fields.Many2one(
        "coop.membership",
        string="To",
        domain="[('company_id', '=', company_id), ('id', '!=', membership_id)]",
    )
    share_class_id = fields.Many2one(
        "coop.share.class",
        required=True,
        domain="[('company_id', '=', company_id), ('kind', '=', 'investment')]",
        string="Share class",
    )
    quantity = fields.Integer(required=True, default=1)
    date = fields.Date(required=True, default=fields.Date.context_today)

    def action_confirm(self):
        self.ensure_one()
        if self.action == "transfer":
            self.membership_id._coop_transfer_shares(
                self.to_membership_id, self.share_class_id, self.quantity, self.date
            )
        else:
            self.membership_id._coop_redeem_shares(self.share_class_id, self.quantity, self.date)
        return {"type": "ir.actions.act_window_close"}
