/* rng: independent random streams, one per purpose per replication.
 *
 * Each stream is a GSL generator seeded from (master seed, replication index, purpose) by a fixed
 * hash (documented in rng.c), so a stream's numbers depend on nothing else: not on the order in
 * which replications run, the number of threads, or what other streams drew. This is what makes
 * common random numbers work across scenarios: the model uses one purpose per kind of decision, so a
 * change in, say, staffing does not shift the arrival stream.
 *
 * The caller owns an rng_streams and frees it with rng_streams_free. Purposes are small integers
 * chosen by the caller (the model enumerates its own); at most RNG_MAX_PURPOSES.
 */
#ifndef CASELOAD_RNG_H
#define CASELOAD_RNG_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

#define RNG_MAX_PURPOSES 32

typedef struct rng_streams {
    unsigned count;                   /* streams in use */
    gsl_rng *stream[RNG_MAX_PURPOSES]; /* stream[purpose] */
} rng_streams;

/* The seed of one stream: a fixed 64-bit hash of the three numbers. Never changes between versions
 * without a note in the changelog, since stored results depend on it. */
uint64_t rng_seed(uint64_t master, uint64_t replication, uint32_t purpose);

/* Allocate `count` streams for one replication. Returns 0, or -1 when out of memory (nothing to
 * free then). */
int rng_streams_init(rng_streams *s, unsigned count, uint64_t master, uint64_t replication);
/* Re-seed existing streams for another replication without allocating. */
void rng_streams_reseed(rng_streams *s, uint64_t master, uint64_t replication);
void rng_streams_free(rng_streams *s);

/* The generator type every stream uses (64-bit seeds, full period; see rng.c). */
const gsl_rng_type *rng_type(void);

#endif
