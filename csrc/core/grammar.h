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

/* The length of the UTF-8 character at text[0] (at most avail bytes read):
 * 1 for ASCII, 2 to 4 for a well-formed RFC 3629 sequence -- no overlong
 * form, no surrogate, nothing above U+10FFFF -- and 0 for anything else
 * (a lone continuation byte, C0, C1, F5-FF, a truncated sequence, or
 * avail 0).  This is the module's only definition of UTF-8: every parser
 * and builder that checks UTF-8 calls it, so what one accepts the other
 * writes.  RFC 3261 section 25's UTF8-NONASCII and UTF8-CONT rules also
 * admit overlong forms (an overlong NUL), surrogates and five- and
 * six-byte forms; RFC 3261 cites RFC 2279 for UTF-8, which RFC 3629
 * obsoletes, and no UTF-8 decoder accepts those bytes (RFC 3629
 * section 10). */
SIPCODES_API size_t sipcodes_utf8_len(const char *text, size_t avail);

/* Checks that text is an RFC 3261 section 25 Reason-Phrase, its UTF-8 as
 * sipcodes_utf8_len reads it.  The same check serves the strict parse and
 * every builder of a phrase.  Returns 1 when valid; else 0 and fills *err
 * when err is not NULL. */
SIPCODES_API int sipcodes_reason_valid(const char *text, size_t len,
                                       struct sipcodes_error *err);

/* The parts of a Status-Line, pointing into the parsed text. */
struct sipcodes_status_line {
    int code;
    const char *version;      /* "SIP/2.0" as written */
    size_t version_len;
    const char *reason;       /* may be empty */
    size_t reason_len;
};

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
 * section 25's (sipcodes_reason_valid); without, it must be tolerable
 * (sipcodes_reason_tolerable).  Returns 1 and fills *out, or 0 and fills
 * *err (either pointer may be NULL).  Reads exactly len
 * bytes; NUL is an ordinary (invalid) byte. */
SIPCODES_API int sipcodes_parse_status_line(const char *text, size_t len,
                                            int strict,
                                            struct sipcodes_status_line *out,
                                            struct sipcodes_error *err);

#endif
