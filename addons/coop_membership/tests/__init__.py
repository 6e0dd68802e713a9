from . import hypothesis_profile  # the profile first, before any property test
from . import test_lifecycle_pure
from . import test_membership
from . import test_access
from . import test_tour
from . import test_portal
from . import test_membership_locks
from . import test_translation
from . import test_my_membership
from . import test_display_names
from . import test_transition_wizard
from . import test_hour_entry
from . import test_overview
from . import test_sequence_dates
from . import test_membership_documents
from . import test_sentence_case
