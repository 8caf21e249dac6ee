/*
 * The Warning header field (RFC 3261 section 20.43): the registered
 * warn-codes, building a value and walking one.
 *
 *   Warning        =  "Warning" HCOLON warning-value *(COMMA warning-value)
 *   warning-value  =  warn-code SP warn-agent SP warn-text
 *   warn-code      =  3DIGIT
 *   warn-agent     =  hostport / pseudonym
 *   warn-text      =  quoted-string
 *   pseudonym      =  token
 *
 * warn-text's quoted-string begins with SWS, so the grammar lets linear
 * white space follow the SP before it; the walker lets the same follow
 * the SP after the warn-code, and the builder writes one SP in each
 * place.
 */
#ifndef SIPCODES_WARNING_H
#define SIPCODES_WARNING_H

#include "error.h"
#include "export.h"

#include <stddef.h>

/* warn-code = 3DIGIT: the values 0..999, written with three digits. */
#define SIPCODES_WARN_CODE_MAX 999

/* A registered warn-code (the IANA "Warning Codes (warn-codes)" registry). */
struct sipcodes_warn_code {
    int code;
    const char *text;           /* the recommended warn-text */
    const char *rfc;            /* defining document, e.g. "RFC 3261" */
    const char *description;    /* the RFC's explanation, or NULL */
};

/* The registered warn-codes in ascending order; NULL when i is past the
 * end. */
SIPCODES_API const struct sipcodes_warn_code *sipcodes_warn_code_at(size_t i);
/* The entry of a registered warn-code, or NULL. */
SIPCODES_API const struct sipcodes_warn_code *sipcodes_warn_code_lookup(int code);

/* Each returns the warn-code when the value is one, else -1: an integer
 * 0..999 (a double only when integral), or text of exactly three ASCII
 * digits ("007" is 7). */
SIPCODES_API int sipcodes_warn_code_from_integer(long long value);
SIPCODES_API int sipcodes_warn_code_from_double(double value);
SIPCODES_API int sipcodes_warn_code_from_digits(const char *text, size_t len);

/* Checks a warn-agent: a hostport (syntax.h) or a token.  Returns 1, or 0
 * and fills *err (offset from text). */
SIPCODES_API int sipcodes_warn_agent_valid(const char *text, size_t len,
                                           struct sipcodes_error *err);

/* One warning-value of a parsed header; the pointers point into the
 * parsed text. */
struct sipcodes_warning {
    int code;                   /* 0..999 */
    const char *agent;
    size_t agent_len;
    const char *text;           /* inside the quotes, still escaped */
    size_t text_len;            /* (sipcodes_unquote removes the escapes) */
};

struct sipcodes_warning_iter {
    const char *text;
    size_t len;
    size_t pos;
    int state;
    struct sipcodes_error error;   /* why the text is malformed */
};

/* Walks a Warning header field value (what follows "Warning:"), one
 * warning-value per call: 1 and *out filled, 0 at the end, -1 when the
 * text is malformed (*err filled when err is not NULL; every later call
 * returns -1 again).  Reads exactly len bytes; any byte sequence is safe. */
SIPCODES_API void sipcodes_warning_iter_init(struct sipcodes_warning_iter *it,
                                             const char *text, size_t len);
SIPCODES_API int sipcodes_warning_next(struct sipcodes_warning_iter *it,
                                       struct sipcodes_warning *out,
                                       struct sipcodes_error *err);

/* Builds `370 agent "text"`: the code with three digits, the agent as
 * given, the text as a quoted-string ('"' and '\' as quoted-pairs).  The
 * agent must pass sipcodes_warn_agent_valid and the text
 * sipcodes_reason_text_valid (no control characters but HTAB, well-formed
 * UTF-8).  Returns 0 and fills *err when the code, agent or text is
 * refused; else 1, with *needed the full length (without the NUL).  buf
 * holds the whole NUL-terminated value only when *needed < cap. */
SIPCODES_API int sipcodes_warning_format(int code, const char *agent,
                                         size_t agent_len, const char *text,
                                         size_t text_len, char *buf,
                                         size_t cap, size_t *needed,
                                         struct sipcodes_error *err);

/* The warn-code a text gives, for RFC 3398's use of the Warning of a 488
 * or 606: the text is a warn-code (exactly three digits) or a whole
 * Warning header value, whose first warning counts; -1 for anything else,
 * a malformed value included. */
SIPCODES_API int sipcodes_warning_code(const char *text, size_t len);

#endif
