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

/* ====================================================================== *
 * Interworking: Q.850 causes, the Reason header field, and the header    *
 * fields a response must carry.                                          *
 * (sipcodes_q850.c, sipcodes_reason_header.c, sipcodes_headers.c)        *
 * ====================================================================== */

/* ---- Q.850 cause values ------------------------------------------------ */

/* Q.850 causes are 7-bit (0..127).  FreeSWITCH hangup causes share those
 * numbers and add its own above them (487 ORIGINATOR_CANCEL, 8xx), so the
 * cause functions take any int and answer "no" for what they do not know. */
#define SIPCODES_Q850_MAX_CAUSE 127
/* Largest value the cause input converters accept (3 decimal digits):
 * room for FreeSWITCH's internal causes. */
#define SIPCODES_CAUSE_MAX 999

/* Each returns the cause when the value is an integer 0..SIPCODES_CAUSE_MAX
 * (a double only when integral; text only when 1 to 3 ASCII digits), else
 * -1. */
SIPCODES_API int sipcodes_cause_from_integer(long long value);
SIPCODES_API int sipcodes_cause_from_double(double value);
SIPCODES_API int sipcodes_cause_from_digits(const char *text, size_t len);

struct sipcodes_cause {
    int cause;
    const char *name;        /* Q.850 cause name, NULL for FreeSWITCH-only */
    const char *freeswitch;  /* switch_call_cause_t name without the
                                SWITCH_CAUSE_ prefix, or NULL */
};

/* The causes the mappings use, ascending; NULL when i is past the end. */
SIPCODES_API const struct sipcodes_cause *sipcodes_cause_at(size_t i);
/* The Q.850 name of a cause ("User busy"), or NULL. */
SIPCODES_API const char *sipcodes_q850_name(int cause);
/* FreeSWITCH's name of a cause ("USER_BUSY"), or NULL. */
SIPCODES_API const char *sipcodes_freeswitch_cause_name(int cause);
/* The cause named by a Q.850 name or a FreeSWITCH name (ASCII case and
 * surrounding blanks ignored), or -1. */
SIPCODES_API int sipcodes_cause_of(const char *text, size_t len);

/* ---- SIP <-> Q.850 mappings -------------------------------------------- */

enum sipcodes_q850_profile {
    SIPCODES_PROFILE_RFC3398 = 0,     /* RFC 3398 sections 7.2.4.1, 8.2.6.1 */
    SIPCODES_PROFILE_FREESWITCH = 1   /* mod_sofia's tables */
};

/* "rfc3398" or "freeswitch" (exact, lower case) -> the profile, else -1. */
SIPCODES_API int sipcodes_profile_of(const char *text, size_t len);

/* The warn-code (RFC 3261 section 20.43) at the start of a Warning header
 * value ("304 host \"...\"", or just "304"), or -1. */
SIPCODES_API int sipcodes_warning_code(const char *text, size_t len);

/* The cause a gateway sends for a SIP response, or -1 when the profile
 * says none (RFC 3398: 487) or the code is not valid.  warn_code is the
 * response's Warning code or -1; RFC 3398 uses it for 488 and 606 only. */
SIPCODES_API int sipcodes_to_q850(int code, int warn_code, int profile);

/* The SIP response a gateway sends for a cause, or 0 when the profile says
 * none (RFC 3398: 16 and 44) or the value is not a cause of that profile
 * (RFC 3398: 0..127; FreeSWITCH: 0..SIPCODES_CAUSE_MAX). */
SIPCODES_API int sipcodes_from_q850(int cause, int profile);

/* ---- The Reason header field (RFC 3326) -------------------------------- */

enum sipcodes_reason_protocol {
    SIPCODES_REASON_OTHER = 0,
    SIPCODES_REASON_SIP = 1,
    SIPCODES_REASON_Q850 = 2
};

/* Largest cause value a parsed reason may carry (the grammar is 1*DIGIT;
 * a longer number is reported as malformed). */
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

/* Builds `protocol;cause=N;text="..."` (text omitted when text is NULL),
 * escaping '"' and '\' as quoted-pairs (RFC 3261 section 25).  Text must be
 * well-formed UTF-8 without control characters other than HTAB: a CR or LF
 * could end the header and forge another.  Returns 0 and fills *err when
 * the text is refused or the protocol is not a token; else 1, with *needed
 * the full length (without the NUL).  buf holds the whole NUL-terminated
 * value only when *needed < cap. */
SIPCODES_API int sipcodes_reason_format(const char *protocol, long cause,
                                        const char *text, size_t text_len,
                                        char *buf, size_t cap, size_t *needed,
                                        struct sipcodes_error *err);

/* ---- What a response must carry ---------------------------------------- */

struct sipcodes_required_header {
    int code;
    const char *header;       /* "WWW-Authenticate" */
    const char *rfc;          /* "RFC 3261" */
    const char *section;      /* "22.2" */
    const char *when;         /* NULL, or the condition under which it is
                                 required */
};

/* The header fields that RFC 3261 and its extensions say a response with
 * this code MUST carry: a pointer to *count consecutive rows, or NULL with
 * *count 0. */
SIPCODES_API const struct sipcodes_required_header *
sipcodes_required_headers(int code, size_t *count);

/* 1 when RFC 3261 section 20.33 lets the response carry Retry-After (404,
 * 413, 480, 486, 500, 503, 600, 603), else 0. */
SIPCODES_API int sipcodes_allows_retry_after(int code);

/* ==== Routing helpers ================================================ *
 * What a proxy or UAC decides from status codes: which branch response to
 * forward (RFC 3261 section 16.7), what a code is to be treated as, whether
 * and how a failed request may be retried, and Kamailio-style status
 * patterns compiled into code sets.  Same rules as above: no allocation,
 * no mutable state; callers own every struct.                              */

#include <stdint.h>

/* ---- Forking and retry rules (sipcodes_routing.c) ---------------------- */

/* 1 for 2xx and 6xx: RFC 3261 section 6 "A 2xx or 6xx class final
 * response always terminates a sequential search"; 0 otherwise. */
SIPCODES_API int sipcodes_stops_forking(int code);

/* What RFC 3261 section 8.1.3.5 (and the RFCs of 422 and 423) let a UAC
 * change before retrying after this code: "credentials" (401, 407),
 * "body" (413, 415), "uri" (416), "extensions" (420), "session_expires"
 * (422, RFC 4028), "expires" (423, RFC 3261 section 10.2.8); NULL for
 * every other code. */
SIPCODES_API const char *sipcodes_may_retry(int code);

/* The code a UA must act on: 202 as 200 (RFC 6665 section 8.3.1); 503 as
 * 500 unless the response carried a Retry-After (RFC 3261 section 21.5.4);
 * any other code as sipcodes_canonical() gives it.  0 for invalid codes. */
SIPCODES_API int sipcodes_treat_as(int code, int has_retry_after);

/* Best-response selection of RFC 3261 section 16.7 step 6, fed one branch
 * response at a time so that a caller need not build an array.  Ranking,
 * best first: 2xx (forwarded at once by step 5, so it always wins); 6xx;
 * then the lowest class of 3xx, 4xx, 5xx.  Within 4xx, 401, 407, 415, 420,
 * 484 come first, in that order; 503 comes after every other 5xx, since a
 * proxy "SHOULD NOT forward it upstream".  Otherwise the lower code wins
 * (as Kamailio's tm does), and on a tie the earlier response.  1xx and
 * invalid codes are not final responses and are ignored. */
struct sipcodes_best {
    int code;                 /* best so far, 0 when none */
    int rank;
    size_t index;             /* its index as offered */
};

#define SIPCODES_NO_INDEX ((size_t)-1)

SIPCODES_API void sipcodes_best_init(struct sipcodes_best *best);
SIPCODES_API void sipcodes_best_offer(struct sipcodes_best *best, int code,
                                      size_t index);
/* The code to forward: 408 when no final response was offered (*index is
 * then SIPCODES_NO_INDEX); 500 in place of a chosen 503 (*index is the
 * 503's); else the chosen code.  index may be NULL. */
SIPCODES_API int sipcodes_best_result(const struct sipcodes_best *best,
                                      size_t *index);
/* The same over an array (entries 0 or invalid are ignored). */
SIPCODES_API int sipcodes_best_response(const int *codes, size_t n,
                                        size_t *index);

/* ---- Status patterns (sipcodes_pattern.c) ------------------------------ */

/* One bit per valid code 100..699. */
#define SIPCODES_CODESET_WORDS \
    ((SIPCODES_MAX_CODE - SIPCODES_MIN_CODE + 1 + 31) / 32)

struct sipcodes_codeset {
    uint32_t bits[SIPCODES_CODESET_WORDS];
};

/* Compiles a status pattern into the set of valid codes it matches.
 *
 *   pattern     = alternative *( "|" alternative )
 *   alternative = [ "!" ] group-or-item
 *   group       = "(" item-list ")"          groups nest; no "!" inside
 *   item        = [ "^" ] ( code-form [ "-" code-form ] ) [ "$" ]
 *   code-form   = 3position                  exactly three positions
 *   position    = DIGIT / "x" / "X" / "." / "[" ["^"] 1*(DIGIT ["-" DIGIT]) "]"
 *
 * "5xx", "4XX", "5.." and "5[0-9][0-9]" are classes; "480-489" is a range
 * of exact codes; "(487)|(408)" is Kamailio's regex spelling of "487|408".
 * A pattern always describes whole codes (anchors are implied).  Items
 * after "!" are exclusions, subtracted from the union of the others, or
 * from every valid code when there are no others ("!6xx").  Blanks may
 * surround "|", "(", ")", "!" and "-".  Refused with a message: anything
 * else (quantifiers such as "4[0-9]+", fewer or more than three positions,
 * letters), an item that matches no valid code ("7xx", "099"), a reversed
 * range, and a pattern that matches nothing at all ("4xx|!4xx").
 *
 * Returns 1 and fills *out, or 0 and fills *err (may be NULL). */
SIPCODES_API int sipcodes_pattern_compile(const char *text, size_t len,
                                          struct sipcodes_codeset *out,
                                          struct sipcodes_error *err);

/* 1 when code is valid and in the set. */
SIPCODES_API int sipcodes_codeset_contains(const struct sipcodes_codeset *set,
                                           int code);

/* ==== End of routing helpers ========================================== */

#endif
