from odoo import models
from odoo.tools import SQL


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    def _coop_next_batch(self, count, dates=None):
        """``count`` next numbers of this sequence in one query (both
        implementations), for batch operations of the co-op.

        ``dates``: each number's document date, in the order the numbers are
        drawn; a prefix such as ``SUB/%(year)s/`` then takes the year of the
        document's date, not of the day it is recorded (today without)."""
        self.ensure_one()
        if count <= 0:
            return []
        dates = list(dates) if dates is not None else [None] * count
        if len(dates) != count:
            raise ValueError("one document date per number")
        if self.use_date_range:
            return [
                self.with_context(ir_sequence_date=date)._next(sequence_date=date)
                if date
                else self._next()
                for date in dates
            ]
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
        return [
            self.with_context(ir_sequence_date=date).get_next_char(number)
            if date
            else self.get_next_char(number)
            for number, date in zip(numbers, dates, strict=True)
        ]

    def _coop_for_company(self, code, company):
        """The sequence ``next_by_code`` would use for ``company``."""
        return self.sudo().search(
            [("code", "=", code), ("company_id", "in", [company.id, False])],
            order="company_id",
            limit=1,
        )
