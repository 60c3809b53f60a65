/* model_demand: new families, contacts, repeat contacts and re-referrals, unmet need.
 *
 * New families arrive as a non-homogeneous Poisson process in calendar time: each calendar day
 * draws a Poisson number of families at rate contacts_per_week / 7 x seasonal(month) x
 * (1 + trend)^(years from the start). A weekend or bank holiday's families are handled from the
 * start of the next working day; a working day's families arrive at uniform times within it.
 *
 * Common random numbers: the count, times and need of the base families come only from the
 * arrivals and need streams, whatever the scenario. A demand shock above 1 adds families drawn
 * from their own stream; below 1 it thins the base families with a uniform every family draws. */
#include "model_demand.h"
#include "util.h"
#include "model_clock.h"
#include "model_events.h"
#include "model_frontdoor.h"
#include "model_pools.h"
#include "model_rand.h"
#include "model_management.h"
#include "model_state.h"
#include "model_stats.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <gsl/gsl_randist.h>

int model_children_of(const model_params *p, double u)
{
    if (u < p->family_one_child)
        return 1;
    if (u < p->family_one_child + p->family_two_children)
        return 2;
    double rest = 1.0 - p->family_one_child - p->family_two_children;
    double v = rest > 0 ? (u - p->family_one_child - p->family_two_children) / rest : 0;
    return v < 0.7 ? 3 : v < 0.9 ? 4 : 5;
}

int model_level(const model_params *p, double need)
{
    if (need < p->level_early_help)
        return 0;
    if (need < p->level_cin)
        return 1;
    if (need < p->level_cp)
        return 2;
    return 3;
}

double model_demand_factor(const model_state *st, double t)
{
    return model_levers_combined(st, EVT_DEMAND_SHOCK, offsetof(params_event, factor), 1.0, 1, t);
}

static double base_rate(const model_params *p, cal_date d)
{
    int y, mo, da;
    cal_to_ymd(d, &y, &mo, &da);
    double years = (double)(d - p->start) / CAL_DAYS_YEAR;
    return p->contacts_per_week / 7.0 * p->seasonal[mo - 1] * pow(1.0 + p->trend, years);
}

static int arr_reserve(model_state *st, size_t extra)
{
    if (util_grow((void **)&st->arr, &st->caparr, st->narr + extra, sizeof *st->arr, 256)) {
        st->failed = 1;
        return -1;
    }
    return 0;
}

static uint64_t draw_key(const gsl_rng *r)
{
    uint64_t hi = gsl_rng_get(r), lo = gsl_rng_get(r);
    return (hi << 32) ^ lo ^ (hi >> 32);
}

/* n sorted times in day `day` into out[0..n): uniform within a working day by normalised
 * exponential spacings (O(n) and already in order), all at the start of the day for families
 * whose contact fell on a weekend or bank holiday. */
static void day_times(gsl_rng *r, unsigned n, int day, int working, model_arrival_rec *out)
{
    if (!working) {
        for (unsigned i = 0; i < n; i++)
            out[i].t = day;
        return;
    }
    double sum = 0;
    for (unsigned i = 0; i < n; i++) {
        sum += -log(gsl_rng_uniform_pos(r));
        out[i].t = sum;
    }
    sum += -log(gsl_rng_uniform_pos(r));
    for (unsigned i = 0; i < n; i++)
        out[i].t = day + out[i].t / sum;
}

static int cmp_arrival(const void *a, const void *b)
{
    double x = ((const model_arrival_rec *)a)->t, y = ((const model_arrival_rec *)b)->t;
    return (x > y) - (x < y);
}

/* The families of one calendar date, handled on clock day `day`, appended to st->arr. Returns 1
 * when a demand shock added families (appended out of order), else 0. */
static int date_arrivals(model_state *st, cal_date d, int day, int working)
{
    const model_params *p = st->p;
    gsl_rng *ra = st->rng->stream[MODEL_RNG_ARRIVALS], *rn = st->rng->stream[MODEL_RNG_NEED];
    gsl_rng *rs = st->rng->stream[MODEL_RNG_SHOCK];
    double lam = base_rate(p, d), m = model_demand_factor(st, day);
    unsigned n = gsl_ran_poisson(ra, lam);
    if (arr_reserve(st, n))
        return 0;
    model_arrival_rec *a = st->arr + st->narr;
    day_times(ra, n, day, working, a);
    size_t kept = 0;
    for (unsigned i = 0; i < n; i++) { /* every family draws all its numbers, kept or not */
        double keep = gsl_rng_uniform(ra);
        double need = p->need_mean + p->need_sd * gsl_ran_gaussian_ziggurat(rn, 1.0);
        uint64_t key = draw_key(rn);
        double pres = gsl_ran_gaussian_ziggurat(rn, 1.0); /* presentation, in units of its sd */
        if (keep < m)
            a[kept++] = (model_arrival_rec){a[i].t, need, pres, key};
    }
    st->narr += kept;
    if (m <= 1.0)
        return 0;
    unsigned extra = gsl_ran_poisson(rs, lam * (m - 1.0));
    if (arr_reserve(st, extra))
        return 0;
    for (unsigned i = 0; i < extra; i++) {
        double t = working ? day + gsl_rng_uniform(rs) : day;
        double need = p->need_mean + p->need_sd * gsl_ran_gaussian_ziggurat(rs, 1.0);
        double pres = gsl_ran_gaussian_ziggurat(rs, 1.0);
        st->arr[st->narr++] = (model_arrival_rec){t, need, pres, draw_key(rs)};
    }
    return extra > 0;
}

void model_arrival_day(model_state *st, int day)
{
    cal_date today = model_date_of_day(st, day);
    cal_date first = day == 0 ? today : model_date_of_day(st, day - 1) + 1;
    st->narr = 0;
    model_mgmt_day(st, day);
    model_release_day(st, day);
    for (cal_date d = first; d <= today; d++) {
        size_t before = st->narr;
        int shocked = date_arrivals(st, d, day, d == today);
        /* shock families are appended after the base ones of the date: put the day in order */
        if (shocked && d == today && st->narr - before > 1)
            qsort(st->arr + before, st->narr - before, sizeof *st->arr, cmp_arrival);
    }
    /* the day's families arrive as the engine's batch, in time order */
    eng_batch(st->eng, st->arr, sizeof *st->arr, st->narr, MEV_ARRIVAL);
    if (day + 1 < st->tend)
        model_schedule(st, day + 1, MEV_ARRIVAL_DAY, (uint32_t)(day + 1), 0, NULL);
}

/* Book the family's spells in the "3+ / 5+ contacts in 12 months and no assessment" sets (and
 * "3+ at child protection level", judged by its need at the contact). From now on it is in the
 * set from max(now, last assessment + 12 months) until its 3rd (5th) latest contact is 12 months
 * old; what was booked beyond now is replaced. */
static void repeat_sets_update(model_state *st, uint32_t f, double t, int assessed)
{
    static const model_stock stock[3] = {ST_F3, ST_F5, ST_F3_CP};
    static const int nth[3] = {2, 4, 2};
    model_family *fa = &st->fams[f];
    int cp = model_level(st->p, fa->need) >= 3;
    for (int k = 0; k < 3; k++) {
        double from = fa->rc_start[k] > t ? fa->rc_start[k] : t;
        model_stock_interval(st, stock[k], from, fa->rc_end[k], -1);
        fa->rc_start[k] = fa->rc_end[k] = t;
        if (assessed || (k == 2 && !cp))
            continue;
        double start = fa->last_assess + MODEL_WINDOW_12M;
        start = start > t ? start : t;
        double end = (double)fa->recent[nth[k]] + MODEL_WINDOW_12M;
        if (end > start) {
            model_stock_interval(st, stock[k], start, end, 1);
            fa->rc_start[k] = start;
            fa->rc_end[k] = end;
        }
    }
}

static void contact(model_state *st, uint32_t f, double t)
{
    model_family *fa = &st->fams[f];
    fa->contacts++;
    for (int i = 4; i > 0; i--)
        fa->recent[i] = fa->recent[i - 1];
    fa->recent[0] = (float)t;
    fa->contact_t = t;
    fa->state = FAM_SCREENING;
    st->acc.contacts++;
    model_flow_add(st, FL_CONTACTS, t, fa->kids);
    repeat_sets_update(st, f, t, 0);
    /* the Baby T signal: eight contacts, never assessed, at child protection level */
    if (!fa->babyt && fa->contacts >= 8 && fa->last_assess < -1e8 && model_level(st->p, fa->need) >= 3) {
        fa->babyt = 1;
        model_flow_add(st, FL_BABYT, t, 1);
    }
    model_unmet_begin(st, f, t);
    model_fd_contact(st, f);
}

void model_arrival(model_state *st, uint32_t i)
{
    const model_arrival_rec a = st->arr[i];
    uint32_t f = model_family_new(st);
    if (f == MODEL_NONE)
        return;
    st->fams[f].need = a.need;
    st->fams[f].key = a.key;
    st->acc.families_new++;
    model_family_present(st, f, a.pres);
    /* a keyed draw, so the same family has the same children in every scenario */
    st->fams[f].kids = (uint8_t)model_children_of(st->p, model_key_u(a.key, MODEL_RNG_NEED, 0, 7));
    st->acc.children_arrived += st->fams[f].kids;
    contact(st, f, a.t);
}

void model_recontact(model_state *st, uint32_t f)
{
    model_family *fa = &st->fams[f];
    double t = model_now(st);
    if (fa->unmet)
        fa->need = model_need_after(st->p, fa->need, fa->since, t);
    contact(st, f, t);
}

void model_family_assessed(model_state *st, uint32_t f, double t)
{
    st->fams[f].last_assess = t;
    repeat_sets_update(st, f, t, 1);
}

double model_need_after(const model_params *p, double need0, double a, double b)
{
    return need0 + p->escalation * (b - a) / CAL_WORKDAYS_YEAR;
}

void model_unmet_begin(model_state *st, uint32_t f, double t)
{
    model_family *fa = &st->fams[f];
    if (fa->hn_since < 0 && model_level(st->p, fa->need) >= 3)
        fa->hn_since = t;
}

void model_unmet_end(model_state *st, uint32_t f, double t)
{
    model_family *fa = &st->fams[f];
    if (fa->hn_since >= 0) {
        model_stock_interval(st, ST_UNMET_HIGH, fa->hn_since, t, fa->kids);
        fa->hn_since = -1;
    }
}

void model_unmet_rising(model_state *st, double need0, double a, double b, int kids)
{
    const model_params *p = st->p;
    double from = a;
    if (need0 < p->level_cp) {
        if (p->escalation <= 0)
            return;
        from = a + (p->level_cp - need0) / p->escalation * CAL_WORKDAYS_YEAR;
    }
    model_stock_interval(st, ST_UNMET_HIGH, from, b, kids);
}

/* Schedule the family's return after `delay`, or let it go. Unmet need does not vanish: its
 * unmet high need counts, rising, until it comes back or, if it never does, until its need falls
 * (after a keyed exponential time, mean unmet_persistence) or the run ends. */
static void go_away(model_state *st, uint32_t f, int returns, double delay, int unmet)
{
    model_family *fa = &st->fams[f];
    double t = model_now(st);
    model_unmet_end(st, f, t);
    if (unmet) {
        double u = model_key_u(fa->key, MODEL_RNG_REPEATS, fa->contacts, 4);
        double until = returns ? t + delay : t + model_exp_u(st->p->unmet_persistence, u);
        model_unmet_rising(st, fa->need, t, until < st->tend ? until : st->tend, fa->kids);
    }
    if (!returns || (t + delay >= st->tend && !st->keep_returns)) {
        model_family_gone(st, f);
        return;
    }
    fa->state = FAM_AWAY;
    fa->unmet = (uint8_t)unmet;
    fa->since = t;
    fa->caseid = MODEL_NONE;
    if (t + delay < st->tend) /* else kept for a snapshot: it comes back after the end */
        model_defer(st, t + delay, MEV_RECONTACT, f);
}

void model_family_away(model_state *st, uint32_t f, int served_level, int closed)
{
    model_family_away_as(st, f, served_level, closed, -1);
}

void model_family_away_as(model_state *st, uint32_t f, int served_level, int closed, int returns)
{
    const model_params *p = st->p;
    model_family *fa = &st->fams[f];
    int level = model_level(p, fa->need);
    if (level > served_level) {
        /* the greater the unmet need, the likelier and sooner another agency (school, police,
         * health) or the family itself makes contact again */
        double unmet = fa->need - p->level_early_help;
        unmet = unmet > 0 ? unmet : 0;
        int back = returns;
        if (back < 0) {
            double back_p = 1.0 - (1.0 - p->repeat_prob) * exp(-p->repeat_prob_urgency * unmet);
            back = model_key_u(fa->key, MODEL_RNG_REPEATS, fa->contacts, 0) < back_p;
        }
        /* keyed draws are pure: a family that does not come back needs no delay */
        double delay = 0;
        if (back)
            delay = model_exp_u(p->repeat_delay * exp(-p->repeat_urgency * unmet),
                                model_key_u(fa->key, MODEL_RNG_REPEATS, fa->contacts, 1));
        go_away(st, f, back, delay, 1);
    } else if (closed) {
        int back = returns >= 0 ? returns
                 : model_key_u(fa->key, MODEL_RNG_REPEATS, fa->referrals, 2) < p->rereferral_prob;
        double delay = back ? model_exp_u(p->rereferral_delay,
                                          model_key_u(fa->key, MODEL_RNG_REPEATS, fa->referrals, 3))
                            : 0;
        go_away(st, f, back, delay, 0);
    } else {
        go_away(st, f, 0, 0, 0);
    }
}
