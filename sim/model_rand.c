/* model_rand: keyed per-family draws and small distribution helpers (see model_internal.h).
 *
 * A keyed draw is a fixed hash of (family key, purpose, k, j): the SplitMix64 finaliser, which
 * passes BigCrush on a counter, applied twice so that neighbouring (k, j) give unrelated numbers.
 * It is a pure function, so the draw a family meets does not depend on what else happened. */
#include "model_internal.h"

#include <math.h>
#include <gsl/gsl_cdf.h>

static uint64_t mix64(uint64_t z)
{
    z += 0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

double model_key_u(uint64_t key, model_rng_purpose purpose, uint32_t k, uint32_t j)
{
    uint64_t salt = ((uint64_t)purpose << 56) ^ ((uint64_t)j << 32) ^ k;
    uint64_t h = mix64(key ^ mix64(salt));
    return ((double)(h >> 11) + 0.5) * 0x1.0p-53; /* open interval (0, 1) */
}

double model_key_normal(uint64_t key, model_rng_purpose purpose, uint32_t k, uint32_t j)
{
    return gsl_cdf_ugaussian_Pinv(model_key_u(key, purpose, k, j));
}

double model_lognormal(double mean, double cv, double z)
{
    if (cv <= 0)
        return mean;
    double s2 = log1p(cv * cv);
    return mean * exp(sqrt(s2) * z - 0.5 * s2);
}

double model_exp_u(double mean, double u)
{
    return -mean * log(u);
}

double model_stream_u(model_state *st, model_rng_purpose purpose)
{
    return gsl_rng_uniform_pos(st->rng->stream[purpose]);
}
