/* model_clock: the model's calls into the engine's calendar (model_clock.h). */
#include "model_clock.h"

static void check(model_state *st, int rc)
{
    if (rc != ENG_OK)
        st->failed = 1;
}

int model_schedule(model_state *st, double t, uint32_t kind, uint32_t a, uint64_t b, eng_handle *h)
{
    int rc = eng_schedule(st->eng, t, kind, a, b, h);
    check(st, rc);
    return rc;
}

void model_cancel(model_state *st, eng_handle *h)
{
    if (*h != ENG_NO_HANDLE)
        check(st, eng_cancel(st->eng, *h));
    *h = ENG_NO_HANDLE;
}

void model_defer(model_state *st, double t, uint32_t kind, uint32_t a)
{
    check(st, eng_defer(st->eng, t, kind, a, 0));
}

void model_defer_stamped(model_state *st, double t, uint32_t kind, uint32_t a, uint32_t stamp)
{
    check(st, eng_defer(st->eng, t, kind, a, stamp));
}

void model_schedule_screened(model_state *st, double t, uint32_t screener)
{
    check(st, eng_fifo_push(st->eng, t, MEV_SCREENED, screener));
}

void model_release_day(model_state *st, int day)
{
    check(st, eng_release(st->eng, day));
}

double model_clock_of_date(const model_state *st, cal_date d)
{
    return (double)(cal_workdays_index(st->cal, d) - st->base);
}

cal_date model_date_of_day(const model_state *st, int day)
{
    return cal_workdays_date(st->cal, day + st->base);
}
