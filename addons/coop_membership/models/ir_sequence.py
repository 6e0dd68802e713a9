from odoo import models
from odoo.tools import SQL


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    def _coop_next_batch(self, count):
        """``count`` next numbers of this sequence in one query (both
        implementations), for batch operations of the co-op."""
        self.ensure_one()
        if count <= 0:
            return []
        if self.use_date_range:
            return [self._next() for _index in range(count)]
        if self.implementation == "standard":
            self.env.cr.execute(
                SQL(
                    "SELECT nextval(%s) FROM generate_series(1, %s)",
                    f"ir_sequence_{self.id:03d}",
                    count,
                )
            )
            numbers = [row[0] for row in self.env.cr.fetchall()]
        else:
            step = self.number_increment
            self.flush_recordset(["number_next"])
            self.env.cr.execute(
                SQL(
                    "UPDATE ir_sequence SET number_next = number_next + %s WHERE id = %s "
                    "RETURNING number_next",
                    count * step,
                    self.id,
                )
            )
            end = self.env.cr.fetchone()[0]
            self.invalidate_recordset(["number_next"])
            numbers = [end - count * step + index * step for index in range(count)]
        return [self.get_next_char(number) for number in numbers]

    def _coop_for_company(self, code, company):
        """The sequence ``next_by_code`` would use for ``company``."""
        return self.sudo().search(
            [("code", "=", code), ("company_id", "in", [company.id, False])],
            order="company_id",
            limit=1,
        )
