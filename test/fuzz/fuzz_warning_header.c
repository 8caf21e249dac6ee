/*
 * libFuzzer target for the Warning header walker (sipcodes_warning_next)
 * and builder (sipcodes_warning_format).  Beyond "no crash, no sanitizer
 * report" it checks properties: every span it hands out lies inside the
 * input, every agent it accepts is one the builder accepts, a warning
 * rebuilt with sipcodes_warning_format parses back to the same code, agent
 * and text, sipcodes_warning_code agrees with the walk, and an IPv6
 * reference is an agent exactly when inet_pton(AF_INET6) takes the address
 * inside it (RFC 3986's IPv6address is RFC 4291's text forms).
 *
 *   clang -fsanitize=fuzzer,address,undefined -Icsrc/core \
 *       test/fuzz/fuzz_warning_header.c csrc/core/[a-z]*.c -o fuzz_warning_header
 *   ./fuzz_warning_header test/fuzz/corpus/warning_header
 */
#define _POSIX_C_SOURCE 200112L     /* inet_pton */
#include "sipcodes.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

#define BIG (1 << 16)

static int inside(const uint8_t *data, size_t size, const char *p, size_t n)
{
    const uint8_t *q = (const uint8_t *)p;
    return q >= data && n <= size && q - data <= (ptrdiff_t)(size - n);
}

/* Builds code/agent/text and checks that it reads back the same, alone:
 * what the builder writes, the parser reads intact. */
static void round_trip(int code, const char *agent, size_t agent_len,
                       const char *text, size_t text_len)
{
    static char built[BIG];
    static char text_again[BIG];
    size_t need, n;
    struct sipcodes_warning_iter it;
    struct sipcodes_warning again;

    if (!sipcodes_warning_format(code, agent, agent_len, text, text_len,
                                 built, sizeof built, &need, NULL))
        return;             /* an agent or text the builder refuses */
    if (need >= sizeof built)
        return;
    CHECK(strlen(built) == need);
    sipcodes_warning_iter_init(&it, built, need);
    CHECK(sipcodes_warning_next(&it, &again, NULL) == 1);
    CHECK(again.code == code);
    CHECK(again.agent_len == agent_len
          && memcmp(again.agent, agent, agent_len) == 0);
    CHECK(again.text_len <= sizeof text_again);
    n = sipcodes_unquote(again.text, again.text_len, text_again);
    CHECK(n == text_len && memcmp(text_again, text, n) == 0);
    CHECK(sipcodes_warning_next(&it, &again, NULL) == 0);
    CHECK(sipcodes_warning_code(built, need) == code);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char unquoted[BIG];
    const char *text = (const char *)data;
    struct sipcodes_warning_iter it;
    struct sipcodes_warning w;
    struct sipcodes_error err;
    int status, values = 0, first = -1;

    sipcodes_warning_iter_init(&it, text, size);
    while ((status = sipcodes_warning_next(&it, &w, &err)) == 1) {
        size_t n = 0;
        if (values++ == 0)
            first = w.code;
        CHECK(w.code >= 0 && w.code <= SIPCODES_WARN_CODE_MAX);
        CHECK(w.agent_len > 0 && inside(data, size, w.agent, w.agent_len));
        CHECK(sipcodes_warn_agent_valid(w.agent, w.agent_len, NULL));
        CHECK(inside(data, size, w.text, w.text_len));
        /* The quotes around the text are in the input too. */
        CHECK(w.text > text && w.text[-1] == '"');
        CHECK(inside(data, size, w.text + w.text_len, 1)
              && w.text[w.text_len] == '"');
        if (w.text_len <= sizeof unquoted) {
            n = sipcodes_unquote(w.text, w.text_len, unquoted);
            CHECK(n <= w.text_len);
            round_trip(w.code, w.agent, w.agent_len, unquoted, n);
        }
    }
    if (status < 0) {
        CHECK(err.message != NULL && err.offset <= size);
        /* A failed walk keeps failing, with the same report. */
        {
            struct sipcodes_error again;
            CHECK(sipcodes_warning_next(&it, &w, &again) == -1);
            CHECK(again.offset == err.offset && again.message == err.message);
        }
        /* A malformed value gives no warn-code (three digits alone are a
         * warn-code, and no header). */
        if (size != 3)
            CHECK(sipcodes_warning_code(text, size) == -1);
    } else {
        CHECK(values > 0);
        CHECK(sipcodes_warning_code(text, size) == first);
    }

    /* The input as a text, then as an agent, to build with: refused, or
     * read back intact. */
    if (size <= sizeof unquoted) {
        round_trip(399, "gw.example.com", 14, text, size);
        round_trip(size % 1000, text, size, "x", 1);
    }
    /* The agent check on its own reads exactly size bytes as well. */
    (void)sipcodes_warn_agent_valid(text, size, NULL);

    /* The input as the address of an IPv6 reference, against inet_pton. */
    if (size < 64 && memchr(data, '\0', size) == NULL && memchr(data, ']', size) == NULL) {
        char addr[64], agent[80];
        unsigned char out[16];
        memcpy(addr, data, size);
        addr[size] = '\0';
        agent[0] = '[';
        memcpy(agent + 1, data, size);
        agent[size + 1] = ']';
        CHECK(sipcodes_warn_agent_valid(agent, size + 2, NULL)
              == (inet_pton(AF_INET6, addr, out) == 1));
    }
    return 0;
}
