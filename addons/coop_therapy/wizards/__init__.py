from . import coop_session_invoice_wizard
from . import coop_membership_transition_wizard
from . import coop_hour_week_sign_wizard
