# results.xlsx: read back with openpyxl (Debian's python3-openpyxl): every sheet, the headers, the
# numbers equal to summary.csv, differences.csv and weekly.csv, the Weekly table, the native charts
# (in the file's own XML: openpyxl drops charts on reading), the same bytes from the same seed, and
# --no-xlsx leaves it out.
source "$(dirname "$0")/run_lib.bash" "$@"
write_scenarios
PY=/usr/bin/python3
"$PY" -c 'import openpyxl' 2>/dev/null || fail "python3-openpyxl is not installed (scripts/setup-deps.sh test)"
args=(--reps 3 --seed 5)
for a in "${SMALL[@]}"; do [ "$a" = --no-charts ] || args+=("$a"); done
"$CASELOAD" compare "$T/base.ini" "$T/alt.ini" --out "$T/a" "${args[@]}" || fail "compare"
[ -f "$T/a/results.xlsx" ] || fail "no results.xlsx"
"$PY" "$SRC/tests/cli/workbook_check.py" "$T/a" || fail "the workbook does not match the CSVs"
"$CASELOAD" plot "$T/a" >/dev/null || fail "plot"
cp "$T/a/results.xlsx" "$T/first.xlsx"
sleep 1.1 # a clock in the file would now differ
"$CASELOAD" plot "$T/a" >/dev/null || fail "plot again"
cmp -s "$T/first.xlsx" "$T/a/results.xlsx" || fail "the same results gave a different workbook"
"$CASELOAD" compare "$T/base.ini" "$T/alt.ini" --out "$T/b" "${args[@]}" --no-xlsx || fail "--no-xlsx"
[ -e "$T/b/results.xlsx" ] && fail "--no-xlsx wrote results.xlsx"
[ -f "$T/b/report.html" ] || fail "--no-xlsx left out the report too"
echo ok
