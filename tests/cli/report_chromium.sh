# The board report as a person sees it: headless Chromium renders report.html to a PNG screenshot;
# a copy of the page with a checking script added confirms every chart is laid out with something
# drawn in it, every PNG chart decodes, the report itself fetched nothing, and no error was raised.
# Needs Debian's chromium (make check installs it); without it the test fails and says how.
# Run by CTest as: bash report_chromium.sh <caseload> <source-dir>
set -u
bin=$1
src=$2
. "$src/tests/plots/synth.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }

. "$src/tests/cli/chromium_lib.bash"

d="$tmp/res"
synth_results "$d"
"$bin" plot "$d" >/dev/null 2>"$tmp/plot.err" || { bad "caseload plot: $(cat "$tmp/plot.err")"; exit 1; }
nchart=$(grep -c '<svg class="chart"' "$d/report.html")
[ "$nchart" -eq 7 ] || bad "report.html has $nchart inline charts, want 7"

# 1. the report itself: a screenshot, and no console messages (it has no script, so any message is
#    an error such as a failed load)
chromium_run "$tmp/shot.log" --screenshot="$tmp/report.png" "file://$d/report.html" >/dev/null
[ -s "$tmp/report.png" ] || bad "no screenshot ($(tail -3 "$tmp/shot.log"))"
head -c 24 "$tmp/report.png" | od -An -tx1 | tr -d ' \n' | grep -q '^89504e470d0a1a0a0000000d49484452000003e800000578' ||
  bad "screenshot is not a 1000x1400 PNG"
[ "$(stat -c %s "$tmp/report.png")" -gt 50000 ] || bad "screenshot looks blank ($(stat -c %s "$tmp/report.png") bytes)"
if grep -q 'CONSOLE' "$tmp/shot.log"; then
  bad "console messages while rendering report.html: $(grep CONSOLE "$tmp/shot.log" | head -3)"
fi

# 2. a copy with a checking script (the product page has none); results land in #result
cat >"$tmp/check.js" <<'EOF'
<script>
var errors = [];
window.addEventListener('error', function (e) { errors.push('error: ' + e.message); }, true);
window.addEventListener('load', function () {
  var out = [], fetched = performance.getEntriesByType('resource').length;
  if (fetched) out.push('report fetched ' + fetched + ' resources');
  var svgs = document.querySelectorAll('svg.chart');
  out.push('charts=' + svgs.length);
  svgs.forEach(function (s) {
    var r = s.getBoundingClientRect(), b = s.getBBox();
    var marks = s.querySelectorAll('path,line,polyline,polygon,rect,text').length;
    if (!(r.width > 500 && r.height > 300)) out.push(s.id + ' laid out ' + r.width + 'x' + r.height);
    if (!(b.width > 0.5 && b.height > 0.5)) out.push(s.id + ' has nothing drawn');
    if (marks < 30) out.push(s.id + ' has only ' + marks + ' marks');
  });
  var pngs = Array.prototype.map.call(svgs, function (s) { return 'charts/' + s.id + '.png'; });
  var left = pngs.length;
  pngs.forEach(function (src) {
    var img = new Image();
    img.onload = function () {
      if (img.naturalWidth !== 1600) out.push(src + ' is ' + img.naturalWidth + ' wide');
      if (--left === 0) done();
    };
    img.onerror = function () { out.push(src + ' does not decode'); if (--left === 0) done(); };
    img.src = src;
  });
  function done() {
    var res = document.createElement('pre');
    res.id = 'result';
    res.textContent = 'RESULT ' + out.concat(errors).join('; ') + ' END';
    document.body.appendChild(res);
  }
});
</script>
EOF
with_script "$d/report.html" "$tmp/check.js" "$d/check.html"
chromium_run "$tmp/dom.log" --virtual-time-budget=10000 --dump-dom "file://$d/check.html" >"$tmp/dom.html"
result=$(grep -o '<pre id="result">RESULT [^<]* END' "$tmp/dom.html" | sed 's/^<pre id="result">//' || true)
[ "$result" = "RESULT charts=7 END" ] ||
  bad "page check: '${result:-no result: the page did not finish loading}' ($(grep CONSOLE "$tmp/dom.log" | head -3))"
# the DOM after load still holds every chart (nothing dropped by the HTML parser)
[ "$(grep -c '<svg class="chart"' "$tmp/dom.html")" -eq 7 ] || bad "DOM after load lacks charts"

if [ "$fail" -ne 0 ] && [ -n "${KEEP_REPORT:-}" ]; then cp -r "$tmp" "$KEEP_REPORT"; fi
exit $fail
