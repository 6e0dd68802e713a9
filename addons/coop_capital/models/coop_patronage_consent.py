from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

# 26 USC 1388(c)(2): the three ways a member consents to take a notice of
# allocation into income (shared/domain/capital.md, "Consent").
CONSENT_METHODS = [
    ("agreement", "Signed consent agreement"),
    ("bylaw", "Consent bylaw, received in writing"),
    ("check", "Qualified check cashed within 90 days"),
]


class CoopPatronageConsent(models.Model):
    """A member's consent to qualified notices of allocation: how, when, under
    which bylaw. Recorded by a co-op manager, never edited afterwards: it is
    only revoked, on a date, through :meth:`action_revoke`."""

    _name = "coop.patronage.consent"
    _description = "Patronage consent"
    _check_company_auto = True
    _inherit = ["mail.thread", "coop.guard.mixin"]
    _order = "date desc, id desc"
    _coop_protected_fields = (
        "membership_id",
        "method",
        "date",
        "bylaw_version",
        "note",
        "date_revoked",
        "revoke_note",
    )
    # Given once, when the manager records the consent.
    _coop_initial_values = {
        "membership_id": None,
        "method": None,
        "date": None,
        "bylaw_version": None,
        "note": None,
    }

    membership_id = fields.Many2one(
        "coop.membership", required=True, index=True, readonly=True, ondelete="restrict"
    )
    partner_id = fields.Many2one(related="membership_id.partner_id", store=True, index=True)
    company_id = fields.Many2one(related="membership_id.company_id", store=True, index=True)
    method = fields.Selection(CONSENT_METHODS, required=True, readonly=True)
    date = fields.Date(string="Consented on", required=True, readonly=True)
    bylaw_version = fields.Char(
        readonly=True,
        help="The bylaws (or consent agreement) version the member consented under.",
        string="Bylaw version",
    )
    note = fields.Text(readonly=True)
    date_revoked = fields.Date(string="Revoked on", readonly=True, copy=False, tracking=True)
    revoke_note = fields.Text(string="Why revoked", readonly=True, copy=False)

    @api.constrains("method", "bylaw_version", "date", "date_revoked")
    def _check_consent(self):
        for rec in self:
            if rec.method == "bylaw" and not (rec.bylaw_version or "").strip():
                raise ValidationError(
                    self.env._(
                        "%s: a consent by bylaw names the version of the bylaws the "
                        "member received in writing.",
                        rec.partner_id.name,
                    )
                )
            if rec.date_revoked and rec.date_revoked < rec.date:
                raise ValidationError(
                    self.env._(
                        "%s: a consent cannot be revoked before it was given.",
                        rec.partner_id.name,
                    )
                )

    def _coop_valid_on(self, day):
        """The consents of ``self`` in force on ``day``."""
        return self.filtered(
            lambda c: c.date <= day and (not c.date_revoked or c.date_revoked > day)
        )

    def action_revoke(self, date=None, note=None):
        """Revoke the consents from ``date`` (a date or 'YYYY-MM-DD'; today
        when empty): notices dated from then on are not qualified."""
        self.check_access("write")
        date = self._coop_date_arg(date)
        if note is not None and not isinstance(note, str):
            raise UserError(self.env._("Write why the consent is revoked as text."))
        for rec in self:
            if date < rec.date:
                raise ValidationError(
                    self.env._(
                        "%s: a consent cannot be revoked before it was given.",
                        rec.partner_id.name,
                    )
                )
            if rec.date_revoked:
                raise UserError(
                    self.env._(
                        "%(person)s's consent was already revoked on %(date)s.",
                        person=rec.partner_id.name,
                        date=rec.date_revoked,
                    )
                )
        self._coop_owner_write({"date_revoked": date, "revoke_note": note or False})
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("A patronage consent is never deleted: revoke it from a date instead.")
        )

    @api.depends("membership_id.partner_id.name", "date")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = self.env._(
                "Patronage consent \u2013 %(person)s \u2013 %(date)s",
                person=rec.sudo().membership_id.partner_id.name or "",
                date=format_date(self.env, rec.date) if rec.date else "",
            )
