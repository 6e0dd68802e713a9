from odoo import api, models
from odoo.exceptions import AccessError


class CoopLockedFieldsMixin(models.AbstractModel):
    """Fields that only a model's own methods set: those methods check who
    calls them, then write as superuser. Any other caller's ``create`` or
    ``write`` naming one of these fields is refused, whatever its context."""

    _name = "coop.locked.fields.mixin"
    _description = "Fields set only by their own methods"

    _coop_locked_fields = frozenset()

    def _coop_locked_fields_error(self):
        """The sentence a caller is refused with."""
        return self.env._("These fields are set by the application, not by hand.")

    def _coop_check_locked_fields(self, field_names):
        if not self.env.su and self._coop_locked_fields & set(field_names):
            raise AccessError(self._coop_locked_fields_error())

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._coop_check_locked_fields(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._coop_check_locked_fields(vals)
        return super().write(vals)
