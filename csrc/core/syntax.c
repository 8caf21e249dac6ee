/*
 * RFC 3261 section 25.1 basic rules (see syntax.h).
 *
 *   hostport     = host [ ":" port ]
 *   host         = hostname / IPv4address / IPv6reference
 *   hostname     = *( domainlabel "." ) toplabel [ "." ]
 *   domainlabel  = alphanum / alphanum *( alphanum / "-" ) alphanum
 *   toplabel     = ALPHA / ALPHA *( alphanum / "-" ) alphanum
 *   IPv4address  = dec-octet "." dec-octet "." dec-octet "." dec-octet
 *   dec-octet    = DIGIT / %x31-39 DIGIT / "1" 2DIGIT / "2" %x30-34 DIGIT
 *                  / "25" %x30-35
 *   IPv6reference = "[" IPv6address "]"
 *   port         = 1*DIGIT
 *
 * RFC 3261's own IPv6address rule cannot produce some valid addresses
 * ("::1.2.3.4") and produces invalid ones; RFC 5954 section 4.1 replaced
 * it with RFC 3986's, which counts the 16-bit pieces: eight, or at most
 * seven around one "::", the last two of which may be an IPv4address --
 * RFC 3986's, 0-255 without leading zeros, which is the one IPv4 rule
 * here, a bare host's included.
 */
#include "syntax.h"
#include "grammar.h"
#include "text.h"

static int is_wsp(unsigned char c)
{
    return c == ' ' || c == '\t';
}

size_t sipcodes_syntax_sws(const unsigned char *p, size_t n, size_t i)
{
    for (;;) {
        if (i < n && is_wsp(p[i]))
            i++;
        else if (i + 2 < n && p[i] == '\r' && p[i + 1] == '\n'
                 && is_wsp(p[i + 2]))
            i += 3;
        else
            return i;
    }
}

size_t sipcodes_syntax_token(const unsigned char *p, size_t n, size_t i)
{
    while (i < n && sipcodes_text_is_token(p[i]))
        i++;
    return i;
}

size_t sipcodes_syntax_text_char(const unsigned char *p, size_t n, size_t i)
{
    if (i >= n)
        return 0;
    if (p[i] >= 0x80)
        return sipcodes_utf8_len((const char *)p + i, n - i);
    return sipcodes_text_is_control(p[i]) ? 0 : 1;
}

int sipcodes_syntax_quoted_string(const unsigned char *p, size_t n, size_t i,
                                  size_t *end, struct sipcodes_error *err)
{
    for (i++; i < n; ) {
        unsigned char c = p[i];
        size_t len;
        if (c == '"') {
            *end = i + 1;
            return 1;
        }
        if (c == '\\') {
            if (i + 1 >= n)
                break;
            /* one byte of text: HTAB or %x20-7E */
            if (sipcodes_syntax_text_char(p, n, i + 1) != 1)
                return sipcodes_error_at(err, i, "invalid quoted-pair");
            i += 2;
        } else if (c == '\r' && i + 2 < n && p[i + 1] == '\n'
                   && is_wsp(p[i + 2])) {
            i += 3;                                   /* folded line */
        } else if ((len = sipcodes_syntax_text_char(p, n, i)) > 0) {
            i += len;
        } else if (c >= 0x80) {
            return sipcodes_error_at(err, i, "invalid UTF-8 in quoted-string");
        } else {
            return sipcodes_error_at(err, i, "control character in quoted-string");
        }
    }
    return sipcodes_error_at(err, n, "unterminated quoted-string");
}

/* ---- host and port ----------------------------------------------------- */

/* IPv4address, all of p[0..n). */
static int is_ipv4(const unsigned char *p, size_t n)
{
    size_t i = 0;
    int part;
    for (part = 0; part < 4; part++) {
        size_t start = i;
        int value = 0;
        while (i < n && i - start < 3 && sipcodes_text_is_digit(p[i]))
            value = value * 10 + (p[i++] - '0');
        if (i == start || value > 255 || (p[start] == '0' && i - start > 1))
            return 0;
        if (part < 3) {
            if (i >= n || p[i] != '.')
                return 0;
            i++;
        }
    }
    return i == n;
}

/* RFC 3986's IPv6address (RFC 5954), all of p[0..n). */
static int is_ipv6(const unsigned char *p, size_t n)
{
    size_t i = 0;
    int pieces = 0, gap = 0;
    if (n >= 2 && p[0] == ':' && p[1] == ':') {
        gap = 1;
        i = 2;
        if (i == n)
            return 1;
    }
    for (;;) {
        size_t j = i;
        while (j < n && j - i < 5 && sipcodes_text_is_hex(p[j]))
            j++;
        if (j < n && p[j] == '.') {
            /* ls32's IPv4address: the rest of the address, two pieces. */
            if (!is_ipv4(p + i, n - i))
                return 0;
            pieces += 2;
            break;
        }
        if (j == i || j - i > 4)
            return 0;
        pieces++;
        i = j;
        if (i == n)
            break;
        if (p[i] != ':')
            return 0;
        if (i + 1 < n && p[i + 1] == ':') {
            if (gap)
                return 0;
            gap = 1;
            i += 2;
            if (i == n)
                break;
        } else if (++i == n) {
            return 0;                    /* ends with a single ':' */
        }
    }
    return gap ? pieces <= 7 : pieces == 8;
}

/* hostname, all of p[0..n); on failure *bad is where it went wrong. */
static int is_hostname(const unsigned char *p, size_t n, size_t *bad,
                       const char **why)
{
    size_t i = 0;
    if (n > 0 && p[n - 1] == '.')
        n--;                             /* the optional final "." */
    for (;;) {
        size_t start = i;
        while (i < n && (sipcodes_text_is_alnum(p[i]) || p[i] == '-'))
            i++;
        if (i == start) {
            *bad = i;
            *why = i < n && p[i] != '.' ? "character not allowed in a host"
                                        : "empty label in a hostname";
            return 0;
        }
        if (p[start] == '-' || p[i - 1] == '-') {
            *bad = p[start] == '-' ? start : i - 1;
            *why = "hostname label starts or ends with '-'";
            return 0;
        }
        if (i == n) {
            if (!((p[start] >= 'a' && p[start] <= 'z')
                  || (p[start] >= 'A' && p[start] <= 'Z'))) {
                *bad = start;
                *why = "last hostname label must start with a letter";
                return 0;
            }
            return 1;
        }
        if (p[i] != '.') {
            *bad = i;
            *why = "character not allowed in a host";
            return 0;
        }
        i++;
    }
}

int sipcodes_syntax_ipv6_reference(const unsigned char *p, size_t n,
                                   size_t i, size_t *end,
                                   struct sipcodes_error *err)
{
    size_t close;
    for (close = i + 1; close < n && p[close] != ']'; close++)
        ;
    if (close == n)
        return sipcodes_error_at(err, n, "unterminated IPv6 reference");
    if (!is_ipv6(p + i + 1, close - i - 1))
        return sipcodes_error_at(err, i + 1, "invalid IPv6 address");
    *end = close + 1;
    return 1;
}

int sipcodes_syntax_hostport(const char *text, size_t len,
                             struct sipcodes_error *err)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t host_end, i;
    if (text == NULL || len == 0)
        return sipcodes_error_at(err, 0, "empty host");
    if (p[0] == '[') {
        if (!sipcodes_syntax_ipv6_reference(p, len, 0, &host_end, err))
            return 0;
    } else {
        size_t bad;
        const char *why;
        for (host_end = 0; host_end < len && p[host_end] != ':'; host_end++)
            ;
        if (!is_ipv4(p, host_end) && !is_hostname(p, host_end, &bad, &why))
            return sipcodes_error_at(err, bad, why);
    }
    if (host_end == len)
        return 1;
    if (p[host_end] != ':')
        return sipcodes_error_at(err, host_end, "expected ':' and a port after the host");
    if (host_end + 1 == len)
        return sipcodes_error_at(err, len, "expected a port after ':'");
    for (i = host_end + 1; i < len; i++)
        if (!sipcodes_text_is_digit(p[i]))
            return sipcodes_error_at(err, i, "port must be decimal digits");
    return 1;
}

/* ---- writing ----------------------------------------------------------- */

void sipcodes_writer_init(struct sipcodes_writer *w, char *buf, size_t cap)
{
    w->buf = buf;
    w->cap = buf != NULL ? cap : 0;
    w->len = 0;
}

void sipcodes_writer_put(struct sipcodes_writer *w, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++, w->len++)
        if (w->len + 1 < w->cap)
            w->buf[w->len] = s[i];
}

void sipcodes_writer_put_quoted(struct sipcodes_writer *w, const char *text,
                                size_t n)
{
    size_t i;
    sipcodes_writer_put(w, "\"", 1);
    for (i = 0; i < n; i++) {
        if (text[i] == '"' || text[i] == '\\')
            sipcodes_writer_put(w, "\\", 1);
        sipcodes_writer_put(w, text + i, 1);
    }
    sipcodes_writer_put(w, "\"", 1);
}

size_t sipcodes_writer_finish(struct sipcodes_writer *w)
{
    if (w->cap > 0)
        w->buf[w->len < w->cap ? w->len : w->cap - 1] = '\0';
    return w->len;
}
