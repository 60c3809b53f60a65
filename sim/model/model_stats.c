/* model_stats: flows by week, stocks integrated on change, and the metrics of model_results.
 *
 * A stock changes by delta at clock time t: the day containing t gets delta * (the part of the day
 * left) and every later day gets delta in full, through a difference array. So a change costs
 * O(1) whatever the stock, and the area (stock x working days) of every day is known at the end
 * without sampling anything per day. Weekly stocks are the area of the week's working days over
 * their number; whole-period stocks likewise over the measured period. */
#include "model_stats.h"
#include "util.h"
#include "model_clock.h"
#include "model_state.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int stats_alloc(model_stats *s, int ndays, int weeks)
{
    if (ndays > s->capdays) {
        size_t rows = (size_t)ST_COUNT * (size_t)(ndays + 2);
        double *part = realloc(s->part, rows * sizeof *part);
        if (!part)
            return -1;
        s->part = part;
        double *diff = realloc(s->diff, rows * sizeof *diff);
        if (!diff)
            return -1;
        s->diff = diff;
        double *area = realloc(s->area, (size_t)ndays * sizeof *area);
        if (!area)
            return -1;
        s->area = area;
        int32_t *wod = realloc(s->week_of_day, (size_t)ndays * sizeof *wod);
        if (!wod)
            return -1;
        s->week_of_day = wod;
        s->capdays = ndays;
    }
    if (weeks > s->capweeks) {
        int32_t *wd = realloc(s->week_day, (size_t)(weeks + 1) * sizeof *wd);
        if (!wd)
            return -1;
        s->week_day = wd;
        double *fl = realloc(s->flows, (size_t)weeks * FL_COUNT * sizeof *fl);
        if (!fl)
            return -1;
        s->flows = fl;
        s->capweeks = weeks;
    }
    if (!s->hist && !(s->hist = malloc(65536 * sizeof *s->hist)))
        return -1;
    return 0;
}

int model_stats_setup(model_state *st)
{
    model_stats *s = &st->stats;
    int ndays = (int)st->tend;
    if (stats_alloc(s, ndays, st->weeks))
        return -1;
    s->ndays = ndays;
    size_t rows = (size_t)ST_COUNT * (size_t)(s->capdays + 2);
    memset(s->part, 0, rows * sizeof *s->part);
    memset(s->diff, 0, rows * sizeof *s->diff);
    memset(s->flows, 0, (size_t)st->weeks * FL_COUNT * sizeof *s->flows);
    for (int w = 0; w <= st->weeks; w++)
        s->week_day[w] = (int32_t)model_clock_of_date(st, st->p->start + 7 * w);
    for (int d = 0; d < ndays; d++)
        s->week_of_day[d] = -1;
    for (int w = 0; w < st->weeks; w++)
        for (int d = s->week_day[w]; d < s->week_day[w + 1] && d < ndays; d++)
            s->week_of_day[d] = w;
    s->ndur = 0;
    return 0;
}

void model_stats_free(model_stats *s)
{
    free(s->part);
    free(s->diff);
    free(s->area);
    free(s->week_of_day);
    free(s->week_day);
    free(s->flows);
    free(s->dur);
    free(s->hist);
    memset(s, 0, sizeof *s);
}

static int week_of(const model_state *st, double t)
{
    if (t < st->t0 || t >= st->tend)
        return -1;
    return st->stats.week_of_day[(int)t];
}

/* One assessment of a family's `children` children: each child's counts (the DfE counts children). */
void model_record_duration(model_state *st, double t, int wd, int children)
{
    if (week_of(st, t) < 0)
        return;
    model_stats *s = &st->stats;
    if (wd < 0)
        wd = 0;
    if (wd > 65535)
        wd = 65535;
    for (int k = 0; k < children; k++)
        if (UTIL_PUSH(s->dur, s->ndur, s->capdur, (uint16_t)wd)) {
            st->failed = 1;
            return;
        }
    st->out->wd_hist[wd < MODEL_WD_HIST - 1 ? wd : MODEL_WD_HIST - 1] += (uint64_t)children;
    model_flow_add(st, FL_ASSESSED, t, children);
    model_flow_add(st, FL_WD_SUM, t, (double)wd * children);
    if (wd <= 45)
        model_flow_add(st, FL_WITHIN45, t, children);
    if (wd <= 35)
        model_flow_add(st, FL_WITHIN35, t, children);
    if (wd <= 10)
        model_flow_add(st, FL_WITHIN10, t, children);
}

/* Nearest-rank quantiles of n durations, by counting (they are small integers). */
static void quantiles(model_stats *s, const uint16_t *v, size_t n, double *median, double *p90)
{
    if (!n) {
        *median = *p90 = NAN;
        return;
    }
    unsigned max = 0;
    for (size_t i = 0; i < n; i++)
        max = v[i] > max ? v[i] : max;
    memset(s->hist, 0, (max + 1) * sizeof *s->hist);
    for (size_t i = 0; i < n; i++)
        s->hist[v[i]]++;
    size_t r50 = (n + 1) / 2, r90 = (size_t)ceil(0.9 * (double)n), cum = 0;
    *median = *p90 = max;
    int got50 = 0;
    for (unsigned x = 0; x <= max; x++) {
        cum += s->hist[x];
        if (!got50 && cum >= r50) {
            *median = x;
            got50 = 1;
        }
        if (cum >= r90) {
            *p90 = x;
            break;
        }
    }
}

static double ratio(double a, double b) { return b > 0 ? a / b : NAN; }

/* One period's metrics from its stock areas S (stock x working days), its working days, its flows
 * F, its length in years, and the divisor that makes counts into the reported flow (1 for a week,
 * the years for the whole period). */
typedef struct period {
    const double *S, *F;
    double days, years, div;
    const uint16_t *dur;
    size_t ndur;
} period;

static void fill_flows(const model_params *p, const period *q, double *m)
{
    const double *F = q->F;
    m[M_contacts] = F[FL_CONTACTS] / q->div;
    m[M_referrals] = F[FL_REFERRALS] / q->div;
    m[M_referral_rate_per_10k] = F[FL_REFERRALS] / q->years / p->children * 1e4;
    m[M_rereferral_rate_12m] = ratio(F[FL_REREFERRALS], F[FL_REFERRALS]);
    m[M_front_door_within_1wd] = ratio(F[FL_DECISIONS_1WD], F[FL_DECISIONS]);
    m[M_early_help_starts] = F[FL_EH_STARTS] / q->div;
    m[M_step_ups] = F[FL_STEP_UPS] / q->div;
    m[M_days_to_allocation] = ratio(F[FL_ALLOC_WAIT], F[FL_ALLOCATED]);
    m[M_assessments_completed] = F[FL_ASSESSED] / q->div;
    m[M_assessment_nfa_share] = ratio(F[FL_NFA], F[FL_ASSESSED]);
    m[M_wd_to_assessment_mean] = ratio(F[FL_WD_SUM], F[FL_ASSESSED]);
    m[M_share_within_45wd] = ratio(F[FL_WITHIN45], F[FL_ASSESSED]);
    m[M_cin_plans_started] = F[FL_CIN] / q->div;
    m[M_cp_plans_started] = F[FL_CP] / q->div;
    m[M_lac_started] = F[FL_LAC] / q->div;
    m[M_s47_started] = F[FL_S47] / q->div;
    m[M_icpc_held] = F[FL_ICPC] / q->div;
    m[M_s47_per_referral] = ratio(F[FL_S47], F[FL_REFERRALS]);
    m[M_icpc_per_referral] = ratio(F[FL_ICPC], F[FL_REFERRALS]);
    m[M_babyt_signal_families] = F[FL_BABYT] / q->div;
    m[M_decisions_reviewed] = F[FL_REVIEWED] / q->div;
    m[M_decisions_changed_by_review] = F[FL_REVIEW_CHANGED] / q->div;
    m[M_early_help_gave_up] = F[FL_EH_GAVE_UP] / q->div;
    m[M_share_within_10wd] = ratio(F[FL_WITHIN10], F[FL_ASSESSED]);
    m[M_share_within_35wd] = ratio(F[FL_WITHIN35], F[FL_ASSESSED]);
    m[M_handoffs] = F[FL_HANDOFFS] / q->div;
    m[M_cp_level_misjudged] = F[FL_CP_MISJUDGED] / q->div;
    m[M_rereferral_concentration] = NAN; /* whole run only (model_stats_finish) */
}

static void fill_stocks(const model_params *p, const period *q, double *m)
{
    const double *S = q->S;
    double d = q->days, cal_days = q->years * CAL_DAYS_YEAR;
    m[M_early_help_waiting] = S[ST_EH_WAIT] / d;
    m[M_early_help_caseload_per_worker] = ratio(S[ST_EH_CASES], S[ST_EH_FTE]);
    m[M_unallocated_cases] = S[ST_UNALLOC] / d;
    m[M_cin_open] = S[ST_CIN] / d;
    m[M_cp_open] = S[ST_CP] / d;
    m[M_lac_open] = S[ST_LAC] / d;
    m[M_caseload_per_sw] = ratio(S[ST_SW_CASES], S[ST_SW_HEADS]);
    m[M_share_sw_over_20] = ratio(S[ST_SW_OVER20], S[ST_SW_HEADS]);
    m[M_share_sw_over_25] = ratio(S[ST_SW_OVER25], S[ST_SW_HEADS]);
    m[M_share_sw_over_30] = ratio(S[ST_SW_OVER30], S[ST_SW_HEADS]);
    m[M_families_3plus_contacts_no_assessment] = S[ST_F3] / d;
    m[M_families_5plus_contacts_no_assessment] = S[ST_F5] / d;
    m[M_unmet_high_need_child_days] = S[ST_UNMET_HIGH] * (cal_days / d) / q->div;
    m[M_sw_fte_in_post] = S[ST_SW_EMPLOYED] / d;
    m[M_vacancy_rate] = ratio(S[ST_SW_VACANT], S[ST_SW_ESTAB]);
    m[M_agency_rate] = ratio(S[ST_SW_AGENCY], S[ST_SW_ESTAB]);
    m[M_turnover_rate] = ratio(q->F[FL_SW_LEAVERS] / q->years, S[ST_SW_EMPLOYED] / d);
    m[M_overload_hours] = S[ST_OVERLOAD] / 5.0 / q->div;
    double staff = S[ST_COST_STAFF] / d * q->years / q->div;
    double agency = S[ST_COST_AGENCY] / d * q->years / q->div;
    double place = S[ST_LAC] / d * p->lac_weekly_cost * (cal_days / 7.0) / q->div;
    m[M_cost_staff] = staff;
    m[M_cost_agency] = agency;
    m[M_cost_placements] = place;
    double running = S[ST_COST_RUNNING] / d * q->years / q->div;
    m[M_cost_running] = running;
    m[M_cost_total] = staff + agency + place + running;
    m[M_families_3plus_contacts_cp_no_assessment] = S[ST_F3_CP] / d;
    m[M_supervision_hours_per_worker] = S[ST_SUPERVISION] / d;
    m[M_early_help_capacity] = S[ST_EH_CAPACITY] / d;
    m[M_budget_cut_saving] = S[ST_CUT_SAVING] / d;
    m[M_early_help_capacity_cut] = S[ST_CUT_CAP_LOST] / d;
}

static void fill(model_stats *s, const model_params *p, const period *q, double *m)
{
    fill_flows(p, q, m);
    fill_stocks(p, q, m);
    quantiles(s, q->dur, q->ndur, &m[M_wd_to_assessment_median], &m[M_wd_to_assessment_p90]);
}

/* Weekly areas of every stock into S (weeks x ST_COUNT) and their totals into T. */
static void stock_areas(model_state *st, double *S, double *T)
{
    model_stats *s = &st->stats;
    for (int k = 0; k < ST_COUNT; k++) {
        size_t row = (size_t)k * (size_t)(s->capdays + 2);
        double run = 0;
        for (int d = 0; d < s->ndays; d++) {
            run += s->diff[row + d];
            s->area[d] = run + s->part[row + d];
        }
        T[k] = 0;
        for (int w = 0; w < st->weeks; w++) {
            double a = 0;
            for (int d = s->week_day[w]; d < s->week_day[w + 1]; d++)
                a += s->area[d];
            S[(size_t)w * ST_COUNT + k] = a;
            T[k] += a;
        }
    }
}

/* Forrester (2007): 8.5% of families had 52% of the subsequent referrals. The same share for the
 * run's families (warm-up included): referred families ranked by referrals, the top 8.5% (a
 * share of the boundary bin as needed), their referrals after the first over everyone's. */
static double concentration(const uint64_t *hist)
{
    double fams = 0, later = 0;
    for (int r = 1; r < 64; r++) {
        fams += (double)hist[r];
        later += (double)hist[r] * (r - 1);
    }
    if (later <= 0)
        return NAN;
    double left = 0.085 * fams, top = 0;
    for (int r = 63; r >= 1 && left > 0; r--) {
        double take = (double)hist[r] < left ? (double)hist[r] : left;
        top += take * (r - 1);
        left -= take;
    }
    return top / later;
}

/* 1 for a week that starts on or after 15 April 2013 (the single assessment, 45 working days),
 * else 0 (initial assessments in 10 working days, core assessments in 35). */
static double single_assessment(const model_state *st, int w)
{
    return st->p->start + 7 * w >= cal_from_ymd(2013, 4, 15) ? 1.0 : 0.0;
}

void model_stats_finish(model_state *st)
{
    model_stats *s = &st->stats;
    model_results *r = st->out;
    double T[ST_COUNT], FT[FL_COUNT] = {0};
    double *WS = malloc((size_t)st->weeks * ST_COUNT * sizeof *WS);
    if (!WS) {
        st->failed = 1;
        return;
    }
    stock_areas(st, WS, T);
    size_t off = 0;
    for (int w = 0; w < st->weeks; w++) {
        const double *F = &s->flows[(size_t)w * FL_COUNT];
        size_t n = (size_t)F[FL_ASSESSED];
        period q = {&WS[(size_t)w * ST_COUNT], F, s->week_day[w + 1] - s->week_day[w],
                    7.0 / CAL_DAYS_YEAR, 1.0, s->dur + off, n};
        fill(s, st->p, &q, &r->weekly[(size_t)w * M_COUNT]);
        r->weekly[(size_t)w * M_COUNT + M_single_assessment_in_force] = single_assessment(st, w);
        off += n;
        for (int f = 0; f < FL_COUNT; f++)
            FT[f] += F[f];
    }
    double years = st->weeks * 7.0 / CAL_DAYS_YEAR;
    period all = {T, FT, s->week_day[st->weeks] - s->week_day[0], years, years, s->dur, s->ndur};
    fill(s, st->p, &all, r->total);
    double single = 0;
    for (int w = 0; w < st->weeks; w++)
        single += single_assessment(st, w) / st->weeks;
    r->total[M_single_assessment_in_force] = single;
    r->total[M_rereferral_concentration] = concentration(st->ref_hist);
    free(WS);
}
