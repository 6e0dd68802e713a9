from . import test_coop_reports
