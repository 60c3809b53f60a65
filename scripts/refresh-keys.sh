#!/usr/bin/env bash
# Regenerates the key reference in docs/scenarios.md (between the BEGIN/END markers) from the
# parameter tables, via `caseload validate --keys`. tests/cli/validate_keys.sh fails until this is
# run after a change to sim/model/params.c. Usage: scripts/refresh-keys.sh [path-to-caseload]
set -euo pipefail
cd "$(dirname "$0")/.."
caseload=${1:-build/caseload}
doc=docs/scenarios.md
keys=$(mktemp)
trap 'rm -f "$keys" "$doc.tmp"' EXIT
"$caseload" validate --keys >"$keys"
awk -v keys="$keys" '
  /^<!-- BEGIN caseload validate --keys/ { print; while ((getline line < keys) > 0) print line; skip = 1; next }
  /^<!-- END caseload validate --keys/ { skip = 0 }
  !skip { print }
' "$doc" >"$doc.tmp"
mv "$doc.tmp" "$doc"
