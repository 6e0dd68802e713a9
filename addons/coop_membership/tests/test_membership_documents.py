"""The Documents smart button of a membership: its files, and only to those
who may read the membership (Odoo's attachment access follows the record)."""

import base64

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CoopCase


@tagged("post_install", "-at_install")
class TestMembershipDocuments(CoopCase):
    @classmethod
    def _coop_company(cls):
        return cls.env["res.company"].create(
            {"name": "Documents Co-op", "currency_id": cls.env.ref("base.USD").id}
        )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_roles()
        cls.other = cls._member("Ol Other")
        cls.other_user = cls._user("other", cls.env.ref("base.group_user"), cls.other.partner_id)

    def _attach(self, membership, name):
        return self.env["ir.attachment"].create(
            {
                "name": name,
                "datas": base64.b64encode(name.encode()),
                "res_model": "coop.membership",
                "res_id": membership.id,
            }
        )

    def test_documents_button_counts_and_opens_the_membership_files(self):
        own = self._attach(self.member, "Mo's share certificate.pdf")
        self._attach(self.member, "Mo's admission letter.pdf")
        self._attach(self.other, "Ol's share certificate.pdf")
        self.assertEqual((self.member.document_count, self.other.document_count), (2, 1))
        membership = self.member.with_user(self.member_user)
        self.assertEqual(membership.document_count, 2)
        action = membership.action_view_documents()
        self.assertEqual(action["res_model"], "ir.attachment")
        found = self.env["ir.attachment"].with_user(self.member_user).search(action["domain"])
        self.assertEqual(len(found), 2)
        self.assertIn(own, found)
        # What is added from there is attached to the membership.
        self.assertEqual(
            (action["context"]["default_res_model"], action["context"]["default_res_id"]),
            ("coop.membership", self.member.id),
        )
        added = self._attach(self.member, "Mo's exit notice.pdf")
        self.assertEqual((added.res_model, added.res_id), ("coop.membership", self.member.id))
        self.member.invalidate_recordset(["document_count"])
        self.assertEqual(self.member.document_count, 3)

    def test_a_member_cannot_read_another_members_documents(self):
        theirs = self._attach(self.other, "Ol's share certificate.pdf")
        mine = self._attach(self.member, "Mo's share certificate.pdf")
        Attachment = self.env["ir.attachment"].with_user(self.member_user)
        self.assertEqual(Attachment.browse(mine.id).read(["name"])[0]["name"], mine.name)
        with self.assertRaises(AccessError):
            Attachment.browse(theirs.id).read(["name", "datas"])
        self.assertNotIn(theirs, Attachment.search([("res_model", "=", "coop.membership")]))
        with self.assertRaises(AccessError):
            self.other.with_user(self.member_user).action_view_documents()
        # The other member reads their own; a manager reads both.
        self.assertEqual(self.other.with_user(self.other_user).document_count, 1)
        manager = self.env["ir.attachment"].with_user(self.manager)
        self.assertEqual(
            manager.browse((theirs | mine).ids).mapped("name"), [theirs.name, mine.name]
        )
