/*
 * libFuzzer target: sipcodes_parse_status_line on arbitrary bytes, strict
 * and not.
 *
 * Besides not crashing (ASan/UBSan watch every byte it reads), an accepted
 * line must hold together: the parts point into the input, the code is
 * 100-699, the version starts "SIP/", and the reason passes the phrase
 * check of its mode and holds no CR or LF.  What the strict parse accepts
 * the default parse accepts too, split the same way.  A refusal names an
 * offset inside the input.
 */
#include "sipcodes.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Parses in one mode and checks what it gave; returns the verdict. */
static int parse_and_check(const char *text, size_t size, int strict,
                           struct sipcodes_status_line *line)
{
    struct sipcodes_error err;
    if (sipcodes_parse_status_line(text, size, strict, line, &err)) {
        if (line->code < 100 || line->code > 699)
            abort();
        if (line->version != text || line->version_len < 7
            || line->version_len > size || strncmp(line->version + 3, "/", 1) != 0)
            abort();
        if (line->reason < text || line->reason + line->reason_len > text + size)
            abort();
        if (strict ? !sipcodes_reason_valid(line->reason, line->reason_len, NULL)
                   : !sipcodes_reason_tolerable(line->reason, line->reason_len, NULL))
            abort();
        if (memchr(line->reason, '\r', line->reason_len) != NULL
            || memchr(line->reason, '\n', line->reason_len) != NULL)
            abort();
        return 1;
    }
    if (err.message == NULL || err.offset > size)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    struct sipcodes_status_line strict, tolerant;
    int strict_ok = parse_and_check(text, size, 1, &strict);
    int tolerant_ok = parse_and_check(text, size, 0, &tolerant);
    if (strict_ok && (!tolerant_ok || strict.code != tolerant.code
                      || strict.reason != tolerant.reason
                      || strict.reason_len != tolerant.reason_len))
        abort();
    return 0;
}
