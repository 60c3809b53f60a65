# The demo report read as a board member would, in headless Chromium: the shipped comparison (the
# scenarios of `make demo`, fewer runs) is rendered and a checking script added to a copy of the
# page asserts that
#   - referrals, contacts, plans started and looked-after children are never called better or
#     worse (summary table rows and every sentence of the findings);
#   - the Combined 2011 finding on caseloads says, in the same sentence, that demand was turned
#     away, and the change against the baseline calls it clearly worse on at least one key measure,
#     with any better ones put down to demand turned away;
#   - in every chart no text box runs outside the SVG, no two text boxes overlap, and no text box
#     sits on a data line (a stroked polyline of the data: medians, curves);
#   - nothing logs to the console.
# Run by CTest as: bash report_board.sh <caseload> <source-dir>. KEEP_REPORT=DIR keeps the files.
set -u
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }
. "$src/tests/cli/chromium_lib.bash"

d="$tmp/demo"
"$bin" compare "$src/scenarios/isle-of-wight-2011.ini" "$src/scenarios/centre-cut-27.ini" \
  "$src/scenarios/restructure.ini" "$src/scenarios/combined-2011.ini" \
  "$src/scenarios/investment.ini" --reps 20 --seed 20110401 --quiet --out "$d" 2>"$tmp/run.err" ||
  { bad "compare: $(cat "$tmp/run.err")"; exit 1; }

chromium_run "$tmp/shot.log" --screenshot="$tmp/report.png" "file://$d/report.html" >/dev/null
[ -s "$tmp/report.png" ] || bad "no screenshot ($(tail -3 "$tmp/shot.log"))"
grep -q 'CONSOLE' "$tmp/shot.log" && bad "console messages: $(grep CONSOLE "$tmp/shot.log" | head -3)"

cat >"$tmp/check.js" <<'JS'
<script>
var errors = [];
window.addEventListener('error', function (e) { errors.push('error: ' + e.message); }, true);
window.addEventListener('load', function () {
  var out = [];
  var neither = /^(Referrals|Contacts|Child protection plans started|Child in need plans started|Children starting to be looked after|Looked-after children)/;
  // 1. the summary table: rows of measures that are neither better nor worse in themselves
  var rows = 0;
  document.querySelectorAll('#summary ~ table tr').forEach(function (tr) {
    var first = tr.cells[0] ? tr.cells[0].textContent : '';
    if (!neither.test(first)) return;
    rows++;
    if (/better|worse/i.test(tr.textContent)) out.push('judged: ' + first.slice(0, 40));
  });
  if (rows < 3) out.push('only ' + rows + ' neither rows in the summary table');
  // 2. sentences: split the findings into sentences (a full stop before a capital)
  var combined = false;
  document.querySelectorAll('#findings + ul li').forEach(function (li) {
    li.textContent.split(/\.\s+(?=[A-Z])/).forEach(function (s) {
      var subj = s.replace(/^Over the whole period \([^)]*\) /, '').slice(0, 60);
      if (/^(the number of )?(referrals|contacts|child protection plans started|looked-after)/i.test(subj) &&
          /\b(better|worse)\b/.test(s)) out.push('sentence judges ' + subj);
      if (/caseload per qualified social worker (falls|rises)/.test(s) && /under Combined 2011/.test(s))
        combined = /because demand was turned away/.test(s) || out.push('Combined 2011 caseload sentence does not say demand was turned away: ' + s.slice(0, 200));
    });
  });
  if (!combined) out.push('no Combined 2011 caseload finding that says demand was turned away');
  // 2b. the change against the baseline: Combined 2011 clearly worse on some key measures, and any
  // better ones put down to demand turned away (the point of the Baby T pathway)
  var tally = false;
  document.querySelectorAll('#findings + ul li').forEach(function (li) {
    var s = li.textContent;
    if (!/counting only the \d+ key measures/.test(s)) return;
    tally = /Combined 2011 is clearly worse on [1-9]\d* and (better on none|clearly better on \d+ \(its lower caseloads or shorter waits come from demand turned away, not met(, and from capacity added: it costs £[0-9.]+m a year more)?\))/.test(s) ||
      out.push('Combined 2011 not read as worse, or its better measures not put down to demand turned away: ' + s.slice(0, 400));
  });
  if (!tally) out.push('no change-against-the-baseline finding for Combined 2011');
  // 3. chart text: inside the SVG, not on another text box, not on a data line
  document.querySelectorAll('svg.chart').forEach(function (svg) {
    var box = svg.getBoundingClientRect(), texts = [];
    svg.querySelectorAll('text').forEach(function (t) {
      var r = t.getBoundingClientRect();
      if (!t.textContent.trim()) return;
      texts.push({r: r, s: t.textContent});
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
        out.push(svg.id + ': "' + t.textContent.slice(0, 30) + '" runs outside the chart');
    });
    function overlap(a, b, pad) {
      return a.left + pad < b.right && b.left + pad < a.right && a.top + pad < b.bottom && b.top + pad < a.bottom;
    }
    for (var i = 0; i < texts.length; i++)
      for (var j = i + 1; j < texts.length; j++)
        if (overlap(texts[i].r, texts[j].r, 1))
          out.push(svg.id + ': "' + texts[i].s.slice(0, 25) + '" overlaps "' + texts[j].s.slice(0, 25) + '"');
    svg.querySelectorAll('polyline').forEach(function (pl) {
      if (pl.getAttribute('stroke') === 'none' || pl.points.numberOfItems < 20) return;
      var m = pl.getScreenCTM(), p = svg.createSVGPoint();
      for (var k = 0; k < pl.points.numberOfItems; k++) {
        var q = pl.points.getItem(k);
        p.x = q.x; p.y = q.y;
        var s = p.matrixTransform(m);
        for (var t = 0; t < texts.length; t++) {
          var r = texts[t].r;
          if (s.x > r.left + 1 && s.x < r.right - 1 && s.y > r.top + 1 && s.y < r.bottom - 1) {
            out.push(svg.id + ': a data line runs under "' + texts[t].s.slice(0, 30) + '"');
            return;
          }
        }
      }
    });
  });
  var res = document.createElement('pre');
  res.id = 'result';
  res.textContent = 'RESULT ' + out.concat(errors).join('; ') + ' END';
  document.body.appendChild(res);
});
</script>
JS
with_script "$d/report.html" "$tmp/check.js" "$d/check.html"
chromium_run "$tmp/dom.log" --virtual-time-budget=10000 --dump-dom "file://$d/check.html" >"$tmp/dom.html"
result=$(grep -o '<pre id="result">RESULT [^<]* END' "$tmp/dom.html" | sed 's/^<pre id="result">//' || true)
[ "$result" = "RESULT  END" ] ||
  bad "board check: '${result:-no result: the page did not finish loading}' ($(grep CONSOLE "$tmp/dom.log" | head -3))"
grep -q 'CONSOLE' "$tmp/dom.log" && bad "console messages: $(grep CONSOLE "$tmp/dom.log" | head -3)"

# the checker itself finds what it must: a copy with a referrals row called better, the turned-away
# clause removed, and a chart whose label runs off its edge over a data line
pts=$(seq 0 2 100 | sed 's/$/,50/' | tr '\n' ' ')
sed -e "s|Referrals to children's social care<span|Referrals to children's social care better<span|" \
    -e 's|, because demand was turned away, not met|, worse for children|' \
    -e "s|<h2 id=\"charts\">|<svg class=\"chart\" id=\"broken\" viewBox=\"0 0 100 100\" width=\"300\"><text x=\"80\" y=\"52\" font-size=\"8\">a label far too long</text><polyline points=\"$pts\" stroke=\"black\"/></svg>&|" \
    "$d/report.html" >"$d/broken.html"
with_script "$d/broken.html" "$tmp/check.js" "$d/check-broken.html"
chromium_run "$tmp/broken.log" --virtual-time-budget=10000 --dump-dom "file://$d/check-broken.html" >"$tmp/broken.html"
result=$(grep -o '<pre id="result">RESULT [^<]* END' "$tmp/broken.html" || true)
for want in 'judged: Referrals' 'does not say demand was turned away' 'broken: "a label far too long" runs outside' \
            'broken: a data line runs under "a label far too long"'; do
  case "$result" in *"$want"*) ;; *) bad "the checker missed '$want' in a broken copy: '$result'" ;; esac
done

if [ -n "${KEEP_REPORT:-}" ]; then cp -r "$tmp" "$KEEP_REPORT"; fi
[ "$fail" -eq 0 ] && echo "report_board: neither measures unjudged, demand turned away said, chart text clear"
exit $fail
