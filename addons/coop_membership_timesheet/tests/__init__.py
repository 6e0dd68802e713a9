from . import test_timesheet_hours
