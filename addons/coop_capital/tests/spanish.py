"""Every string an addon shows has its Spanish: the addon's .pot lists each
string its Python code translates, and its es.po gives each msgid of the
.pot a msgstr with the same placeholders."""

import ast
import re
from pathlib import Path

import polib

PLACEHOLDERS = re.compile(
    r"%\([a-z_]+\)(?:\.2f|[sdr])|%[sd]|%%|\{\{[^}]*\}\}|t-out=\"[^\"]*\"|<[^>]+>"
)


def python_strings(addon_dir):
    """The literal first arguments of ``env._(...)``/``_(...)`` calls in the
    addon's Python code (tests and migrations aside)."""
    found = {}
    for path in sorted(Path(addon_dir).rglob("*.py")):
        parts = path.relative_to(addon_dir).parts
        if parts[0] in ("tests", "migrations"):
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            first = node.args[0]
            if name == "_" and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.setdefault(first.value, str(path.relative_to(addon_dir)))
    return found


def check_spanish(case, addon_dir, module):
    """Assert, in ``case``, that the .pot of ``module`` is up to date with its
    Python strings and that es.po translates every msgid of the .pot."""
    addon_dir = Path(addon_dir)
    pot = polib.pofile(str(addon_dir / "i18n" / f"{module}.pot"))
    es = polib.pofile(str(addon_dir / "i18n" / "es.po"))
    msgids = {entry.msgid for entry in pot if entry.msgid}
    missing_in_pot = {
        text: where for text, where in python_strings(addon_dir).items() if text not in msgids
    }
    case.assertEqual(missing_in_pot, {}, f"strings of {module} missing from its .pot")
    spanish = {entry.msgid: entry.msgstr for entry in es if entry.msgid and not entry.obsolete}
    untranslated = sorted(msgid for msgid in msgids if not spanish.get(msgid))
    case.assertEqual(untranslated, [], f"msgids of {module}.pot without Spanish")
    mismatched = {
        msgid: spanish[msgid]
        for msgid in msgids
        if sorted(PLACEHOLDERS.findall(msgid)) != sorted(PLACEHOLDERS.findall(spanish[msgid]))
    }
    case.assertEqual(mismatched, {}, f"Spanish of {module} with other placeholders")
    return len(msgids)
