/* workbook: DIR/results.xlsx, the analysts' copy of a results folder (libxlsxwriter).
 *
 * Sheets: About (scenarios, seed, command, version), Summary (every scenario and measure with its
 * interval, unit and number format), Differences (each alternative against the baseline, with
 * whether the interval excludes zero and which way is better), Weekly (an Excel table with
 * filters; one sheet a scenario when a run has more rows than a sheet holds), Measures (name,
 * label, unit, kind, direction) and Chart data; native Excel charts of the weekly median caseload
 * per worker and share within 45 days by scenario (on Summary) and of the change against the
 * baseline (on Differences). Written under a temporary name and renamed when complete; the same
 * results give the same bytes (the document's date is the run's first measured day).
 * Returns 0, or REPORT_EIO with a message naming the file. Never prints. */
#ifndef CASELOAD_WORKBOOK_H
#define CASELOAD_WORKBOOK_H

#include <stddef.h>

#include "chart_data.h"

int workbook_write(const chart_results *r, char *err, size_t errlen);

#endif
