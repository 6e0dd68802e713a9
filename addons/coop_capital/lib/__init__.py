# Pure calculations of the co-op: plain Python, no ORM, no database.
# The models import these functions; tests exercise them directly (and with
# hypothesis) without a registry.
