/* runner: threads, common random numbers and in-order aggregation. See include/runner/runner.h. */
#include "runner.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* A ring slot holds one replication of every scenario between the thread that ran it and the fold. */
typedef enum slot_state { SLOT_FREE, SLOT_BUSY, SLOT_READY } slot_state;

typedef struct slot {
    slot_state state;
    int failed;             /* model_run returned an error (message in err) */
    model_results *res;     /* n_scenarios results, allocated once */
    char err[512];
} slot;

/* State shared by the threads of one run; every field below `lock` is guarded by it. */
typedef struct run_state {
    const runner_config *cfg;
    const runner_model *model;
    size_t window;          /* ring slots */
    slot *slots;
    pthread_mutex_t lock;
    pthread_cond_t work;    /* a slot was freed, or the run is stopping */
    pthread_cond_t done;    /* a slot became ready */
    size_t next;            /* next replication to hand out */
    size_t folded;          /* replications folded so far */
    int stopping;           /* no more work is handed out */
} run_state;

typedef struct worker {
    run_state *st;
    pthread_t tid;
    int started;
} worker;

void runner_shard_range(size_t reps, size_t k, size_t n, size_t *first, size_t *count)
{
    *first = k * reps / n;
    *count = (k + 1) * reps / n - *first;
}

unsigned runner_default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        return 1;
    return n > RUNNER_MAX_THREADS ? RUNNER_MAX_THREADS : (unsigned)n;
}

static int stop_requested(const runner_config *cfg)
{
    return cfg->stop && *cfg->stop;
}

/* Run every scenario of replication `rep` into s->res. Called without the lock. */
static void run_replication(run_state *st, model_workspace *ws, size_t rep, slot *s)
{
    const runner_config *cfg = st->cfg;
    s->failed = 0;
    for (size_t k = 0; k < cfg->n_scenarios; k++) {
        if (stop_requested(cfg))
            return; /* the fold will not look at this slot */
        char msg[400];
        /* Same seed and replication for every scenario: common random numbers. */
        if (st->model->run(ws, &cfg->params[k], cfg->seed, cfg->first_rep + rep, &s->res[k], msg,
                           sizeof msg)) {
            snprintf(s->err, sizeof s->err, "replication %zu, scenario %zu: %s",
                     cfg->first_rep + rep + 1, k + 1, msg);
            s->failed = 1;
            return;
        }
    }
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    run_state *st = w->st;
    model_workspace *ws = st->model->workspace_create();
    pthread_mutex_lock(&st->lock);
    if (!ws) {
        /* Reported through the slot of the next replication so the fold sees it in order. */
        st->stopping = 1;
        pthread_cond_broadcast(&st->done);
    }
    while (ws) {
        while (!st->stopping && st->next < st->cfg->reps && st->next >= st->folded + st->window)
            pthread_cond_wait(&st->work, &st->lock);
        if (st->stopping || stop_requested(st->cfg) || st->next >= st->cfg->reps)
            break;
        size_t rep = st->next++;
        slot *s = &st->slots[rep % st->window];
        s->state = SLOT_BUSY;
        pthread_mutex_unlock(&st->lock);
        run_replication(st, ws, rep, s);
        pthread_mutex_lock(&st->lock);
        s->state = SLOT_READY;
        if (s->failed)
            st->stopping = 1; /* hand out nothing more; earlier replications still finish */
        pthread_cond_broadcast(&st->done);
    }
    pthread_mutex_unlock(&st->lock);
    if (ws)
        st->model->workspace_destroy(ws);
    return NULL;
}

/* Called only on the calling thread, in order (runner.h). */
void runner_results_fold(runner_results *out, size_t rep, const model_results *res)
{
    for (size_t k = 0; k < out->n_scenarios; k++) {
        const model_results *r = &res[k];
        runner_scenario *a = &out->scn[k];
        for (int m = 0; m < M_COUNT; m++) /* residue of cancelling sums is 0 (stats.h) */
            a->values[rep * M_COUNT + (size_t)m] = stats_clean(r->total[m]);
        stats_weekly_add(a->weekly, r->weekly);
        for (int b = 0; b < MODEL_WD_HIST; b++)
            a->wd_hist[b] += r->wd_hist[b];
        a->acc.contacts += r->acc.contacts;
        a->acc.front_door_nfa += r->acc.front_door_nfa;
        a->acc.early_help_routed += r->acc.early_help_routed;
        a->acc.referrals_from_front_door += r->acc.referrals_from_front_door;
        a->acc.awaiting_screening_at_end += r->acc.awaiting_screening_at_end;
        a->acc.referrals += r->acc.referrals;
        a->acc.step_ups += r->acc.step_ups;
        a->acc.assessments_completed += r->acc.assessments_completed;
        a->acc.awaiting_allocation_at_end += r->acc.awaiting_allocation_at_end;
        a->acc.assessments_in_progress_at_end += r->acc.assessments_in_progress_at_end;
        out->events += r->events;
    }
}

static void deadline_in(struct timespec *ts, long ms)
{
    clock_gettime(CLOCK_MONOTONIC, ts);
    ts->tv_nsec += ms * 1000000L;
    ts->tv_sec += ts->tv_nsec / 1000000000L;
    ts->tv_nsec %= 1000000000L;
}

/* The calling thread's loop: wait for each replication in order and fold it. Returns a RUNNER_
 * code. Waits with a timeout so a stop request is seen even while every thread is busy. */
static int fold_in_order(run_state *st, runner_results *out, char *err, size_t errlen)
{
    const runner_config *cfg = st->cfg;
    int rc = RUNNER_OK;
    pthread_mutex_lock(&st->lock);
    while (st->folded < cfg->reps) {
        slot *s = &st->slots[st->folded % st->window];
        while (s->state != SLOT_READY && !stop_requested(cfg) &&
               !(st->stopping && st->next <= st->folded)) {
            struct timespec ts;
            deadline_in(&ts, 100);
            pthread_cond_timedwait(&st->done, &st->lock, &ts);
        }
        if (stop_requested(cfg)) {
            rc = RUNNER_STOPPED;
            break;
        }
        if (s->state != SLOT_READY) { /* stopping, and this replication was never handed out */
            snprintf(err, errlen, "out of memory for a model workspace");
            rc = RUNNER_ERR;
            break;
        }
        if (s->failed) {
            snprintf(err, errlen, "%s", s->err);
            rc = RUNNER_ERR;
            break;
        }
        pthread_mutex_unlock(&st->lock);
        if (cfg->replication)
            cfg->replication(cfg->replication_ctx, cfg->first_rep + st->folded, s->res);
        runner_results_fold(out, st->folded, s->res);
        pthread_mutex_lock(&st->lock);
        s->state = SLOT_FREE;
        st->folded++;
        pthread_cond_broadcast(&st->work);
        if (cfg->progress) {
            size_t done = st->folded;
            pthread_mutex_unlock(&st->lock);
            cfg->progress(cfg->progress_ctx, done, cfg->reps);
            pthread_mutex_lock(&st->lock);
        }
    }
    st->stopping = 1;
    pthread_cond_broadcast(&st->work);
    pthread_mutex_unlock(&st->lock);
    return rc;
}

static void slots_free(run_state *st)
{
    if (!st->slots)
        return;
    for (size_t i = 0; i < st->window; i++) {
        if (!st->slots[i].res)
            continue;
        for (size_t k = 0; k < st->cfg->n_scenarios; k++)
            st->model->results_free(&st->slots[i].res[k]);
        free(st->slots[i].res);
    }
    free(st->slots);
    st->slots = NULL;
}

/* Allocate the ring; every slot's results for every scenario. Checks that the scenarios agree on
 * the measured weeks and start, which it gives in *weeks and *week0. */
static int slots_alloc(run_state *st, int *weeks, cal_date *week0, char *err, size_t errlen)
{
    const runner_config *cfg = st->cfg;
    st->slots = calloc(st->window, sizeof *st->slots);
    if (!st->slots)
        goto oom;
    for (size_t i = 0; i < st->window; i++) {
        slot *s = &st->slots[i];
        s->res = calloc(cfg->n_scenarios, sizeof *s->res);
        if (!s->res)
            goto oom;
        for (size_t k = 0; k < cfg->n_scenarios; k++) {
            if (st->model->results_init(&s->res[k], &cfg->params[k]))
                goto oom;
            if (i == 0 && k == 0) {
                *weeks = s->res[0].weeks;
                *week0 = s->res[0].week0;
            } else if (s->res[k].weeks != *weeks || s->res[k].week0 != *week0) {
                snprintf(err, errlen,
                         "scenario %zu has a different measured period from the baseline "
                         "(compare needs the same [scenario] start and years)", k + 1);
                return -1;
            }
        }
    }
    return 0;
oom:
    snprintf(err, errlen, "out of memory for %zu replication buffers", st->window);
    return -1;
}

static size_t kept_within(int weeks, size_t reps, size_t n_scenarios, size_t budget)
{
    double bytes = (double)weeks * M_COUNT * (double)reps * (double)n_scenarios * sizeof(double);
    return bytes <= (double)(budget ? budget : RUNNER_EXACT_BYTES) ? reps : 0;
}

size_t runner_weekly_kept(int weeks, size_t reps, size_t n_scenarios)
{
    return kept_within(weeks, reps, n_scenarios, RUNNER_EXACT_BYTES);
}

int runner_results_init(runner_results *out, size_t n_scenarios, size_t reps, int weeks,
                        cal_date week0, size_t exact_bytes, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    out->n_scenarios = n_scenarios;
    out->reps = reps;
    out->weeks = weeks;
    out->week0 = week0;
    out->scn = calloc(n_scenarios, sizeof *out->scn);
    if (!out->scn)
        goto oom;
    size_t cells = (size_t)weeks * M_COUNT;
    for (size_t k = 0; k < n_scenarios; k++) {
        out->scn[k].values = malloc(reps * M_COUNT * sizeof(double));
        out->scn[k].weekly =
            stats_weekly_create(cells, kept_within(weeks, reps, n_scenarios, exact_bytes));
        if (!out->scn[k].values || !out->scn[k].weekly)
            goto oom;
    }
    return RUNNER_OK;
oom:
    runner_results_free(out);
    snprintf(err, errlen, "out of memory for the aggregates of %zu replications x %d weeks",
             reps, weeks);
    return RUNNER_ERR;
}

static int check_config(const runner_config *cfg, char *err, size_t errlen)
{
    if (!cfg->model || !cfg->params) {
        snprintf(err, errlen, "runner: no model or parameters given");
        return -1;
    }
    if (cfg->n_scenarios < 1 || cfg->n_scenarios > RUNNER_MAX_SCENARIOS) {
        snprintf(err, errlen, "between 1 and %d scenarios are allowed", RUNNER_MAX_SCENARIOS);
        return -1;
    }
    if (cfg->reps < 1 || cfg->reps > RUNNER_MAX_REPS ||
        cfg->first_rep > RUNNER_MAX_REPS - cfg->reps) {
        snprintf(err, errlen, "replications must be 1..%d", RUNNER_MAX_REPS);
        return -1;
    }
    if (cfg->threads < 1 || cfg->threads > RUNNER_MAX_THREADS) {
        snprintf(err, errlen, "threads must be 1..%d", RUNNER_MAX_THREADS);
        return -1;
    }
    return 0;
}

static int sync_init(run_state *st, char *err, size_t errlen)
{
    pthread_condattr_t ca;
    int e = pthread_condattr_init(&ca);
    if (!e)
        e = pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    if (!e)
        e = pthread_mutex_init(&st->lock, NULL);
    if (!e && (e = pthread_cond_init(&st->work, &ca)) != 0)
        pthread_mutex_destroy(&st->lock);
    if (!e && (e = pthread_cond_init(&st->done, &ca)) != 0) {
        pthread_cond_destroy(&st->work);
        pthread_mutex_destroy(&st->lock);
    }
    pthread_condattr_destroy(&ca);
    if (e)
        snprintf(err, errlen, "cannot set up threads: %s", strerror(e));
    return e ? -1 : 0;
}

static void sync_destroy(run_state *st)
{
    pthread_cond_destroy(&st->done);
    pthread_cond_destroy(&st->work);
    pthread_mutex_destroy(&st->lock);
}

/* Start the threads, fold, join. A thread that cannot start is an error once the others stop. */
static int run_threads(run_state *st, unsigned n, runner_results *out, char *err, size_t errlen)
{
    worker *w = calloc(n, sizeof *w);
    if (!w) {
        snprintf(err, errlen, "out of memory for %u threads", n);
        return RUNNER_ERR;
    }
    int rc = RUNNER_OK;
    for (unsigned i = 0; i < n; i++) {
        w[i].st = st;
        int e = pthread_create(&w[i].tid, NULL, worker_main, &w[i]);
        if (e) {
            snprintf(err, errlen, "cannot start thread %u of %u: %s", i + 1, n, strerror(e));
            rc = RUNNER_ERR;
            pthread_mutex_lock(&st->lock);
            st->stopping = 1;
            pthread_cond_broadcast(&st->work);
            pthread_mutex_unlock(&st->lock);
            break;
        }
        w[i].started = 1;
    }
    if (rc == RUNNER_OK)
        rc = fold_in_order(st, out, err, errlen);
    for (unsigned i = 0; i < n; i++)
        if (w[i].started)
            pthread_join(w[i].tid, NULL);
    free(w);
    return rc;
}

int runner_run(const runner_config *cfg, runner_results *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (check_config(cfg, err, errlen))
        return RUNNER_ERR;
    unsigned n = cfg->threads;
    if ((size_t)n > cfg->reps)
        n = (unsigned)cfg->reps;
    run_state st;
    memset(&st, 0, sizeof st);
    st.cfg = cfg;
    st.model = cfg->model;
    /* Twice the threads: a thread that finishes early can go on while a slow replication before
     * it is still running, without the ring (and memory) growing with the number of replications. */
    st.window = 2 * (size_t)n;
    int rc = RUNNER_ERR, weeks = 0;
    cal_date week0 = 0;
    if (slots_alloc(&st, &weeks, &week0, err, errlen) ||
        runner_results_init(out, cfg->n_scenarios, cfg->reps, weeks, week0, cfg->exact_bytes, err,
                            errlen)) {
        slots_free(&st);
        runner_results_free(out);
        return RUNNER_ERR;
    }
    if (sync_init(&st, err, errlen) == 0) {
        rc = run_threads(&st, n, out, err, errlen);
        sync_destroy(&st);
    }
    slots_free(&st);
    if (rc != RUNNER_OK)
        runner_results_free(out);
    return rc;
}

void runner_results_free(runner_results *r)
{
    if (r->scn) {
        for (size_t k = 0; k < r->n_scenarios; k++) {
            free(r->scn[k].values);
            stats_weekly_destroy(r->scn[k].weekly);
        }
        free(r->scn);
    }
    memset(r, 0, sizeof *r);
}
