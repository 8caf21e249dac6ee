/*
 * RFC 3261 section 25.1 basic rules that header fields share: white
 * space, token, quoted-string, host and port; and a writer that builds a
 * value in a caller's buffer.  Private to the core: the header units
 * (reason_header.c, warning.c) read and write their values with these.
 *
 * Every scanner reads a counted buffer p[0..n) from index i and returns an
 * index, never looking at p[n] or beyond.
 */
#ifndef SIPCODES_SYNTAX_H
#define SIPCODES_SYNTAX_H

#include "error.h"
#include "export.h"

#include <stddef.h>

/* SWS = [LWS], LWS = [*WSP CRLF] 1*WSP: the index after any at i. */
SIPCODES_API size_t sipcodes_syntax_sws(const unsigned char *p, size_t n,
                                        size_t i);

/* The index after the token characters at i (i itself when none). */
SIPCODES_API size_t sipcodes_syntax_token(const unsigned char *p, size_t n,
                                          size_t i);

/* The quoted-string whose DQUOTE is p[i], exactly as RFC 3261 writes it:
 *   DQUOTE *(qdtext / quoted-pair) DQUOTE
 *   qdtext      = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII
 *   quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
 * UTF8-NONASCII is a whole sequence (sipcodes_utf8_nonascii_len,
 * grammar.h): a lone continuation byte is none.
 * Returns 1 with *end just past the closing DQUOTE, or 0 and fills *err. */
SIPCODES_API int sipcodes_syntax_quoted_string(const unsigned char *p,
                                               size_t n, size_t i,
                                               size_t *end,
                                               struct sipcodes_error *err);

/* Checks text[0..len) against hostport = host [ ":" port ] (RFC 3261
 * section 25.1): host a hostname, an IPv4address or an IPv6reference (the
 * IPv6 rule as RFC 5954 corrected it), port 1*DIGIT.  Returns 1, or 0 and
 * fills *err (offset from text). */
SIPCODES_API int sipcodes_syntax_hostport(const char *text, size_t len,
                                          struct sipcodes_error *err);

/* Appends to a caller's buffer while counting what the whole needs, so a
 * builder can be called once with a small buffer and again with one of
 * the size it asked for. */
struct sipcodes_writer {
    char *buf;
    size_t cap;
    size_t len;               /* what the whole value needs, without NUL */
};

SIPCODES_API void sipcodes_writer_init(struct sipcodes_writer *w, char *buf,
                                       size_t cap);
SIPCODES_API void sipcodes_writer_put(struct sipcodes_writer *w,
                                      const char *s, size_t n);
/* DQUOTE, the text with '"' and '\' as quoted-pairs, DQUOTE. */
SIPCODES_API void sipcodes_writer_put_quoted(struct sipcodes_writer *w,
                                             const char *text, size_t n);
/* NUL-terminates what fits and returns the full length. */
SIPCODES_API size_t sipcodes_writer_finish(struct sipcodes_writer *w);

#endif
