/* Processor sharing on one social worker: completion times move when a plan case joins or leaves
 * or another assessment arrives, and match a hand calculation.
 *
 * Worker: 22 productive hours a week = 4.4 hours a working day; floor 1 hour a week; a child
 * protection case takes 2 hours a week. Assessment A needs 10 hours, allocated at t = 0.
 *   t = 0: A alone gets 4.4 h/day -> done at 10 / 4.4 = 2.2727.
 *   t = 1: A has had 4.4 h; a CP case joins: spare 20 h/week = 4 h/day -> done at 1 + 5.6/4 = 2.4.
 *   t = 2: A has had 8.4 h; the CP case closes: 4.4 h/day again -> 2 + 1.6/4.4 = 2.3636.
 *   t = 2.1: A has had 8.84 h; assessment B (5 h) joins: 2.2 h/day each ->
 *            A at 2.1 + 1.16/2.2 = 2.6273, B at 2.1 + 5/2.2 = 4.3727.
 *   then 30 h/week of plan work: spare is negative, both get the floor (0.2 h/day) and the worker
 *   is overloaded by 30 - 22 + 2 x 1 = 10 hours a week. */
#include <math.h>
#include "check.h"
#include "model_testutil.h"
#include "model_clock.h"
#include "model_pools.h"
#include "model_ps.h"
#include "model_socialwork.h"
#include "model_staff.h"
#include "model_test.h"

static void pure_functions(void)
{
    CHECK_MSG(fabs(model_ps_rate(22, 0, 1, 1) - 4.4) < 1e-12, "alone");
    CHECK_MSG(fabs(model_ps_rate(22, 2, 2, 1) - 2.0) < 1e-12, "two share 20 h");
    CHECK_MSG(fabs(model_ps_rate(22, 30, 2, 1) - 0.2) < 1e-12, "floor");
    CHECK_MSG(model_ps_rate(22, 0, 0, 1) == 0, "nobody");
    model_ps ps = {.hours = 22, .plan_hours = 30, .wsum = 2, .n = 2};
    double over = model_ps_rerate(&ps, 1);
    CHECK_MSG(fabs(over - 10) < 1e-12, "overload %g", over);
    CHECK_MSG(fabs(ps.rate - 0.2) < 1e-12, "rate %g", ps.rate);
    model_ps light = {.hours = 22, .plan_hours = 2, .wsum = 2, .n = 2};
    CHECK_MSG(model_ps_rerate(&light, 1) == 0 && fabs(light.rate - 2.0) < 1e-12, "no overload");
    model_ps idle = {.hours = 22, .plan_hours = 30};
    CHECK_MSG(fabs(model_ps_rerate(&idle, 1) - 8) < 1e-12 && idle.rate == 0, "plan work alone");
}

static uint32_t new_case(model_state *st, int state, double effort)
{
    uint32_t f = model_family_new(st), c = model_case_new(st);
    st->fams[f].state = FAM_CARE;
    st->fams[f].caseid = c;
    model_case *ca = &st->cases[c];
    ca->family = f;
    ca->state = (uint8_t)state;
    ca->effort = ca->remaining = effort;
    ca->referred = eng_now(st->eng);
    return c;
}

static void advance_to(model_state *st, double t)
{
    eng_event ev;
    model_schedule(st, t, 999, 0, 0, NULL);
    while (eng_next(st->eng, &ev) && ev.kind != 999)
        ;
}

/* When c's assessment ends: the worker's completion event for the first of its sharing set (which
 * must be pending), the set's own reckoning for the others (they finish in order after it). */
static double finish(model_state *st, uint32_t c)
{
    double t = -1;
    const model_worker *wk = &st->workers[st->cases[c].worker];
    if (wk->ps_head != c)
        return model_sw_finish_of(st, c);
    if (eng_time_of(st->eng, wk->ps_ev, &t) != ENG_OK)
        return -1;
    return t;
}

static void one_worker(void)
{
    model_params p;
    params_defaults(&p);
    p.staff[ROLE_SOCIAL_WORKER].hours_per_week = 22;
    p.staff[ROLE_SOCIAL_WORKER].turnover = 0;
    p.assessment_floor = 1;
    p.hours_cp = 2;
    p.assessment_min = 0;
    model_workspace *ws = model_workspace_create();
    model_results r;
    char err[256];
    model_results_init(&r, &p);
    model_state *st = model_test_open(ws, &p, &r, err, sizeof err);
    CHECK_MSG(st != NULL, "%s", err);
    if (!st)
        return;
    uint32_t w = model_staff_add(st, ROLE_SOCIAL_WORKER, 0, 0, 0);
    uint32_t a = new_case(st, CASE_ASSESS, 10);
    model_sw_assign(st, a, w);
    CHECK_MSG(fabs(finish(st, a) - 10 / 4.4) < 1e-9, "A alone %g", finish(st, a));

    advance_to(st, 1);
    uint32_t cp = new_case(st, CASE_CP, 0);
    model_sw_assign(st, cp, w);
    CHECK_MSG(fabs(finish(st, a) - 2.4) < 1e-9, "CP joins: %g", finish(st, a));

    advance_to(st, 2);
    st->cases[cp].ev = ENG_NO_HANDLE;
    model_sw_plan_end(st, cp);
    CHECK_MSG(fabs(finish(st, a) - (2 + 1.6 / 4.4)) < 1e-9, "CP leaves: %g", finish(st, a));

    advance_to(st, 2.1);
    uint32_t b = new_case(st, CASE_ASSESS, 5);
    model_sw_assign(st, b, w);
    CHECK_MSG(fabs(finish(st, a) - (2.1 + 1.16 / 2.2)) < 1e-9, "B joins, A: %g", finish(st, a));
    CHECK_MSG(fabs(finish(st, b) - (2.1 + 5 / 2.2)) < 1e-9, "B joins, B: %g", finish(st, b));

    model_sw_add_plan_hours(st, w, 30);
    model_sw_retime(st, w);
    CHECK_MSG(fabs(st->workers[w].ps.rate - 0.2) < 1e-12, "floor rate %g", st->workers[w].ps.rate);
    CHECK_MSG(fabs(st->workers[w].overload - 10) < 1e-9, "overload %g", st->workers[w].overload);
    model_test_close(ws);
    model_results_free(&r);
    model_workspace_destroy(ws);
}

/* Work to the deadline: an assessment takes deadline_weight once it is deadline_focus working
 * days old; its work so far is kept and the others' share falls (hand calculation, 22 hours a
 * week = 4.4 a working day, no plans, focus at 2 working days with weight 3). */
static void deadline_weights(void)
{
    model_params p;
    params_defaults(&p);
    p.staff[ROLE_SOCIAL_WORKER].hours_per_week = 22;
    p.staff[ROLE_SOCIAL_WORKER].turnover = 0;
    p.assessment_floor = 0.01;
    p.assessment_min = 0;
    p.deadline_focus = 2;
    p.deadline_weight = 3;
    model_workspace *ws = model_workspace_create();
    model_results r;
    char err[256];
    model_results_init(&r, &p);
    model_state *st = model_test_open(ws, &p, &r, err, sizeof err);
    CHECK_MSG(st != NULL, "%s", err);
    if (!st)
        return;
    uint32_t w = model_staff_add(st, ROLE_SOCIAL_WORKER, 0, 0, 0);
    uint32_t a = new_case(st, CASE_ASSESS, 100);
    model_sw_assign(st, a, w); /* [0, 1): A alone, 4.4 a day */
    advance_to(st, 1);
    uint32_t b = new_case(st, CASE_ASSESS, 100);
    model_sw_assign(st, b, w); /* [1, 2): 2.2 a day each: A 6.6 done, B 2.2 */
    advance_to(st, 2);
    model_sw_focus(st, a, st->cases[a].focus_stamp); /* A weight 3 of 4: 3.3 a day, B 1.1 */
    CHECK_MSG(fabs(st->workers[w].ps.wsum - 4) < 1e-12, "weights after A's focus %g", st->workers[w].ps.wsum);
    CHECK_MSG(fabs(finish(st, a) - (2 + 93.4 / 3.3)) < 1e-9, "A focused: %g", finish(st, a));
    advance_to(st, 3);
    model_sw_focus(st, b, st->cases[b].focus_stamp); /* both weight 3: 2.2 a day each */
    CHECK_MSG(fabs(finish(st, a) - (3 + 90.1 / 2.2)) < 1e-9, "both focused, A: %g", finish(st, a));
    CHECK_MSG(fabs(finish(st, b) - (3 + 96.7 / 2.2)) < 1e-9, "both focused, B: %g", finish(st, b));
    model_sw_focus(st, b, st->cases[b].focus_stamp); /* a stale stamp changes nothing */
    CHECK_MSG(fabs(st->workers[w].ps.wsum - 6) < 1e-12, "weights %g after a stale focus", st->workers[w].ps.wsum);
    model_test_close(ws);
    model_results_free(&r);
    model_workspace_destroy(ws);
}

int main(void)
{
    pure_functions();
    one_worker();
    deadline_weights();
    return check_done("test_model_ps");
}
