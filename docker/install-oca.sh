#!/bin/sh
# Install the OCA addons (lines `odoo-addon-...`) of a requirements file with
# the image's pip; the rest of the file (this project's test tools) is not
# for the image.
set -eu
requirements=${1:?usage: install-oca.sh requirements.txt}
oca=$(mktemp)
grep -Ei '^[[:space:]]*odoo-addon' "$requirements" >"$oca" || true
if [ -s "$oca" ]; then
    echo "Installing OCA addons: $(tr '\n' ' ' <"$oca")"
    pip3 install --no-cache-dir --break-system-packages -r "$oca"
else
    echo "No OCA addons in $requirements."
fi
rm -f "$oca"
