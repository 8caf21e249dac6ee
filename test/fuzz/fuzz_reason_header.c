/*
 * libFuzzer target for the Reason header walker (sipcodes_reason_next and
 * friends).  Beyond "no crash, no sanitizer report" it checks properties:
 * every span it hands out lies inside the input, and a reason rebuilt with
 * sipcodes_reason_format parses back to the same protocol, cause and text.
 *
 *   clang -fsanitize=fuzzer,address,undefined -Icsrc/core \
 *       test/fuzz/fuzz_reason_header.c csrc/core/[a-z]*.c -o fuzz_reason_header
 *   ./fuzz_reason_header test/fuzz/corpus/reason_header
 */
#include "sipcodes.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static int inside(const uint8_t *data, size_t size, const char *p, size_t n)
{
    const uint8_t *q = (const uint8_t *)p;
    return q >= data && n <= size && q - data <= (ptrdiff_t)(size - n);
}

/* Rebuilds the reason and checks that it reads back the same. */
static void round_trip(const struct sipcodes_reason *r, const char *text,
                       size_t text_len)
{
    static char built[1 << 16];
    char proto[256];
    size_t need;
    struct sipcodes_reason_iter it;
    struct sipcodes_reason again;
    static char text_again[1 << 16];

    if (r->protocol_len >= sizeof proto)
        return;
    memcpy(proto, r->protocol, r->protocol_len);
    proto[r->protocol_len] = '\0';
    if (!sipcodes_reason_format(proto, r->cause, text, text_len, built,
                                sizeof built, &need, NULL))
        return;              /* text the builder refuses (controls, UTF-8) */
    if (need >= sizeof built)
        return;
    sipcodes_reason_iter_init(&it, built, need);
    CHECK(sipcodes_reason_next(&it, &again, NULL) == 1);
    CHECK(again.protocol_len == r->protocol_len);
    CHECK(again.kind == r->kind);
    CHECK(again.cause == r->cause);
    CHECK((again.text == NULL) == (text == NULL));
    if (text != NULL) {
        size_t n = sipcodes_unquote(again.text, again.text_len, text_again);
        CHECK(n == text_len && memcmp(text_again, text, n) == 0);
    }
    CHECK(sipcodes_reason_next(&it, &again, NULL) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char unquoted[1 << 16];
    struct sipcodes_reason_iter it;
    struct sipcodes_reason r;
    struct sipcodes_error err;
    int status, values = 0;

    sipcodes_reason_iter_init(&it, (const char *)data, size);
    while ((status = sipcodes_reason_next(&it, &r, &err)) == 1) {
        struct sipcodes_reason_param param;
        size_t pos = 0, n = 0;
        values++;
        CHECK(r.kind != SIPCODES_REASON_OTHER
              || inside(data, size, r.protocol, r.protocol_len));
        CHECK(r.protocol_len > 0);
        CHECK(r.cause >= -1 && r.cause <= SIPCODES_REASON_CAUSE_MAX);
        CHECK(inside(data, size, r.params, r.params_len));
        if (r.text != NULL) {
            CHECK(inside(data, size, r.text, r.text_len));
            CHECK(r.text_len <= sizeof unquoted);
            n = sipcodes_unquote(r.text, r.text_len, unquoted);
            CHECK(n <= r.text_len);
        }
        while (sipcodes_reason_param_next(&r, &pos, &param)) {
            CHECK(inside(data, size, param.name, param.name_len));
            CHECK(param.name_len > 0);
            CHECK(param.value == NULL
                  || inside(data, size, param.value, param.value_len));
            CHECK(pos <= r.params_len);
        }
        round_trip(&r, r.text != NULL ? unquoted : NULL, n);
    }
    if (status < 0) {
        CHECK(err.message != NULL && err.offset <= size);
        /* A failed walk keeps failing. */
        CHECK(sipcodes_reason_next(&it, &r, NULL) == -1);
    } else {
        CHECK(values > 0);
    }

    /* The input as a text to build with: refused, or read back intact. */
    if (size <= sizeof unquoted) {
        struct sipcodes_reason as_text;
        as_text.protocol = "SIP";
        as_text.protocol_len = 3;
        as_text.kind = SIPCODES_REASON_SIP;
        as_text.cause = 200;
        round_trip(&as_text, (const char *)data, size);
    }
    return 0;
}
