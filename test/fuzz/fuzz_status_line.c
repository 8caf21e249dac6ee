/*
 * libFuzzer target: sipcodes_parse_status_line on arbitrary bytes.
 *
 * Besides not crashing (ASan/UBSan watch every byte it reads), an accepted
 * line must hold together: the parts point into the input, the code is
 * 100-699, the version starts "SIP/", and the reason passes the grammar's
 * own Reason-Phrase check.  A refusal names an offset inside the input.
 */
#include "sipcodes.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    struct sipcodes_status_line line;
    struct sipcodes_error err;
    if (sipcodes_parse_status_line(text, size, &line, &err)) {
        if (line.code < 100 || line.code > 699)
            abort();
        if (line.version != text || line.version_len < 7
            || line.version_len > size || strncmp(line.version + 3, "/", 1) != 0)
            abort();
        if (line.reason < text || line.reason + line.reason_len > text + size)
            abort();
        if (!sipcodes_reason_valid(line.reason, line.reason_len, 0, NULL))
            abort();
        if (memchr(line.reason, '\r', line.reason_len) != NULL
            || memchr(line.reason, '\n', line.reason_len) != NULL)
            abort();
    } else {
        if (err.message == NULL || err.offset > size)
            abort();
    }
    return 0;
}
