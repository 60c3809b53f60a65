/* model_rand: keyed random draws (model_rand.c): a family's luck, the same in every
 * scenario. */
#ifndef CASELOAD_MODEL_RAND_H
#define CASELOAD_MODEL_RAND_H

#include <stdint.h>
#include "model_state.h"

/* A keyed uniform in (0, 1): the SplitMix64 finaliser, which passes BigCrush on a counter,
 * applied twice so that neighbouring (k, j) give unrelated numbers. A pure function, so the draw
 * a family meets does not depend on what else happened. */
static inline uint64_t model_mix64(uint64_t z)
{
    z += 0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static inline double model_key_u(uint64_t key, model_rng_purpose purpose, uint32_t k, uint32_t j)
{
    uint64_t salt = ((uint64_t)purpose << 56) ^ ((uint64_t)j << 32) ^ k;
    uint64_t h = model_mix64(key ^ model_mix64(salt));
    return ((double)(h >> 11) + 0.5) * 0x1.0p-53; /* open interval (0, 1) */
}

double model_normal_quantile(double u); /* standard normal quantile of u in (0, 1) */

static inline double model_key_normal(uint64_t key, model_rng_purpose purpose, uint32_t k, uint32_t j)
{
    return model_normal_quantile(model_key_u(key, purpose, k, j));
}
double model_lognormal(double mean, double cv, double z); /* from a standard normal z */
model_lognormal_shape model_lognormal_shape_of(double cv);
/* The same draw as model_lognormal(mean, s->cv, z), bit for bit, without its log1p and sqrt
 * (a third of a draw's cost on the paths that draw a duration for every case). */
double model_lognormal_of(double mean, const model_lognormal_shape *s, double z);
double model_exp_u(double mean, double u);                  /* exponential from a uniform */
double model_stream_u(model_state *st, model_rng_purpose purpose);

#endif
