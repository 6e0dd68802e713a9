from odoo.addons.coop_membership.tests import hypothesis_profile
from . import test_decision_type, test_eligibility_pure, test_voter_roll
from . import test_tally_pure, test_ballot_reading_pure, test_real_elections
from . import test_proposal
from . import test_meeting
from . import test_requisition
from . import test_governance_locks
from . import test_cast
from . import test_portal_cast
from . import test_arguments_pure
from . import test_governance_crons
from . import test_queries
from . import test_translation
from . import test_display_names
from . import test_buttons
from . import test_overview_governance
