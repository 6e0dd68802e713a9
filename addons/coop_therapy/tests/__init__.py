from odoo.addons.coop_membership.tests import hypothesis_profile
from . import test_licensure_pure
from . import test_licensure
from . import test_suite
from . import test_licensure_crons
from . import test_queries
from . import test_translation
from . import test_patronage_hours
