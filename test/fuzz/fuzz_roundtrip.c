/*
 * libFuzzer target: one rule for text, both ways.  For every input a
 * strict parser accepts -- a Status-Line parsed strictly, a Reason header
 * value, a Warning header value -- building from the parsed parts with
 * the core's builders must succeed, and what they build must parse back to
 * the same parts.  A builder that refuses what its parser handed out (an
 * overlong form, a surrogate, an escaped control, an agent) is a failure
 * here, not a skipped case.
 *
 *   clang -fsanitize=fuzzer,address,undefined -Icsrc/core \
 *       test/fuzz/fuzz_roundtrip.c csrc/core/[a-z]*.c -o fuzz_roundtrip
 *   ./fuzz_roundtrip test/fuzz/corpus/roundtrip
 */
#include "sipcodes.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define BIG (1 << 16)

static void fail(const char *what, const uint8_t *data, size_t size)
{
    size_t i;
    fprintf(stderr, "round trip broken: %s\ninput:", what);
    for (i = 0; i < size; i++)
        fprintf(stderr, " %02x", data[i]);
    fprintf(stderr, "\n");
    abort();
}

#define CHECK(cond, what) do { if (!(cond)) fail(what, data, size); } while (0)

/* status_line(code, phrase) is the phrase check and the concatenation. */
static void status_line(const uint8_t *data, size_t size)
{
    static char built[BIG];
    struct sipcodes_status_line line, again;
    int n;
    if (!sipcodes_parse_status_line((const char *)data, size, 1, &line, NULL))
        return;
    CHECK(sipcodes_reason_valid(line.reason, line.reason_len, NULL),
          "a strictly parsed phrase fails the builder's check");
    if (line.reason_len + 16 > sizeof built)
        return;
    n = snprintf(built, sizeof built, "SIP/2.0 %d ", line.code);
    memcpy(built + n, line.reason, line.reason_len);
    CHECK(sipcodes_parse_status_line(built, (size_t)n + line.reason_len, 1, &again, NULL),
          "the rebuilt Status-Line does not parse");
    CHECK(again.code == line.code && again.reason_len == line.reason_len
          && memcmp(again.reason, line.reason, line.reason_len) == 0,
          "the rebuilt Status-Line parses to other parts");
}

static void reason_header(const uint8_t *data, size_t size)
{
    static char text[BIG], built[BIG], text_again[BIG];
    struct sipcodes_reason_iter it, it2;
    struct sipcodes_reason r, again;
    char proto[256];
    size_t text_len = 0, need;

    sipcodes_reason_iter_init(&it, (const char *)data, size);
    while (sipcodes_reason_next(&it, &r, NULL) == 1) {
        if (r.protocol_len >= sizeof proto || r.text_len > sizeof text)
            continue;
        memcpy(proto, r.protocol, r.protocol_len);
        proto[r.protocol_len] = '\0';
        if (r.text != NULL)
            text_len = sipcodes_unquote(r.text, r.text_len, text);
        CHECK(r.text == NULL || sipcodes_reason_text_valid(text, text_len, NULL),
              "a parsed Reason text fails the builder's check");
        CHECK(sipcodes_reason_format(proto, r.cause, r.text != NULL ? text : NULL, text_len,
                                     built, sizeof built, &need, NULL),
              "the Reason builder refuses what its parser read");
        if (need >= sizeof built)
            continue;
        sipcodes_reason_iter_init(&it2, built, need);
        CHECK(sipcodes_reason_next(&it2, &again, NULL) == 1, "the rebuilt Reason does not parse");
        CHECK(again.kind == r.kind && again.protocol_len == r.protocol_len
              && memcmp(again.protocol, r.protocol, r.protocol_len) == 0
              && again.cause == r.cause && (again.text == NULL) == (r.text == NULL),
              "the rebuilt Reason parses to another protocol, cause or text");
        if (r.text != NULL) {
            size_t n = sipcodes_unquote(again.text, again.text_len, text_again);
            CHECK(n == text_len && memcmp(text_again, text, n) == 0,
                  "the rebuilt Reason text reads back otherwise");
        }
        CHECK(sipcodes_reason_next(&it2, &again, NULL) == 0, "the rebuilt Reason is more than one");
    }
}

static void warning_header(const uint8_t *data, size_t size)
{
    static char text[BIG], built[BIG], text_again[BIG];
    struct sipcodes_warning_iter it, it2;
    struct sipcodes_warning w, again;
    size_t text_len, need;

    sipcodes_warning_iter_init(&it, (const char *)data, size);
    while (sipcodes_warning_next(&it, &w, NULL) == 1) {
        if (w.text_len > sizeof text)
            continue;
        text_len = sipcodes_unquote(w.text, w.text_len, text);
        CHECK(sipcodes_reason_text_valid(text, text_len, NULL),
              "a parsed warn-text fails the builder's check");
        CHECK(sipcodes_warning_format(w.code, w.agent, w.agent_len, text, text_len,
                                      built, sizeof built, &need, NULL),
              "the Warning builder refuses what its parser read");
        if (need >= sizeof built)
            continue;
        sipcodes_warning_iter_init(&it2, built, need);
        CHECK(sipcodes_warning_next(&it2, &again, NULL) == 1, "the rebuilt Warning does not parse");
        CHECK(again.code == w.code && again.agent_len == w.agent_len
              && memcmp(again.agent, w.agent, w.agent_len) == 0,
              "the rebuilt Warning parses to another code or agent");
        {
            size_t n = sipcodes_unquote(again.text, again.text_len, text_again);
            CHECK(n == text_len && memcmp(text_again, text, n) == 0,
                  "the rebuilt warn-text reads back otherwise");
        }
        CHECK(sipcodes_warning_next(&it2, &again, NULL) == 0, "the rebuilt Warning is more than one");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    status_line(data, size);
    reason_header(data, size);
    warning_header(data, size);
    return 0;
}
