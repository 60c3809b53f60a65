/* model_snapshot: a replication started from a snapshot, and a snapshot taken of its end
 * (model_snapshot.c; the data is include/model/snapshot.h). */
#ifndef CASELOAD_MODEL_SNAPSHOT_H
#define CASELOAD_MODEL_SNAPSHOT_H

#include "model_state.h"
#include "snapshot.h"

/* The earliest date the run's calendar must reach back to: the snapshot's oldest case or family
 * date (cases may have run for years), or `first` if that is earlier. */
cal_date model_snapshot_earliest(const model_snapshot *s, cal_date first);
/* Staff in post, open cases and known families at clock 0, in place of the warm-up's staff and
 * seeded plans. Returns 0, or -1 when out of memory. */
int model_snapshot_start(model_state *st, const model_snapshot *s);
/* The state at the end of the run into *out. Returns 0, or -1 when out of memory. */
int model_snapshot_record(const model_state *st, model_snapshot *out);

#endif
