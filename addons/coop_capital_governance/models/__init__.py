from . import coop_approval_mixin
from . import coop_patronage_allocation
from . import coop_patronage_revolving
from . import res_company
from . import res_config_settings
