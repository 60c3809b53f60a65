# synth.sh: sourced by tests/cli/plot*.sh and report*.sh. synth_results DIR writes a small results
# directory in the format of docs/outputs.md (3 scenarios, 40 weeks) without running the
# simulator, so the chart and report commands can be tested on their own.
synth_results() {
  local dir=$1
  mkdir -p "$dir/settings"
  cat > "$dir/run.ini" <<EOF
[run]
version = 0.1.0
command = caseload compare scenarios/base.ini scenarios/cut.ini scenarios/more.ini --reps 20 --seed 7 --out $dir
seed = 7
replications = 20
measured_start = 2011-01-03
weeks = 40
baseline = base

[scenario "base"]
name = Baseline — as things are
file = scenarios/base.ini
baseline = yes

[scenario "cut"]
name = Centre cut 27% (£1.2m)
file = scenarios/cut.ini
baseline = no

[scenario "more"]
name = Six more social workers
file = scenarios/more.ini
baseline = no
EOF
  local dates="" wk
  for wk in $(seq 0 39); do dates="$dates $(date -u -d "2011-01-03 + $((7 * wk)) days" +%F)"; done
  awk -v dir="$dir" -v dates="$dates" 'BEGIN {
    split(dates, day_of, " ");
    split("base cut more", ids, " ");
    split("caseload_per_sw unallocated_cases share_within_45wd early_help_waiting families_3plus_contacts_no_assessment wd_to_assessment_mean unmet_high_need_child_days cost_total", ms, " ");
    split("18 40 0.84 50 30 31 900 24500000", lv, " ");
    split("0 1 -0.5", ef, " ");
    split("3 10 -0.12 15 8 8 300 -1000000", sl, " ");
    s = dir "/summary.csv"; w = dir "/weekly.csv"; d = dir "/differences.csv"; a = dir "/assessment_days.csv";
    print "scenario,metric,mean,ci_lo,ci_hi,p5,p25,p50,p75,p95" > s;
    print "scenario,week_start,metric,mean,ci_lo,ci_hi,p5,p25,p50,p75,p95" > w;
    print "scenario,metric,mean_diff,ci_lo,ci_hi,significant" > d;
    print "scenario,working_days,share,cumulative" > a;
    for (i = 1; i <= 3; i++) for (k = 1; k <= 8; k++) {
      v = lv[k] + ef[i] * sl[k]; e = (sl[k] < 0 ? -sl[k] : sl[k]) * 0.1;
      printf "%s,%s,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g\n", ids[i], ms[k], v, v-e/5, v+e/5, v-2*e, v-e, v, v+e, v+2*e > s;
      df = ef[i] * sl[k]; h = (df < 0 ? -df : df) * 0.2;
      if (i > 1) printf "%s,%s,%.10g,%.10g,%.10g,1\n", ids[i], ms[k], df, df - h, df + h > d;
      if (k <= 5) for (wk = 0; wk < 40; wk++) {
        r = wk < 10 ? 0 : (wk - 10) / 30; x = lv[k] + r * ef[i] * sl[k];
        printf "%s,%s,%s,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g\n", ids[i], day_of[wk + 1], ms[k], x, x-e/5, x+e/5, x-2*e, x-e, x, x+e, x+2*e > w;
      }
    }
    for (i = 1; i <= 3; i++) { c = 0; for (day = 0; day <= 120; day++) {
      p = day == 120 ? 1 - c : (1 - c) * (0.03 - ef[i] * 0.01); c += p;
      printf "%s,%d,%.10g,%.10g\n", ids[i], day, p, c > a } }
  }'
  cat > "$dir/events.csv" <<EOF
scenario,event,type,date,label
cut,centre-cut,budget_cut,2011-04-01,"Centre cut 27%, closed Fridays"
more,more-sw,investment,2011-04-01,+6 social workers
EOF
  for id in base cut more; do
    printf '; resolved settings of %s\n[staff]\nsocial_worker.fte = 32 ; default\n' "$id" > "$dir/settings/$id.ini"
  done
  synth_manifest "$dir"
}

# synth_manifest DIR: DIR/manifest.sha256 for the files as they are, as a run writes it last
# (include/manifest.h); call again after changing a file on purpose.
synth_manifest() {
  local dir=$1 f
  {
    echo "# caseload results manifest (synthetic)"
    echo "run 0123456789abcdef"
    (cd "$dir" && for f in run.ini summary.csv weekly.csv differences.csv events.csv \
        assessment_days.csv settings/*.ini; do
      [ -f "$f" ] && echo "data $(sha256sum "$f" | cut -c1-64) $f"
    done)
    echo "drawn report.html"
  } > "$dir/manifest.sha256"
}
