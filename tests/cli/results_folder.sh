#!/usr/bin/env bash
# The results folder (issue 20 items 3, 4, 6, 8, 9; issue 15 items 10, 11): one writer at a time,
# a manifest written last that plot checks, orphaned temporaries removed, only plain files read,
# a user's files never removed, a read-only charts/ refused before the run, one line on a full
# disk while drawing, and PNGs identical for the same seed.
source "$(dirname "$0")/run_lib.bash" "$@"
write_scenarios
cd "$T"
CHARTS=()
for a in "${SMALL[@]}"; do [ "$a" = --no-charts ] || CHARTS+=("$a"); done

# 1. The manifest, and PNGs byte for byte from the seed (no creation time)
"$CASELOAD" run base.ini --reps 2 --seed 5 --out a "${CHARTS[@]}" || fail "first run"
"$CASELOAD" run base.ini --reps 2 --seed 5 --out b "${CHARTS[@]}" || fail "second run"
grep -q '^data [0-9a-f]\{64\} weekly.csv$' a/manifest.sha256 || fail "manifest lacks weekly.csv"
grep -q '^drawn charts/days-to-assessment.png$' a/manifest.sha256 || fail "manifest lacks the charts"
(cd a && grep '^data ' manifest.sha256 | awk '{print $2 "  " $3}' | sha256sum -c --quiet) ||
    fail "a data file does not match its digest"
for f in a/charts/*.png; do
    cmp -s "$f" "b/charts/$(basename "$f")" || fail "$(basename "$f") differs between two runs of one seed"
    grep -q 'Creation Time' "$f" && fail "$(basename "$f") holds a creation time"
done
cmp -s a/manifest.sha256 b/manifest.sha256 || fail "manifests differ for the same seed"

# 2. A folder mixing two runs (issue 20 item 4) is refused by plot, naming the file
"$CASELOAD" run base.ini --reps 2 --seed 6 --out c "${SMALL[@]}" || fail "seed 6 run"
cp -r a mixed && cp c/weekly.csv mixed/weekly.csv
one_line 2 "weekly.csv is not the file run" "$CASELOAD" plot mixed
rm mixed/manifest.sha256
one_line 2 "has no manifest.sha256" "$CASELOAD" plot mixed

# 3. One writer: a second run (or plot) while one runs exits 1 naming the holder's pid
"$CASELOAD" run base.ini --reps 100000 --max-hours 100 --out busy "${SMALL[@]}" 2>/dev/null &
holder=$!
for _ in $(seq 50); do [ -e busy/.caseload.lock ] && break; sleep 0.1; done
sleep 0.3
one_line 1 "busy is in use by another caseload (pid $holder)" \
    "$CASELOAD" run base.ini --reps 2 --out busy "${SMALL[@]}"
one_line 1 "in use by another caseload (pid $holder)" "$CASELOAD" plot busy
kill -TERM "$holder"
wait "$holder"
[ -e busy/weekly.csv ] && fail "the stopped run wrote results"
"$CASELOAD" run base.ini --reps 2 --out busy "${SMALL[@]}" || fail "run after the holder ended"

# 4. Orphaned temporaries of a killed run are removed by the next run (issue 20 item 4)
touch a/.weekly.csv.tmp-AbC123 a/settings/.base.ini.tmp-xYz789 a/charts/.x.png.tmp-123456
"$CASELOAD" run base.ini --reps 2 --seed 5 --out a "${SMALL[@]}" || fail "run over temporaries"
no_temporaries a

# 5. A user's folder (issue 15 item 11): refused unless --force, then nothing of theirs removed
mkdir -p user/charts user/settings
echo logo >user/charts/board-logo.png
echo mine >user/settings/my.ini
before=$(tree_sum user)
one_line 2 "holds files caseload did not write" "$CASELOAD" run base.ini --reps 2 --out user "${SMALL[@]}"
grep -q -- "--force" "$T/stderr" || fail "the refusal should name --force"
[ "$(tree_sum user)" = "$before" ] || fail "a refused run changed the user's folder"
[ -z "$(find user -name '.caseload.lock')" ] || fail "a refused run left its lock file"
"$CASELOAD" run base.ini --reps 2 --out user --force "${CHARTS[@]}" || fail "--force"
[ "$(cat user/charts/board-logo.png)" = logo ] || fail "--force removed the user's logo"
[ "$(cat user/settings/my.ini)" = mine ] || fail "--force removed the user's settings"
"$CASELOAD" run alt.ini --reps 2 --out user "${SMALL[@]}" || fail "run into a folder with a manifest"
[ -e user/charts/board-logo.png ] && [ -e user/settings/my.ini ] || fail "a later run removed the user's files"
[ -e user/settings/base.ini ] && fail "settings of the earlier run's scenario left behind"
[ -e user/charts/days-to-assessment.png ] && fail "old charts left beside new data (--no-charts)"

# 6. A read-only charts/ (issue 20 item 9): refused before the run, the old results intact
if [ "$(id -u)" -ne 0 ]; then
    before=$(tree_sum a)
    chmod 555 a/charts
    one_line 1 "charts" "$CASELOAD" run base.ini --reps 2 --seed 9 --out a "${CHARTS[@]}"
    chmod 755 a/charts
    [ "$(tree_sum a)" = "$before" ] || fail "a refused run changed the results"
fi

# 7. plot reads only plain files inside the folder (issue 20 items 6, 8)
cp -r b links
echo "secret-outside-the-folder" >"$T/outside"
rm links/settings/base.ini && ln -s "$T/outside" links/settings/base.ini
one_line 2 "settings/base.ini: a symbolic link" "$CASELOAD" plot links
grep -q 'secret-outside' "$T/stderr" && fail "plot echoed a linked file"
[ "$(cat "$T/outside")" = "secret-outside-the-folder" ] || fail "plot wrote through a link"
rm -rf links && cp -r b links
rm links/events.csv && mkfifo links/events.csv
one_line 2 "events.csv: not a regular file" timeout 10 "$CASELOAD" plot links
rm -rf links && cp -r b links
rm links/summary.csv && ln -s /dev/zero links/summary.csv
one_line 2 "summary.csv: a symbolic link" timeout 10 "$CASELOAD" plot links

# 8. A full disk while drawing (a file-size limit here): one line, ours, not libpng's
cp -r b full
(ulimit -f 16; "$CASELOAD" plot full >/dev/null 2>"$T/stderr")
rc=$?
[ "$rc" -eq 1 ] || fail "plot on a full disk: exit $rc ($(cat "$T/stderr"))"
[ "$(wc -l <"$T/stderr")" -eq 1 ] || fail "plot on a full disk: $(cat "$T/stderr")"
grep -q libpng "$T/stderr" && fail "libpng's own message on a full disk"
no_temporaries full
echo "ok"
