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
#    for $PYTHON and its dependencies are visible). When Odoo comes from a
#    source tree: install the Debian packages its requirements build with
#    (when missing, as root or with sudo), Odoo's own requirements, and the
#    tree itself as the `odoo` distribution (editable), which OCA addons
#    published as `odoo-addon-*` wheels require. Then requirements.txt: its
#    Python packages into $VENV, its OCA addons (`odoo-addon-*` wheels) with
#    --no-deps into $VENV/oca, whose odoo/addons folder coopctl.py adds to
#    Odoo's addons path.
# pip's output goes to .odoo/logs/pip-*.log; on a failure its end is shown,
# then one line saying what to do.
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

logs="$STATE_DIR/logs"
mkdir -p "$logs"

# pip with its output in $logs/pip-<name>.log; on failure, the end of it.
pip_logged() {
    local name=$1
    shift
    if ! "$vpy" -m pip "$@" >"$logs/pip-$name.log" 2>&1; then
        tail -n 30 "$logs/pip-$name.log" >&2
        echo "(pip's full output: $logs/pip-$name.log)" >&2
        return 1
    fi
}

# Debian packages that Odoo's requirements (python-ldap, psycopg2, and others
# without wheels) build with. Installed when missing, as root or with sudo;
# otherwise a one-line stop names them, before pip starts.
BUILD_PACKAGES="libldap2-dev libsasl2-dev libpq-dev"
ensure_build_packages() {
    [ -f /etc/debian_version ] && command -v dpkg-query >/dev/null 2>&1 || return 0
    local missing="" pkg
    for pkg in $BUILD_PACKAGES gcc; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
    done
    if ! "$PYTHON" -c 'import os, sys, sysconfig; sys.exit(not os.path.isfile(os.path.join(sysconfig.get_paths()["include"], "Python.h")))'; then
        case "$("$PYTHON" -c 'import sys; print(sys.prefix)')" in
            /usr) missing="$missing $("$PYTHON" -c 'import sys; print("python%d.%d-dev" % sys.version_info[:2])')" ;;
        esac
    fi
    [ -n "$missing" ] || return 0
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo="none"; fi
    fi
    if [ "$sudo" != none ]; then
        echo "Installing Debian packages Odoo's requirements build with:$missing..." >&2
        # shellcheck disable=SC2086
        if $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$logs/apt.log" 2>&1 \
            && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >>"$logs/apt.log" 2>&1; then
            return 0
        fi
        tail -n 10 "$logs/apt.log" >&2
    fi
    die "Odoo 18's Python requirements need Debian packages that are missing:$missing. Install them (apt-get install $BUILD_PACKAGES gcc) and run make again."
}

if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv --system-site-packages "$VENV" || die "Could not create the virtual environment $VENV (on Debian: apt-get install python3-venv)."
fi
vpy="$VENV/bin/python"
"$vpy" -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true

if [ -n "$odoo_src" ]; then
    ensure_build_packages
    # Some sdists pinned by Odoo 18 (cbor2 5.4.2...) import pkg_resources, which
    # setuptools 70 and newer no longer provide to them. pip up to 25 applies
    # PIP_CONSTRAINT to the environments it builds sdists in; pip 26 applies
    # only PIP_BUILD_CONSTRAINT there (older pip ignores that variable).
    constraints="$logs/build-constraints.txt"
    echo 'setuptools<70' >"$constraints"
    echo "Installing Odoo 18's Python requirements from $odoo_src/requirements.txt (a few minutes the first time)..." >&2
    PIP_CONSTRAINT="$constraints" PIP_BUILD_CONSTRAINT="$constraints" \
        pip_logged odoo-requirements install -r "$odoo_src/requirements.txt" \
        || die "Installing Odoo 18's requirements failed (see above). On Debian they need: apt-get install $BUILD_PACKAGES gcc python3-dev."
    # The tree as the `odoo` distribution, editable: imported from where it is,
    # and known to pip, so that `odoo-addon-*` wheels find the Odoo they need.
    site=$("$vpy" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    rm -f "$site/odoo-18-source.pth"  # left by earlier versions of this script
    PIP_CONSTRAINT="$constraints" PIP_BUILD_CONSTRAINT="$constraints" \
        pip_logged odoo-editable install --no-deps --editable "$odoo_src" \
        || die "Installing the Odoo 18 tree $odoo_src into $VENV (pip install --editable) failed; see above."
fi

# requirements.txt in two parts: the OCA addons (lines `odoo-addon-...`) and
# everything else (Python packages, the OCA addons' own Python dependencies
# among them, pinned there).
python_requirements="$logs/requirements-python.txt"
oca_requirements="$logs/requirements-oca.txt"
grep -Evi '^[[:space:]]*odoo-addon' requirements.txt >"$python_requirements" || true
grep -Ei '^[[:space:]]*odoo-addon' requirements.txt >"$oca_requirements" || true
pip_logged requirements install -r "$python_requirements" \
    || die "Installing requirements.txt into $VENV failed; see above."

# The OCA addons go, pinned and without their dependencies, into $VENV/oca
# (their modules in $VENV/oca/odoo/addons, which coopctl.py puts on Odoo's
# addons path), not into the environment's site-packages: there their
# `odoo/addons/` folder, which has no __init__.py, would become the `odoo`
# package itself wherever Odoo is importable through an editable install's
# import hook (pip install --editable, setuptools >= 64), and `import odoo`
# would break. Their dependencies are Odoo (found above) and each other, all
# listed, and Python packages that requirements.txt pins.
rm -rf "$VENV/oca" "$VENV/oca.partial"
if [ -s "$oca_requirements" ]; then
    pip_logged oca install --no-deps --target "$VENV/oca.partial" -r "$oca_requirements" \
        || die "Installing the OCA addons of requirements.txt into $VENV/oca failed; see above."
    mv "$VENV/oca.partial" "$VENV/oca"
fi

found=$("$vpy" -c 'import odoo.release as r, os; print(r.serie, os.path.dirname(r.__file__))' 2>/dev/null) \
    || die "Odoo 18 was set up ($odoo_mode) but '$vpy -c \"import odoo\"' fails; check Odoo's requirements."
case "$found" in
    "18.0 "*) ;;
    *) die "The virtual environment imports Odoo ${found%% *}, not 18.0." ;;
esac
echo "Odoo 18 found: $odoo_mode (${found#* })" >&2
touch "$VENV/.coop-ready"
