/* runner_model: the real model (include/model/model.h) as a runner_model table. Kept apart from runner.c
 * so tests can link the runner with a fake model instead. */
#include "runner.h"

const runner_model runner_model_real = {
    .workspace_create = model_workspace_create,
    .workspace_destroy = model_workspace_destroy,
    .results_init = model_results_init,
    .results_free = model_results_free,
    .run = model_run,
};
