/*
 * The SIP response code table and the rules of a status code: what counts
 * as one, its class, its canonical code, its status-line text.
 *
 * Codes are plain ints.  A "valid" code is 100..699 (RFC 3261 section 7.2);
 * a "known" code is one in the table.  Functions that take a code accept any
 * int and answer "no" (0 / NULL) for what is not valid.
 */
#ifndef SIPCODES_CODES_H
#define SIPCODES_CODES_H

#include "export.h"

#include <stddef.h>

#define SIPCODES_MIN_CODE 100
#define SIPCODES_MAX_CODE 699

/* Flags of a table entry. */
#define SIPCODES_IANA        0x01u  /* registered with IANA */
#define SIPCODES_DEPRECATED  0x02u  /* not to be generated any more */

#define SIPCODES_MAX_ALIASES 4

struct sipcodes_entry {
    int code;
    unsigned flags;
    const char *reason;       /* the phrase sent on the wire */
    const char *name;         /* constant name, e.g. "BUSY_HERE" */
    const char *rfc;          /* defining document, e.g. "RFC 3261" */
    const char *aliases[SIPCODES_MAX_ALIASES + 1];  /* NULL-terminated */
    const char *description;  /* one sentence for people */
};

/* ---- The table (ascending by code) ---------------------------------- */

SIPCODES_API size_t sipcodes_count(void);
/* The i-th entry in ascending code order, or NULL when i >= count. */
SIPCODES_API const struct sipcodes_entry *sipcodes_at(size_t i);
/* The entry of a known code, or NULL. */
SIPCODES_API const struct sipcodes_entry *sipcodes_lookup(int code);
/* The first known code greater than `after`, restricted to class `cls`
 * (1..6) unless cls is 0; NULL when there is none. */
SIPCODES_API const struct sipcodes_entry *sipcodes_next(int after, int cls);

/* ---- What counts as a code ---------------------------------------------
 * The rules a hot function applies to every argument are defined here, in
 * the header: inline, they cost the Lua binding no call, and they are
 * still written once. */

/* Each returns the code when the value is a valid code, else 0.  A double
 * counts only when it is integral (486.0 is 486; 486.5, NaN and infinities
 * are not codes); text only when it is exactly three ASCII digits. */
static inline int sipcodes_from_integer(long long value)
{
    return (value >= SIPCODES_MIN_CODE && value <= SIPCODES_MAX_CODE)
        ? (int)value : 0;
}

/* Is value an integral number in lo..hi (0 <= lo <= hi)?  NaN is not. */
static inline int sipcodes_double_in(double value, int lo, int hi)
{
    /* The range test comes first: it is false for NaN, so the conversion
     * only ever sees values that fit an int.  The value is then not negative,
     * so (int) rounds it down, and it is integral when that lost nothing:
     * one comparison. */
    return value >= lo && value <= hi && (int)value >= value;
}

static inline int sipcodes_from_double(double value)
{
    return sipcodes_double_in(value, SIPCODES_MIN_CODE, SIPCODES_MAX_CODE)
        ? (int)value : 0;
}

SIPCODES_API int sipcodes_from_digits(const char *text, size_t len);

/* A reason phrase (any case, aliases included) or a constant name, with
 * surrounding ASCII white space ignored; 0 when nothing matches.  Where two
 * codes share a phrase the lower code wins (406 and 606 "Not Acceptable"). */
SIPCODES_API int sipcodes_code_of(const char *text, size_t len);

/* The code whose constant name is exactly name[0..len) ("BUSY_HERE"), or
 * 0: what sip.BUSY_HERE looks up. */
SIPCODES_API int sipcodes_code_of_name(const char *name, size_t len);

/* ---- Classification --------------------------------------------------- */

/* 1..6, or 0 for what is not a valid code. */
static inline int sipcodes_class(int code)
{
    return (code >= SIPCODES_MIN_CODE && code <= SIPCODES_MAX_CODE)
        ? (int)((unsigned)code / 100u) : 0;
}

/* The class predicates, each "a valid code whose class is first..last":
 * X(name, first, last).  Written once here for the C functions below, the
 * Lua binding's C functions and the bounds its LuaJIT functions use. */
#define SIPCODES_CLASS_PREDICATES(X)    \
    X(is_valid, 1, 6)                   \
    X(is_provisional, 1, 1)             \
    X(is_final, 2, 6)                   \
    X(is_success, 2, 2)                 \
    X(is_redirection, 3, 3)             \
    X(is_client_failure, 4, 4)          \
    X(is_server_failure, 5, 5)          \
    X(is_global_failure, 6, 6)          \
    X(is_failure, 4, 6)

/* The codes of classes first..last: class k is k00..k99 (and classes
 * 1..6 hold valid codes only). */
#define SIPCODES_CLASS_LOW(first) ((first) * 100)
#define SIPCODES_CLASS_HIGH(last) ((last) * 100 + 99)

/* sipcodes_is_valid(code), sipcodes_is_provisional(code) ...
 * sipcodes_is_failure(code): 1 or 0. */
#define SIPCODES_DEFINE_PREDICATE(name, first, last)                    \
    static inline int sipcodes_##name(int code)                         \
    {                                                                   \
        return code >= SIPCODES_CLASS_LOW(first)                        \
            && code <= SIPCODES_CLASS_HIGH(last);                       \
    }
SIPCODES_CLASS_PREDICATES(SIPCODES_DEFINE_PREDICATE)
#undef SIPCODES_DEFINE_PREDICATE

/* 1 when the code is in the table, 0 otherwise. */
SIPCODES_API int sipcodes_is_known(int code);
/* 1 when the code is in the table and deprecated, 0 otherwise. */
SIPCODES_API int sipcodes_is_deprecated(int code);

/* "provisional", "success", "redirection", "client_failure",
 * "server_failure", "global_failure"; NULL for a class outside 1..6. */
SIPCODES_API const char *sipcodes_class_name(int cls);
/* The phrase format() gives a valid code the table does not know:
 * "Provisional", "Success", "Redirection", "Client Failure",
 * "Server Failure", "Global Failure"; NULL for a class outside 1..6. */
SIPCODES_API const char *sipcodes_class_phrase(int cls);
/* RFC 3261 section 8.1.3.2: a known code is itself, an unknown 1xx is 183,
 * an unknown final code is the x00 of its class; 0 for invalid codes. */
SIPCODES_API int sipcodes_canonical(int code);

/* ---- Status-line text ------------------------------------------------- */

/* The SIP-Version a status line we write starts with (RFC 3261 section 7.1). */
#define SIPCODES_SIP_VERSION "SIP/2.0"

/* Room for any text sipcodes_format writes (three digits, SP and the
 * longest phrase of the table or of a class), not counting the
 * terminating NUL: SIPCODES_FORMAT_MAX + 1 bytes always hold the result.
 * A bound, not the longest text's length. */
#define SIPCODES_FORMAT_MAX 64

/* Writes "486 Busy Here" for a valid code: the table's phrase, or the
 * class phrase for an unknown code.  Returns the length written (without
 * the NUL, which is always written when cap > 0), or 0 when the code is not
 * valid or cap is too small. */
SIPCODES_API size_t sipcodes_format(int code, char *buf, size_t cap);

#endif
