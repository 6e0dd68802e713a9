from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

METHOD_PREFIX = "_coop_overview_"
TONES = [("ok", "On track"), ("warning", "Needs attention"), ("danger", "Act now")]


class CoopOverviewTile(models.Model):
    """One figure of the managers' Co-op overview, with the list behind it.

    Each addon adds the tiles of the records it owns (a data record naming a
    model and one of its methods). The method, named ``_coop_overview_*``,
    returns the filtered list as a domain and, when the figure is not the
    number of records in it, the figure itself::

        {"domain": [...], "value": 3.0, "display": "$3.00", "note": "...",
         "tone": "ok" | "warning" | "danger", "action": "module.action_xmlid",
         "context": {...}}

    The figures are computed as the reader, so they count what the reader's
    companies and access rights let them read, and nothing more; a tile of a
    model the reader cannot read shows nothing."""

    _name = "coop.overview.tile"
    _description = "Co-op overview tile"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    res_model = fields.Char(string="Counted model", required=True)
    method = fields.Char(
        required=True,
        help="Method of the counted model that returns the tile's figures "
        "(its name starts with _coop_overview_).",
    )
    icon = fields.Char(default="fa-users", help="A Font Awesome icon, e.g. fa-users.")
    group_ids = fields.Many2many(
        "res.groups",
        string="Shown to",
        help="Only the users of these groups see the tile (empty: every manager).",
    )
    value = fields.Float(compute="_compute_figures", digits=(16, 2))
    value_display = fields.Char(compute="_compute_figures", string="Figure")
    note = fields.Char(compute="_compute_figures")
    tone = fields.Selection(TONES, compute="_compute_figures")

    @api.constrains("method", "res_model")
    def _check_method(self):
        for tile in self:
            if not (tile.method or "").startswith(METHOD_PREFIX):
                raise UserError(
                    self.env._(
                        "The overview tile %(tile)s reads its figures from a method whose "
                        "name starts with %(prefix)s, not %(method)s.",
                        tile=tile.name,
                        prefix=METHOD_PREFIX,
                        method=tile.method,
                    )
                )
            if tile.res_model not in self.env:
                raise UserError(
                    self.env._(
                        "The overview tile %(tile)s counts %(model)s, which is not installed.",
                        tile=tile.name,
                        model=tile.res_model,
                    )
                )

    def _coop_figures(self):
        """The tile's figures, as the current user; None when the user
        cannot read the counted model."""
        self.ensure_one()
        model = self.env[self.res_model]
        if not model.has_access("read"):
            return None
        figures = dict(getattr(model, self.method)())
        if "value" not in figures:
            figures["value"] = model.search_count(figures["domain"])
        figures.setdefault("display", formatLang(self.env, figures["value"], digits=0))
        figures.setdefault("note", "")
        figures.setdefault("tone", "ok")
        return figures

    @api.depends_context("uid", "allowed_company_ids", "lang")
    def _compute_figures(self):
        for tile in self:
            figures = tile._coop_figures()
            if figures is None:
                tile.update({"value": 0.0, "value_display": "", "note": "", "tone": "ok"})
                continue
            tile.value = figures["value"]
            tile.value_display = figures["display"]
            tile.note = figures["note"]
            tile.tone = figures["tone"]

    def action_open(self):
        """The list behind the figure, filtered to the records it counts."""
        self.ensure_one()
        figures = self._coop_figures()
        if figures is None:
            raise UserError(self.env._("You cannot read the records of %s.", self.name))
        if figures.get("action"):
            action = self.env["ir.actions.act_window"]._for_xml_id(figures["action"])
        else:
            action = {
                "type": "ir.actions.act_window",
                "res_model": self.res_model,
                "view_mode": "list,form",
                "views": [(False, "list"), (False, "form")],
            }
        action.update(
            name=self.name,
            display_name=self.name,
            domain=figures["domain"],
            context=figures.get("context", action.get("context", {})),
            target="current",
        )
        if figures.get("views"):
            action["views"] = figures["views"]
        return action
