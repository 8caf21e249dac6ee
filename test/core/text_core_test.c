/*
 * Tests of the core's one rule for text, without Lua, built with
 * AddressSanitizer and UBSan: prints "ok - ..." / "not ok - ...".
 *
 * - Every reader of UTF-8 at the exact end of a heap buffer of exactly the
 *   text's size (no NUL after it), so that a length check that reads one
 *   byte past the end is an ASan report, not a silent pass.
 * - sipcodes_utf8_len against RFC 3629 section 3's definition, computed
 *   here from the bits: the code point's range decides, not a table.
 * - IPv6 references against inet_pton(AF_INET6), which implements the same
 *   RFC 4291 text forms RFC 3986 writes as ABNF.
 */
#define _POSIX_C_SOURCE 200112L     /* inet_pton */
#include "sipcodes.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

static void check(int cond, const char *what)
{
    printf("%s - %s\n", cond ? "ok" : "not ok", what);
    if (!cond)
        failures++;
}

/* A heap copy of exactly len bytes: nothing readable after it. */
static char *exact(const char *bytes, size_t len)
{
    char *p = malloc(len > 0 ? len : 1);
    if (p == NULL) {
        perror("malloc");
        exit(2);
    }
    memcpy(p, bytes, len);
    return p;
}

/* Each reader of text on `prefix` followed by `tail`, in a buffer of
 * exactly that size; returns how many of them accepted it. */
struct verdicts {
    int utf8, phrase, text, status_line, reason, warning;
};

static int reason_ok(const char *p, size_t n)
{
    struct sipcodes_reason_iter it;
    struct sipcodes_reason r;
    int status;
    sipcodes_reason_iter_init(&it, p, n);
    while ((status = sipcodes_reason_next(&it, &r, NULL)) == 1)
        ;
    return status == 0;
}

static int warning_ok(const char *p, size_t n)
{
    struct sipcodes_warning_iter it;
    struct sipcodes_warning w;
    int status;
    sipcodes_warning_iter_init(&it, p, n);
    while ((status = sipcodes_warning_next(&it, &w, NULL)) == 1)
        ;
    return status == 0;
}

/* Runs the whole text `s` (len bytes) through a reader from an exact
 * buffer, with the bytes before it taken from `head` and the closing ones
 * from `close`, so that the UTF-8 under test sits at the very end of the
 * buffer when `close` is empty. */
static int at_end(int (*reader)(const char *, size_t), const char *head,
                  const char *s, size_t len, const char *close)
{
    size_t h = strlen(head), c = strlen(close), n = h + len + c;
    char *tmp = malloc(n > 0 ? n : 1), *buf;
    int ok;
    if (tmp == NULL)
        exit(2);
    memcpy(tmp, head, h);
    memcpy(tmp + h, s, len);
    memcpy(tmp + h + len, close, c);
    buf = exact(tmp, n);
    free(tmp);
    ok = reader(buf, n);
    free(buf);
    return ok;
}

static int utf8_reader(const char *p, size_t n)
{
    return n > 0 && sipcodes_utf8_len(p, n) == n;
}

static int phrase_reader(const char *p, size_t n)
{
    return sipcodes_reason_valid(p, n, NULL);
}

static int text_reader(const char *p, size_t n)
{
    return sipcodes_reason_text_valid(p, n, NULL);
}

static int status_line_reader(const char *p, size_t n)
{
    return sipcodes_parse_status_line(p, n, 1, NULL, NULL);
}

static void test_buffer_ends(void)
{
    /* RFC 3629 section 4: one of each length, then every proper prefix of
     * each, which a reader must refuse without reading past it. */
    static const struct { const char *bytes; size_t len; } whole[] = {
        {"\xC3\xBC", 2},              /* U+00FC */
        {"\xE2\x82\xAC", 3},          /* U+20AC */
        {"\xF0\x9F\x93\x9E", 4},      /* U+1F4DE */
        {"\xF4\x8F\xBF\xBF", 4},      /* U+10FFFF */
    };
    size_t i, cut;
    int whole_ok = 1, cut_refused = 1, closed_refused = 1;

    for (i = 0; i < sizeof whole / sizeof whole[0]; i++) {
        const char *b = whole[i].bytes;
        size_t n = whole[i].len;
        whole_ok = whole_ok && at_end(utf8_reader, "", b, n, "")
            && at_end(phrase_reader, "", b, n, "") && at_end(text_reader, "", b, n, "")
            && at_end(status_line_reader, "SIP/2.0 200 ", b, n, "")
            && at_end(reason_ok, "SIP;text=\"", b, n, "\"")
            && at_end(warning_ok, "399 gw \"", b, n, "\"");
        for (cut = 1; cut < n; cut++) {
            /* The cut sequence is the last thing in the buffer. */
            cut_refused = cut_refused && !at_end(utf8_reader, "", b, cut, "")
                && !at_end(phrase_reader, "", b, cut, "")
                && !at_end(phrase_reader, "a", b, cut, "")
                && !at_end(text_reader, "", b, cut, "")
                && !at_end(text_reader, "a", b, cut, "")
                && !at_end(status_line_reader, "SIP/2.0 200 ", b, cut, "")
                && !at_end(reason_ok, "SIP;text=\"", b, cut, "")
                && !at_end(warning_ok, "399 gw \"", b, cut, "");
            /* ... and before the closing quote. */
            closed_refused = closed_refused && !at_end(reason_ok, "SIP;text=\"", b, cut, "\"")
                && !at_end(warning_ok, "399 gw \"", b, cut, "\"");
        }
    }
    check(whole_ok, "whole UTF-8 characters at the very end of a buffer are taken by every reader");
    check(cut_refused, "a truncated sequence at the very end of an exact buffer is refused, nothing read past it");
    check(closed_refused, "a truncated sequence before the closing quote is refused");

    /* A quoted-pair, a folded line and a '%' escape cut by the end. */
    check(!at_end(reason_ok, "SIP;text=\"\\", "", 0, "")
          && !at_end(warning_ok, "399 gw \"a\\", "", 0, "")
          && !at_end(warning_ok, "399 gw \"a\r", "", 0, "")
          && !at_end(warning_ok, "399 gw \"a\r\n", "", 0, "")
          && !at_end(phrase_reader, "a%4", "", 0, "")
          && !at_end(status_line_reader, "SIP/2.0 200 %", "", 0, ""),
          "escapes and folds cut by the end of an exact buffer are refused");
    check(sipcodes_utf8_len("\xC3", 0) == 0 && sipcodes_utf8_len(NULL, 4) == 0,
          "nothing available is no character");
}

/* RFC 3629 section 3, from the bits: the length the lead byte announces,
 * continuation bytes 10xxxxxx, the code point in the range of that length
 * (the shortest form), not a surrogate, at most U+10FFFF. */
static size_t rfc3629_len(const unsigned char *p, size_t avail)
{
    size_t n, i;
    uint32_t cp;
    static const uint32_t least[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (avail == 0)
        return 0;
    if ((p[0] & 0x80) == 0)
        return 1;
    if ((p[0] & 0xE0) == 0xC0) { n = 2; cp = p[0] & 0x1F; }
    else if ((p[0] & 0xF0) == 0xE0) { n = 3; cp = p[0] & 0x0F; }
    else if ((p[0] & 0xF8) == 0xF0) { n = 4; cp = p[0] & 0x07; }
    else return 0;
    if (avail < n)
        return 0;
    for (i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3F);
    }
    if (cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

static void test_utf8_rule(void)
{
    static const unsigned char tails[] = {
        0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE0, 0xF0, 0xFF
    };
    size_t nt = sizeof tails, a, b, c, d, avail;
    unsigned long tried = 0, differ = 0;
    unsigned char seq[4];
    char *buf[5];
    for (avail = 1; avail <= 4; avail++)
        buf[avail] = exact("\0\0\0", avail);
    /* Every first and second byte; the third and fourth from the values
     * where the continuation and range rules change, where the first byte
     * makes them count. */
    for (a = 0; a < 256; a++)
        for (b = 0; b < 256; b++)
            for (c = 0; c < (a >= 0xE0 ? nt : 1); c++)
                for (d = 0; d < (a >= 0xF0 ? nt : 1); d++) {
                    seq[0] = (unsigned char)a;
                    seq[1] = (unsigned char)b;
                    seq[2] = tails[c];
                    seq[3] = tails[d];
                    for (avail = 1; avail <= 4; avail++) {
                        size_t got;
                        memcpy(buf[avail], seq, avail);
                        got = sipcodes_utf8_len(buf[avail], avail);
                        tried++;
                        if (got != rfc3629_len(seq, avail) && differ++ < 5)
                            printf("# %02x %02x %02x %02x (%zu bytes): %zu, RFC 3629 %zu\n",
                                   seq[0], seq[1], seq[2], seq[3], avail, got,
                                   rfc3629_len(seq, avail));
                    }
                }
    for (avail = 1; avail <= 4; avail++)
        free(buf[avail]);
    printf("# %lu sequences compared\n", tried);
    check(differ == 0, "sipcodes_utf8_len is RFC 3629 section 3 on every first and second byte");
}

/* ---- IPv6 references against inet_pton ---------------------------------- */

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint32_t rng(uint32_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state % n);
}

/* Pieces an address is written with: hex groups of every length, dotted
 * quads good and bad (too large, a leading zero, too few or many parts). */
static const char *const pieces[] = {
    "0", "1", "a", "F", "00", "ff", "abc", "0000", "FfFf", "12345", "g",
    "1.2.3.4", "0.0.0.0", "255.255.255.255", "192.0.2.1", "1.2.3.999",
    "256.1.1.1", "01.2.3.4", "1.2.3.04", "1.2.3", "1.2.3.4.5", "1..2.3",
    "999", "0x1", "",
};

static int agent_says(const char *addr, const char *suffix)
{
    char agent[128];
    int n = snprintf(agent, sizeof agent, "[%s]%s", addr, suffix);
    char *buf = exact(agent, (size_t)n);
    int ok = sipcodes_warn_agent_valid(buf, (size_t)n, NULL);
    free(buf);
    return ok;
}

static void test_ipv6_against_inet_pton(void)
{
    static const char *const fixed[] = {
        "::1.2.3.999", "::01.2.3.4", "::1.2.3.4", "::ffff:192.0.2.1", "::", "::1",
        "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4",
        "1:2:3:4:5::1.2.3.4", "1:2:3:4:5:6::1.2.3.4", "1::2::3", ":1::", "1::2:", "12345::",
    };
    unsigned long tried = 0, differ = 0, valid = 0;
    size_t i;
    unsigned char out[16];

    for (i = 0; i < sizeof fixed / sizeof fixed[0] + 300000; i++) {
        char addr[96];
        size_t len = 0;
        int k, groups, ours, peer;
        if (i < sizeof fixed / sizeof fixed[0]) {
            snprintf(addr, sizeof addr, "%s", fixed[i]);
        } else {
            groups = 1 + (int)rng(9);
            addr[0] = '\0';
            for (k = 0; k < groups; k++) {
                const char *sep = k == 0 ? (rng(6) == 0 ? "::" : rng(12) == 0 ? ":" : "")
                                         : (rng(7) == 0 ? "::" : ":");
                const char *piece = pieces[rng(sizeof pieces / sizeof pieces[0])];
                if (len + strlen(sep) + strlen(piece) + 3 >= sizeof addr)
                    break;
                len += (size_t)sprintf(addr + len, "%s%s", sep, piece);
            }
            if (rng(8) == 0)
                len += (size_t)sprintf(addr + len, rng(2) ? "::" : ":");
        }
        peer = inet_pton(AF_INET6, addr, out) == 1;
        ours = agent_says(addr, "");
        tried++;
        valid += (unsigned long)peer;
        if (ours != peer || agent_says(addr, ":5060") != peer) {
            if (differ++ < 8)
                printf("# [%s]: sipcodes %s, inet_pton %s\n", addr, ours ? "takes" : "refuses",
                       peer ? "takes" : "refuses");
        }
    }
    printf("# %lu addresses compared, %lu valid\n", tried, valid);
    check(differ == 0, "an IPv6 reference is valid exactly when inet_pton(AF_INET6) takes the address");
    check(valid > 1000 && tried - valid > 1000, "the comparison saw many of both");
}

/* The Reason builder writes only causes its walker reads back (RFC 3326's
 * cause = 1*DIGIT, kept up to SIPCODES_REASON_CAUSE_MAX). */
static void test_reason_cause(void)
{
    char buf[64];
    size_t need;
    struct sipcodes_reason_iter it;
    struct sipcodes_reason r;
    struct sipcodes_error err;
    check(sipcodes_reason_format("SIP", 999999999L, "x", 1, buf, sizeof buf, &need, NULL)
          && strcmp(buf, "SIP;cause=999999999;text=\"x\"") == 0,
          "the largest cause the walker reads is written");
    sipcodes_reason_iter_init(&it, buf, need);
    check(sipcodes_reason_next(&it, &r, NULL) == 1 && r.cause == 999999999L,
          "... and read back");
    check(!sipcodes_reason_format("SIP", 1000000000L, NULL, 0, buf, sizeof buf, &need, &err)
          && strcmp(err.message, "cause longer than 9 digits") == 0,
          "a cause the walker would refuse is not written");
}

int main(void)
{
    test_buffer_ends();
    test_reason_cause();
    test_utf8_rule();
    test_ipv6_against_inet_pton();
    return failures != 0;
}
