"""Render the role matrix (tests/test_e2e_role_matrix.py's EXPECTED) as the
markdown table README.md shows under "Who can do what".

    python3 tools/gen_role_matrix.py    # prints the table
"""

import sys
from pathlib import Path


def render(expected, roles, holes=None):
    """The intended policy; a cell where the server does otherwise today
    (a known hole) is marked with a star and today's letters."""
    holes = holes or {}
    head = "| Model | " + " | ".join(roles) + " |"
    rule = "|---|" + "---|" * len(roles)
    rows = []
    for model in sorted(expected):
        cells = []
        for role, letters in zip(roles, expected[model].split(), strict=True):
            cell = f"`{letters}`"
            if (model, role) in holes:
                cell += f" \\* (today `{holes[model, role][0]}`)"
            cells.append(cell)
        rows.append(f"| `{model}` | " + " | ".join(cells) + " |")
    return "\n".join([head, rule, *rows]) + "\n"


def main():
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    from tests.test_e2e_role_matrix import EXPECTED, KNOWN_HOLES, ROLES

    sys.stdout.write(render(EXPECTED, ROLES, KNOWN_HOLES))


if __name__ == "__main__":
    main()
