/* Placeholder until the charts and report land (the plots module replaces this file). */
#include "report.h"

#include <stdio.h>

int report_render_dir(const char *dir, const report_options *opt, char *err, size_t errlen)
{
    (void)opt;
    snprintf(err, errlen, "%s: charts and report are not built yet", dir);
    return -1;
}
