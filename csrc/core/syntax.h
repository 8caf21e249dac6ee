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

/* The length of the text character at p[i]: HTAB, SP and visible ASCII
 * (%x20-7E), or a UTF-8 character (sipcodes_utf8_len, grammar.h); 0 when
 * p[i] starts none (a control character, invalid UTF-8, i == n).  Text is
 * what a quoted-string stands for once its quoted-pairs and folded lines
 * are undone: the walkers hand out nothing else, and the builders write
 * nothing else. */
SIPCODES_API size_t sipcodes_syntax_text_char(const unsigned char *p, size_t n,
                                              size_t i);

/* The quoted-string whose DQUOTE is p[i]:
 *   DQUOTE *(qdtext / quoted-pair) DQUOTE
 *   qdtext      = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII
 *   quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
 * as RFC 3261 writes it, with two narrowings so that what it stands for is
 * text (sipcodes_syntax_text_char): UTF8-NONASCII is a whole RFC 3629
 * character, and a quoted-pair escapes HTAB or %x20-7E only -- one that
 * escapes another control would put that control into the text, where no
 * builder may write it and a NUL would cut a C string short.
 * Returns 1 with *end just past the closing DQUOTE, or 0 and fills *err. */
SIPCODES_API int sipcodes_syntax_quoted_string(const unsigned char *p,
                                               size_t n, size_t i,
                                               size_t *end,
                                               struct sipcodes_error *err);

/* The IPv6reference whose "[" is p[i] (RFC 3261 as RFC 5954 corrected
 * it: RFC 3986's IPv6address, its dotted part RFC 3986's IPv4address).
 * Returns 1 with *end just past the "]", or 0 and fills *err. */
SIPCODES_API int sipcodes_syntax_ipv6_reference(const unsigned char *p,
                                                size_t n, size_t i,
                                                size_t *end,
                                                struct sipcodes_error *err);

/* Checks text[0..len) against hostport = host [ ":" port ] (RFC 3261
 * section 25.1): host a hostname, an IPv4address or an IPv6reference (the
 * address rules as RFC 5954 corrected them: RFC 3986's, whose IPv4address
 * is four dec-octets 0-255 without leading zeros), port 1*DIGIT.  Returns
 * 1, or 0 and fills *err (offset from text). */
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
