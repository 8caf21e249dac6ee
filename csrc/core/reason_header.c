/*
 * The Reason header field (RFC 3326 section 2, RFC 6432 for Q.850 in
 * responses): building a value and walking one.
 *
 *   reason-value      =  protocol *(SEMI reason-params)
 *   protocol          =  "SIP" / "Q.850" / token
 *   reason-params     =  protocol-cause / reason-text / reason-extension
 *   protocol-cause    =  "cause" EQUAL cause        cause = 1*DIGIT
 *   reason-text       =  "text" EQUAL quoted-string
 *   reason-extension  =  generic-param
 *
 * with RFC 3261 section 25.1's token, quoted-string, generic-param, SEMI,
 * EQUAL, COMMA and LWS.  The walker reads a counted buffer, never past its
 * end, and has no input it cannot report on: the header arrives from the
 * network.
 */
#include "reason_header.h"
#include "grammar.h"
#include "syntax.h"
#include "text.h"

#include <string.h>

enum { ITER_START, ITER_AFTER_VALUE, ITER_DONE, ITER_FAILED };

/* One generic-param (token [EQUAL gen-value]) starting at *pos; on
 * success *pos is just past it. */
static int parse_param(const unsigned char *p, size_t n, size_t *pos,
                       struct sipcodes_reason_param *out,
                       struct sipcodes_error *err)
{
    size_t i = *pos, name_end = sipcodes_syntax_token(p, n, i), k, v, end;
    if (name_end == i)
        return sipcodes_error_at(err, i, "expected a parameter name");
    out->name = (const char *)p + i;
    out->name_len = name_end - i;
    out->value = NULL;
    out->value_len = 0;
    out->quoted = 0;
    k = sipcodes_syntax_sws(p, n, name_end);
    if (k >= n || p[k] != '=') {
        *pos = name_end;
        return 1;
    }
    v = sipcodes_syntax_sws(p, n, k + 1);
    if (v < n && p[v] == '"') {
        if (!sipcodes_syntax_quoted_string(p, n, v, &end, err))
            return 0;
        out->value = (const char *)p + v + 1;
        out->value_len = end - v - 2;
        out->quoted = 1;
    } else if (v < n && p[v] == '[') {
        if (!sipcodes_syntax_ipv6_reference(p, n, v, &end, err))
            return 0;
        out->value = (const char *)p + v;
        out->value_len = end - v;
    } else {
        end = sipcodes_syntax_token(p, n, v);
        if (end == v)
            return sipcodes_error_at(err, v, "expected a parameter value");
        out->value = (const char *)p + v;
        out->value_len = end - v;
    }
    *pos = end;
    return 1;
}

/* The next parameter of a parameter list at *pos (SEMI generic-param);
 * 0 with *pos unchanged when there is none. */
static int next_param(const unsigned char *p, size_t n, size_t *pos,
                      struct sipcodes_reason_param *out, int *ok,
                      struct sipcodes_error *err)
{
    size_t k = sipcodes_syntax_sws(p, n, *pos), i;
    *ok = 1;
    if (k >= n || p[k] != ';')
        return 0;
    i = sipcodes_syntax_sws(p, n, k + 1);
    if (!parse_param(p, n, &i, out, err)) {
        *ok = 0;
        return 0;
    }
    *pos = i;
    return 1;
}

static int is_named(const struct sipcodes_reason_param *param,
                    const char *name)
{
    return sipcodes_text_ieq(param->name, param->name_len, name);
}

/* cause = 1*DIGIT, kept only up to SIPCODES_REASON_CAUSE_DIGITS digits. */
static int take_cause(const struct sipcodes_reason_param *param,
                      const unsigned char *base, struct sipcodes_reason *out,
                      struct sipcodes_error *err)
{
    size_t at = (size_t)((const unsigned char *)param->name - base), i;
    long cause = 0;
    if (out->cause >= 0)
        return sipcodes_error_at(err, at, "duplicate cause parameter");
    if (param->value == NULL || param->quoted || param->value_len == 0)
        return sipcodes_error_at(err, at, "cause must be decimal digits");
    for (i = 0; i < param->value_len; i++) {
        unsigned char c = (unsigned char)param->value[i];
        if (!sipcodes_text_is_digit(c))
            return sipcodes_error_at(err, at, "cause must be decimal digits");
        /* Counted, not compared: "0000000001" is as malformed as any
         * other ten digits, and a long stays far from overflowing. */
        if (i >= SIPCODES_REASON_CAUSE_DIGITS)
            return sipcodes_error_at(err, at, "cause longer than 9 digits");
        cause = cause * 10 + (c - '0');
    }
    out->cause = cause;
    return 1;
}

static int take_text(const struct sipcodes_reason_param *param,
                     const unsigned char *base, struct sipcodes_reason *out,
                     struct sipcodes_error *err)
{
    size_t at = (size_t)((const unsigned char *)param->name - base);
    if (out->text != NULL)
        return sipcodes_error_at(err, at, "duplicate text parameter");
    if (param->value == NULL || !param->quoted)
        return sipcodes_error_at(err, at, "text must be a quoted-string");
    out->text = param->value;
    out->text_len = param->value_len;
    return 1;
}

void sipcodes_reason_iter_init(struct sipcodes_reason_iter *it,
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
static int iter_fail(struct sipcodes_reason_iter *it, struct sipcodes_error *err,
                     const struct sipcodes_error *why)
{
    it->state = ITER_FAILED;
    it->error = *why;
    sipcodes_error_at(err, why->offset, why->message);
    return -1;
}

int sipcodes_reason_next(struct sipcodes_reason_iter *it,
                         struct sipcodes_reason *out,
                         struct sipcodes_error *err)
{
    const unsigned char *p = (const unsigned char *)it->text;
    size_t n = it->len, i = it->pos, end;
    struct sipcodes_reason_param param;
    struct sipcodes_error why;
    int ok;

    if (it->state == ITER_DONE)
        return 0;
    if (it->state == ITER_FAILED)
        return iter_fail(it, err, &it->error);
    i = sipcodes_syntax_sws(p, n, i);
    if (it->state == ITER_START) {
        if (i == n) {
            sipcodes_error_at(&why, i, "empty header value");
            return iter_fail(it, err, &why);
        }
    } else {
        if (i == n) {
            it->state = ITER_DONE;
            return 0;
        }
        if (p[i] != ',') {
            sipcodes_error_at(&why, i, "expected ',' or the end");
            return iter_fail(it, err, &why);
        }
        i = sipcodes_syntax_sws(p, n, i + 1);
    }

    end = sipcodes_syntax_token(p, n, i);
    if (end == i) {
        sipcodes_error_at(&why, i, "expected a protocol token");
        return iter_fail(it, err, &why);
    }
    out->protocol = (const char *)p + i;
    out->protocol_len = end - i;
    out->kind = SIPCODES_REASON_OTHER;
    if (sipcodes_text_ieq(out->protocol, out->protocol_len, "SIP")) {
        out->kind = SIPCODES_REASON_SIP;
        out->protocol = "SIP";
    } else if (sipcodes_text_ieq(out->protocol, out->protocol_len, "Q.850")) {
        out->kind = SIPCODES_REASON_Q850;
        out->protocol = "Q.850";
    }
    out->cause = -1;
    out->text = NULL;
    out->text_len = 0;
    out->params = (const char *)p + end;

    i = end;
    while (next_param(p, n, &i, &param, &ok, &why)) {
        if (is_named(&param, "cause")) {
            if (!take_cause(&param, p, out, &why))
                return iter_fail(it, err, &why);
        } else if (is_named(&param, "text")) {
            if (!take_text(&param, p, out, &why))
                return iter_fail(it, err, &why);
        }
    }
    if (!ok)
        return iter_fail(it, err, &why);
    out->params_len = i - end;
    it->pos = i;
    it->state = ITER_AFTER_VALUE;
    return 1;
}

int sipcodes_reason_param_next(const struct sipcodes_reason *r, size_t *pos,
                               struct sipcodes_reason_param *out)
{
    const unsigned char *p = (const unsigned char *)r->params;
    int ok;
    /* The span was checked by sipcodes_reason_next, and every parameter in
     * it ends where it ended there, so this cannot fail. */
    while (next_param(p, r->params_len, pos, out, &ok, NULL)) {
        if (!is_named(out, "cause") && !is_named(out, "text"))
            return 1;
    }
    return 0;
}

size_t sipcodes_unquote(const char *text, size_t len, char *out)
{
    size_t i, o = 0;
    for (i = 0; i < len; i++) {
        if (text[i] == '\\' && i + 1 < len)
            i++;
        else if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n') {
            i++;                  /* a folded line reads as its white space */
            continue;
        }
        out[o++] = text[i];
    }
    return o;
}

/* ---- building ---------------------------------------------------------- */

static void put_long(struct sipcodes_writer *w, long value)
{
    char digits[24];
    size_t n = sizeof digits;
    do {
        digits[--n] = (char)('0' + value % 10);
        value /= 10;
    } while (value > 0);
    sipcodes_writer_put(w, digits + n, sizeof digits - n);
}

int sipcodes_reason_text_valid(const char *text, size_t n,
                               struct sipcodes_error *err)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t i = 0;
    if (text == NULL && n > 0)
        return sipcodes_error_at(err, 0, "no text");
    while (i < n) {
        size_t len = sipcodes_syntax_text_char(t, n, i);
        if (len == 0)
            return sipcodes_error_at(err, i, t[i] >= 0x80 ? "invalid UTF-8"
                                                          : "control character");
        i += len;
    }
    return 1;
}

int sipcodes_reason_format(const char *protocol, long cause,
                           const char *text, size_t text_len,
                           char *buf, size_t cap, size_t *needed,
                           struct sipcodes_error *err)
{
    struct sipcodes_writer w;
    size_t plen, len;
    if (protocol == NULL)
        return sipcodes_error_at(err, 0, "protocol is not a token");
    plen = strlen(protocol);
    if (plen == 0 || sipcodes_syntax_token((const unsigned char *)protocol, plen, 0) != plen)
        return sipcodes_error_at(err, 0, "protocol is not a token");
    if (cause > SIPCODES_REASON_CAUSE_MAX)
        return sipcodes_error_at(err, 0, "cause longer than 9 digits");
    if (text != NULL && !sipcodes_reason_text_valid(text, text_len, err))
        return 0;

    sipcodes_writer_init(&w, buf, cap);
    sipcodes_writer_put(&w, protocol, plen);
    if (cause >= 0) {
        sipcodes_writer_put(&w, ";cause=", 7);
        put_long(&w, cause);
    }
    if (text != NULL) {
        sipcodes_writer_put(&w, ";text=", 6);
        sipcodes_writer_put_quoted(&w, text, text_len);
    }
    len = sipcodes_writer_finish(&w);
    if (needed != NULL)
        *needed = len;
    return 1;
}
