/*
 * RFC 3261 section 25 grammar: Reason-Phrase and Status-Line.
 *
 * Both functions read a counted buffer and never look past it, so they are
 * safe on text from the network (embedded NULs, no terminator, any length).
 */
#include "grammar.h"
#include "codes.h"
#include "text.h"

/* reserved / mark / SP / HTAB: the ASCII punctuation a phrase may carry. */
static int is_phrase_punct(unsigned char c)
{
    switch (c) {
    case ';': case '/': case '?': case ':': case '@': case '&': case '=':
    case '+': case '$': case ',':                              /* reserved */
    case '-': case '_': case '.': case '!': case '~': case '*': case '\'':
    case '(': case ')':                                        /* mark */
    case ' ': case '\t':
        return 1;
    default:
        return 0;
    }
}

static int is_cont(unsigned char c)
{
    return c >= 0x80 && c <= 0xBF;
}

size_t sipcodes_utf8_len(const char *text, size_t avail)
{
    const unsigned char *p = (const unsigned char *)text;
    unsigned char c, lo = 0x80, hi = 0xBF;   /* bounds of the second byte */
    size_t need, i;
    if (text == NULL || avail == 0)
        return 0;
    c = p[0];
    if (c < 0x80) return 1;
    else if (c >= 0xC2 && c <= 0xDF) need = 1;
    else if (c == 0xE0) { need = 2; lo = 0xA0; }            /* no overlong */
    else if (c >= 0xE1 && c <= 0xEC) need = 2;
    else if (c == 0xED) { need = 2; hi = 0x9F; }            /* no surrogate */
    else if (c >= 0xEE && c <= 0xEF) need = 2;
    else if (c == 0xF0) { need = 3; lo = 0x90; }            /* no overlong */
    else if (c >= 0xF1 && c <= 0xF3) need = 3;
    else if (c == 0xF4) { need = 3; hi = 0x8F; }            /* <= U+10FFFF */
    else return 0;
    if (avail < need + 1 || p[1] < lo || p[1] > hi)
        return 0;
    for (i = 2; i <= need; i++)
        if (!is_cont(p[i]))
            return 0;
    return need + 1;
}

int sipcodes_reason_valid(const char *text, size_t len,
                          struct sipcodes_error *err)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t i = 0;
    if (text == NULL && len > 0)
        return sipcodes_error_at(err, 0, "no text");
    while (i < len) {
        unsigned char c = p[i];
        if (sipcodes_text_is_alnum(c) || is_phrase_punct(c)) {
            i++;
        } else if (c == '%') {
            if (len - i < 3 || !sipcodes_text_is_hex(p[i + 1]) || !sipcodes_text_is_hex(p[i + 2]))
                return sipcodes_error_at(err, i, "'%' not followed by two hex digits");
            i += 3;
        } else if (sipcodes_text_is_control(c)) {
            return sipcodes_error_at(err, i, c == '\r' || c == '\n'
                        ? "CR or LF inside the line" : "control character");
        } else if (c < 0x80) {
            return sipcodes_error_at(err, i, "character not allowed in a Reason-Phrase");
        } else {
            size_t n = sipcodes_utf8_len(text + i, len - i);
            if (n == 0)
                return sipcodes_error_at(err, i, "invalid UTF-8");
            i += n;
        }
    }
    return 1;
}

int sipcodes_reason_tolerable(const char *text, size_t len,
                              struct sipcodes_error *err)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t i;
    if (text == NULL && len > 0)
        return sipcodes_error_at(err, 0, "no text");
    for (i = 0; i < len; i++) {
        if (sipcodes_text_is_control(p[i]))
            return sipcodes_error_at(err, i, p[i] == '\r' || p[i] == '\n'
                                     ? "CR or LF inside the line"
                                     : "control character");
    }
    return 1;
}

int sipcodes_parse_status_line(const char *text, size_t len, int strict,
                               struct sipcodes_status_line *out,
                               struct sipcodes_error *err)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t i, major_start, version_len, reason_start;
    int code;

    if (text == NULL)
        return sipcodes_error_at(err, 0, "no text");
    /* One line ending is allowed; anything else of CR/LF is caught below
     * by the Reason-Phrase rules. */
    if (len >= 2 && p[len - 2] == '\r' && p[len - 1] == '\n')
        len -= 2;
    else if (len >= 1 && p[len - 1] == '\n')
        len -= 1;

    if (len < 4 || (p[0] | 0x20) != 's' || (p[1] | 0x20) != 'i'
        || (p[2] | 0x20) != 'p' || p[3] != '/')
        return sipcodes_error_at(err, 0, "expected SIP-Version \"SIP/\"");
    i = 4;
    major_start = i;
    while (i < len && sipcodes_text_is_digit(p[i]))
        i++;
    if (i == major_start)
        return sipcodes_error_at(err, i, "expected digits after \"SIP/\"");
    if (i >= len || p[i] != '.')
        return sipcodes_error_at(err, i, "expected '.' in SIP-Version");
    i++;
    if (i >= len || !sipcodes_text_is_digit(p[i]))
        return sipcodes_error_at(err, i, "expected digits after '.' in SIP-Version");
    while (i < len && sipcodes_text_is_digit(p[i]))
        i++;
    version_len = i;
    if (i >= len || p[i] != ' ')
        return sipcodes_error_at(err, i, "expected one SP after SIP-Version");
    i++;
    if (len - i < 3 || !sipcodes_text_is_digit(p[i]) || !sipcodes_text_is_digit(p[i + 1])
        || !sipcodes_text_is_digit(p[i + 2]))
        return sipcodes_error_at(err, i, "expected a three-digit Status-Code");
    code = (p[i] - '0') * 100 + (p[i + 1] - '0') * 10 + (p[i + 2] - '0');
    if (!sipcodes_is_valid(code))
        return sipcodes_error_at(err, i, "Status-Code outside 100-699");
    i += 3;
    if (i >= len || p[i] != ' ')
        return sipcodes_error_at(err, i, "expected SP after Status-Code");
    i++;
    reason_start = i;
    if (strict ? !sipcodes_reason_valid(text + i, len - i, err)
               : !sipcodes_reason_tolerable(text + i, len - i, err)) {
        if (err != NULL)
            err->offset += reason_start;
        return 0;
    }
    if (out != NULL) {
        out->code = code;
        out->version = text;
        out->version_len = version_len;
        out->reason = text + reason_start;
        out->reason_len = len - reason_start;
    }
    return 1;
}
