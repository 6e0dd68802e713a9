from . import coop_governance_guard
from . import coop_decision_type, coop_membership, res_company
from . import coop_proposal
from . import coop_proposal_option
from . import coop_vote_roll
from . import coop_ballot
from . import coop_ballot_published
from . import coop_meeting
from . import coop_meeting_part
from . import coop_meeting_item
from . import coop_meeting_attendance
from . import coop_meeting_proxy_direction
from . import coop_meeting_addendum
from . import coop_requisition
