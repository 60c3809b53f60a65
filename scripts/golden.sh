#!/usr/bin/env bash
# Golden outputs: fixed-seed results that every change is compared with, byte for byte.
#   golden.sh CASELOAD SOURCE_DIR           compare (the CTest test tests/cli/golden.sh runs this)
#   golden.sh CASELOAD SOURCE_DIR --update  regenerate tests/golden/ (`make golden`)
# A change meant to move results regenerates them in the same commit, and its message says why.
set -u
bin=$1 src=$2 mode=${3:-check}
gold=$src/tests/golden
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A short Isle of Wight comparison that passes through every lever of combined-2011, and the
# engine's M/M/c queue. Two threads: the files must not depend on the thread count.
"$bin" compare "$src/scenarios/isle-of-wight-2011.ini" "$src/scenarios/combined-2011.ini" \
  --reps 3 --years 2 --seed 20110401 --threads 2 --no-charts --quiet --out "$tmp/compare" \
  || { echo "golden: compare exited $?" >&2; exit 1; }
"$bin" queue --servers 3 --arrival-rate 2.4 --service-mean 1 --customers 20000 --reps 4 \
  --seed 99 >"$tmp/queue.json" || { echo "golden: queue exited $?" >&2; exit 1; }

files=(compare/summary.csv compare/weekly.csv compare/differences.csv queue.json)
if [ "$mode" = --update ]; then
  mkdir -p "$gold"
  for f in "${files[@]}"; do cp "$tmp/$f" "$gold/$(basename "$f")"; done
  echo "golden: regenerated ${files[*]} in $gold"
  exit 0
fi
fail=0
for f in "${files[@]}"; do
  g=$gold/$(basename "$f")
  if ! cmp -s "$tmp/$f" "$g"; then
    echo "golden: $(basename "$f") differs from tests/golden (first differing lines below);" \
         "if the change is meant to move results, run 'make golden' and say why in the commit" >&2
    diff "$g" "$tmp/$f" | head -6 >&2
    fail=1
  fi
done
[ $fail -eq 0 ] && echo "golden: ${#files[@]} files identical"
exit $fail
