from . import test_access, test_lifecycle_pure, test_membership, test_tour
