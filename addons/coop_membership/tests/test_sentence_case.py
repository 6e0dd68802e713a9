"""Labels in sentence case, as Odoo writes its own ("Share payments", not
"Share Payments"): the field labels, menus, actions and view strings of
every installed coop_ addon. After the first word a word starts with a
capital only when it is an acronym (all capitals), holds a digit (W-2,
1099-PATR) or is a proper noun of the list below."""

import re

from lxml import etree

from odoo.models import MAGIC_COLUMNS
from odoo.tests import TransactionCase, tagged

# Proper nouns and words written with capitals wherever they stand.
PROPER_NOUNS = frozenset(
    {
        "Odoo",
        "Spanish",
        "English",
        "Block",
        "California",
        "Reino",  # Reino Unido
        "Unido",
    }
)
# Characters around a word that are not part of it.
PUNCTUATION = "()[]{}\"'\u201c\u201d\u2018\u2019«»¿?¡!.,;:…*"
MAGIC_FIELDS = frozenset((*MAGIC_COLUMNS, "display_name"))
VIEW_TYPES = ("form", "list", "search", "kanban", "calendar", "pivot", "graph", "activity")


def capitalised_words(label):
    """The words of ``label`` that break sentence case: after its first
    word, a word (or a part of a hyphenated word) that starts with a
    capital, is not all capitals, holds no digit and is no proper noun."""
    found = []
    for index, word in enumerate(label.split()):
        parts = re.split(r"[-/]", word.strip(PUNCTUATION))
        if index == 0:
            parts = parts[1:]
        for part in (p.strip(PUNCTUATION) for p in parts):
            if (
                part[:1].isupper()
                and not part.isupper()
                and not any(c.isdigit() for c in part)
                and part not in PROPER_NOUNS
            ):
                found.append(part)
    return found


def _ours(env, model):
    """The ids of ``model``'s records that installed coop_ addons define."""
    data = env["ir.model.data"].search([("model", "=", model), ("module", "=like", "coop\\_%")])
    return data.mapped("res_id"), {d.res_id: f"{d.module}.{d.name}" for d in data}


def labels_of_our_addons(env, lang="en_US"):
    """(where, label) of every field label, menu, window action and view
    string of the installed coop_ addons, in ``lang``."""
    env = env(context=dict(env.context, lang=lang))
    labels = []
    ids, names = _ours(env, "ir.model.fields")
    for field in env["ir.model.fields"].browse(ids):
        # Only the fields our code defines: not the magic ones Odoo gives
        # every model (Last Updated on) nor those of its mixins (followers).
        defined_by = env[field.model]._fields[field.name]._modules or ()
        if field.name in MAGIC_FIELDS or not any(m.startswith("coop_") for m in defined_by):
            continue
        labels.append((f"field {field.model}.{field.name}", field.field_description))
    ids, names = _ours(env, "ir.ui.menu")
    for menu in env["ir.ui.menu"].browse(ids):
        labels.append((f"menu {names[menu.id]}", menu.name))
    ids, names = _ours(env, "ir.actions.act_window")
    for action in env["ir.actions.act_window"].browse(ids):
        labels.append((f"action {names[action.id]}", action.name))
    ids, names = _ours(env, "ir.ui.view")
    views = env["ir.ui.view"].browse(ids)
    for view in views.filtered(lambda v: v.type in VIEW_TYPES):
        arch = etree.fromstring(view.arch_db)
        for node in arch.iter(etree.Element):
            if node.get("string"):
                labels.append((f"view {names[view.id]} <{node.tag}>", node.get("string")))
            if node.tag == "attribute" and node.get("name") == "string" and node.text:
                labels.append((f"view {names[view.id]} <attribute>", node.text.strip()))
    return labels


@tagged("post_install", "-at_install")
class TestSentenceCase(TransactionCase):
    def test_the_rule_reads_labels_as_odoo_writes_them(self):
        for label in (
            "Share payments",
            "Member-owner",
            "Co-op overview",
            "Form 1099-PATR",
            "W-2 wages",
            "IRS TIN",
            "Spanish translation",
            "CE credits (hours)",
            "Notice PDF",
        ):
            self.assertEqual(capitalised_words(label), [], label)
        self.assertEqual(capitalised_words("Share Payments"), ["Payments"])
        self.assertEqual(capitalised_words("Member-Owner"), ["Owner"])
        self.assertEqual(capitalised_words("Hours (Approved)"), ["Approved"])
        self.assertEqual(capitalised_words("Patronage / Notices"), ["Notices"])

    def _check(self, lang):
        labels = labels_of_our_addons(self.env, lang)
        # Every kind is read: an empty kind would make this test hold vacuously.
        for kind in ("field", "menu", "action", "view"):
            self.assertTrue([w for w, _label in labels if w.startswith(kind)], kind)
        offenders = sorted(
            f"{where}: {label!r} ({', '.join(words)})"
            for where, label in labels
            if (words := capitalised_words(label))
        )
        self.assertFalse(
            offenders, f"Labels not in sentence case ({lang}):\n" + "\n".join(offenders)
        )
        return dict(labels)

    def test_every_label_of_our_addons_is_in_sentence_case(self):
        self._check("en_US")

    def test_and_so_is_their_spanish(self):
        self.env["res.lang"]._activate_lang("es_ES")
        ours = self.env["ir.module.module"].search(
            [("name", "=like", "coop\\_%"), ("state", "=", "installed")]
        )
        self.env["ir.module.module"]._load_module_terms(
            ours.mapped("name"), ["es_ES"], overwrite=True
        )
        spanish = self._check("es_ES")
        # The Spanish labels were read, not the English ones again.
        self.assertEqual(spanish["field coop.membership.exit_reason"], "Motivo de la baja")
