/* metrics: names, units and labels of the metrics in include/model/metrics.h. */
#include "metrics.h"

#include <string.h>

typedef struct metric_info {
    const char *name, *unit, *label;
    metric_kind kind;
} metric_info;

static const metric_info infos[M_COUNT] = {
#define METRICS_INFO(id, k, u, l) {#id, u, l, MK_##k},
    METRICS_LIST(METRICS_INFO)
#undef METRICS_INFO
};

const char *metric_name(metric_id m) { return infos[m].name; }
const char *metric_unit(metric_id m) { return infos[m].unit; }
const char *metric_label(metric_id m) { return infos[m].label; }
metric_kind metric_kind_of(metric_id m) { return infos[m].kind; }

int metric_parse(const char *name)
{
    for (int i = 0; i < M_COUNT; i++)
        if (!strcmp(name, infos[i].name))
            return i;
    return -1;
}
