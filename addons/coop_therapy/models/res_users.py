from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _coop_set_associate_landing(self):
        """Associates who log in as internal users and do not run the register
        land on their own progress toward licensure, unless they chose
        another home page than their own membership."""
        action = self.env.ref("coop_therapy.action_coop_my_progress", False)
        if not action:
            return
        # Compared by id: action_id reads an ir.actions.actions record, never
        # equal to the ir.actions.server record itself.
        mine = self.env.ref("coop_membership.action_coop_my_membership", False)
        replaceable = {False, mine.id if mine else False}
        users = self.sudo().filtered(
            lambda u: (
                not u.share
                and u.action_id.id in replaceable
                and not u.has_group("coop_membership.group_coop_user")
            )
        )
        if users:
            users.write({"action_id": action.id})

    def _coop_set_supervisor_landing(self):
        """Supervisors who log in as internal users and do not run the
        register (no Co-op / User) land on the weeks waiting for their
        signature, unless they chose another home page than their own
        membership."""
        action = self.env.ref("coop_therapy.action_coop_hour_week_to_sign", False)
        if not action:
            return
        # Compared by id: action_id reads an ir.actions.actions record, never
        # equal to the ir.actions.server record itself.
        mine = self.env.ref("coop_membership.action_coop_my_membership", False)
        replaceable = {False, mine.id if mine else False}
        users = self.sudo().filtered(
            lambda u: (
                not u.share
                and u.action_id.id in replaceable
                and not u.has_group("coop_membership.group_coop_user")
            )
        )
        if users:
            users.write({"action_id": action.id})
