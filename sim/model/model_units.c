/* model_units: Reclaiming Social Work units (the Hackney model), and the moves between structures.
 *
 * A unit is a consultant social worker, a social worker, a children's practitioner, a clinician
 * and a coordinator ([units], Hackney's by default) holding its cases together. Its cases sit on
 * one worker slot that is no person (the holder: in no staff pool, so staff counts, turnover and
 * costs stay those of the people), and the social work machinery treats the holder as one worker
 * whose productive hours are the unit's:
 *   productivity x qualified x (hours + coordinator's relief) + the practitioners' share of theirs,
 * the relief scaled by the coordinators in post, the practitioners' part at most the unit's plan
 * work other than section 47 enquiries (which only the qualified lead). Its benchmark and hard maximum scale with its
 * qualified members in post, and loads are compared per qualified member. Only the qualified lead
 * (a unit without one holds nothing: its cases go back to the allocation queue, the one handoff a
 * unit makes when people leave); a member who leaves otherwise takes no case with them.
 *
 * Moving into units: units = social worker establishment / qualified per unit; each social worker
 * in post joins the unit shortest of its role and brings its cases (the same person goes on with
 * them, so no handoff); the practitioner, clinician and coordinator posts are funded and filled
 * from the staff redeployed into them (their vacancy share left to recruit). Back to pools: each
 * unit's cases go round its qualified members, and the other posts go. Handoffs between units and
 * the disruption are the restructure event's own (model_events.c). */
#include "model_units.h"
#include "util.h"
#include "model_clock.h"
#include "model_pools.h"
#include "model_ps.h"
#include "model_socialwork.h"
#include "model_staff.h"
#include "model_stats.h"

#include <math.h>

static const int unit_roles[] = {ROLE_PRACTITIONER, ROLE_CLINICIAN, ROLE_COORDINATOR};
#define N_UNIT_ROLES (sizeof unit_roles / sizeof unit_roles[0])

static double qualified_per_unit(const model_params *p)
{
    return p->unit_consultants + p->unit_social_workers;
}

/* FTE per unit of a role (the qualified for ROLE_SOCIAL_WORKER). */
static double composition(const model_params *p, int role)
{
    switch (role) {
    case ROLE_SOCIAL_WORKER: return qualified_per_unit(p);
    case ROLE_PRACTITIONER: return p->unit_practitioners;
    case ROLE_CLINICIAN: return p->unit_clinicians;
    case ROLE_COORDINATOR: return p->unit_coordinators;
    default: return 0;
    }
}

static model_unit *unit_of(const model_state *st, const model_worker *wk)
{
    return &st->units[wk->unit];
}

/* Qualified hours, and the practitioner's share of theirs, which goes only to plan work other than
 * section 47 enquiries (at most as much as there is). */
static double unit_hours(const model_state *st, const model_unit *u, const model_worker *holder)
{
    const model_params *p = st->p;
    double co = p->unit_coordinators > 0 ? u->n[ROLE_COORDINATOR] / p->unit_coordinators : 0;
    co = co < 1 ? co : 1;
    double qualified = u->n[ROLE_SOCIAL_WORKER]
                     * (p->staff[ROLE_SOCIAL_WORKER].hours_per_week + co * p->unit_admin_relief);
    double practice = st->productivity * u->n[ROLE_PRACTITIONER] * p->unit_practitioner_share
                    * p->staff[ROLE_PRACTITIONER].hours_per_week;
    double other = holder->ps.plan_hours - u->s47_hours;
    other = other > 0 ? other : 0;
    return st->productivity * qualified + (practice < other ? practice : other);
}

/* The unit's staffing changed: its hours, its room and its booked overload follow. */
static void unit_changed(model_state *st, uint32_t ui)
{
    uint32_t h = st->units[ui].holder;
    model_worker *wk = &st->workers[h];
    model_ps_advance(&wk->ps, model_now(st));
    wk->ps.hours = unit_hours(st, &st->units[ui], wk);
    model_sw_retime(st, h);
    model_sw_rebook(st, h);
}

/* Called with the holder's sharing brought up to now (model_sw_add_plan_hours); the caller
 * retimes it. */
void model_unit_plan_changed(model_state *st, uint32_t h)
{
    model_worker *wk = &st->workers[h];
    wk->ps.hours = unit_hours(st, &st->units[wk->unit], wk);
}

void model_unit_add_s47(model_state *st, uint32_t h, double dh)
{
    model_unit *u = &st->units[st->workers[h].unit];
    u->s47_hours += dh;
    if (u->s47_hours < 1e-9)
        u->s47_hours = 0;
}

double model_unit_cap(const model_state *st, const model_worker *wk)
{
    return st->p->unit_caseload_cap * unit_of(st, wk)->n[ROLE_SOCIAL_WORKER] / qualified_per_unit(st->p);
}

static double unit_max(const model_state *st, const model_worker *wk)
{
    return st->p->unit_caseload_max * unit_of(st, wk)->n[ROLE_SOCIAL_WORKER] / qualified_per_unit(st->p);
}

double model_unit_qualified(const model_state *st, const model_worker *wk)
{
    int q = unit_of(st, wk)->n[ROLE_SOCIAL_WORKER];
    return q > 1 ? q : 1;
}

uint8_t model_unit_over(const model_state *st, const model_worker *wk, int limit)
{
    int q = unit_of(st, wk)->n[ROLE_SOCIAL_WORKER];
    return (uint8_t)(q > 0 && wk->cases > (uint32_t)(limit * q) ? q : 0);
}

double model_unit_noise(const model_state *st, const model_worker *wk)
{
    const model_params *p = st->p;
    const model_unit *u = unit_of(st, wk);
    double sd = u->experienced ? p->noise_assessor : p->noise_nqsw;
    if (u->n[ROLE_CLINICIAN] > 0)
        sd *= p->unit_clinician_noise;
    if (model_now(st) < u->noisy_until)
        sd *= u->unchecked;
    return sd;
}

uint32_t model_unit_bucket(const model_state *st, const model_worker *wk)
{
    int q = unit_of(st, wk)->n[ROLE_SOCIAL_WORKER];
    if (!wk->alive || q == 0)
        return MODEL_NONE;
    double k = floor(wk->cases * qualified_per_unit(st->p) / q + 0.5);
    return k < MODEL_LOAD_BUCKETS - 1 ? (uint32_t)k : MODEL_LOAD_BUCKETS - 1;
}

/* Units are listed by load (model_unit_bucket), so the least loaded that passes a test is found in
 * a few steps whatever the authority's size: lower buckets first, then list order. */
uint32_t model_units_choose(const model_state *st)
{
    for (int k = 0; k < MODEL_LOAD_BUCKETS; k++)
        for (uint32_t h = st->load_head[k]; h != MODEL_NONE; h = st->workers[h].lb_next)
            if (st->workers[h].room_pos != MODEL_NONE)
                return h;
    return MODEL_NONE;
}

uint32_t model_units_least_loaded(const model_state *st)
{
    for (int k = 0; k < MODEL_LOAD_BUCKETS; k++)
        for (uint32_t h = st->load_head[k]; h != MODEL_NONE; h = st->workers[h].lb_next)
            if (st->workers[h].cases + 1.0 <= floor(unit_max(st, &st->workers[h]) + 1e-9))
                return h;
    return MODEL_NONE;
}

void model_units_holders(model_state *st, model_vec_u32 *v)
{
    for (uint32_t i = 0; i < st->nunits; i++)
        if (model_vec_push(v, st->units[i].holder))
            st->failed = 1;
}

double model_units_cases(const model_state *st)
{
    double n = 0;
    for (uint32_t i = 0; i < st->nunits; i++)
        n += st->workers[st->units[i].holder].cases;
    return n;
}

static int experienced(const model_worker *wk)
{
    return wk->role == ROLE_SOCIAL_WORKER && !wk->nqsw && !wk->agency;
}

/* The unit furthest below its composition in the role (ties: the first). */
static uint32_t shortest_unit(const model_state *st, int role)
{
    uint32_t best = 0;
    double gap = -1e300, per = composition(st->p, role);
    for (uint32_t i = 0; i < st->nunits; i++) {
        double g = per - st->units[i].n[role];
        if (g > gap + 1e-12) {
            gap = g;
            best = i;
        }
    }
    return best;
}

void model_units_join(model_state *st, uint32_t w)
{
    model_worker *wk = &st->workers[w];
    uint32_t ui = shortest_unit(st, (int)wk->role);
    wk->unit = ui;
    st->units[ui].n[wk->role]++;
    st->units[ui].experienced += (uint16_t)experienced(wk);
    model_sw_room_update(st, w); /* a member holds no case of its own */
    unit_changed(st, ui);
}

/* A unit left with no qualified member cannot hold its cases: back to the allocation queue. */
static void release_unit(model_state *st, uint32_t ui)
{
    uint32_t h = st->units[ui].holder;
    while (st->workers[h].case_head != MODEL_NONE && !st->failed)
        model_sw_unassign(st, st->workers[h].case_head);
}

void model_units_leave(model_state *st, uint32_t w)
{
    model_worker *wk = &st->workers[w];
    uint32_t ui = wk->unit;
    model_unit *u = &st->units[ui];
    u->n[wk->role]--;
    u->experienced -= (uint16_t)experienced(wk);
    wk->unit = MODEL_NONE;
    if (u->n[ROLE_SOCIAL_WORKER] == 0)
        release_unit(st, ui);
    unit_changed(st, ui);
}

void model_units_qualified(model_state *st, uint32_t w)
{
    const model_worker *wk = &st->workers[w];
    if (!model_unit_member(wk))
        return;
    unit_of(st, wk)->experienced += (uint16_t)experienced(wk);
    unit_changed(st, wk->unit);
}

void model_units_rehours_all(model_state *st)
{
    for (uint32_t i = 0; i < st->nunits; i++)
        unit_changed(st, i);
}

static int new_units(model_state *st, uint32_t n)
{
    if (util_grow((void **)&st->units, &st->capunits, n, sizeof *st->units, 16)) {
        st->failed = 1;
        return -1;
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t h = model_worker_new(st);
        if (h == MODEL_NONE)
            return -1;
        model_worker *wk = &st->workers[h];
        wk->role = ROLE_SOCIAL_WORKER;
        wk->holder = 1;
        wk->unit = i;
        wk->ps.last = model_now(st);
        st->units[i] = (model_unit){.holder = h, .unchecked = 1};
    }
    st->nunits = n;
    return 0;
}

/* The practitioner, clinician and coordinator posts of the units: staff already in post join
 * them, the rest are filled but for their vacancy share (recruitment and agency then work as for
 * any pool), and any surplus goes. */
static void fund_unit_posts(model_state *st)
{
    for (size_t k = 0; k < N_UNIT_ROLES && !st->failed; k++) {
        int role = unit_roles[k];
        model_staff *s = &st->staff[role];
        MODEL_FOR_EACH_IN_POST(st, s, w)
            model_units_join(st, w);
        s->establishment = st->nunits * composition(st->p, role);
        int posts = (int)floor(s->establishment + 0.5);
        int fill = (int)floor(posts * (1.0 - st->p->staff[role].vacancy) + 0.5);
        while (s->employed < fill && !st->failed)
            model_staff_add(st, role, 0, 0, 0);
        model_staff_cut_now(st, role);
    }
}

static void form_units(model_state *st)
{
    const model_staff *sw = &st->staff[ROLE_SOCIAL_WORKER];
    double n = floor(sw->establishment / qualified_per_unit(st->p) + 0.5);
    if (new_units(st, n >= 1 ? (uint32_t)n : 1))
        return;
    st->units_on = 1;
    st->scratch.n = 0;
    MODEL_FOR_EACH_IN_POST(st, sw, w) {
        model_units_join(st, w);
        for (uint32_t c = st->workers[w].case_head; c != MODEL_NONE; c = st->cases[c].w_next)
            if (model_vec_push(&st->scratch, c))
                st->failed = 1;
    }
    for (size_t i = 0; i < st->scratch.n && !st->failed; i++) {
        uint32_t c = st->scratch.a[i];
        model_sw_transfer(st, c, st->units[st->workers[st->cases[c].worker].unit].holder);
    }
    fund_unit_posts(st);
    model_sw_try_allocate(st);
}

/* The qualified members of unit ui in post, into scratch2. */
static void members_of(model_state *st, uint32_t ui)
{
    const model_staff *sw = &st->staff[ROLE_SOCIAL_WORKER];
    st->scratch2.n = 0;
    MODEL_FOR_EACH_IN_POST(st, sw, w)
        if (st->workers[w].unit == ui && model_vec_push(&st->scratch2, w))
            st->failed = 1;
}

static void dissolve_units(model_state *st)
{
    for (size_t k = 0; k < N_UNIT_ROLES && !st->failed; k++) {
        st->staff[unit_roles[k]].establishment = 0;
        model_staff_cut_now(st, unit_roles[k]);
    }
    for (uint32_t ui = 0; ui < st->nunits && !st->failed; ui++) {
        uint32_t h = st->units[ui].holder;
        members_of(st, ui);
        for (size_t i = 0; i < st->scratch2.n; i++)
            st->workers[st->scratch2.a[i]].unit = MODEL_NONE;
        for (size_t i = 0; i < st->scratch2.n; i++)
            model_sw_room_update(st, st->scratch2.a[i]);
        for (size_t i = 0; st->workers[h].case_head != MODEL_NONE && !st->failed; i++) {
            uint32_t c = st->workers[h].case_head;
            if (st->scratch2.n)
                model_sw_transfer(st, c, st->scratch2.a[i % st->scratch2.n]);
            else
                model_sw_unassign(st, c);
        }
        model_sw_retime(st, h);
        st->workers[h].alive = 0; /* so the rebooking takes it out of the room set */
        model_sw_rebook(st, h);
        model_worker_free(st, h);
    }
    st->nunits = 0;
    st->units_on = 0;
    model_sw_try_allocate(st);
}

int model_units_setup(model_state *st)
{
    if (st->p->structure == STRUCTURE_UNITS)
        form_units(st);
    return st->failed ? -1 : 0;
}

void model_units_restructure(model_state *st, const params_event *ev)
{
    if (ev->structure == STRUCTURE_UNITS && !st->units_on)
        form_units(st);
    else if (ev->structure == STRUCTURE_POOLS && st->units_on)
        dissolve_units(st);
    if (ev->structure != STRUCTURE_UNITS || ev->competence_checked)
        return;
    double until = model_now(st) + (ev->settling > 0 ? ev->settling : ev->duration);
    for (uint32_t i = 0; i < st->nunits; i++) {
        st->units[i].noisy_until = until;
        st->units[i].unchecked = ev->unchecked_noise;
    }
}
