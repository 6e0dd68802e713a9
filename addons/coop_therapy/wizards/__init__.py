from . import coop_session_invoice_wizard
