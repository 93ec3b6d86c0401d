/* SHA-256 (FIPS 180-4), a small self-contained implementation for the
 * content-addressed artifacts. Value type, no allocation. */
#ifndef TITO_UTIL_SHA256_H
#define TITO_UTIL_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct tito_sha256 {
    uint32_t h[8];
    uint64_t total;        /* bytes hashed so far */
    unsigned char block[64];
    size_t used;           /* bytes in block */
} tito_sha256;

void tito_sha256_init(tito_sha256 *c);
void tito_sha256_update(tito_sha256 *c, const void *data, size_t len);
void tito_sha256_final(tito_sha256 *c, unsigned char digest[32]);
/* One-shot: writes 64 lowercase hex chars + NUL to hex. */
void tito_sha256_hex(char hex[65], const void *data, size_t len);

#endif
