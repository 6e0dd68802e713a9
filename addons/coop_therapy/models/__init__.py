from . import (
    coop_membership,
    coop_membership_transition,
    hr_employee,
    res_company,
    res_config_settings,
    res_partner,
)
