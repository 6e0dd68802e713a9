from . import account_account
from . import mis_report
