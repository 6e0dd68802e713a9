from odoo import fields, models


class CoopPatronageRevolving(models.Model):
    """With coop_governance, retained patronage revolves only on a decision
    taken under the bylaws (shared/domain/capital.md, rule 10: "at the
    board's decision"): an adopted proposal of the kind of decision the
    company names for it (Settings → Co-op,
    ``res.company.coop_revolving_decision_type_id``), checked when the batch
    is posted and again when it is paid, whoever asks."""

    _name = "coop.patronage.revolving"
    _inherit = ["coop.patronage.revolving", "coop.approval.mixin"]
    _coop_approval_company_field = "coop_revolving_decision_type_id"

    approval_type_id = fields.Many2one(
        related="company_id.coop_revolving_decision_type_id", string="Approved by"
    )
    proposal_id = fields.Many2one(
        "coop.proposal",
        string="Approving decision",
        copy=False,
        tracking=True,
        index="btree_not_null",
        check_company=True,
        domain="[('company_id', '=', company_id), ('state', '=', 'closed'), "
        "('adopted', '=', True), '|', ('decision_type_id', '=', approval_type_id), "
        "('decision_type_id.frozen_from_id', '=', approval_type_id)]",
        help="The adopted proposal by which this revolving redemption was decided; "
        "needed to post and pay it when the bylaws name a kind of decision for it.",
    )

    def _coop_free_fields(self):
        # Chosen on a proposed batch, or on a posted one that has none yet
        # (posted before the bylaws asked for one); write() below guards it.
        return super()._coop_free_fields() | {"proposal_id"}

    def _coop_approval_open(self):
        self.ensure_one()
        return self.state == "draft" or (self.state == "posted" and not self.proposal_id)

    def _coop_approval_text(self, key, **params):
        if key == "missing":
            return self.env._(
                "%(name)s cannot be posted or paid yet: the bylaws of %(company)s want "
                "each revolving redemption decided by “%(rules)s”. Put the batch to a "
                "vote as a proposal of that kind and, once it is adopted, choose it as "
                "the approving decision.",
                **params,
            )
        if key == "not_adopted":
            return self.env._(
                "The proposal “%(proposal)s” has not been adopted: only an adopted "
                "decision approves a revolving redemption.",
                **params,
            )
        if key == "kind":
            return self.env._(
                "The bylaws of %(company)s decide revolving redemptions by “%(rules)s”; "
                "the proposal “%(proposal)s” was decided as “%(kind)s”.",
                **params,
            )
        return self.env._(
            "The decision “%(proposal)s” already approves another revolving batch; "
            "each batch is approved by a decision of its own.",
            **params,
        )

    def write(self, vals):
        self._coop_approval_guard(vals)
        return super().write(vals)

    def _coop_check_revolving_approval(self):
        result = super()._coop_check_revolving_approval()
        self._coop_check_approval()
        return result

    def action_pay(self, journal=None, date=None):
        self.check_access("write")
        self._coop_check_approval()
        return super().action_pay(journal=journal, date=date)
