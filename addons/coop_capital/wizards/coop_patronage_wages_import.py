import base64
import binascii

from odoo import fields, models
from odoo.exceptions import UserError

from ..lib import wages


class CoopPatronageWagesImport(models.TransientModel):
    """Fill a draft patronage allocation's gross wages from the payroll
    provider's file: one row per member, their identifier (register number,
    work email, employee ID or badge ID) and the gross wages of the year. All
    rows or none: a row that cannot be read or matched writes nothing."""

    _name = "coop.patronage.wages.import"
    _description = "Import a patronage year's gross wages"

    allocation_id = fields.Many2one(
        "coop.patronage.allocation", required=True, ondelete="cascade", readonly=True
    )
    file = fields.Binary(
        string="Gross wages (CSV)",
        required=True,
        help="From the payroll provider: one row per member, the member's identifier "
        "(register number, work email, employee ID or badge ID) and the gross wages "
        "of the year; a header row is allowed.",
    )
    filename = fields.Char()

    def _coop_lines_by_key(self):
        """``{identifier (lower case): line}`` of the allocation's members."""
        by_key = {}
        for line in self.allocation_id.sudo().line_ids:
            employee = line.membership_id.employee_id
            for key in (
                line.membership_id.register_number,
                employee.work_email,
                employee.identification_id,
                employee.barcode,
            ):
                if key:
                    by_key.setdefault(key.strip().lower(), line)
        return by_key

    def _coop_problem_text(self, number, kind, cell):
        texts = {
            "identifier": self.env._(
                "row %(row)s needs a member identifier and the gross wages", row=number
            ),
            "amount": self.env._(
                "row %(row)s: “%(cell)s” is not an amount in dollars and cents",
                row=number,
                cell=cell,
            ),
            "negative": self.env._(
                "row %(row)s: gross wages cannot be negative (%(cell)s)", row=number, cell=cell
            ),
            "unknown": self.env._(
                "row %(row)s: “%(cell)s” is no member of this allocation (no register "
                "number, work email, employee ID or badge ID matches; load the members "
                "first if they are missing)",
                row=number,
                cell=cell,
            ),
            "twice": self.env._(
                "row %(row)s: %(cell)s is already in an earlier row", row=number, cell=cell
            ),
        }
        return texts[kind]

    def action_import(self):
        self.ensure_one()
        allocation = self.allocation_id
        allocation.check_access("write")
        allocation._coop_check_draft(self.env._("the gross wages"))
        try:
            text = base64.b64decode(self.file or b"").decode("utf-8-sig")
        except (binascii.Error, UnicodeDecodeError):
            raise UserError(self.env._("The file is not a CSV text file.")) from None
        rows, problems = wages.parse_wages_csv(text)
        by_key = self._coop_lines_by_key()
        amounts = {}
        for number, key, cents in rows:
            line = by_key.get(key.lower())
            if not line:
                problems.append((number, "unknown", key))
            elif line in amounts:
                problems.append((number, "twice", line.partner_id.name))
            else:
                amounts[line] = cents
        if problems:
            problems.sort()
            shown = [self._coop_problem_text(*problem) for problem in problems[:10]]
            if len(problems) > 10:
                shown.append(self.env._("and %(count)s more", count=len(problems) - 10))
            raise UserError(
                self.env._(
                    "Nothing was imported: %(problems)s. Correct the file and import it again.",
                    problems="; ".join(shown),
                )
            )
        if not amounts:
            raise UserError(self.env._("The file lists no gross wages."))
        allocation._coop_set_wages(amounts, "imported")
        return {"type": "ir.actions.act_window_close"}
