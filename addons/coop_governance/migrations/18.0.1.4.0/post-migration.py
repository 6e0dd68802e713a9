"""Seals become keyed and cover the whole result; votes keep the bylaws of
their opening, meetings those of their notice.

Existing votes, and meetings whose notice is out, get a frozen copy of
their decision type's rules as they stand today (the rules of the day they
opened were not recorded). A closed
vote whose old, unkeyed seal still verifies is sealed again with the
co-op's key and its seal posted to its chatter; one that no longer verifies
is left as it is, so that *Verify* keeps reporting it. Approved minutes
whose old digest still matches are chained again to the new seal."""

import hashlib

from odoo import SUPERUSER_ID, api


def _old_digest(*parts):
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()


def _old_seal_holds(proposal):
    roll = proposal.roll_ids.membership_id
    return (
        _old_digest(proposal.record_date, *sorted(roll.ids)) == proposal.roll_hash
        and proposal._ballots_hash() == proposal.ballots_hash
        and _old_digest(proposal.ballots_hash, proposal.result_json) == proposal.result_hash
        and _old_digest(proposal.roll_hash, proposal.ballots_hash, proposal.result_hash)
        == proposal.chain_hash
    )


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    meetings = env["coop.meeting"].search([("minutes_state", "=", "approved")])
    minutes_hold = {
        meeting.id: hashlib.sha256(
            f"{meeting.minutes_proposal_id.chain_hash}|{meeting.minutes}".encode()
        ).hexdigest()
        == meeting.minutes_hash
        for meeting in meetings
    }
    proposals = env["coop.proposal"].search([("state", "in", ("open", "closed"))])
    for proposal in proposals.filtered(lambda p: not p.decision_type_id.frozen_from_id):
        old_seal_holds = proposal.state == "closed" and _old_seal_holds(proposal)
        frozen = proposal.decision_type_id._coop_freeze()
        cr.execute(
            "UPDATE coop_proposal SET decision_type_id = %s WHERE id = %s",
            [frozen.id, proposal.id],
        )
        env.invalidate_all()
        if old_seal_holds:
            sealed_text = proposal._coop_sealed_text()
            ballots_hash, result_hash, chain_hash = proposal._coop_seal_hashes(sealed_text)
            cr.execute(
                "UPDATE coop_proposal SET sealed_record = %s, ballots_hash = %s, "
                "result_hash = %s, chain_hash = %s WHERE id = %s",
                [sealed_text, ballots_hash, result_hash, chain_hash, proposal.id],
            )
            env.invalidate_all()
            proposal._coop_post_seal()
    noticed = env["coop.meeting"].search([("state", "in", ("noticed", "open"))])
    for meeting in noticed.filtered(lambda m: not m.decision_type_id.frozen_from_id):
        cr.execute(
            "UPDATE coop_meeting SET decision_type_id = %s WHERE id = %s",
            [meeting.decision_type_id._coop_freeze().id, meeting.id],
        )
    for meeting in meetings.filtered(lambda m: minutes_hold[m.id]):
        cr.execute(
            "UPDATE coop_meeting SET minutes_hash = %s WHERE id = %s",
            [meeting._minutes_digest(meeting.minutes_proposal_id), meeting.id],
        )
    env.invalidate_all()
