from odoo import fields, models


class CoopPatronageAllocation(models.Model):
    """With coop_governance, a year is posted only on the members' decision:
    an adopted proposal of the kind of decision the bylaws name for it
    (Settings → Co-op, ``res.company.coop_patronage_decision_type_id``)."""

    _name = "coop.patronage.allocation"
    _inherit = ["coop.patronage.allocation", "coop.approval.mixin"]
    _coop_approval_company_field = "coop_patronage_decision_type_id"

    approval_type_id = fields.Many2one(
        related="company_id.coop_patronage_decision_type_id", string="Approved by"
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
        help="The adopted proposal by which the members approved this allocation; "
        "needed to post it when the bylaws name a kind of decision for it.",
    )

    def _coop_free_fields(self):
        # The approving decision is chosen on a draft or a computed allocation;
        # write() below keeps it once the allocation is posted or cancelled.
        return super()._coop_free_fields() | {"proposal_id"}

    def _coop_approval_open(self):
        self.ensure_one()
        return self.state in ("draft", "computed")

    def _coop_approval_text(self, key, **params):
        if key == "missing":
            return self.env._(
                "%(name)s cannot be posted yet: the bylaws of %(company)s want each "
                "patronage allocation approved by “%(rules)s”. Put the allocation to "
                "the members as a proposal of that kind and, once it is adopted, "
                "choose it as the approving decision.",
                **params,
            )
        if key == "not_adopted":
            return self.env._(
                "The proposal “%(proposal)s” has not been adopted: only an adopted "
                "decision approves a patronage allocation.",
                **params,
            )
        if key == "kind":
            return self.env._(
                "The bylaws of %(company)s approve patronage allocations by “%(rules)s”; "
                "the proposal “%(proposal)s” was decided as “%(kind)s”.",
                **params,
            )
        return self.env._(
            "The decision “%(proposal)s” already approves another patronage "
            "allocation; each year is approved by a decision of its own.",
            **params,
        )

    def write(self, vals):
        self._coop_approval_guard(vals)
        return super().write(vals)

    def action_post(self):
        self.check_access("write")
        self._coop_check_approval()
        return super().action_post()
