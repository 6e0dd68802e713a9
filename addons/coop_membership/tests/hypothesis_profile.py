"""One hypothesis profile for the co-op's property tests, loaded by each
addon's tests: they run on shared, sometimes loaded machines (CI), so how long
an example takes is never a failure; what it finds is."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "coop", deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("coop")
