from . import models


def post_init_hook(env):
    """Each company that already keeps its bylaws in the database approves its
    patronage allocations and revolving redemptions by its ordinary decision,
    until Settings say otherwise."""
    env["res.company"].search([])._coop_default_decision_types()
