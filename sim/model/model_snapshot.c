/* model_snapshot: a replication that starts from an authority's open cases, known families and
 * staff in post (include/model/snapshot.h), and the snapshot of a replication's end.
 *
 * What a record does not say is drawn from the replication's MODEL_RNG_INITIAL stream, row by
 * row in file order, so every scenario run from the same snapshot starts from the same cases with
 * the same luck (common random numbers):
 *   - a family's need: uniform within the level its status implies (as the open cases a warm-up
 *     starts from are drawn), its presentation and key as for a new family;
 *   - the time left of a plan, an enquiry or an early help episode: its length drawn from the
 *     model's own distribution given that it has already run since its start date (the
 *     lognormal conditioned on exceeding the time elapsed), so old cases are not cut short;
 *   - the work left of an assessment in progress: its share of the 45 working days still to go;
 *   - when a family without an open case comes back: as the model decides for a family that
 *     leaves (exponential delays are memoryless, so the wait from the snapshot's date is drawn
 *     afresh).
 * A snapshot the model wrote carries its own values (need, presentation, hours left, whether a
 * family returns), so a run continued from it picks up where the run stopped. */
#include "model_snapshot.h"
#include "model_clock.h"
#include "model_demand.h"
#include "model_earlyhelp.h"
#include "model_management.h"
#include "model_pools.h"
#include "model_rand.h"
#include "model_socialwork.h"
#include "model_staff.h"
#include "model_stats.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#define STATUTORY_DAYS 45.0 /* working days an assessment has (the work left of one in progress) */

void model_snapshot_free(model_snapshot *s)
{
    free(s->cases);
    free(s->families);
    free(s->staff);
    memset(s, 0, sizeof *s);
}

cal_date model_snapshot_earliest(const model_snapshot *s, cal_date first)
{
    for (size_t i = 0; i < s->ncases; i++) {
        cal_date d = s->cases[i].referred && s->cases[i].referred < s->cases[i].start
                   ? s->cases[i].referred : s->cases[i].start;
        first = d - 7 < first ? d - 7 : first;
    }
    for (size_t i = 0; i < s->nfamilies; i++) {
        cal_date d = s->families[i].since;
        first = d - 7 < first ? d - 7 : first;
    }
    /* a newly qualified worker's first year is counted from their start (two years back at most:
     * by then the assessed year is long over) */
    for (size_t i = 0; i < s->nstaff; i++) {
        cal_date d = s->staff[i].start, floor2y = s->date - 2 * 366;
        if (s->staff[i].nqsw && d - 7 < first)
            first = d < floor2y ? floor2y : d - 7;
    }
    cal_date calendar_start = cal_from_ymd(CAL_FIRST_YEAR, 1, 1);
    return first < calendar_start ? calendar_start : first;
}

/* ---- starting from a snapshot ---- */

/* Clock time of a date at or before the start (working days; negative before it). */
static double clock_of(const model_state *st, cal_date d)
{
    return model_clock_of_date(st, d);
}

/* A length from lognormal(mean, cv) x scale that is known to exceed `elapsed`: drawn from the
 * distribution conditioned on that, by inverting its CDF above the elapsed time. Returns the
 * time left from now. */
static double time_left(gsl_rng *r, double mean, double cv, double scale, double elapsed)
{
    double u = gsl_rng_uniform_pos(r);
    if (cv <= 0 || mean <= 0)
        return mean * scale > elapsed ? mean * scale - elapsed : 0;
    double s2 = log1p(cv * cv), s = sqrt(s2);
    double x = elapsed / scale;
    double lo = x > 0 ? gsl_cdf_ugaussian_P((log(x / mean) + 0.5 * s2) / s) : 0;
    double q = lo + (1.0 - lo) * u;
    if (q >= 1.0 - 1e-15) /* far in the tail: it ends soon */
        return 1.0;
    double len = model_lognormal(mean, cv, model_normal_quantile(q)) * scale;
    return len > elapsed ? len - elapsed : 0;
}

/* A family known to the service before the start: need within [lo, hi) unless given. */
static uint32_t family_in(model_state *st, int kids, double need, double pres, double lo, double hi,
                          int contacts, int referrals)
{
    gsl_rng *r = st->rng->stream[MODEL_RNG_INITIAL];
    uint32_t f = model_family_new(st);
    if (f == MODEL_NONE)
        return f;
    double u = gsl_rng_uniform(r), z = gsl_ran_gaussian_ziggurat(r, 1.0);
    uint64_t hi32 = gsl_rng_get(r), lo32 = gsl_rng_get(r);
    model_family *fa = &st->fams[f];
    fa->need = isnan(need) ? lo + (hi - lo) * u : need;
    fa->key = (hi32 << 32) ^ lo32;
    model_family_present(st, f, z);
    if (!isnan(pres))
        fa->presentation = pres;
    fa->kids = (uint8_t)(kids > 255 ? 255 : kids);
    fa->contacts = contacts >= 0 ? (uint32_t)contacts : 1;
    fa->referrals = referrals >= 0 ? (uint32_t)referrals : 0;
    st->acc.families_new++;
    st->acc.children_arrived += fa->kids;
    return f;
}

static void recent_in(model_state *st, uint32_t f, const cal_date *recent)
{
    for (int i = 0; i < SNAP_RECENT && i < 5; i++)
        if (recent[i])
            st->fams[f].recent[i] = (float)clock_of(st, recent[i]);
}

/* The need band a case's status implies (latent need scale). */
static void band(const model_params *p, int status, double *lo, double *hi)
{
    switch (status) {
    case SNAP_CIN: *lo = p->level_cin; *hi = p->level_cp; break;
    case SNAP_S47:
    case SNAP_CP: *lo = p->level_cp; *hi = p->level_lac; break;
    case SNAP_LAC: *lo = p->level_lac; *hi = p->level_lac + p->need_sd; break;
    default: *lo = p->level_early_help; *hi = p->level_lac; break; /* referred: any level */
    }
}

static const int case_state_of[SNAP_CASE_STATUS_COUNT] = {CASE_ASSESS, CASE_ASSESS, CASE_CIN,
                                                          CASE_S47, CASE_CP, CASE_LAC};

/* An open assessment: its effort as the model draws one for the referral, and the work left. */
static void assessment_in(model_state *st, uint32_t c, const snap_case *row)
{
    const model_params *p = st->p;
    model_case *ca = &st->cases[c];
    const model_family *fa = &st->fams[ca->family];
    double z = model_key_normal(fa->key, MODEL_RNG_EFFORT, fa->referrals, 0);
    double mean = p->assessment_hours * exp(p->assessment_need_slope * (fa->need - p->level_cp))
                * model_family_work(p, fa->kids);
    ca->effort = isnan(row->effort) ? model_lognormal_of(mean, &st->shape.assessment, z) : row->effort;
    double share = row->status == SNAP_AWAITING ? 1.0 : 1.0 + ca->referred / STATUTORY_DAYS;
    share = share < 0.1 ? 0.1 : share > 1 ? 1 : share;
    ca->remaining = isnan(row->hours_left) ? ca->effort * share : row->hours_left;
    st->acc.assessments_carried_in++;
    st->acc.child_assessments_carried_in += fa->kids;
}

/* A plan or enquiry under way: its stock, and its end drawn given how long it has run. */
static void plan_in(model_state *st, uint32_t c)
{
    const model_params *p = st->p;
    gsl_rng *r = st->rng->stream[MODEL_RNG_INITIAL];
    model_case *ca = &st->cases[c];
    int kids = st->fams[ca->family].kids;
    double ran = -ca->since;
    if (ca->state == CASE_S47) {
        double left = time_left(r, p->conference_delay, p->conference_cv, 1, ran);
        model_schedule(st, left, MEV_CONFERENCE, c, 0, &ca->ev);
        return;
    }
    double mean = ca->state == CASE_CIN ? p->cin_duration : ca->state == CASE_CP ? p->cp_duration
                                                                                 : p->lac_duration;
    int stock = ca->state == CASE_CIN ? ST_CIN : ca->state == CASE_CP ? ST_CP : ST_LAC;
    model_stock_add(st, stock, 0, kids);
    model_defer(st, time_left(r, mean, p->plan_cv, 1, ran), MEV_PLAN_END, c);
    if (ca->state == CASE_CIN)
        model_unmet_begin(st, ca->family, 0); /* a child in need plan does not protect */
}

static int case_in(model_state *st, const snap_case *row, const uint32_t *worker_of)
{
    double lo, hi;
    band(st->p, row->status, &lo, &hi);
    uint32_t f = family_in(st, row->children, row->need, row->presentation, lo, hi,
                           row->contacts, row->referrals > 0 ? row->referrals : 1);
    uint32_t c = model_case_new(st);
    if (f == MODEL_NONE || c == MODEL_NONE)
        return -1;
    model_family *fa = &st->fams[f];
    model_case *ca = &st->cases[c];
    ca->family = f;
    ca->state = (uint8_t)case_state_of[row->status];
    ca->since = clock_of(st, row->start);
    int assessing = ca->state == CASE_ASSESS;
    ca->referred = assessing || !row->referred ? ca->since : clock_of(st, row->referred);
    recent_in(st, f, row->recent);
    fa->state = FAM_CARE;
    fa->caseid = c;
    fa->last_referral = ca->referred;
    if (assessing) {
        assessment_in(st, c, row);
        model_unmet_begin(st, f, 0);
    } else {
        fa->last_assess = ca->since;
        plan_in(st, c);
    }
    uint32_t w = row->worker >= 0 ? worker_of[row->worker] : MODEL_NONE;
    ca->allocated = row->status != SNAP_AWAITING; /* counted when it was allocated, before */
    if (ca->allocated && assessing)
        model_family_assessed(st, f, ca->referred);
    if (w == MODEL_NONE)
        model_sw_enqueue(st, c);
    else
        model_sw_assign(st, c, w);
    return st->failed ? -1 : 0;
}

/* A family without an open case: an undecided contact, away (and perhaps coming back), or in or
 * waiting for early help. */
static int family_row_in(model_state *st, const snap_family *row)
{
    const model_params *p = st->p;
    int eh = row->status == SNAP_EH || row->status == SNAP_EH_WAITING;
    double lo = p->level_early_help, hi = eh ? p->level_cin : p->level_cp;
    if (row->status == SNAP_CLOSED)
        lo = p->need_mean - p->need_sd, hi = p->level_cin; /* its need was met */
    uint32_t f = family_in(st, row->children, row->need, row->presentation, lo, hi,
                           row->contacts, row->referrals);
    if (f == MODEL_NONE)
        return -1;
    model_family *fa = &st->fams[f];
    double since = clock_of(st, row->since);
    recent_in(st, f, row->recent);
    if (row->last_referral)
        fa->last_referral = clock_of(st, row->last_referral);
    switch (row->status) {
    case SNAP_CONTACT:
        fa->state = FAM_AWAY;
        model_defer(st, 0, MEV_RECONTACT, f);
        break;
    case SNAP_SENT_AWAY:
    case SNAP_CLOSED:
        model_family_away_as(st, f, row->status == SNAP_CLOSED ? 3 : 0, row->status == SNAP_CLOSED,
                             row->returns);
        if (st->fams[f].state == FAM_AWAY && st->fams[f].unmet)
            st->fams[f].since = since; /* its need has been rising since it left */
        break;
    case SNAP_EH: {
        fa->state = FAM_EH;
        fa->since = since;
        st->eh_open++;
        model_stock_add(st, ST_EH_CASES, 0, 1);
        model_unmet_begin(st, f, 0);
        double left = time_left(st->rng->stream[MODEL_RNG_INITIAL], p->episode_mean, p->episode_cv,
                                5.0 / st->days_open, -since);
        model_defer(st, left, MEV_EH_END, f);
        break;
    }
    default: /* waiting for early help: back on the list, in the order of the file */
        model_eh_route(st, f);
        if (st->fams[f].state == FAM_EH_WAIT)
            st->fams[f].since = since;
        break;
    }
    return st->failed ? -1 : 0;
}

static int cmp_start(const void *a, const void *b)
{
    const snap_staff *x = *(const snap_staff *const *)a, *y = *(const snap_staff *const *)b;
    return (x->start > y->start) - (x->start < y->start);
}

/* The staff of the roles the snapshot lists, oldest appointment first (so the list keeps the most
 * recent first, as cuts take them); other roles as the scenario describes them. */
static int staff_in(model_state *st, const model_snapshot *s, uint32_t *worker_of)
{
    const model_params *p = st->p;
    int listed[ROLE_COUNT] = {0};
    const snap_staff **order = malloc((s->nstaff ? s->nstaff : 1) * sizeof *order);
    if (!order)
        return -1;
    for (size_t i = 0; i < s->nstaff; i++) {
        listed[s->staff[i].role] = 1;
        order[i] = &s->staff[i];
    }
    qsort(order, s->nstaff, sizeof *order, cmp_start);
    for (int role = 0; role < ROLE_COUNT; role++) {
        if (!listed[role]) {
            model_staff_setup_role(st, role);
            continue;
        }
        model_staff_open(st, role);
        for (size_t i = 0; i < s->nstaff && !st->failed; i++) {
            const snap_staff *row = order[i];
            if (row->role != role)
                continue;
            double asye_left = p->asye + clock_of(st, row->start);
            uint32_t w = model_staff_add(st, role, row->agency, row->nqsw, asye_left > 0 ? asye_left : 0);
            if (w == MODEL_NONE)
                break;
            model_worker *wk = &st->workers[w];
            wk->fte = row->fte;
            wk->ps.hours *= row->fte;
            wk->joined = clock_of(st, row->start);
            worker_of[row - s->staff] = w;
            if (role == ROLE_SOCIAL_WORKER)
                model_sw_room_update(st, w);
        }
        model_staff_rebalance(st, role);
    }
    free(order);
    return st->failed ? -1 : 0;
}

int model_snapshot_start(model_state *st, const model_snapshot *s)
{
    uint32_t *worker_of = malloc((s->nstaff ? s->nstaff : 1) * sizeof *worker_of);
    int rc = worker_of ? staff_in(st, s, worker_of) : -1;
    for (size_t i = 0; !rc && i < s->ncases; i++)
        rc = case_in(st, &s->cases[i], worker_of);
    /* families in an episode first, so those waiting take only the places left */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; !rc && i < s->nfamilies; i++)
            if ((s->families[i].status == SNAP_EH_WAITING) == pass)
                rc = family_row_in(st, &s->families[i]);
    free(worker_of);
    if (!rc)
        model_sw_start_allocation(st);
    return rc || st->failed ? -1 : 0;
}

/* ---- the end of a run as a snapshot ---- */

/* The date of clock time t: working days before the calendar's start are counted back as weeks
 * of five (the snapshot's dates only need to come back to the same clock times to the day). */
static cal_date date_of(const model_state *st, double t)
{
    int day = (int)floor(t + 1e-9);
    if (day >= 0)
        return model_date_of_day(st, day);
    cal_date d = model_date_of_day(st, 0) - (cal_date)ceil(-day * 7.0 / 5.0);
    /* a case cannot be older than its child: the open plans a warm-up starts from are drawn from
     * a length-biased distribution that may reach further back */
    cal_date oldest = st->p->start + 7 * st->weeks - SNAP_MAX_AGE_DAYS;
    return d > oldest ? d : oldest;
}

static void id_of(char *buf, char tag, uint32_t i)
{
    snprintf(buf, SNAP_ID_MAX, "%c%u", tag, (unsigned)i + 1);
}

/* Hours an assessment still needs now (its worker's sharing brought up to the end). */
static double hours_left(const model_state *st, const model_case *ca)
{
    if (!ca->in_ps)
        return ca->remaining;
    const model_ps *ps = &st->workers[ca->worker].ps;
    double vtime = ps->vtime + ps->rate * (st->tend - ps->last);
    double left = (ca->vfinish - vtime) * ca->psw;
    return left > 0 ? left : 0;
}

static void recent_out(const model_state *st, const model_family *fa, cal_date *recent)
{
    for (int i = 0; i < SNAP_RECENT && i < 5; i++)
        recent[i] = fa->recent[i] > -1e8f ? date_of(st, fa->recent[i]) : 0;
}

static int record_staff(const model_state *st, model_snapshot *out, uint32_t *row_of)
{
    for (int role = 0; role < ROLE_COUNT; role++) {
        const model_staff *s = &st->staff[role];
        MODEL_FOR_EACH_IN_POST(st, s, w) {
            const model_worker *wk = &st->workers[w];
            snap_staff r = {.role = role, .fte = wk->fte, .agency = wk->agency, .nqsw = wk->nqsw,
                            .start = date_of(st, wk->joined)};
            id_of(r.worker, 'W', w);
            row_of[w] = (uint32_t)out->nstaff;
            if (UTIL_PUSH(out->staff, out->nstaff, out->capstaff, r))
                return -1;
        }
    }
    return 0;
}

static int record_case(const model_state *st, const model_case *ca, const uint32_t *row_of,
                       model_snapshot *out)
{
    static const int status_of[] = {[CASE_CIN] = SNAP_CIN, [CASE_S47] = SNAP_S47,
                                    [CASE_CP] = SNAP_CP, [CASE_LAC] = SNAP_LAC};
    const model_family *fa = &st->fams[ca->family];
    snap_case r = {.children = fa->kids, .need = fa->need, .presentation = fa->presentation,
                   .effort = NAN, .hours_left = NAN, .contacts = (int)fa->contacts,
                   .referrals = (int)fa->referrals, .worker = -1};
    id_of(r.family, 'F', ca->family);
    recent_out(st, fa, r.recent);
    if (ca->worker != MODEL_NONE)
        r.worker = (int)row_of[ca->worker];
    if (ca->state == CASE_ASSESS) {
        r.status = ca->worker == MODEL_NONE && !ca->allocated ? SNAP_AWAITING : SNAP_ASSESSMENT;
        if (ca->worker == MODEL_NONE && ca->allocated)
            r.status = SNAP_AWAITING; /* handed back by a leaver: waiting for a new worker */
        r.start = date_of(st, ca->referred);
        r.effort = ca->effort;
        r.hours_left = hours_left(st, ca);
    } else {
        r.status = status_of[ca->state];
        r.start = date_of(st, ca->since);
        r.referred = date_of(st, ca->referred);
    }
    return UTIL_PUSH(out->cases, out->ncases, out->capcases, r);
}

static int record_family(const model_state *st, uint32_t f, model_snapshot *out)
{
    const model_family *fa = &st->fams[f];
    snap_family r = {.children = fa->kids, .need = fa->need, .presentation = fa->presentation,
                     .contacts = (int)fa->contacts, .referrals = (int)fa->referrals, .returns = -1};
    id_of(r.family, 'F', f);
    recent_out(st, fa, r.recent);
    r.last_referral = fa->last_referral > -1e8 ? date_of(st, fa->last_referral) : 0;
    switch (fa->state) {
    case FAM_AWAY: /* only a family whose return is booked is kept while away */
        r.status = fa->unmet ? SNAP_SENT_AWAY : SNAP_CLOSED;
        r.returns = 1;
        r.since = date_of(st, fa->since);
        break;
    case FAM_SCREENING: r.status = SNAP_CONTACT; r.since = date_of(st, fa->contact_t); break;
    case FAM_EH: r.status = SNAP_EH; r.since = date_of(st, fa->since); break;
    default: r.status = SNAP_EH_WAITING; r.since = date_of(st, fa->since); break;
    }
    return UTIL_PUSH(out->families, out->nfamilies, out->capfamilies, r);
}

int model_snapshot_record(const model_state *st, model_snapshot *out)
{
    memset(out, 0, sizeof *out);
    out->date = st->p->start + 7 * st->weeks;
    uint32_t *row_of = malloc((st->nworkers ? st->nworkers : 1) * sizeof *row_of);
    int rc = row_of ? record_staff(st, out, row_of) : -1;
    for (uint32_t c = 0; !rc && c < st->ncases; c++)
        if (st->cases[c].state != CASE_FREE)
            rc = record_case(st, &st->cases[c], row_of, out);
    /* the waiting list in its order, so the continued run serves it in the same order */
    for (uint32_t f = st->eh_head; !rc && f != MODEL_NONE; f = st->fams[f].qnext)
        rc = record_family(st, f, out);
    for (uint32_t f = 0; !rc && f < st->nfams; f++) {
        int s = st->fams[f].state;
        if (s == FAM_AWAY || s == FAM_SCREENING || s == FAM_EH)
            rc = record_family(st, f, out);
    }
    free(row_of);
    return rc;
}

static const char *const case_status_names[SNAP_CASE_STATUS_COUNT] = {
    "awaiting allocation", "in assessment", "child in need", "section 47", "protection plan",
    "looked after"};
static const char *const family_status_names[SNAP_FAMILY_STATUS_COUNT] = {
    "contact", "sent away", "closed", "early help", "waiting for early help"};

const char *snap_case_status_name(int s)
{
    return s >= 0 && s < SNAP_CASE_STATUS_COUNT ? case_status_names[s] : NULL;
}

const char *snap_family_status_name(int s)
{
    return s >= 0 && s < SNAP_FAMILY_STATUS_COUNT ? family_status_names[s] : NULL;
}
