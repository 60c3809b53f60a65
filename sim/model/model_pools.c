/* model_pools: entity pools and index containers. Arrays grow by doubling and keep their capacity
 * across replications (the workspace reuses them), so a run allocates only until it reaches the
 * peak of the runs before it. Allocation failure sets st->failed and returns MODEL_NONE / -1. */
#include "model_pools.h"
#include "model_state.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

int model_vec_push(model_vec_u32 *v, uint32_t x) { return UTIL_PUSH(v->a, v->n, v->cap, x); }

/* Take a slot: from the free list, else the end of the array (growing it). */
static uint32_t take(model_state *st, void **arr, uint32_t *n, size_t *cap, size_t elem,
                     model_vec_u32 *fl)
{
    if (fl->n)
        return fl->a[--fl->n];
    if (util_grow(arr, cap, (size_t)*n + 1, elem, 64)) {
        st->failed = 1;
        return MODEL_NONE;
    }
    return (*n)++;
}

uint32_t model_family_new(model_state *st)
{
    uint32_t f = take(st, (void **)&st->fams, &st->nfams, &st->capfams, sizeof *st->fams, &st->fam_free);
    if (f == MODEL_NONE)
        return f;
    model_family *fa = &st->fams[f];
    memset(fa, 0, sizeof *fa);
    fa->kids = 1;
    fa->hn_since = -1;
    fa->last_referral = fa->last_assess = -1e9;
    for (int i = 0; i < 5; i++)
        fa->recent[i] = -1e9f;
    fa->caseid = fa->qprev = fa->qnext = MODEL_NONE;
    return f;
}

void model_family_free(model_state *st, uint32_t f)
{
    st->acc.children_left += st->fams[f].kids;
    st->fams[f].state = FAM_FREE;
    if (model_vec_push(&st->fam_free, f))
        st->failed = 1;
}

uint32_t model_case_new(model_state *st)
{
    uint32_t c = take(st, (void **)&st->cases, &st->ncases, &st->capcases, sizeof *st->cases, &st->case_free);
    if (c == MODEL_NONE)
        return c;
    model_case *ca = &st->cases[c];
    memset(ca, 0, sizeof *ca);
    ca->family = ca->worker = MODEL_NONE;
    ca->w_prev = ca->w_next = ca->ps_prev = ca->ps_next = MODEL_NONE;
    return c;
}

void model_case_free(model_state *st, uint32_t c)
{
    st->cases[c].state = CASE_FREE;
    if (model_vec_push(&st->case_free, c))
        st->failed = 1;
}

uint32_t model_worker_new(model_state *st)
{
    uint32_t w = take(st, (void **)&st->workers, &st->nworkers, &st->capworkers, sizeof *st->workers,
                      &st->worker_free);
    if (w == MODEL_NONE)
        return w;
    model_worker *wk = &st->workers[w];
    memset(wk, 0, sizeof *wk);
    wk->case_head = wk->ps_head = wk->room_pos = wk->busy_family = MODEL_NONE;
    wk->lb_bucket = wk->lb_prev = wk->lb_next = MODEL_NONE;
    wk->l_prev = wk->l_next = MODEL_NONE;
    wk->unit = MODEL_NONE;
    wk->alive = 1;
    wk->fte = 1;
    return w;
}

void model_worker_free(model_state *st, uint32_t w)
{
    st->workers[w].alive = 0;
    if (model_vec_push(&st->worker_free, w))
        st->failed = 1;
}

int model_ring_push(model_ring *r, uint32_t idx, uint32_t stamp, int front)
{
    if (r->len == r->cap) {
        size_t cap = r->cap, head = r->head;
        if (util_ring_grow((void **)&r->stamp, &cap, &head, r->len, sizeof *r->stamp, 64)
            || util_ring_grow((void **)&r->idx, &r->cap, &r->head, r->len, sizeof *r->idx, 64))
            return -1;
    }
    size_t pos;
    if (front) {
        r->head = (r->head + r->cap - 1) % r->cap;
        pos = r->head;
    } else {
        pos = (r->head + r->len) % r->cap;
    }
    r->idx[pos] = idx;
    r->stamp[pos] = stamp;
    r->len++;
    return 0;
}

int model_ring_pop(model_ring *r, uint32_t *idx, uint32_t *stamp)
{
    if (!r->len)
        return 0;
    *idx = r->idx[r->head];
    *stamp = r->stamp[r->head];
    r->head = (r->head + 1) % r->cap;
    r->len--;
    return 1;
}
