/*
 * The Warning header field (see warning.h): the warn-code registry, the
 * walker and the builder.
 *
 * The registry is the IANA "Warning Codes (warn-codes)" table: RFC 3261
 * section 20.43 defined 300-307, 330, 331, 370 and 399, RFC 5630 added
 * 380 and 381, RFC 8373 added 308.  Texts are the recommended warn-texts
 * as the RFCs write them; descriptions are the RFCs' explanations without
 * their final period, as the response code descriptions are.
 */
#include "warning.h"
#include "reason_header.h"
#include "syntax.h"
#include "codes.h"
#include "text.h"

static const struct sipcodes_warn_code registry[] = {
    {300, "Incompatible network protocol", "RFC 3261",
     "One or more network protocols contained in the session description are not available"},
    {301, "Incompatible network address formats", "RFC 3261",
     "One or more network address formats contained in the session description are not available"},
    {302, "Incompatible transport protocol", "RFC 3261",
     "One or more transport protocols described in the session description are not available"},
    {303, "Incompatible bandwidth units", "RFC 3261",
     "One or more bandwidth measurement units contained in the session description were not understood"},
    {304, "Media type not available", "RFC 3261",
     "One or more media types contained in the session description are not available"},
    {305, "Incompatible media format", "RFC 3261",
     "One or more media formats contained in the session description are not available"},
    {306, "Attribute not understood", "RFC 3261",
     "One or more of the media attributes in the session description are not supported"},
    {307, "Session description parameter not understood", "RFC 3261",
     "A parameter other than those listed above was not understood"},
    {308, "Incompatible language specification", "RFC 8373",
     "Requested languages not supported. Supported languages and media are: [list of supported languages and media]"},
    {330, "Multicast not available", "RFC 3261",
     "The site where the user is located does not support multicast"},
    {331, "Unicast not available", "RFC 3261",
     "The site where the user is located does not support unicast communication (usually due to the presence of a firewall)"},
    {370, "Insufficient bandwidth", "RFC 3261",
     "The bandwidth specified in the session description or defined by the media exceeds that known to be available"},
    {380, "SIPS Not Allowed", "RFC 5630",
     "The UAS or proxy cannot process the request because the SIPS scheme is not allowed (e.g., because there are currently no registered SIPS Contacts)"},
    {381, "SIPS Required", "RFC 5630",
     "The UAS or proxy cannot process the request because the SIPS scheme is required"},
    {399, "Miscellaneous warning", "RFC 3261",
     "The warning text can include arbitrary information to be presented to a human user or logged. A system receiving this warning MUST NOT take any automated action"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const struct sipcodes_warn_code *sipcodes_warn_code_at(size_t i)
{
    return i < COUNT(registry) ? &registry[i] : NULL;
}

const struct sipcodes_warn_code *sipcodes_warn_code_lookup(int code)
{
    size_t lo = 0, hi = COUNT(registry);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (registry[mid].code < code)
            lo = mid + 1;
        else if (registry[mid].code > code)
            hi = mid;
        else
            return &registry[mid];
    }
    return NULL;
}

/* ---- warn-codes from outside ------------------------------------------- */

int sipcodes_warn_code_from_integer(long long value)
{
    return (value >= 0 && value <= SIPCODES_WARN_CODE_MAX) ? (int)value : -1;
}

int sipcodes_warn_code_from_double(double value)
{
    return sipcodes_double_in(value, 0, SIPCODES_WARN_CODE_MAX) ? (int)value : -1;
}

/* Three ASCII digits at p (at least 3 bytes there): their value, or -1. */
static int three_digits(const unsigned char *p)
{
    if (!sipcodes_text_is_digit(p[0]) || !sipcodes_text_is_digit(p[1])
        || !sipcodes_text_is_digit(p[2]))
        return -1;
    return (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
}

int sipcodes_warn_code_from_digits(const char *text, size_t len)
{
    if (text == NULL || len != 3)
        return -1;
    return three_digits((const unsigned char *)text);
}

/* ---- warn-agent -------------------------------------------------------- */

int sipcodes_warn_agent_valid(const char *text, size_t len,
                              struct sipcodes_error *err)
{
    const unsigned char *p = (const unsigned char *)text;
    if (text == NULL || len == 0)
        return sipcodes_error_at(err, 0, "empty warn-agent");
    /* A pseudonym is a token; a hostname or IPv4 address without a port
     * is one too.  Anything else must be a hostport. */
    if (sipcodes_syntax_token(p, len, 0) == len)
        return 1;
    return sipcodes_syntax_hostport(text, len, err);
}

/* The characters a warn-agent is made of: a token's, and ':' '[' ']' of a
 * port and an IPv6 reference.  The agent ends where they do. */
static int is_agent_char(unsigned char c)
{
    return sipcodes_text_is_token(c) || c == ':' || c == '[' || c == ']';
}

/* ---- walking ----------------------------------------------------------- */

enum { ITER_START, ITER_AFTER_VALUE, ITER_DONE, ITER_FAILED };

void sipcodes_warning_iter_init(struct sipcodes_warning_iter *it,
                                const char *text, size_t len)
{
    it->text = text;
    it->len = text != NULL ? len : 0;
    it->pos = 0;
    it->state = ITER_START;
    it->error.offset = 0;
    it->error.message = NULL;
}

/* Records why the header is malformed; every later call reports it again. */
static int iter_fail(struct sipcodes_warning_iter *it,
                     struct sipcodes_error *err, size_t offset,
                     const char *message)
{
    it->state = ITER_FAILED;
    it->error.offset = offset;
    it->error.message = message;
    sipcodes_error_at(err, offset, message);
    return -1;
}

int sipcodes_warning_next(struct sipcodes_warning_iter *it,
                          struct sipcodes_warning *out,
                          struct sipcodes_error *err)
{
    const unsigned char *p = (const unsigned char *)it->text;
    size_t n = it->len, i, end;
    struct sipcodes_error why;

    if (it->state == ITER_DONE)
        return 0;
    if (it->state == ITER_FAILED)
        return iter_fail(it, err, it->error.offset, it->error.message);
    i = sipcodes_syntax_sws(p, n, it->pos);
    if (it->state == ITER_START) {
        if (i == n)
            return iter_fail(it, err, i, "empty header value");
    } else {
        if (i == n) {
            it->state = ITER_DONE;
            return 0;
        }
        if (p[i] != ',')
            return iter_fail(it, err, i, "expected ',' or the end");
        i = sipcodes_syntax_sws(p, n, i + 1);
    }

    /* warn-code SP warn-agent SP warn-text, where warn-text is a
     * quoted-string, which begins with SWS: the grammar lets linear white
     * space follow the second SP.  The first SP is read the same way, so
     * that one extra blank is taken or refused alike in both places. */
    if (n - i < 3 || three_digits(p + i) < 0)
        return iter_fail(it, err, i, "expected a three-digit warn-code");
    out->code = three_digits(p + i);
    i += 3;
    if (i >= n || p[i] != ' ')
        return iter_fail(it, err, i, "expected SP after the warn-code");
    i = sipcodes_syntax_sws(p, n, i + 1);

    for (end = i; end < n && is_agent_char(p[end]); end++)
        ;
    if (end == i)
        return iter_fail(it, err, i, "expected a warn-agent");
    if (!sipcodes_warn_agent_valid((const char *)p + i, end - i, &why))
        return iter_fail(it, err, i + why.offset, why.message);
    out->agent = (const char *)p + i;
    out->agent_len = end - i;
    i = end;
    if (i >= n || p[i] != ' ')
        return iter_fail(it, err, i, "expected SP after the warn-agent");
    i = sipcodes_syntax_sws(p, n, i + 1);

    if (i >= n || p[i] != '"')
        return iter_fail(it, err, i, "expected the warn-text, a quoted-string");
    if (!sipcodes_syntax_quoted_string(p, n, i, &end, &why))
        return iter_fail(it, err, why.offset, why.message);
    out->text = (const char *)p + i + 1;
    out->text_len = end - i - 2;

    it->pos = end;
    it->state = ITER_AFTER_VALUE;
    return 1;
}

/* ---- building ---------------------------------------------------------- */

int sipcodes_warning_format(int code, const char *agent, size_t agent_len,
                            const char *text, size_t text_len, char *buf,
                            size_t cap, size_t *needed,
                            struct sipcodes_error *err)
{
    struct sipcodes_writer w;
    char digits[3];
    if (code < 0 || code > SIPCODES_WARN_CODE_MAX)
        return sipcodes_error_at(err, 0, "not a warn-code");
    if (!sipcodes_warn_agent_valid(agent, agent_len, err))
        return 0;
    if (text == NULL)
        return sipcodes_error_at(err, 0, "no warn-text");
    if (!sipcodes_reason_text_valid(text, text_len, err))
        return 0;

    digits[0] = (char)('0' + code / 100);
    digits[1] = (char)('0' + code / 10 % 10);
    digits[2] = (char)('0' + code % 10);
    sipcodes_writer_init(&w, buf, cap);
    sipcodes_writer_put(&w, digits, 3);
    sipcodes_writer_put(&w, " ", 1);
    sipcodes_writer_put(&w, agent, agent_len);
    sipcodes_writer_put(&w, " ", 1);
    sipcodes_writer_put_quoted(&w, text, text_len);
    if (needed != NULL)
        *needed = sipcodes_writer_finish(&w);
    else
        sipcodes_writer_finish(&w);
    return 1;
}

/* ---- the warn-code of a Warning ---------------------------------------- */

int sipcodes_warning_code(const char *text, size_t len)
{
    struct sipcodes_warning_iter it;
    struct sipcodes_warning w;
    int first, status;
    if (text == NULL)
        return -1;
    if (len == 3)
        return sipcodes_warn_code_from_digits(text, len);
    sipcodes_warning_iter_init(&it, text, len);
    if (sipcodes_warning_next(&it, &w, NULL) != 1)
        return -1;
    first = w.code;
    /* The rest must be well formed too: a value that is not a Warning
     * header says nothing. */
    while ((status = sipcodes_warning_next(&it, &w, NULL)) == 1)
        ;
    return status == 0 ? first : -1;
}
