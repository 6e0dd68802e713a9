from . import coop_share_register_report
from . import coop_share_certificate_report
