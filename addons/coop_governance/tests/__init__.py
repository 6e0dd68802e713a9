from . import test_decision_type, test_eligibility_pure, test_voter_roll
