/*
 * The Reason header field (RFC 3326, RFC 6432): building a value and
 * walking one.
 */
#ifndef SIPCODES_REASON_HEADER_H
#define SIPCODES_REASON_HEADER_H

#include "error.h"
#include "export.h"

#include <stddef.h>

enum sipcodes_reason_protocol {
    SIPCODES_REASON_OTHER = 0,
    SIPCODES_REASON_SIP = 1,
    SIPCODES_REASON_Q850 = 2
};

/* The most digits a parsed cause may have (the grammar is 1*DIGIT; a
 * longer one is reported as malformed, leading zeros or not), and so the
 * largest cause value.  The builder refuses a larger cause, since what it
 * writes must parse. */
#define SIPCODES_REASON_CAUSE_DIGITS 9
#define SIPCODES_REASON_CAUSE_MAX 999999999L

/* One reason-value of a parsed header.  All pointers point into the parsed
 * text, except protocol for the registered protocols, which is the
 * registered spelling ("SIP", "Q.850") whatever case was written. */
struct sipcodes_reason {
    int kind;                      /* enum sipcodes_reason_protocol */
    const char *protocol;
    size_t protocol_len;
    long cause;                    /* -1 when there is no cause parameter */
    const char *text;              /* inside the quotes, still escaped; */
    size_t text_len;               /* NULL when there is no text */
    const char *params;            /* every parameter, for */
    size_t params_len;             /* sipcodes_reason_param_next */
};

/* An extension parameter (neither cause nor text). */
struct sipcodes_reason_param {
    const char *name;
    size_t name_len;
    const char *value;             /* NULL when the parameter has no value */
    size_t value_len;
    int quoted;                    /* value is a quoted-string's inside,
                                      still escaped */
};

struct sipcodes_reason_iter {
    const char *text;
    size_t len;
    size_t pos;
    int state;
    struct sipcodes_error error;   /* why the text is malformed */
};

/* Walks a Reason header field value (what follows "Reason:"), one
 * reason-value per call: 1 and *out filled, 0 at the end, -1 when the text
 * is malformed (*err filled when err is not NULL; every later call returns
 * -1 again).  Reads exactly len bytes; any byte sequence is safe. */
SIPCODES_API void sipcodes_reason_iter_init(struct sipcodes_reason_iter *it,
                                            const char *text, size_t len);
SIPCODES_API int sipcodes_reason_next(struct sipcodes_reason_iter *it,
                                      struct sipcodes_reason *out,
                                      struct sipcodes_error *err);

/* Walks the extension parameters of a reason that sipcodes_reason_next
 * returned; *pos starts at 0.  Returns 1 and fills *out, or 0 at the end. */
SIPCODES_API int sipcodes_reason_param_next(const struct sipcodes_reason *r,
                                            size_t *pos,
                                            struct sipcodes_reason_param *out);

/* Removes the quoted-pair escapes of a quoted-string's inside: writes at
 * most len bytes to out and returns how many. */
SIPCODES_API size_t sipcodes_unquote(const char *text, size_t len, char *out);

/* Checks text to be put in a quoted-string: text characters only
 * (sipcodes_syntax_text_char: HTAB, %x20-7E and UTF-8 as
 * sipcodes_utf8_len reads it), since a CR or LF could end the header and
 * forge another.  It is what the walkers' quoted-strings stand for, so
 * every text they hand out passes.  Returns 1, or 0 and fills *err. */
SIPCODES_API int sipcodes_reason_text_valid(const char *text, size_t len,
                                            struct sipcodes_error *err);

/* Builds `protocol;cause=N;text="..."` (cause omitted when negative, text
 * when NULL), escaping '"' and '\' as quoted-pairs (RFC 3261 section 25).
 * Text must pass sipcodes_reason_text_valid and the cause be at most
 * SIPCODES_REASON_CAUSE_MAX, what the walker reads.  Returns 0 and fills
 * *err when the text or cause is refused or the protocol is not a token;
 * else 1, with *needed the full length (without the NUL).  buf holds the
 * whole NUL-terminated value only when *needed < cap. */
SIPCODES_API int sipcodes_reason_format(const char *protocol, long cause,
                                        const char *text, size_t text_len,
                                        char *buf, size_t cap, size_t *needed,
                                        struct sipcodes_error *err);

#endif
