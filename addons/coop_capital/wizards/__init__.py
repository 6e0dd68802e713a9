from . import coop_membership_exit_wizard
from . import coop_share_payment_register
from . import coop_share_payroll_batch
from . import coop_share_transfer_wizard
from . import coop_capital_check_wizard
from . import coop_share_register_wizard
from . import coop_payroll_entry_wizard
from . import coop_payroll_deduction_check
