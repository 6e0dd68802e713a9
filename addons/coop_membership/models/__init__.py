from . import coop_guard_mixin
from . import res_company
from . import res_config_settings
from . import ir_sequence
from . import coop_membership
from . import coop_membership_transition
from . import hr_employee
from . import res_partner
