"""Ballots and roll lines no longer record who wrote them or when: drop the
columns that earlier versions filled (create_uid was the voter's user)."""


def migrate(cr, version):
    for table in ("coop_ballot", "coop_vote_roll"):
        cr.execute(
            f"ALTER TABLE {table} "
            "DROP COLUMN IF EXISTS create_uid, DROP COLUMN IF EXISTS create_date, "
            "DROP COLUMN IF EXISTS write_uid, DROP COLUMN IF EXISTS write_date"
        )
