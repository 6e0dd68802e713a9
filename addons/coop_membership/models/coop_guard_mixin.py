import contextlib
import contextvars
import math

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# The models whose guarded fields the running server code may write now. Only
# _coop_owner_writes() sets it, a private method that no RPC call can reach;
# a context key would not do, since any caller can send one.
_OWNERS = contextvars.ContextVar("coop_guard_owners", default=frozenset())

CHAR_LIMIT = 256
TEXT_LIMIT = 20_000


def check_values(model, vals, currencies):
    """Refuse, with a sentence, values no co-op record may hold: numbers that
    are not numbers (NaN, infinity), money with more decimals than its
    currency has (12.345 dollars would be silently stored as 12.35), and
    texts far longer than any name or note. ``currencies(field)`` gives the
    currencies a monetary field of the records is kept in."""
    env = model.env
    for name, value in vals.items():
        field = model._fields.get(name)
        if field is None or isinstance(value, bool) or value is None:
            continue
        if field.type in ("float", "monetary", "integer") and isinstance(value, (int, float)):
            if not math.isfinite(value):
                raise ValidationError(
                    env._(
                        "%(field)s must be a number, not %(value)s.",
                        field=field._description_string(env),
                        value=value,
                    )
                )
            if field.type != "monetary":
                continue
            for currency in currencies(field):
                if currency.round(value) != round(value, 10):
                    raise ValidationError(
                        env._(
                            "%(field)s: %(value)s cannot be written in %(currency)s, which "
                            "has %(digits)s decimals; enter the amount to the cent.",
                            field=field._description_string(env),
                            value=value,
                            currency=currency.name,
                            digits=currency.decimal_places,
                        )
                    )
        elif field.type in ("char", "text") and isinstance(value, str):
            limit = field.size or (CHAR_LIMIT if field.type == "char" else TEXT_LIMIT)
            if len(value) > limit:
                raise ValidationError(
                    env._(
                        "%(field)s is %(length)s characters long; at most %(limit)s are allowed.",
                        field=field._description_string(env),
                        length=len(value),
                        limit=limit,
                    )
                )


class CoopGuardMixin(models.AbstractModel):
    """Business fields that only the methods owning them write.

    A model lists in ``_coop_protected_fields`` the fields its forms show
    read-only because they carry a business state (states, register
    numbers, posted or scheduled money, links to entries). ``write`` and
    ``create`` refuse them for every caller, the superuser included; the
    methods that own them write through :meth:`_coop_owner_write` and
    :meth:`_coop_owner_create`, which are private and so cannot be called
    over RPC. A new record may carry a protected field only at its default,
    or at a value listed in ``_coop_initial_values`` (``None``: any value).

    Every write and create also goes through :func:`check_values`.
    """

    _name = "coop.guard.mixin"
    _description = "Co-op guarded record"

    _coop_protected_fields = ()
    _coop_initial_values = {}
    _coop_check_values = True

    # ------------------------------------------------------------------
    # The owners' way in
    # ------------------------------------------------------------------
    @contextlib.contextmanager
    def _coop_owner_writes(self):
        """While this block runs, the calling server code writes this
        model's protected fields (after it checked who calls)."""
        token = _OWNERS.set(_OWNERS.get() | {self._name})
        try:
            yield
        finally:
            _OWNERS.reset(token)

    def _coop_is_owner(self):
        """Whether server code that owns this model's fields is writing now."""
        return self._name in _OWNERS.get()

    def _coop_owner_write(self, vals):
        with self._coop_owner_writes():
            return self.write(vals)

    @api.model
    def _coop_owner_create(self, vals_list):
        with self._coop_owner_writes():
            return self.create(vals_list)

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------
    def _coop_guarded(self):
        """The records of ``self`` whose protected fields are guarded."""
        return self

    @api.model
    def _coop_guarded_vals(self, _vals):
        """Whether a record created from these values is guarded."""
        return True

    @api.model
    def _coop_vals_currency(self, vals):
        """The currency of a record created from ``vals``: its company's, or
        that of the first record it links to that has a currency."""
        if vals.get("company_id"):
            return self.env["res.company"].browse(vals["company_id"]).currency_id
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or field.type != "many2one" or not isinstance(value, int):
                continue
            linked = self.env[field.comodel_name]
            if value and linked._fields.get("currency_id"):
                return linked.browse(value).currency_id
        return self.env.company.currency_id

    # ------------------------------------------------------------------
    # Argument checks for public methods (values arrive from RPC as text)
    # ------------------------------------------------------------------
    @api.model
    def _coop_date_arg(self, value, default_today=True):
        """A date given to a public method: a date or 'YYYY-MM-DD'."""
        if not value and default_today:
            return fields.Date.context_today(self)
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                return fields.Date.to_date(value)
        elif hasattr(value, "year") and hasattr(value, "month"):
            return fields.Date.to_date(value)
        raise UserError(
            self.env._(
                "“%(value)s” is not a date: write it as YYYY-MM-DD (for example 2025-10-22).",
                value=value,
            )
        )

    # ------------------------------------------------------------------
    # The guard
    # ------------------------------------------------------------------
    def _coop_refuse(self, name):
        raise UserError(
            self.env._(
                "%(field)s of a %(model)s changes only through the co-op's own "
                "actions (its buttons, postings and register), never by a direct write.",
                field=self._fields[name]._description_string(self.env),
                model=self._description.lower(),
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self._coop_is_owner():
            for vals in vals_list:
                self._coop_check_initial(vals)
        if self._coop_check_values:
            for vals in vals_list:
                currency = self._coop_vals_currency(vals)
                check_values(self, vals, lambda _field, currency=currency: currency)
        return super().create(vals_list)

    @api.model
    def _coop_check_initial(self, vals):
        missing = [n for n in self._coop_protected_fields if n not in vals]
        # Context and user defaults fill the missing fields: they are checked too.
        values = dict(self.default_get(missing), **vals) if missing else vals
        if not self._coop_guarded_vals(values):
            return
        for name in self._coop_protected_fields:
            value = values.get(name)
            allowed = self._coop_initial_values.get(name, ())
            if not value or allowed is None or value in allowed:
                continue
            field = self._fields[name]
            default = field.default(self) if field.default else False
            if isinstance(default, models.BaseModel):
                default = default.id
            if value != default:
                self._coop_refuse(name)

    def _coop_unchanged(self, name, value):
        """Whether writing ``value`` leaves field ``name`` as it is on every
        record (such a write changes nothing and is let through)."""
        field = self._fields[name]
        try:
            value = field.convert_to_record(field.convert_to_cache(value, self[:1]), self[:1])
        except (ValueError, TypeError):
            return False
        return all(record[name] == value for record in self)

    def write(self, vals):
        protected = [n for n in self._coop_protected_fields if n in vals]
        if protected and not self._coop_is_owner():
            guarded = self._coop_guarded()
            for name in protected:
                if guarded and not guarded._coop_unchanged(name, vals[name]):
                    guarded._coop_refuse(name)
        if self._coop_check_values:
            check_values(self, vals, lambda field: self.mapped(field.get_currency_field(self)))
        return super().write(vals)
