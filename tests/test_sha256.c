/* SHA-256 against the FIPS 180-4 example vectors, and streaming in pieces
 * against hashing at once. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "rolecall/sha256.h"

static void expect_hex(const char *msg, size_t len, const char *want)
{
	char hex[SHA256_HEX_LEN + 1];

	sha256_hex(msg, len, hex);
	assert_string_equal(hex, want);
}

static void test_fips_vectors(void **state)
{
	static const char two_blocks[] =
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

	(void)state;
	expect_hex("abc", 3,
		   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	expect_hex("", 0,
		   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	expect_hex(two_blocks, strlen(two_blocks),
		   "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

/* A million 'a' fed in uneven pieces: crosses every padding case. */
static void test_million_a_in_pieces(void **state)
{
	static const char want[] =
		"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
	static const char digits[] = "0123456789abcdef";
	char *a = malloc(1000000), hex[SHA256_HEX_LEN + 1];
	unsigned char d[SHA256_BYTES];
	struct sha256 c;
	size_t at = 0, step = 1;

	(void)state;
	assert_non_null(a);
	memset(a, 'a', 1000000);
	expect_hex(a, 1000000, want);
	sha256_init(&c);
	while (at < 1000000) {
		size_t n = step < 1000000 - at ? step : 1000000 - at;

		sha256_update(&c, a + at, n);
		at += n;
		step = step * 7 % 191 + 1;
	}
	sha256_final(&c, d);
	for (int i = 0; i < SHA256_BYTES; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[SHA256_HEX_LEN] = '\0';
	assert_string_equal(hex, want);
	free(a);
}

/* Lengths 55, 56 and 64 put the length field in the same block, the next
 * one, and a block of its own (expected values from coreutils sha256sum). */
static void test_padding_boundaries(void **state)
{
	char buf[64];

	(void)state;
	memset(buf, 'x', sizeof buf);
	expect_hex(buf, 55,
		   "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072");
	expect_hex(buf, 56,
		   "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e");
	expect_hex(buf, 64,
		   "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fips_vectors),
		cmocka_unit_test(test_million_a_in_pieces),
		cmocka_unit_test(test_padding_boundaries),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
