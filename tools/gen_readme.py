#!/usr/bin/env python3
"""Write each addon's README.rst from its readme/ fragments (OCA layout).

gen_readme.py           write the files
gen_readme.py --check   exit 1 when a README.rst is out of date
"""

import ast
import sys
from pathlib import Path

ADDONS = Path(__file__).resolve().parent.parent / "addons"
SECTIONS = [("DESCRIPTION.md", None), ("CONFIGURE.md", "Configuration"), ("USAGE.md", "Usage")]


def title(text, char):
    return f"{text}\n{char * len(text)}\n"


def render(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
    parts = [
        "=" * len(manifest["name"]),
        manifest["name"],
        "=" * len(manifest["name"]),
        "",
        f"*{manifest['summary']}*",
        "",
        f"Version {manifest['version']} for Odoo 18, license {manifest['license']}.",
        "",
    ]
    for filename, heading in SECTIONS:
        path = addon / "readme" / filename
        if not path.exists():
            continue
        if heading:
            parts.append(title(heading, "="))
        text = path.read_text().strip()
        # The fragments use the small common subset of Markdown and
        # reStructuredText; only inline code differs.
        parts.append(text.replace("`", "``").replace("````", "``"))
        parts.append("")
    return "\n".join(parts)


def main(argv):
    stale = []
    for addon in sorted(p.parent for p in ADDONS.glob("*/__manifest__.py")):
        target = addon / "README.rst"
        content = render(addon)
        if "--check" in argv:
            if not target.exists() or target.read_text() != content:
                stale.append(str(target))
        else:
            target.write_text(content)
    if stale:
        print("Out of date (run tools/gen_readme.py): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
