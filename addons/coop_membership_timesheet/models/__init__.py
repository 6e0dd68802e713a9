from . import coop_membership
