from . import test_coop_reports
from . import test_spanish
