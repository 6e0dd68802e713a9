from . import coop_patronage_allocation
from . import res_company
from . import res_config_settings
