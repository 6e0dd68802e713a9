from . import coop_membership_transition_wizard
