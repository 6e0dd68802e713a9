import hmac
import secrets

from odoo import api, models
from odoo.exceptions import AccessError, UserError, ValidationError

SEAL_KEY = "coop_governance.seal_key"


class CoopGovernanceGuard(models.AbstractModel):
    """What every governance record shares: the fields that only its own
    methods set, and the texts a person types, never empty nor endless.

    A field listed in ``_coop_owned_fields`` is refused in ``create`` and
    ``write`` for every caller, governance managers included, whatever the
    context: the method that owns it checks who calls, then writes with
    ``sudo()``."""

    _name = "coop.governance.guard"
    _description = "Guard of a governance record"

    # Fields set only by the record's own methods (with sudo() after their check).
    _coop_owned_fields = ()
    # Texts typed by people: field name -> the most characters it may hold.
    _coop_text_limits = {}
    # Of those, the ones that may not be empty (spaces alone are empty).
    _coop_required_texts = ()

    def _coop_owned_message(self):
        """The sentence that says who sets the owned fields."""
        return self.env._("This is set by the record's own steps, never by hand.")

    def _coop_check_owned(self, vals_list, creating=False):
        if self.env.su:
            return
        owned = set(self._coop_owned_fields)
        for vals in vals_list:
            touched = owned.intersection(vals)
            if creating:  # a new record may state the defaults
                defaults = self.default_get(list(touched)) if touched else {}
                touched = {n for n in touched if vals[n] and vals[n] != defaults.get(n)}
            if touched:
                labels = ", ".join(sorted(self._fields[name].string for name in touched))
                raise UserError(
                    self.env._(
                        "%(why)s (%(fields)s)", why=self._coop_owned_message(), fields=labels
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self.check_access("create")  # who may not create at all hears that first
            self._coop_check_owned(vals_list, creating=True)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self.check_access("write")
            self._coop_check_owned([vals])
        return super().write(vals)

    @api.model
    def _coop_seal_key(self):
        """The co-op's seal key: generated once, kept in a system parameter
        that only system administrators read."""
        params = self.env["ir.config_parameter"].sudo()
        key = params.get_param(SEAL_KEY)
        if not key:
            key = secrets.token_hex(32)
            params.set_param(SEAL_KEY, key)
        return key

    def _coop_hmac(self, *parts):
        """A seal over ``parts`` that only a holder of the seal key can make."""
        message = "|".join(str(part) for part in parts).encode()
        return hmac.new(self._coop_seal_key().encode(), message, "sha256").hexdigest()

    def _coop_check_manager(self, message=None):
        """Only governance managers run meetings and votes."""
        if not self.env.su and not self.env.user.has_group(
            "coop_governance.group_governance_manager"
        ):
            raise AccessError(message or self.env._("Only governance managers do this."))

    @api.constrains(lambda self: tuple(self._coop_text_limits))
    def _check_texts(self):
        for rec in self:
            for name, limit in self._coop_text_limits.items():
                value = rec[name] or ""
                label = self._fields[name].string
                if name in self._coop_required_texts and not value.strip():
                    raise ValidationError(self.env._("%(field)s cannot be empty.", field=label))
                if len(value) > limit:
                    raise ValidationError(
                        self.env._(
                            "%(field)s holds %(limit)s characters at most (this one has "
                            "%(length)s).",
                            field=label,
                            limit=limit,
                            length=len(value),
                        )
                    )
