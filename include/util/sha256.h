/* sha256: the SHA-256 digest (FIPS 180-4), for the results manifest (manifest.h): each file of a
 * run is named there with its digest, so a folder that mixes two runs is detected. Incremental:
 * init, update with any number of pieces, final. The state is the caller's; nothing global. */
#ifndef CASELOAD_SHA256_H
#define CASELOAD_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_BYTES 32
#define SHA256_HEX (2 * SHA256_BYTES + 1) /* hex digits and a NUL */

typedef struct sha256_ctx {
    uint32_t h[8];
    uint64_t bytes;          /* message length so far */
    unsigned char block[64]; /* partial block */
    size_t used;             /* bytes in block */
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t len);
void sha256_final(sha256_ctx *c, unsigned char out[SHA256_BYTES]);
/* Lower-case hex of a digest into hex[SHA256_HEX]. */
void sha256_hex(const unsigned char d[SHA256_BYTES], char hex[SHA256_HEX]);

#endif
