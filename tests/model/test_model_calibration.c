/* With the default parameters, one 6-year replication (a warm-up year and five measured years)
 * lands within 15% of the national rates in shared/data/published-figures.csv:
 *   referral rate      550 per 10,000   "referral rate (LA median)", ~2010-16
 *   re-referral rate   22%              "re-referral within 12m", 2023-24 (DfE)
 *   assessed NFA share 29.1%            "assessed 'not in need'", 2018-19
 *   within 45 wd       85.7%            "assessments within 45 days", 2024-25 (DfE C2)
 *   caseload per SW    16.3             "caseload", 2020 (DfE CSWW)
 * and the other published shapes are in a plausible range (docs/model.md has the table). */
#include <math.h>
#include "check.h"
#include "model_testutil.h"
#include "metrics.h"

static void near(const model_results *r, metric_id m, double published, double tol)
{
    double v = r->total[m];
    CHECK_MSG(fabs(v - published) <= tol * published, "%s = %g, published %g (tolerance %g%%)", metric_name(m), v,
              published, tol * 100);
    printf("  %-28s simulated %10.3f  published %10.3f\n", metric_name(m), v, published);
}

int main(void)
{
    model_params p;
    params_defaults(&p);
    CHECK_MSG(p.years == 5 && fabs(p.warmup - 261) < 1, "defaults are not a 1 + 5 year run");
    model_workspace *ws = model_workspace_create();
    model_results r;
    run_one(ws, &p, 1, 0, &r);
    near(&r, M_referral_rate_per_10k, 550, 0.15);
    near(&r, M_rereferral_rate_12m, 0.22, 0.15);
    near(&r, M_assessment_nfa_share, 0.291, 0.15);
    near(&r, M_share_within_45wd, 0.857, 0.15);
    near(&r, M_caseload_per_sw, 16.3, 0.15);
    near(&r, M_s47_per_referral, 0.252, 0.15); /* D: s47 160150 / referrals 635600, 2014-15 */
    near(&r, M_icpc_per_referral, 0.112, 0.15); /* D: ICPCs 71140 / referrals 635600, 2014-15 */
    double cpr = r.total[M_cp_plans_started] / r.total[M_referrals];
    CHECK_MSG(fabs(cpr - 0.098) <= 0.15 * 0.098, "plans per referral %g, published 0.098", cpr);
    /* contacts about 3.7 times referrals (ADCS contacts / DfE referrals) */
    double ratio = r.total[M_contacts] / r.total[M_referrals];
    CHECK_MSG(ratio > 3.0 && ratio < 4.4, "contacts per referral %g", ratio);
    CHECK_MSG(r.total[M_vacancy_rate] > 0.08 && r.total[M_vacancy_rate] < 0.25, "vacancy %g", r.total[M_vacancy_rate]);
    CHECK_MSG(r.total[M_turnover_rate] > 0.10 && r.total[M_turnover_rate] < 0.20, "turnover %g", r.total[M_turnover_rate]);
    model_results_free(&r);
    model_workspace_destroy(ws);
    return check_done("test_model_calibration");
}
