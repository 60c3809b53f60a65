/* Tests of the random streams (include/engine/rng.h): the generator against the reference xoshiro256**,
 * pinned seeds and outputs (stored results depend on them), independence of the order in which
 * replications are seeded, reseed equal to a fresh init, and moments of the uniform. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "rng.h"
#include "check.h"

/* The reference code's state {1, 2, 3, 4} gives these first outputs (computed independently of
 * rng.c). The state layout is documented in rng.c: four 64-bit words. */
static void test_reference_core(void)
{
    rng_streams s;
    CHECK(rng_streams_init(&s, 1, 0, 0) == 0);
    uint64_t *st = s.stream[0]->state;
    st[0] = 1, st[1] = 2, st[2] = 3, st[3] = 4;
    const uint64_t want[] = {11520u, 0u, 1509978240u, 1215971899390074240u};
    for (int i = 0; i < 4; i++)
        CHECK((uint64_t)gsl_rng_get(s.stream[0]) == want[i]);
    CHECK(!strcmp(gsl_rng_name(s.stream[0]), "xoshiro256**"));
    CHECK(gsl_rng_max(s.stream[0]) == 0xFFFFFFFFFFFFFFFFUL);
    rng_streams_free(&s);
}

/* Pinned: changing the hash or the seeding changes users' stored results, so it must show here. */
static void test_pinned(void)
{
    CHECK(rng_seed(20110401, 0, 0) == 0x44e41734b91a025fULL);
    CHECK(rng_seed(1, 2, 3) == 0xd0734750fde362b3ULL);
    rng_streams s;
    CHECK(rng_streams_init(&s, 2, 20110401, 0) == 0);
    const uint64_t want[] = {0x3593b83cd180af7fULL, 0x6b26881dfb30b635ULL, 0x5e0bb30553913742ULL,
                             0xf3cba68b79b34a54ULL, 0x2c6aae5ab3b14c04ULL};
    for (int i = 0; i < 5; i++)
        CHECK((uint64_t)gsl_rng_get(s.stream[0]) == want[i]);
    for (int i = 5; i < 9999; i++)
        gsl_rng_get(s.stream[0]);
    CHECK((uint64_t)gsl_rng_get(s.stream[0]) == 0x5acb0aaa0bae21a2ULL); /* the 10,000th */
    rng_streams_free(&s);
}

static void test_distinct_seeds(void)
{
    /* Seeds of neighbouring (master, replication, purpose) are all different, and 64-bit: a 32-bit
     * truncation would make the high words zero. */
    int high_bits = 0;
    for (uint64_t m = 0; m < 4; m++)
        for (uint64_t r = 0; r < 8; r++)
            for (uint32_t p = 0; p < 8; p++) {
                uint64_t x = rng_seed(m, r, p);
                high_bits |= (x >> 32) != 0;
                for (uint64_t m2 = 0; m2 < 4; m2++)
                    for (uint64_t r2 = 0; r2 < 8; r2++)
                        for (uint32_t p2 = 0; p2 < 8; p2++)
                            if ((m != m2 || r != r2 || p != p2) && x == rng_seed(m2, r2, p2))
                                check_failed++;
            }
    CHECK(high_bits);
    /* Seeds that differ only above bit 32 give different streams (GSL's mt19937 would not). */
    gsl_rng *a = gsl_rng_alloc(rng_type()), *b = gsl_rng_alloc(rng_type());
    gsl_rng_set(a, 5UL);
    gsl_rng_set(b, 5UL | (1UL << 40));
    CHECK(gsl_rng_get(a) != gsl_rng_get(b));
    gsl_rng_free(a);
    gsl_rng_free(b);
}

/* Replication 3's streams are the same whether seeded first, last, or after others drew. */
static void test_order_independence(void)
{
    enum { P = 5, N = 100 };
    unsigned long direct[P][N];
    rng_streams s;
    CHECK(rng_streams_init(&s, P, 77, 3) == 0);
    for (int p = 0; p < P; p++)
        for (int i = 0; i < N; i++)
            direct[p][i] = gsl_rng_get(s.stream[p]);
    rng_streams_free(&s);

    rng_streams t;
    CHECK(rng_streams_init(&t, P, 77, 0) == 0);
    for (uint64_t rep = 0; rep < 3; rep++) {
        rng_streams_reseed(&t, 77, rep);
        for (int p = 0; p < P; p++)
            for (int i = 0; i < 1000 * (p + 1); i++)
                gsl_rng_get(t.stream[p]);
    }
    rng_streams_reseed(&t, 77, 3);
    /* Drawing from the purposes in reverse order must not change any of them. */
    for (int p = P - 1; p >= 0; p--)
        for (int i = 0; i < N; i++)
            CHECK(gsl_rng_get(t.stream[p]) == direct[p][i]);
    rng_streams_free(&t);
}

static void test_reseed_equals_fresh(void)
{
    rng_streams a, b;
    CHECK(rng_streams_init(&a, 3, 9, 1) == 0);
    for (int i = 0; i < 50; i++)
        gsl_rng_uniform(a.stream[1]);
    rng_streams_reseed(&a, 9, 2);
    CHECK(rng_streams_init(&b, 3, 9, 2) == 0);
    for (unsigned p = 0; p < 3; p++)
        for (int i = 0; i < 20; i++)
            CHECK(gsl_rng_get(a.stream[p]) == gsl_rng_get(b.stream[p]));
    CHECK(gsl_rng_get(a.stream[0]) != gsl_rng_get(a.stream[1]));
    rng_streams_free(&a);
    rng_streams_free(&b);
    CHECK(rng_streams_init(&a, RNG_MAX_PURPOSES + 1, 0, 0) == -1);
}

/* Uniform: mean 1/2 and variance 1/12 within 5 standard errors; all in [0, 1); exponential mean. */
static void test_moments(void)
{
    rng_streams s;
    CHECK(rng_streams_init(&s, 1, 123, 0) == 0);
    enum { N = 1000000 };
    double sum = 0, sum2 = 0, esum = 0;
    int out_of_range = 0;
    for (int i = 0; i < N; i++) {
        double u = gsl_rng_uniform(s.stream[0]);
        out_of_range += !(u >= 0 && u < 1);
        sum += u;
        sum2 += u * u;
        esum += gsl_ran_exponential(s.stream[0], 2.0);
    }
    double mean = sum / N, var = sum2 / N - mean * mean;
    CHECK(out_of_range == 0);
    CHECK(fabs(mean - 0.5) < 5 * sqrt(1.0 / 12 / N));
    CHECK(fabs(var - 1.0 / 12) < 5 * sqrt(1.0 / 180 / N)); /* var of u^2 about 1/180 */
    CHECK(fabs(esum / N - 2.0) < 5 * 2.0 / sqrt(N));
    /* uniform_int uses max - min: the full 64-bit range must give unbiased small integers. */
    long counts[6] = {0};
    for (int i = 0; i < 600000; i++)
        counts[gsl_rng_uniform_int(s.stream[0], 6)]++;
    for (int k = 0; k < 6; k++)
        CHECK(labs(counts[k] - 100000) < 5 * 289); /* sd = sqrt(600000 * 1/6 * 5/6) ~ 289 */
    rng_streams_free(&s);
}

int main(void)
{
    test_reference_core();
    test_pinned();
    test_distinct_seeds();
    test_order_independence();
    test_reseed_equals_fresh();
    test_moments();
    return check_done("test_rng");
}
