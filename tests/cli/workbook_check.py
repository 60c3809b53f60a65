"""Checks DIR/results.xlsx against the CSV files of DIR (tests/cli/workbook.sh)."""
import csv
import math
import re
import sys
import zipfile

import openpyxl

d = sys.argv[1]
book = d + "/results.xlsx"
wb = openpyxl.load_workbook(book)
bad = []


def check(cond, what):
    if not cond:
        bad.append(what)


want = ["About", "Summary", "Differences", "Weekly", "Measures", "Chart data"]
check(wb.sheetnames == want, f"sheets {wb.sheetnames}, expected {want}")


def rows(sheet):
    ws = wb[sheet]
    it = ws.iter_rows(values_only=True)
    head = list(next(it))
    return head, [dict(zip(head, r)) for r in it]


def close(a, b):
    if a in (None, "") and b in (None, ""):
        return True
    a, b = float(a), float(b)
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def csv_rows(name):
    with open(f"{d}/{name}", newline="") as f:
        return list(csv.DictReader(f))


head, summary = rows("Summary")
check(head == ["scenario", "measure", "label", "unit", "mean", "ci_lo", "ci_hi", "p5", "p25",
               "p50", "p75", "p95"], f"Summary header {head}")
by = {(r["scenario"], r["measure"]): r for r in summary}
srcs = csv_rows("summary.csv")
check(len(srcs) == len(summary), f"Summary has {len(summary)} rows, summary.csv {len(srcs)}")
for s in srcs:
    r = by.get((s["scenario"], s["metric"]))
    if r is None:
        bad.append(f"Summary lacks {s['scenario']} {s['metric']}")
        continue
    for k in ["mean", "ci_lo", "ci_hi", "p5", "p25", "p50", "p75", "p95"]:
        check(close(r[k], s[k] or None), f"Summary {s['scenario']} {s['metric']} {k}: {r[k]} vs {s[k]}")
shares = [r for r in summary if r["measure"] == "share_within_45wd"]
check(shares and wb["Summary"].cell(row=summary.index(shares[0]) + 2, column=5).number_format == "0.0%",
      "share_within_45wd is not formatted as a percentage")

head, diffs = rows("Differences")
check(head[:8] == ["scenario", "measure", "label", "unit", "difference", "ci_lo", "ci_hi",
                   "significant"], f"Differences header {head}")
dsrc = csv_rows("differences.csv")
check(len(dsrc) == len(diffs), f"Differences has {len(diffs)} rows, differences.csv {len(dsrc)}")
dby = {(r["scenario"], r["measure"]): r for r in diffs}
for s in dsrc:
    r = dby.get((s["scenario"], s["metric"]))
    check(r is not None and close(r["difference"], s["mean_diff"] or None),
          f"Differences {s['scenario']} {s['metric']}")

ws = wb["Weekly"]
check("Weekly" in ws.tables, "Weekly is not an Excel table")
wsrc = csv_rows("weekly.csv")
check(ws.max_row - 1 == len(wsrc), f"Weekly has {ws.max_row - 1} rows, weekly.csv {len(wsrc)}")
head = [c.value for c in ws[1]]
check(head == ["scenario", "week_start", "measure", "mean", "ci_lo", "ci_hi", "p5", "p25", "p50",
               "p75", "p95"], f"Weekly header {head}")
first = [c.value for c in ws[2]]
check(first[0] == wsrc[0]["scenario"] and first[1] == wsrc[0]["week_start"]
      and first[2] == wsrc[0]["metric"] and close(first[3], wsrc[0]["mean"]), "Weekly first row")

head, measures = rows("Measures")
check(head[:5] == ["measure", "label", "unit", "kind", "direction"], f"Measures header {head}")
check(any(m["measure"] == "caseload_per_sw" for m in measures), "Measures lacks caseload_per_sw")

z = zipfile.ZipFile(book)
charts = sorted(n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n))
check(len(charts) == 4, f"{len(charts)} charts, expected 4 (two lines, two bars)")
kinds = [re.search(rb"<c:(lineChart|barChart)>", z.read(c)).group(1).decode() for c in charts]
check(kinds.count("lineChart") == 2 and kinds.count("barChart") == 2, f"chart kinds {kinds}")
wbx = z.read("xl/workbook.xml").decode()
rels = z.read("xl/_rels/workbook.xml.rels").decode()
for sheet in ["Summary", "Differences"]:
    rid = re.search(rf'name="{sheet}" sheetId="\d+" r:id="(rId\d+)"', wbx).group(1)
    target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"', rels).group(1)
    srel = z.read("xl/" + target.replace("worksheets/", "worksheets/_rels/") + ".rels").decode()
    check("drawing" in srel, f"{sheet} has no drawing (its charts)")

for b in bad:
    print("workbook_check:", b, file=sys.stderr)
sys.exit(1 if bad else 0)
