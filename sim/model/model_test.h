/* model_test: hooks for the model's unit tests (model.c); nothing else calls them. */
#ifndef CASELOAD_MODEL_TEST_H
#define CASELOAD_MODEL_TEST_H

#include "model_state.h"

/* Set up a run of p (calendar, streams, engine, statistics) with no staff, arrivals or levers, so
 * a test can drive the state by hand; close frees what the run holds. */
model_state *model_test_open(model_workspace *ws, const model_params *p, model_results *out,
                             char *err, size_t errlen);
void model_test_close(model_workspace *ws);
/* The state a run left in the workspace (read it after model_run, before the next run). */
const model_state *model_test_state(const model_workspace *ws);

#endif
