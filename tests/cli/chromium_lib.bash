# Shared by tests/cli/report_*.sh (sourced, not a test: CTest runs only *.sh). Finds Debian's
# chromium and runs it headless, offline, with a fresh profile, at most 90 s.
# Needs: $tmp (a scratch directory the caller removes) and bad() (records a failure).
chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chrome" ]; then
  echo "FAIL: chromium is not installed; this test needs it. Install it with 'make test-deps'" \
    "(or 'make check', which runs scripts/setup-deps.sh test), or 'sudo apt-get install chromium'." >&2
  exit 1
fi

chromium_run() { # chromium_run LOG ARGS...
  local log=$1
  shift
  timeout 90 "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d "$tmp/profile.XXXXXX")" --enable-logging=stderr --v=0 \
    --window-size=1000,1400 "$@" 2>"$log"
}

# with_script PAGE SCRIPT OUT: a copy of PAGE with SCRIPT (a <script> element) before </body>
with_script() {
  sed -e "/<\/body>/{r $2" -e 'd}' "$1" >"$3"
  echo '</body></html>' >>"$3"
}
