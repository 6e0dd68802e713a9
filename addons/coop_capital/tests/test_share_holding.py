from odoo.tests import tagged

from .common import CapitalCase


@tagged("post_install", "-at_install")
class TestShareHoldingIds(CapitalCase):
    """A holding is one member's shares of one class: it keeps its id whatever
    a query sorts or filters by, and when other holdings come and go."""

    def _ids(self, order, domain=()):
        self.env["coop.share.operation"].flush_model()
        self.env["coop.share.holding"].invalidate_model()
        rows = self.env["coop.share.holding"].search_read(
            [("company_id", "=", self.company.id), *domain],
            ["membership_id", "share_class_id"],
            order=order,
        )
        return {(r["membership_id"][0], r["share_class_id"][0]): r["id"] for r in rows}

    def test_a_holding_keeps_its_id_across_queries(self):
        members = [self._member(name) for name in ("Ada Hold", "Ben Hold", "Cy Hold")]
        for member in members:
            self._subscribe(member)
        self._subscribe(members[2], share_class_id=self.invest.id, quantity=3)
        ids = self._ids("membership_id, share_class_id")
        self.assertEqual(len(ids), 4)
        self.assertEqual(len(set(ids.values())), 4, "two holdings share an id")
        self.assertEqual(self._ids("membership_id desc, share_class_id desc"), ids)
        self.assertEqual(self._ids("amount desc, membership_id"), ids)
        ben = (members[1].id, self.share_class.id)
        self.assertEqual(self._ids("id", [("membership_id", "=", members[1].id)]), {ben: ids[ben]})
        # A new holding of a member before them changes nobody else's id.
        self._subscribe(members[0], share_class_id=self.invest.id, quantity=2)
        after = self._ids("membership_id desc")
        self.assertEqual(len(after), 5)
        self.assertEqual({key: after[key] for key in ids}, ids)
        # The id is the one record the ORM reads back.
        holding = self.env["coop.share.holding"].browse(ids[ben])
        self.assertEqual((holding.membership_id, holding.quantity), (members[1], 1))
