/* Tests of the event engine (include/engine/engine.h): ordering, first-in first-out ties, cancel,
 * reschedule, stale handles, pool growth, and a random stress run against a sorted reference. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "check.h"

static void test_ordering(void)
{
    eng_engine *e = eng_create(4, 0.0);
    double times[] = {5.0, 1.0, 3.0, 4.0, 2.0, 0.5, 9.0};
    for (unsigned i = 0; i < 7; i++)
        CHECK(eng_schedule(e, times[i], 7, i, 100 + i, NULL) == ENG_OK);
    CHECK(eng_pending(e) == 7);
    eng_event ev;
    double last = -1;
    unsigned n = 0;
    while (eng_next(e, &ev)) {
        CHECK(ev.time >= last);
        CHECK(ev.time == times[ev.a]);
        CHECK(ev.kind == 7 && ev.b == 100 + ev.a);
        CHECK(eng_now(e) == ev.time);
        last = ev.time;
        n++;
    }
    CHECK(n == 7 && eng_delivered(e) == 7 && eng_pending(e) == 0);
    CHECK(eng_now(e) == 9.0);
    CHECK(eng_next(e, &ev) == 0 && eng_now(e) == 9.0);
    eng_destroy(e);
}

static void test_fifo_ties(void)
{
    eng_engine *e = eng_create(2, 0.0);
    for (unsigned i = 0; i < 50; i++)
        eng_schedule(e, i % 2 ? 2.0 : 1.0, 0, i, 0, NULL);
    eng_event ev;
    unsigned expect_odd = 1, expect_even = 0;
    while (eng_next(e, &ev)) {
        if (ev.time == 1.0) {
            CHECK(ev.a == expect_even);
            expect_even += 2;
        } else {
            CHECK(expect_even == 50); /* all of time 1 first */
            CHECK(ev.a == expect_odd);
            expect_odd += 2;
        }
    }
    CHECK(expect_odd == 51);
    eng_destroy(e);
}

static void test_past_and_nonfinite(void)
{
    eng_engine *e = eng_create(2, 10.0);
    CHECK(eng_schedule(e, 9.999, 0, 0, 0, NULL) == ENG_EPAST);
    CHECK(eng_schedule(e, NAN, 0, 0, 0, NULL) == ENG_EPAST);
    CHECK(eng_schedule(e, INFINITY, 0, 0, 0, NULL) == ENG_EPAST);
    eng_handle h;
    CHECK(eng_schedule(e, 10.0, 0, 0, 0, &h) == ENG_OK);
    CHECK(eng_reschedule(e, h, 5.0) == ENG_EPAST);
    double t;
    CHECK(eng_time_of(e, h, &t) == ENG_OK && t == 10.0);
    CHECK(eng_strerror(ENG_EPAST) != NULL && strlen(eng_strerror(ENG_ESTALE)) > 0);
    eng_destroy(e);
}

static void test_cancel_reschedule_stale(void)
{
    eng_engine *e = eng_create(1, 0.0);
    eng_handle h[10];
    for (unsigned i = 0; i < 10; i++) {
        CHECK(eng_schedule(e, (double)i, 0, i, 0, &h[i]) == ENG_OK);
        CHECK(h[i] != ENG_NO_HANDLE);
    }
    CHECK(eng_cancel(e, h[3]) == ENG_OK);
    CHECK(eng_cancel(e, h[3]) == ENG_ESTALE);
    CHECK(eng_reschedule(e, h[3], 1.0) == ENG_ESTALE);
    CHECK(eng_reschedule(e, h[8], 0.5) == ENG_OK);  /* earlier */
    CHECK(eng_reschedule(e, h[0], 20.0) == ENG_OK); /* later */
    CHECK(eng_reschedule(e, h[5], 2.0) == ENG_OK);  /* tie with 2: goes after it */
    double t;
    CHECK(eng_time_of(e, h[8], &t) == ENG_OK && t == 0.5);
    CHECK(eng_time_of(e, h[3], &t) == ENG_ESTALE);
    unsigned expect[] = {8, 1, 2, 5, 4, 6, 7, 9, 0};
    eng_event ev;
    for (unsigned i = 0; i < 9; i++) {
        CHECK(eng_next(e, &ev) == 1);
        CHECK(ev.a == expect[i]);
        CHECK(ev.handle == h[ev.a]);
        CHECK(eng_cancel(e, ev.handle) == ENG_ESTALE); /* delivered: stale */
    }
    CHECK(eng_next(e, &ev) == 0);
    /* A reused slot gets a new generation: the old handle must not reach the new event. */
    eng_handle fresh;
    CHECK(eng_schedule(e, 30.0, 0, 99, 0, &fresh) == ENG_OK);
    for (unsigned i = 0; i < 10; i++)
        CHECK(h[i] != fresh && eng_cancel(e, h[i]) == ENG_ESTALE);
    CHECK(eng_pending(e) == 1);
    CHECK(eng_cancel(e, ENG_NO_HANDLE) == ENG_ESTALE);
    CHECK(eng_cancel(e, ((eng_handle)1 << 32) | 12345u) == ENG_ESTALE); /* never issued */
    CHECK(eng_cancel(e, fresh) == ENG_OK && eng_pending(e) == 0);
    eng_destroy(e);
}

/* The same-time rules of engine.h across the heap and the three streams. */
static void test_streams(void)
{
    eng_engine *e = eng_create(4, 0.0);
    eng_event ev;
    CHECK(eng_defer_setup(e, 10) == ENG_OK);
    /* Unit 2's bucket: two unstamped, one stamped; set out of time order. */
    CHECK(eng_defer(e, 2.5, 7, 1, 0) == ENG_OK);
    CHECK(eng_defer(e, 2.25, 7, 2, 0) == ENG_OK);
    CHECK(eng_defer(e, 2.5, 7, 3, 9) == ENG_OK);  /* stamped: set before the release */
    CHECK(eng_defer(e, 3.0, 8, 4, 5) == ENG_OK);  /* stamped at a whole unit: the heap holds it */
    CHECK(eng_pending(e) == 1);
    CHECK(eng_defer(e, 12.0, 8, 5, 0) == ENG_OK && eng_pending(e) == 1); /* past the end: dropped */
    eng_schedule(e, 2.0, 1, 0, 0, NULL);
    CHECK(eng_next(e, &ev) == 1 && ev.kind == 1 && eng_now(e) == 2.0);
    CHECK(eng_release(e, 2) == ENG_OK);
    double t[2] = {2.25, 2.5};
    eng_batch(e, t, sizeof t[0], 2, 3);                 /* after the release: later seq */
    CHECK(eng_fifo_push(e, 2.5, 4, 0) == ENG_OK);       /* later still */
    CHECK(eng_fifo_push(e, 2.4, 4, 1) == ENG_OK && eng_pending(e) == 2); /* out of order: heap */
    eng_schedule(e, 2.5, 5, 0, 0, NULL);
    const eng_lookahead *next = eng_lookahead_of(e);
    /* 2.25: the released bucket (seq of the release) before the batch; 2.4 the heap; 2.5: the
     * heap first, then the stamped deferred event (seq set before the release), the unstamped one,
     * the batch, the FIFO. */
    static const uint32_t want_kind[] = {7, 3, 4, 5, 7, 7, 3, 4, 8};
    static const uint32_t want_a[] = {2, 0, 1, 0, 3, 1, 1, 0, 4};
    for (int i = 0; i < 9; i++) {
        CHECK(eng_next(e, &ev) == 1);
        CHECK_MSG(ev.kind == want_kind[i] && ev.a == want_a[i], "event %d: kind %u a %u", i,
                  ev.kind, ev.a);
        CHECK(eng_now(e) == ev.time);
        if (i == 0) /* a stream event: the lookahead shows the FIFO's and the unit's next */
            CHECK(next->fifo_kind == 4 && next->fifo_a == 0 && next->deferred_kind == 7
                  && next->deferred_a == 3);
    }
    CHECK(eng_next(e, &ev) == 0);
    CHECK(eng_delivered(e) == 10);
    eng_destroy(e);
}

static void test_growth(void)
{
    eng_engine *e = eng_create(1, 0.0);
    enum { N = 100000 };
    for (unsigned i = 0; i < N; i++)
        CHECK(eng_schedule(e, (double)((i * 7919u) % N), 0, i, 0, NULL) == ENG_OK);
    CHECK(eng_pending(e) == N);
    eng_event ev;
    double last = -1;
    unsigned n = 0;
    while (eng_next(e, &ev)) {
        if (ev.time < last)
            check_failed++;
        last = ev.time;
        n++;
    }
    CHECK(n == N);
    eng_destroy(e);
}

/* ---- random stress against a reference: an unsorted array scanned for the minimum ---- */

typedef struct ref_ev {
    double time;
    uint64_t seq;
    unsigned id;
    eng_handle h;
    int live;
} ref_ev;

static uint64_t lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s >> 33;
}

static int ref_min(const ref_ev *r, unsigned n)
{
    int best = -1;
    for (unsigned i = 0; i < n; i++)
        if (r[i].live && (best < 0 || r[i].time < r[best].time ||
                          (r[i].time == r[best].time && r[i].seq < r[best].seq)))
            best = (int)i;
    return best;
}

static void test_stress(void)
{
    enum { OPS = 40000, MAXN = 40000 };
    ref_ev *r = calloc(MAXN, sizeof *r);
    eng_engine *e = eng_create(2, 0.0);
    uint64_t rs = 42, seq = 0;
    unsigned n = 0, live = 0, mismatches = 0;
    for (unsigned op = 0; op < OPS; op++) {
        unsigned c = (unsigned)(lcg(&rs) % 10);
        double now = eng_now(e);
        /* Coarse times make ties common, which is what exercises the sequence numbers. */
        double t = now + (double)(lcg(&rs) % 20) * 0.5;
        if (c < 5 && n < MAXN) {
            r[n] = (ref_ev){t, seq++, n, 0, 1};
            if (eng_schedule(e, t, 1, n, n, &r[n].h) != ENG_OK)
                mismatches++;
            n++;
            live++;
        } else if (c < 7 && live) {
            unsigned k = (unsigned)(lcg(&rs) % n);
            int want = r[k].live ? ENG_OK : ENG_ESTALE;
            if (eng_cancel(e, r[k].h) != want)
                mismatches++;
            if (r[k].live)
                live--;
            r[k].live = 0;
        } else if (c < 8 && live) {
            unsigned k = (unsigned)(lcg(&rs) % n);
            int want = r[k].live ? ENG_OK : ENG_ESTALE;
            if (eng_reschedule(e, r[k].h, t) != want)
                mismatches++;
            if (r[k].live) {
                r[k].time = t;
                r[k].seq = seq++;
            }
        } else {
            int k = ref_min(r, n);
            eng_event ev;
            int got = eng_next(e, &ev);
            if (got != (k >= 0))
                mismatches++;
            else if (k >= 0) {
                if (ev.a != (unsigned)k || ev.time != r[k].time || ev.handle != r[k].h)
                    mismatches++;
                r[k].live = 0;
                live--;
            }
        }
        if (eng_pending(e) != live)
            mismatches++;
    }
    eng_event ev;
    while (eng_next(e, &ev)) {
        int k = ref_min(r, n);
        if (k < 0 || ev.a != (unsigned)k)
            mismatches++;
        else
            r[k].live = 0;
    }
    CHECK(ref_min(r, n) < 0);
    CHECK(mismatches == 0);
    eng_destroy(e);
    free(r);
}

int main(void)
{
    test_ordering();
    test_fifo_ties();
    test_past_and_nonfinite();
    test_cancel_reschedule_stale();
    test_streams();
    test_growth();
    test_stress();
    return check_done("test_engine");
}
