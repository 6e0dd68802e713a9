from odoo import models

from .coop_licensure import CoopLicensure

# The to-dos the co-op's jobs and workflow give a named person: only that
# person (or a co-op manager) closes or changes them, even where Odoo would
# let anyone who may edit the record do it (an associate may edit their own
# week, which holds their supervisor's "Week to sign").
PERSONAL_TYPES = (
    *CoopLicensure.ALERT_TYPES.values(),
    "coop_therapy.mail_activity_type_week_to_sign",
)


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if operation not in ("write", "unlink") or self.env.su or not self:
            return result
        if self.env.user.has_group("coop_membership.group_coop_manager"):
            return result
        types = {
            type_id
            for xmlid in PERSONAL_TYPES
            if (type_id := self.env["ir.model.data"]._xmlid_to_res_id(xmlid, False))
        }
        refused = result[0] if result else self.browse()
        others = (
            (self - refused)
            .sudo()
            .filtered(lambda a: a.activity_type_id.id in types and a.user_id != self.env.user)
        )
        if not others:
            return result
        forbidden = self.browse(others.ids)
        if result:
            return (result[0] + forbidden, result[1])
        return (forbidden, lambda: forbidden._make_access_error(operation))
