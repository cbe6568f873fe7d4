/*
 * sha256 — SHA-256 (FIPS 180-4), for fingerprints a reader can check with
 * sha256sum: an exam certificate names each bank by the SHA-256 of its
 * file's bytes.  Pure; no allocation.
 */
#ifndef ROLECALL_SHA256_H
#define ROLECALL_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_BYTES 32
#define SHA256_HEX_LEN 64

struct sha256 {
	uint32_t h[8];
	uint64_t bytes;        /* message length so far */
	unsigned char block[64];
	size_t used;           /* bytes waiting in block */
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t len);
void sha256_final(struct sha256 *c, unsigned char out[SHA256_BYTES]);

/* The digest of data as 64 lowercase hex digits and a '\0'. */
void sha256_hex(const void *data, size_t len, char out[SHA256_HEX_LEN + 1]);

#endif
