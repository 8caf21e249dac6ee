/*
 * sipcodes core: the SIP response code table and the operations on it.
 *
 * Plain C99 with no Lua dependency, so that a fuzzer, a C test harness or a
 * SIP server module can use it directly.  Nothing here allocates memory or
 * keeps mutable state: every function is safe to call from any thread.
 *
 * Codes are plain ints.  A "valid" code is 100..699 (RFC 3261 section 7.2);
 * a "known" code is one in the table.  Functions that take a code accept any
 * int and answer "no" (0 / NULL) for what is not valid.
 */
#ifndef SIPCODES_H
#define SIPCODES_H

#include <stddef.h>

/* The core is linked into the Lua module, where only luaopen_sipcodes is
 * meant to be visible; a build that wants the C API exported (a shared core
 * library) defines SIPCODES_API itself. */
#ifndef SIPCODES_API
#  if defined(__GNUC__)
#    define SIPCODES_API __attribute__((visibility("hidden")))
#  else
#    define SIPCODES_API
#  endif
#endif

#define SIPCODES_VERSION "1.0.0"

#define SIPCODES_MIN_CODE 100
#define SIPCODES_MAX_CODE 699

/* Flags of a table entry. */
#define SIPCODES_IANA        0x01u  /* registered with IANA */
#define SIPCODES_DEPRECATED  0x02u  /* not to be generated any more */

#define SIPCODES_MAX_ALIASES 2

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

/* ---- Turning outside values into codes -------------------------------- */

/* Each returns the code when the value is a valid code, else 0.  A double
 * counts only when it is integral (486.0 is 486; 486.5, NaN and infinities
 * are not codes); text only when it is exactly three ASCII digits. */
SIPCODES_API int sipcodes_from_double(double value);
SIPCODES_API int sipcodes_from_integer(long long value);
SIPCODES_API int sipcodes_from_digits(const char *text, size_t len);

/* A reason phrase (any case, aliases included) or a constant name, with
 * surrounding ASCII white space ignored; 0 when nothing matches.  Where two
 * codes share a phrase the lower code wins (406 and 606 "Not Acceptable"). */
SIPCODES_API int sipcodes_code_of(const char *text, size_t len);

/* ---- Classification --------------------------------------------------- */

SIPCODES_API int sipcodes_is_valid(int code);
SIPCODES_API int sipcodes_class(int code);           /* 1..6, or 0 */
/* "provisional", "success", "redirection", "client_failure",
 * "server_failure", "global_failure"; NULL for a class outside 1..6. */
SIPCODES_API const char *sipcodes_class_name(int cls);
/* The phrase format() gives a valid code the table does not know:
 * "Provisional", "Success", "Redirection", "Client Failure",
 * "Server Failure", "Global Failure". */
SIPCODES_API const char *sipcodes_class_phrase(int cls);
/* RFC 3261 section 8.1.3.2: a known code is itself, an unknown 1xx is 183,
 * an unknown final code is the x00 of its class; 0 for invalid codes. */
SIPCODES_API int sipcodes_canonical(int code);

/* ---- Reason phrases and status lines ---------------------------------- */

/* Why a reason phrase or a status line was refused. */
struct sipcodes_error {
    size_t offset;            /* byte offset (0-based) where it went wrong */
    const char *message;      /* static text, no trailing period */
};

/* Checks that text is an RFC 3261 section 25 Reason-Phrase.  With
 * strict_utf8 the UTF-8 must also be well formed per RFC 3629 (no overlong
 * forms, surrogates or code points above U+10FFFF), which is what a phrase
 * we generate must be; without it the grammar's own UTF8-NONASCII rule
 * applies, which is what a parser must accept.  Returns 1 when valid; else 0
 * and fills *err when err is not NULL. */
SIPCODES_API int sipcodes_reason_valid(const char *text, size_t len,
                                       int strict_utf8,
                                       struct sipcodes_error *err);

/* The parts of a Status-Line, pointing into the parsed text. */
struct sipcodes_status_line {
    int code;
    const char *version;      /* "SIP/2.0" as written */
    size_t version_len;
    const char *reason;       /* may be empty */
    size_t reason_len;
};

/* Parses `SIP-Version SP Status-Code SP Reason-Phrase` (RFC 3261 section 25)
 * with at most one trailing CRLF or LF.  SIP-Version is
 * "SIP/" 1*DIGIT "." 1*DIGIT, "SIP" in any case (section 7.1); the code must
 * be 100..699 (section 7.2).  Returns 1 and fills *out, or 0 and fills *err
 * (either pointer may be NULL).  Reads exactly len bytes; NUL is an ordinary
 * (invalid) byte. */
SIPCODES_API int sipcodes_parse_status_line(const char *text, size_t len,
                                            struct sipcodes_status_line *out,
                                            struct sipcodes_error *err);

/* Longest text sipcodes_format writes for a known or generic phrase
 * ("607 " plus the longest phrase), not counting the terminating NUL. */
#define SIPCODES_FORMAT_MAX 64

/* Writes "486 Busy Here" for a valid code: the table's phrase, or the
 * class phrase for an unknown code.  Returns the length written (without
 * the NUL, which is always written when cap > 0), or 0 when the code is not
 * valid or cap is too small. */
SIPCODES_API size_t sipcodes_format(int code, char *buf, size_t cap);

#endif
