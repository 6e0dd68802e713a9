from . import test_lifecycle_pure
from . import test_membership
from . import test_access
from . import test_tour
from . import test_capital_pure
from . import test_capital
from . import test_capital_access
from . import test_pay_equity
