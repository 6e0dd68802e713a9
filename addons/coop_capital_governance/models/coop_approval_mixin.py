from odoo import api, models
from odoo.exceptions import UserError, ValidationError

# The records an adopted proposal may approve: each decision approves one.
APPROVED_MODELS = ("coop.patronage.allocation", "coop.patronage.revolving")


class CoopApprovalMixin(models.AbstractModel):
    """Approval of a capital record by an adopted proposal of the kind of
    decision the company's bylaws name for it (Settings → Co-op): shared by
    the year-end patronage allocation and the revolving redemption.

    A model using it has ``company_id``, ``state``, ``name`` and a
    ``proposal_id`` (the approving decision), names the company field that
    holds the kind of decision in ``_coop_approval_company_field``, says in
    :meth:`_coop_approval_open` while the decision may still be chosen, and
    gives its sentences in :meth:`_coop_approval_text`."""

    _name = "coop.approval.mixin"
    _description = "Approved by an adopted proposal"

    _coop_approval_company_field = None

    # ------------------------------------------------------------------
    # What each model says
    # ------------------------------------------------------------------
    def _coop_approval_rules(self):
        """The kind of decision the company's bylaws name for this record."""
        self.ensure_one()
        return self.company_id.sudo()[self._coop_approval_company_field]

    def _coop_approval_open(self):
        """Whether the approving decision may still be chosen or changed."""
        raise NotImplementedError

    def _coop_approval_text(self, key, **params):
        """The sentence of ``key`` ("missing", "not_adopted", "kind",
        "reused") for this kind of record."""
        raise NotImplementedError

    def _coop_approval_state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    # ------------------------------------------------------------------
    # The rules, for every caller
    # ------------------------------------------------------------------
    def _coop_approval_guard(self, vals):
        """Refuse to change the approving decision once the record is past
        the point where it is chosen."""
        if "proposal_id" not in vals or self._coop_is_owner():
            return
        for rec in self:
            if rec.proposal_id.id != (vals["proposal_id"] or False) and not (
                rec._coop_approval_open()
            ):
                raise UserError(
                    self.env._(
                        "%(name)s is %(state)s: its approving decision no longer changes.",
                        name=rec.name,
                        state=rec._coop_approval_state_label(),
                    )
                )

    @api.constrains("proposal_id", "company_id")
    def _check_coop_proposal(self):
        for rec in self.filtered("proposal_id"):
            error = rec._coop_proposal_error(rec.proposal_id)
            if error:
                raise ValidationError(error)
            for model in APPROVED_MODELS:
                domain = [("proposal_id", "=", rec.proposal_id.id), ("state", "!=", "cancelled")]
                if model == rec._name:
                    domain.append(("id", "!=", rec.id))
                other = self.env[model].sudo().search(domain, limit=1)
                if not other:
                    continue
                if model == rec._name:
                    raise ValidationError(
                        rec._coop_approval_text("reused", proposal=rec.proposal_id.sudo().name)
                    )
                raise ValidationError(
                    self.env._(
                        "The decision “%(proposal)s” already approves %(other)s; a "
                        "decision approves one allocation or one revolving batch.",
                        proposal=rec.proposal_id.sudo().name,
                        other=other.name,
                    )
                )

    def _coop_proposal_error(self, proposal):
        """Why ``proposal`` cannot approve this record, as a sentence, or None."""
        self.ensure_one()
        proposal = proposal.sudo()
        rules = self._coop_approval_rules()
        if proposal.company_id != self.company_id:
            return self.env._(
                "The decision “%(proposal)s” was taken in %(other)s, not in %(company)s.",
                proposal=proposal.name,
                other=proposal.company_id.name,
                company=self.company_id.name,
            )
        if proposal.state != "closed" or not proposal.adopted:
            return self._coop_approval_text("not_adopted", proposal=proposal.name)
        if rules and rules not in (
            proposal.decision_type_id | proposal.decision_type_id.frozen_from_id
        ):
            return self._coop_approval_text(
                "kind",
                company=self.company_id.name,
                rules=rules.name,
                proposal=proposal.name,
                kind=proposal.decision_type_id.name,
            )
        return None

    def _coop_check_approval(self):
        """Refuse a record the bylaws want approved and that no adopted
        proposal of that kind approves."""
        for rec in self:
            rules = rec._coop_approval_rules()
            if not rules:
                continue
            if not rec.proposal_id:
                raise UserError(
                    rec._coop_approval_text(
                        "missing", name=rec.name, company=rec.company_id.name, rules=rules.name
                    )
                )
            error = rec._coop_proposal_error(rec.proposal_id)
            if error:
                raise UserError(error)
