/* rng: per-purpose random streams (include/engine/rng.h).
 *
 * Generator: xoshiro256** 1.0 (Blackman and Vigna, 2018), period 2^256 - 1, 64-bit outputs, as a
 * gsl_rng_type table so every gsl_ran_* distribution works on it. We use it rather than GSL's
 * mt19937 because gsl_rng_set passes an `unsigned long` seed and mt19937 keeps only 32 bits of it:
 * with 32-bit seeds, streams of many replications and purposes would collide by the birthday bound
 * (about one pair in 2^16 streams). Its state is the four 64-bit words s[0..3] of the reference code.
 *
 * Seeding a stream (gsl_rng_set with a 64-bit seed): the state is the first four outputs of
 * SplitMix64 started at the seed, which can never be all zero.
 *
 * The seed of a stream (rng_seed), fixed; results stored by users depend on it:
 *     mix(x) = SplitMix64 finaliser of (x + 0x9E3779B97F4A7C15)
 *     seed   = mix(mix(mix(master) ^ replication) ^ purpose)
 * mix is a bijection of 64-bit words, so for a given master and replication distinct purposes get
 * distinct seeds (and likewise distinct replications for a given master).
 */
#include "rng.h"

#include <stdlib.h>

#define GOLDEN 0x9E3779B97F4A7C15ULL

static uint64_t mix(uint64_t x)
{
    uint64_t z = x + GOLDEN;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

uint64_t rng_seed(uint64_t master, uint64_t replication, uint32_t purpose)
{
    return mix(mix(mix(master) ^ replication) ^ (uint64_t)purpose);
}

/* ---- xoshiro256** as a GSL generator ---- */

typedef struct xoshiro_state {
    uint64_t s[4];
} xoshiro_state;

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t xoshiro_next(xoshiro_state *st)
{
    uint64_t *s = st->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

static void xoshiro_set(void *vstate, unsigned long seed)
{
    xoshiro_state *st = vstate;
    uint64_t x = (uint64_t)seed;
    /* SplitMix64: each output is mix() of the running counter. */
    for (int i = 0; i < 4; i++) {
        st->s[i] = mix(x);
        x += GOLDEN;
    }
}

static unsigned long xoshiro_get(void *vstate) { return (unsigned long)xoshiro_next(vstate); }

/* The top 53 bits as a double in [0, 1), as GSL's contract for get_double asks. */
static double xoshiro_get_double(void *vstate)
{
    return (double)(xoshiro_next(vstate) >> 11) * 0x1.0p-53;
}

_Static_assert(sizeof(unsigned long) == 8, "rng: needs a 64-bit unsigned long for 64-bit seeds");

static const gsl_rng_type xoshiro_type = {
    "xoshiro256**", 0xFFFFFFFFFFFFFFFFUL, 0, sizeof(xoshiro_state),
    xoshiro_set, xoshiro_get, xoshiro_get_double,
};

const gsl_rng_type *rng_type(void) { return &xoshiro_type; }

/* ---- streams ---- */

/* Allocated by hand rather than by gsl_rng_alloc, whose out-of-memory path calls GSL's error handler
 * (which aborts by default); gsl_rng_free frees the same two blocks. */
static gsl_rng *stream_alloc(void)
{
    gsl_rng *r = malloc(sizeof *r);
    if (!r)
        return NULL;
    r->type = &xoshiro_type;
    r->state = calloc(1, xoshiro_type.size);
    if (!r->state) {
        free(r);
        return NULL;
    }
    return r;
}

int rng_streams_init(rng_streams *s, unsigned count, uint64_t master, uint64_t replication)
{
    if (count > RNG_MAX_PURPOSES)
        return -1;
    s->count = 0;
    for (unsigned p = 0; p < RNG_MAX_PURPOSES; p++)
        s->stream[p] = NULL;
    for (unsigned p = 0; p < count; p++) {
        s->stream[p] = stream_alloc();
        if (!s->stream[p]) {
            s->count = p;
            rng_streams_free(s);
            return -1;
        }
    }
    s->count = count;
    rng_streams_reseed(s, master, replication);
    return 0;
}

void rng_streams_reseed(rng_streams *s, uint64_t master, uint64_t replication)
{
    for (unsigned p = 0; p < s->count; p++)
        gsl_rng_set(s->stream[p], (unsigned long)rng_seed(master, replication, p));
}

void rng_streams_free(rng_streams *s)
{
    for (unsigned p = 0; p < s->count; p++) {
        gsl_rng_free(s->stream[p]);
        s->stream[p] = NULL;
    }
    s->count = 0;
}
