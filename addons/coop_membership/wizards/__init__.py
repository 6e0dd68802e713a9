from . import coop_membership_exit_wizard
from . import coop_membership_transition_wizard
