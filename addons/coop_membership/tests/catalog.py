"""An addon's translation catalog checked against the addon itself: its
i18n/<addon>.pot holds every term Odoo exports from the installed addon (so
no new sentence is left out of it) and no sentence its code no longer has,
and its i18n/es.po translates every one of them, keeping each placeholder
and tag as it is (a translation that drops %(name)s or a <span> breaks the
sentence or the page)."""

import re
from pathlib import Path

import polib

from odoo.modules import get_module_path
from odoo.tools.translate import TranslationModuleReader

# Attributes Odoo translates inside a term (their values may change); every
# other attribute of a tag must be kept as it is.
TRANSLATED_ATTRIBUTES = ("alt", "aria-label", "help", "label", "placeholder", "string", "title")
PLACEHOLDER = re.compile(
    r"%\(\w+\)[-+ 0#]*\d*(?:\.\d+)?[sdfr]"  # %(name)s, %(amount).2f
    r"|%[sdfr%]"  # %s, %%
    r"|\{\{.*?\}\}"  # {{ object.name }} (inline templates)
    r"|\{[^{}]*\}"  # {} and {name}
    r"|<[^<>]+>",  # tags, with their attributes
    re.DOTALL,
)
TRANSLATED_VALUE = re.compile(r"(\s(?:" + "|".join(TRANSLATED_ATTRIBUTES) + r'))="[^"]*"')


def placeholders(text):
    """The placeholders and tags of ``text``, sorted, each tag without the
    values of the attributes a translation may change."""
    found = (TRANSLATED_VALUE.sub(r'\1=""', match) for match in PLACEHOLDER.findall(text))
    return sorted(" ".join(item.split()) for item in found)


def catalog_problems(env, addon, lang="es"):
    """What keeps ``addon``'s catalog in ``lang`` from being complete: a list
    of sentences, empty when the .pot is current and every term of it is
    translated in i18n/<lang>.po with the same placeholders."""
    folder = Path(get_module_path(addon), "i18n")
    template_text = (folder / f"{addon}.pot").read_text(encoding="utf-8")
    template = polib.pofile(template_text)
    terms = {term[4] for term in TranslationModuleReader(env.cr, modules=[addon])}
    in_template = {entry.msgid for entry in template}
    problems = [f"not in {addon}.pot: {term!r}" for term in sorted(terms - in_template)]
    # A sentence of the code that is gone from the code is gone from the .pot
    # too. (Terms of records may come and go with the other modules installed:
    # the .pot is exported with all of them, e.g. calendar's field on every
    # model with activities.)
    problems += [
        f"in {addon}.pot but gone from the code: {entry.msgid!r}"
        for entry in template
        if entry.msgid not in terms
        and all(path.startswith("code:") for path, _line in entry.occurrences)
    ]
    if '"Project-Id-Version: Odoo Server 18.0' not in template_text:
        problems.append(f"{addon}.pot does not start with Odoo's own header (Odoo Server 18.0)")
    translated = {entry.msgid: entry for entry in polib.pofile(str(folder / f"{lang}.po"))}
    for entry in template:
        ours = translated.get(entry.msgid)
        if ours is None or not ours.msgstr.strip():
            problems.append(f"not translated in {lang}.po: {entry.msgid!r}")
        elif ours.fuzzy or ours.obsolete:
            problems.append(f"fuzzy or obsolete in {lang}.po: {entry.msgid!r}")
        elif placeholders(ours.msgstr) != placeholders(entry.msgid):
            problems.append(f"placeholders differ in {lang}.po: {entry.msgid!r} -> {ours.msgstr!r}")
    return problems
