#!/bin/bash
# Start Odoo through the official image's entrypoint, asking it to install
# every addon of the mounted folder that is not installed yet and to update
# those that are: the list comes from their manifests, not from this file.
set -euo pipefail
addons_dir=${COOP_ADDONS_DIR:-/mnt/extra-addons}
next=${COOP_NEXT_ENTRYPOINT:-/entrypoint.sh}
modules=""
for manifest in "$addons_dir"/*/__manifest__.py; do
    [ -f "$manifest" ] || continue
    name=$(basename "$(dirname "$manifest")")
    modules="${modules:+$modules,}$name"
done
case "${1:-odoo}" in
    odoo | -*)
        [ -z "$modules" ] || set -- "$@" "--init=$modules" "--update=$modules"
        ;;
esac
exec "$next" "$@"
