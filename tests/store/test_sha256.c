#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "util/sha256.h"

Test(sha256, known_vectors)
{
    char hex[65];
    tito_sha256_hex(hex, "", 0);
    cr_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    tito_sha256_hex(hex, m, strlen(m));
    cr_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    /* streaming in odd pieces == one shot */
    static char big[100000];
    memset(big, 'a', sizeof(big));
    tito_sha256 c;
    unsigned char d[32];
    tito_sha256_init(&c);
    for (size_t off = 0; off < sizeof(big);) {
        size_t n = (off % 97) + 1;
        if (off + n > sizeof(big))
            n = sizeof(big) - off;
        tito_sha256_update(&c, big + off, n);
        off += n;
    }
    tito_sha256_final(&c, d);
    tito_sha256_hex(hex, big, sizeof(big));
    char hex2[65];
    for (int i = 0; i < 32; i++)
        sprintf(hex2 + 2 * i, "%02x", d[i]);
    cr_assert_str_eq(hex, hex2);
}
