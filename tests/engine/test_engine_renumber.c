/* The engine with tiny sequence numbers (2^6 = 64), so that the renumbering done when they run out
 * happens every few dozen schedules; ordering must stay (time, scheduling order) throughout.
 * The test links caseload_engine_seq6 (tests/CMakeLists.txt): sim/engine/engine.c built with
 * ENG_SLOT_BITS = 58 (64 - 58 = 6 bits of sequence) instead of the library's. At most 40 events
 * are pending (below 64, as the renumbering needs). */
#include "engine.h"

#include <stdio.h>

static uint64_t lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s >> 33;
}

enum { MAXP = 40 };

typedef struct ref {
    double time;
    uint64_t order; /* global scheduling order, never renumbered */
    unsigned id;
    eng_handle h;
} ref;

static int earliest(const ref *r, int n)
{
    int b = 0;
    for (int i = 1; i < n; i++)
        if (r[i].time < r[b].time || (r[i].time == r[b].time && r[i].order < r[b].order))
            b = i;
    return b;
}

int main(void)
{
    eng_engine *e = eng_create(4, 0.0);
    ref r[MAXP];
    int n = 0;
    unsigned bad = 0, id = 0;
    uint64_t rs = 7, order = 0;
    for (int op = 0; op < 200000; op++) {
        unsigned c = (unsigned)(lcg(&rs) % 10);
        double t = eng_now(e) + (double)(lcg(&rs) % 4); /* few distinct times: many ties */
        if (c < 5 && n < MAXP) {
            r[n] = (ref){t, order++, id, 0};
            bad += eng_schedule(e, t, 0, id++, 0, &r[n].h) != ENG_OK;
            n++;
        } else if (c < 7 && n > 0) {
            int k = (int)(lcg(&rs) % (uint64_t)n);
            bad += eng_reschedule(e, r[k].h, t) != ENG_OK;
            r[k].time = t;
            r[k].order = order++;
        } else if (c < 8 && n > 0) {
            int k = (int)(lcg(&rs) % (uint64_t)n);
            bad += eng_cancel(e, r[k].h) != ENG_OK;
            r[k] = r[--n];
        } else if (n > 0) {
            int k = earliest(r, n);
            eng_event ev;
            bad += !eng_next(e, &ev) || ev.a != r[k].id || ev.time != r[k].time;
            r[k] = r[--n];
        }
        bad += eng_pending(e) != (size_t)n;
    }
    eng_destroy(e);
    if (bad) {
        fprintf(stderr, "test_engine_renumber: %u mismatches\n", bad);
        return 1;
    }
    puts("test_engine_renumber: ok");
    return 0;
}
