/* Why a text was refused: what the parsers and checkers of the core report. */
#ifndef SIPCODES_ERROR_H
#define SIPCODES_ERROR_H

#include <stddef.h>

struct sipcodes_error {
    size_t offset;            /* byte offset (0-based) where it went wrong */
    const char *message;      /* static text, no trailing period */
    int code;                 /* 0, or a status code the message names: the
                                 message then holds one "%d" that stands for
                                 it (one static text, not one per code) */
};

/* Fills *err (when err is not NULL) and returns 0, so that a parser can
 * `return sipcodes_error_at(err, i, "...")`. */
static inline int sipcodes_error_at(struct sipcodes_error *err, size_t offset,
                                    const char *message)
{
    if (err != NULL) {
        err->offset = offset;
        err->message = message;
        err->code = 0;
    }
    return 0;
}

#endif
