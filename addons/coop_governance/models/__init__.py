from . import coop_decision_type, coop_membership, res_company
