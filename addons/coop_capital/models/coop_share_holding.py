from odoo import api, fields, models, tools


class CoopShareHolding(models.Model):
    """Shares held per member and class, computed from the register."""

    _name = "coop.share.holding"
    _description = "Share holding"
    _auto = False
    _order = "company_id, membership_id, share_class_id"

    membership_id = fields.Many2one("coop.membership", readonly=True)
    partner_id = fields.Many2one("res.partner", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    share_class_id = fields.Many2one("coop.share.class", readonly=True, string="Share class")
    quantity = fields.Integer(readonly=True)
    amount = fields.Monetary(readonly=True)

    @staticmethod
    def _id_sql(membership, share_class):
        """A stable id for the holding of one membership in one class: the
        Cantor pairing of the two ids, one number for each pair, the same in
        every query (unlike row numbers, which follow the row order)."""
        pair = f"({membership}::bigint + {share_class})"
        return f"({pair} * ({pair} + 1) / 2 + {share_class})"

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE VIEW {self._table} AS (
                SELECT {self._id_sql("moves.membership_id", "moves.share_class_id")} AS id,
                       moves.membership_id,
                       m.partner_id,
                       moves.company_id,
                       moves.share_class_id,
                       SUM(moves.quantity)::integer AS quantity,
                       SUM(moves.amount) AS amount
                  FROM (
                        SELECT membership_to_id AS membership_id, company_id,
                               share_class_id, quantity, amount
                          FROM coop_share_operation
                         WHERE membership_to_id IS NOT NULL
                        UNION ALL
                        SELECT membership_from_id, company_id, share_class_id,
                               -quantity, -amount
                          FROM coop_share_operation
                         WHERE membership_from_id IS NOT NULL
                       ) AS moves
                  JOIN coop_membership m ON m.id = moves.membership_id
              GROUP BY moves.membership_id, m.partner_id, moves.company_id,
                       moves.share_class_id
                HAVING SUM(moves.quantity) <> 0
            )
            """
        )

    @api.depends("partner_id.name", "share_class_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = self.env._(
                "%(person)s \u2013 %(share_class)s",
                person=rec.sudo().partner_id.name or "",
                share_class=rec.sudo().share_class_id.name or "",
            )
