# The workshop page (caseload serve) as a person uses it, in headless Chromium: pick the Isle of
# Wight baseline, add a 27% cut to the children's centre, see a mistake reported beside its field,
# run, and check the charts render, the findings (and the whole report) match a `caseload compare`
# of the same files and seed, and the downloaded scenario validates. Then bad requests (malformed
# text, unknown keys, a huge body, '..' and links out of the folder, another host name) are
# answered with a clear message and change nothing; the server listens on 127.0.0.1 only; a
# second run at once is told to wait; Ctrl-C stops a run under way and the server, which removes
# its temporary folder. The checks are in serve_check.py (Python's standard library only).
# Run by CTest as: bash serve_page.sh <caseload> <source-dir>. KEEP_SERVE=DIR keeps the files.
set -u
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad() { echo "FAIL: $*" >&2; exit 1; }
. "$src/tests/cli/chromium_lib.bash"
# bad arguments: one line, exit 2, nothing served
for args in "--port x" "--port 70000" "--port" "--max-reps 0" "--scenarios $tmp/none" "--bogus"; do
  # shellcheck disable=SC2086
  timeout 10 "$bin" serve $args >/dev/null 2>"$tmp/arg.err"
  rc=$?
  [ "$rc" -eq 2 ] && [ "$(wc -l <"$tmp/arg.err")" -eq 1 ] ||
    bad "serve $args: exit $rc, '$(cat "$tmp/arg.err")'"
done
PY=/usr/bin/python3
[ -x "$PY" ] || bad "python3 is not installed (scripts/setup-deps.sh test)"
"$PY" "$src/tests/cli/serve_check.py" "$bin" "$src" "$tmp" "$chrome"
rc=$?
if [ -n "${KEEP_SERVE:-}" ]; then cp -r "$tmp" "$KEEP_SERVE"; fi
[ "$rc" -eq 0 ] && echo "serve_page: page, findings, download, bad requests, loopback and Ctrl-C checked"
exit $rc
