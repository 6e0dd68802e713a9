from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib import capital, certificates


class CoopShareRegisterReport(models.AbstractModel):
    """The share register of a co-op on an "as of" date: each member's
    holdings per class from the operations dated up to it, with totals per
    member and per class, and the operations themselves."""

    _name = "report.coop_capital.report_share_register"
    _description = "Share register as of a date"

    @api.model
    def _coop_as_of(self, data):
        """The register's date: ``data['date']`` (a date or 'YYYY-MM-DD'),
        today in the user's time zone when not given."""
        value = (data or {}).get("date")
        if not value:
            return fields.Date.context_today(self)
        try:
            return fields.Date.to_date(value)
        except (TypeError, ValueError) as error:
            raise UserError(
                self.env._("“%s” is not a date: give the register's date as YYYY-MM-DD.", value)
            ) from error

    @api.model
    def _get_report_values(self, docids, data=None):
        user = self.env.user
        if not self.env.su and not (
            user.has_group("coop_membership.group_coop_user")
            or user.has_group("account.group_account_readonly")
        ):
            raise AccessError(
                self.env._(
                    "The share register lists every member's capital: it is printed "
                    "by co-op users, managers and accountants."
                )
            )
        day = self._coop_as_of(data)
        companies = self.env["res.company"].browse(docids or self.env.company.ids)
        if companies - user.company_ids:
            raise AccessError(self.env._("You can print the register of your own co-ops only."))
        Operation = self.env["coop.share.operation"]
        registers = []
        for company in companies:
            operations = Operation.search(
                [("company_id", "=", company.id), ("date", "<=", day)], order="date, id"
            )
            holdings = certificates.holdings_on(operations._coop_moves(), day)
            per_member, per_class = certificates.register_totals(holdings)
            members = self.env["coop.membership"].browse(sorted({m for m, _c in holdings}))
            classes = self.env["coop.share.class"].browse(sorted({c for _m, c in holdings}))
            classes = classes.sorted(lambda c: (c.kind != "membership", c.name, c.id))
            rows = []
            for member in members.sorted(lambda m: (m.name or "", m.id)):
                lines = [
                    (share_class, *self._coop_money(holdings[(member.id, share_class.id)]))
                    for share_class in classes
                    if (member.id, share_class.id) in holdings
                ]
                rows.append((member, lines, *self._coop_money(per_member[member.id])))
            class_totals = [(c, *self._coop_money(per_class[c.id])) for c in classes]
            registers.append(
                {
                    "company": company,
                    "currency": company.currency_id,
                    "rows": rows,
                    "class_totals": class_totals,
                    "total_amount": capital.from_cents(sum(c for _s, c in per_class.values())),
                    "operations": operations,
                }
            )
        return {
            "doc_ids": companies.ids,
            "doc_model": "res.company",
            "docs": companies,
            "as_of": day,
            "registers": registers,
        }

    @staticmethod
    def _coop_money(total):
        shares, cents = total
        return shares, capital.from_cents(cents)
