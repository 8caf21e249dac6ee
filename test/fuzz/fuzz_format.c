/*
 * libFuzzer target: formatting with a caller's reason, as format() and
 * status_line() do it.
 *
 * The first two bytes pick a code (including invalid ones), the third a
 * buffer size for sipcodes_format; the rest is the caller's reason.  A
 * reason the strict check accepts must make a line that the Status-Line
 * parser reads back as the same code and reason, so a reason that passes
 * can never break or forge a message; sipcodes_format must never write
 * past the buffer it is given (an exact-size heap buffer, under ASan).
 */
#include "sipcodes.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_round_trip(int code, const char *reason, size_t len)
{
    size_t cap = len + 16;
    char *line = malloc(cap);
    struct sipcodes_status_line parsed;
    int n;
    if (line == NULL)
        return;
    n = snprintf(line, cap, "SIP/2.0 %d ", code);
    memcpy(line + n, reason, len);
    if (!sipcodes_parse_status_line(line, (size_t)n + len, 1, &parsed, NULL)
        || parsed.code != code || parsed.reason_len != len
        || memcmp(parsed.reason, reason, len) != 0)
        abort();
    free(line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int code;
    size_t cap, len;
    char *buf;
    const char *reason;
    struct sipcodes_error err;
    int strict, lax;

    if (size < 3)
        return 0;
    code = (int)(int16_t)((uint16_t)data[0] << 8 | data[1]);
    cap = data[2] % (SIPCODES_FORMAT_MAX + 8);
    reason = (const char *)data + 3;
    len = size - 3;

    buf = malloc(cap > 0 ? cap : 1);
    if (buf == NULL)
        return 0;
    {
        size_t n = sipcodes_format(code, cap > 0 ? buf : NULL, cap);
        if (n > 0 && (n >= cap || strlen(buf) != n || !sipcodes_is_valid(code)))
            abort();
        if (n == 0 && sipcodes_is_valid(code) && cap >= SIPCODES_FORMAT_MAX + 1)
            abort();
    }
    free(buf);

    strict = sipcodes_reason_valid(reason, len, &err);
    if (!strict && err.offset >= len)
        abort();
    /* A valid phrase is one a strict parse of the line takes. */
    lax = sipcodes_reason_tolerable(reason, len, NULL);
    if (strict && !lax)
        abort();
    if (strict && (memchr(reason, '\r', len) || memchr(reason, '\n', len)
                   || memchr(reason, '\0', len)))
        abort();
    if (strict && sipcodes_is_valid(code))
        check_round_trip(code, reason, len);
    return 0;
}
