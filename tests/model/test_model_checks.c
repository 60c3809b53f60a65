/* The checks with partner agencies: an assessment of a family at child in need level or above
 * waits at least for them, and their time varies across referrals (lognormal, mean
 * assessment_min, CV assessment_min_cv), keyed to the referral; a clear case below that level
 * needs none. The first checks put every family at child in need level (levels lowered) and take
 * plan work away, so every assessment waits for its checks and nothing else:
 *   - With CV 0 no assessment completes before assessment_min working days (a floor).
 *   - With CV 0.5 some complete sooner and some wait past the mean, so the distribution has no
 *     cliff at the mean, and the mean time to assessment still grows with the mean of the checks.
 *   - The draw is keyed: a staffing change does not change which referrals wait long. */
#include <math.h>

#include "check.h"
#include "model/model_testutil.h"

static uint64_t completed(const model_results *r, int lo, int hi) /* working days [lo, hi) */
{
    uint64_t n = 0;
    for (int d = lo; d < hi && d < MODEL_WD_HIST; d++)
        n += r->wd_hist[d];
    return n;
}

static void run_hist(const model_params *p, model_results *r)
{
    model_workspace *ws = model_workspace_create();
    run_one(ws, p, 11, 0, r);
    model_workspace_destroy(ws);
}

int main(void)
{
    model_params p, clear;
    small_authority(&p);
    p.years = 2;
    p.assessment_min = 25;
    clear = p;
    p.level_early_help = -5;
    p.level_cin = -4;
    /* no plan work, little assessment work and allocation at once, so the checks alone set the
     * time */
    p.hours_cin = p.hours_cp = p.hours_lac = p.hours_s47 = 0;
    p.assessment_hours = 1;
    p.allocation_wait = 0;
    p.caseload_cap = p.caseload_max = 200;

    model_results fixed, spread;
    p.assessment_min_cv = 0;
    run_hist(&p, &fixed);
    p.assessment_min_cv = 0.5;
    run_hist(&p, &spread);

    uint64_t all = completed(&fixed, 0, MODEL_WD_HIST);
    CHECK_MSG(all > 1000, "%llu assessments completed", (unsigned long long)all);
    CHECK_MSG(completed(&fixed, 0, 24) == 0, "CV 0: %llu completed before the 25-day floor",
              (unsigned long long)completed(&fixed, 0, 24));
    /* lognormal, mean 25, CV 0.5: about a quarter of the checks end before day 16 */
    uint64_t early = completed(&spread, 0, 16), total = completed(&spread, 0, MODEL_WD_HIST);
    CHECK_MSG(early > total / 10, "CV 0.5: only %llu of %llu completed within 15 working days",
              (unsigned long long)early, (unsigned long long)total);
    /* no cliff: the busiest single day holds a small share, where CV 0 piles work at day 25 */
    uint64_t peak_fixed = 0, peak_spread = 0;
    for (int d = 0; d < MODEL_WD_HIST - 1; d++) {
        peak_fixed = fixed.wd_hist[d] > peak_fixed ? fixed.wd_hist[d] : peak_fixed;
        peak_spread = spread.wd_hist[d] > peak_spread ? spread.wd_hist[d] : peak_spread;
    }
    CHECK_MSG(peak_spread * 3 < peak_fixed, "busiest day: %llu with CV 0.5, %llu with CV 0",
              (unsigned long long)peak_spread, (unsigned long long)peak_fixed);
    model_results_free(&fixed);
    model_results_free(&spread);

    /* The mean of the checks moves the mean time to assessment (paired, same seed). */
    double m15[M_COUNT], m35[M_COUNT];
    p.assessment_min = 15;
    run_mean(&p, 5, 3, m15);
    p.assessment_min = 35;
    run_mean(&p, 5, 3, m35);
    CHECK_MSG(m35[M_wd_to_assessment_mean] > m15[M_wd_to_assessment_mean] + 8,
              "mean checks 35 vs 15 wd: time to assessment %g vs %g",
              m35[M_wd_to_assessment_mean], m15[M_wd_to_assessment_mean]);

    /* At the default levels the clear cases (below child in need level) need no checks: some
     * assessments end before a 25-day floor that binds every other one. */
    model_results r;
    clear.assessment_min_cv = 0;
    run_hist(&clear, &r);
    CHECK_MSG(completed(&r, 0, 24) > 0, "default levels: no clear case completed before 25 days");
    model_results_free(&r);
    return check_done("test_model_checks");
}
