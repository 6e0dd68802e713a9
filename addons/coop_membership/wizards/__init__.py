from . import coop_membership_exit_wizard
