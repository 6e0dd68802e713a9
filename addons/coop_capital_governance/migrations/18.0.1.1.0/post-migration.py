from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Revolving redemptions are decided by the ordinary decision of each
    company that keeps its bylaws, as on a new installation; the patronage
    setting each company chose is left as it is."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.company"].search([])._coop_default_decision_types(
        names=("coop_revolving_decision_type_id",)
    )
