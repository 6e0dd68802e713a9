from odoo.addons.coop_membership.tests import hypothesis_profile
from . import test_capital_pure
from . import test_capital
from . import test_capital_access
from . import test_pay_equity
from . import test_membership_capital
from . import test_capital_locks
from . import test_share_holding
