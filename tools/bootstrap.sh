#!/usr/bin/env bash
# Prepare the virtual environment that `make run` and `make test` use.
#
# 1. Find Odoo 18, in this order:
#    - ODOO_SRC: an Odoo 18 source tree (a checkout of the official repository);
#    - an `odoo` package importable by $PYTHON (pip, Debian package, editable
#      install...);
#    - otherwise the official source, cloned from ODOO_GIT_URL (branch 18.0)
#      into .odoo/src.
#    Stops with a one-line explanation when none works.
# 2. Create $VENV (with the system site-packages, so that an Odoo installed
#    for $PYTHON and its dependencies are visible), install Odoo's own
#    requirements when Odoo comes from a source tree, then requirements.txt.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
ODOO_GIT_URL=${ODOO_GIT_URL:-https://github.com/odoo/odoo.git}
ODOO_BRANCH=18.0
STATE_DIR=${COOP_STATE_DIR:-.odoo}
case "$STATE_DIR" in /*) ;; *) STATE_DIR="$here/$STATE_DIR" ;; esac

die() {
    echo "ERROR: $*" >&2
    exit 1
}

command -v "$PYTHON" >/dev/null 2>&1 || die "No Python interpreter '$PYTHON' found; set PYTHON to a Python 3.10-3.12 interpreter."
"$PYTHON" -c 'import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 12) else 1)' \
    || die "Odoo 18 needs Python 3.10 to 3.12; '$PYTHON' is $("$PYTHON" -V 2>&1). Set PYTHON to one of those."

# Prints "18.0" for an Odoo source tree.
src_version() {
    "$PYTHON" - "$1" <<'PY'
import runpy, sys, os
path = os.path.join(sys.argv[1], "odoo", "release.py")
if not os.path.isfile(path):
    sys.exit(1)
print(runpy.run_path(path)["serie"])
PY
}

odoo_src=""
odoo_mode=""
if [ -n "${ODOO_SRC:-}" ]; then
    [ -d "$ODOO_SRC" ] || die "ODOO_SRC=$ODOO_SRC is not a directory; point it at an Odoo 18 source tree."
    version=$(src_version "$ODOO_SRC") || die "ODOO_SRC=$ODOO_SRC has no odoo/release.py; point it at an Odoo 18 source tree."
    [ "$version" = "18.0" ] || die "ODOO_SRC=$ODOO_SRC holds Odoo $version, not 18.0."
    odoo_src=$(cd "$ODOO_SRC" && pwd)
    odoo_mode="source (ODOO_SRC)"
elif version=$("$PYTHON" -c 'import odoo.release as r; print(r.serie)' 2>/dev/null); then
    [ "$version" = "18.0" ] || die "The odoo package importable by $PYTHON is Odoo $version, not 18.0; set ODOO_SRC to an Odoo 18 source tree or use another PYTHON."
    odoo_mode="importable by $PYTHON"
elif [ -f "$STATE_DIR/src/odoo/release.py" ]; then
    odoo_src="$STATE_DIR/src"
    odoo_mode="official source (already cloned)"
else
    echo "No Odoo 18 found (ODOO_SRC is not set and $PYTHON cannot import odoo)." >&2
    echo "Installing Odoo 18 from its official source: $ODOO_GIT_URL (branch $ODOO_BRANCH)..." >&2
    command -v git >/dev/null 2>&1 || die "Odoo 18 not found and git is missing to fetch it: install git, or set ODOO_SRC to an Odoo 18 source tree, or install Odoo 18 for $PYTHON."
    mkdir -p "$STATE_DIR"
    rm -rf "$STATE_DIR/src.partial"
    if ! GIT_TERMINAL_PROMPT=0 timeout "${ODOO_CLONE_TIMEOUT:-1800}" \
        git clone --quiet --depth 1 --branch "$ODOO_BRANCH" "$ODOO_GIT_URL" "$STATE_DIR/src.partial"; then
        rm -rf "$STATE_DIR/src.partial"
        die "Odoo 18 not found and its official source ($ODOO_GIT_URL, branch $ODOO_BRANCH) could not be downloaded. Set ODOO_SRC to an Odoo 18 source tree, or install Odoo 18 so that '$PYTHON -c \"import odoo\"' works."
    fi
    mv "$STATE_DIR/src.partial" "$STATE_DIR/src"
    odoo_src="$STATE_DIR/src"
    odoo_mode="official source (cloned)"
fi

if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv --system-site-packages "$VENV" || die "Could not create the virtual environment $VENV (on Debian: apt-get install python3-venv)."
fi
vpy="$VENV/bin/python"
"$vpy" -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true

if [ -n "$odoo_src" ]; then
    # Some sdists pinned by Odoo 18 do not build with setuptools 70 or newer.
    constraints=$(mktemp)
    echo 'setuptools<70' >"$constraints"
    echo "Installing Odoo 18's Python requirements from $odoo_src/requirements.txt..." >&2
    PIP_CONSTRAINT="$constraints" "$vpy" -m pip install --quiet -r "$odoo_src/requirements.txt" \
        || { rm -f "$constraints"; die "Installing Odoo 18's requirements failed (see pip's output above); on Debian: apt-get install libldap2-dev libsasl2-dev libpq-dev."; }
    rm -f "$constraints"
    site=$("$vpy" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    echo "$odoo_src" >"$site/odoo-18-source.pth"
fi

"$vpy" -m pip install --quiet -r requirements.txt || die "Installing requirements.txt failed (see pip's output above)."

found=$("$vpy" -c 'import odoo.release as r, os; print(r.serie, os.path.dirname(r.__file__))' 2>/dev/null) \
    || die "Odoo 18 was set up ($odoo_mode) but '$vpy -c \"import odoo\"' fails; check Odoo's requirements."
case "$found" in
    "18.0 "*) ;;
    *) die "The virtual environment imports Odoo ${found%% *}, not 18.0." ;;
esac
echo "Odoo 18 found: $odoo_mode (${found#* })" >&2
mkdir -p "$STATE_DIR"
touch "$VENV/.coop-ready"
