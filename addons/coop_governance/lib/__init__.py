# Pure calculations of co-op governance: plain Python, no ORM.
