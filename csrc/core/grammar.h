/*
 * RFC 3261 section 25 grammar: the Reason-Phrase and the Status-Line.
 *
 * Both read a counted buffer and never look past it, so they are safe on
 * text from the network (embedded NULs, no terminator, any length).
 */
#ifndef SIPCODES_GRAMMAR_H
#define SIPCODES_GRAMMAR_H

#include "error.h"
#include "export.h"

#include <stddef.h>

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

/* The length of the UTF8-NONASCII sequence (RFC 3261 section 25: a lead
 * byte C0-FD and its 1 to 5 UTF8-CONT bytes) at text[0], or 0 when the
 * bytes there (at most avail) form none. */
SIPCODES_API size_t sipcodes_utf8_nonascii_len(const char *text, size_t avail);

/* Checks a Reason-Phrase the way real stacks read one (pjsip, sofia-sip,
 * Kamailio, Wireshark take the rest of the line): any bytes but the
 * controls that could break or forge a message -- CR, LF, NUL and the
 * others below 0x20, and DEL; HTAB is allowed.  Returns 1, or 0 and fills
 * *err when err is not NULL. */
SIPCODES_API int sipcodes_reason_tolerable(const char *text, size_t len,
                                           struct sipcodes_error *err);

/* Parses `SIP-Version SP Status-Code SP Reason-Phrase` (RFC 3261 section 25)
 * with at most one trailing CRLF or LF.  SIP-Version is
 * "SIP/" 1*DIGIT "." 1*DIGIT, "SIP" in any case (section 7.1); the code must
 * be 100..699 (section 7.2).  With strict, the Reason-Phrase must be
 * section 25's (sipcodes_reason_valid, without strict UTF-8); without, it
 * must be tolerable (sipcodes_reason_tolerable).  Returns 1 and fills *out,
 * or 0 and fills *err (either pointer may be NULL).  Reads exactly len
 * bytes; NUL is an ordinary (invalid) byte. */
SIPCODES_API int sipcodes_parse_status_line(const char *text, size_t len,
                                            int strict,
                                            struct sipcodes_status_line *out,
                                            struct sipcodes_error *err);

#endif
