/*
 * libFuzzer target: sipcodes_parse_status_line against an independent
 * reading of RFC 3261 section 25, which must give the same verdict and the
 * same split into version, code and reason on every input: the strict
 * parse against the RFC's Reason-Phrase, the default parse against the
 * tolerant one (any byte but the controls, HTAB allowed).
 *
 * The reference is a set-of-positions ABNF matcher: each rule below is the
 * RFC's rule transcribed as data, and matching a rule from a set of start
 * positions yields the set of positions where it can end, so alternatives
 * and repetitions are explored exhaustively, with no hand-written
 * shortcuts to share a mistake with the parser under test.  ABNF string
 * literals match case-insensitively (RFC 5234 section 2.3); %x ranges do
 * not.  Outside the grammar: the code must be 100-699 (section 7.2), the
 * phrase's UTF-8 is RFC 3629's (below), and the API allows the line to end
 * with CRLF, LF or nothing.
 */
#include "sipcodes.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- the rules ---------------------------------------------------------- */

enum rule_kind { LITERAL, RANGE, ANY_OF, SEQUENCE, ALTERNATIVES, REPEAT };

struct rule {
    enum rule_kind kind;
    const char *text;                 /* LITERAL: the string; ANY_OF: the characters */
    unsigned char lo, hi;             /* RANGE */
    const struct rule *const *items;  /* SEQUENCE, ALTERNATIVES: NULL-terminated */
    int min, max;                     /* REPEAT of items[0]; max < 0: no limit */
};

#define LIT(s)        { LITERAL, s, 0, 0, NULL, 0, 0 }
#define RNG(a, b)     { RANGE, NULL, a, b, NULL, 0, 0 }
#define ONE_OF(s)     { ANY_OF, s, 0, 0, NULL, 0, 0 }
#define SEQ(...)      { SEQUENCE, NULL, 0, 0, (const struct rule *const[]){ __VA_ARGS__, NULL }, 0, 0 }
#define ALT(...)      { ALTERNATIVES, NULL, 0, 0, (const struct rule *const[]){ __VA_ARGS__, NULL }, 0, 0 }
#define REP(r, a, b)  { REPEAT, NULL, 0, 0, (const struct rule *const[]){ r, NULL }, a, b }

static const struct rule DIGIT = RNG(0x30, 0x39);
static const struct rule HEXDIG = ALT(&DIGIT, &(const struct rule)LIT("A"), &(const struct rule)LIT("B"),
    &(const struct rule)LIT("C"), &(const struct rule)LIT("D"), &(const struct rule)LIT("E"),
    &(const struct rule)LIT("F"));
static const struct rule ALPHA = ALT(&(const struct rule)RNG(0x41, 0x5A), &(const struct rule)RNG(0x61, 0x7A));
static const struct rule SP = LIT(" ");
static const struct rule HTAB = RNG(0x09, 0x09);
static const struct rule CRLF = LIT("\r\n");

/* reserved    =  ";" / "/" / "?" / ":" / "@" / "&" / "=" / "+" / "$" / "," */
static const struct rule reserved = ONE_OF(";/?:@&=+$,");
/* mark        =  "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")" */
static const struct rule mark = ONE_OF("-_.!~*'()");
static const struct rule alphanum = ALT(&ALPHA, &DIGIT);
static const struct rule unreserved = ALT(&alphanum, &mark);
static const struct rule escaped = SEQ(&(const struct rule)LIT("%"), &HEXDIG, &HEXDIG);
/* RFC 3261 section 25's UTF8-NONASCII and UTF8-CONT are read as RFC 3629
 * UTF-8 (its section 4), the module's one UTF-8 rule:
 *   UTF8-2    = %xC2-DF UTF8-tail
 *   UTF8-3    = %xE0 %xA0-BF UTF8-tail / %xE1-EC 2( UTF8-tail ) /
 *               %xED %x80-9F UTF8-tail / %xEE-EF 2( UTF8-tail )
 *   UTF8-4    = %xF0 %x90-BF 2( UTF8-tail ) / %xF1-F3 3( UTF8-tail ) /
 *               %xF4 %x80-8F 2( UTF8-tail )
 *   UTF8-tail = %x80-BF */
static const struct rule UTF8_tail = RNG(0x80, 0xBF);
static const struct rule UTF8_2 = SEQ(&(const struct rule)RNG(0xC2, 0xDF), &UTF8_tail);
static const struct rule UTF8_3 = ALT(
    &(const struct rule)SEQ(&(const struct rule)RNG(0xE0, 0xE0), &(const struct rule)RNG(0xA0, 0xBF), &UTF8_tail),
    &(const struct rule)SEQ(&(const struct rule)RNG(0xE1, 0xEC), &(const struct rule)REP(&UTF8_tail, 2, 2)),
    &(const struct rule)SEQ(&(const struct rule)RNG(0xED, 0xED), &(const struct rule)RNG(0x80, 0x9F), &UTF8_tail),
    &(const struct rule)SEQ(&(const struct rule)RNG(0xEE, 0xEF), &(const struct rule)REP(&UTF8_tail, 2, 2)));
static const struct rule UTF8_4 = ALT(
    &(const struct rule)SEQ(&(const struct rule)RNG(0xF0, 0xF0), &(const struct rule)RNG(0x90, 0xBF),
                            &(const struct rule)REP(&UTF8_tail, 2, 2)),
    &(const struct rule)SEQ(&(const struct rule)RNG(0xF1, 0xF3), &(const struct rule)REP(&UTF8_tail, 3, 3)),
    &(const struct rule)SEQ(&(const struct rule)RNG(0xF4, 0xF4), &(const struct rule)RNG(0x80, 0x8F),
                            &(const struct rule)REP(&UTF8_tail, 2, 2)));
/* Reason-Phrase = *(reserved / unreserved / escaped / UTF8-NONASCII / UTF8-CONT / SP / HTAB),
 * the last two UTF-8 alternatives as above */
static const struct rule Reason_Phrase = REP(&(const struct rule)ALT(&reserved, &unreserved,
    &escaped, &UTF8_2, &UTF8_3, &UTF8_4, &SP, &HTAB), 0, -1);
/* What the default parse takes instead: *(HTAB / %x20-7E / %x80-FF) */
static const struct rule Tolerant_Phrase = REP(&(const struct rule)ALT(&HTAB,
    &(const struct rule)RNG(0x20, 0x7E), &(const struct rule)RNG(0x80, 0xFF)), 0, -1);
/* SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT */
static const struct rule SIP_Version = SEQ(&(const struct rule)LIT("SIP"), &(const struct rule)LIT("/"),
    &(const struct rule)REP(&DIGIT, 1, -1), &(const struct rule)LIT("."),
    &(const struct rule)REP(&DIGIT, 1, -1));
/* Status-Code, as far as the grammar goes: extension-code = 3DIGIT */
static const struct rule Status_Code = REP(&DIGIT, 3, 3);
static const struct rule line_end = ALT(&CRLF, &(const struct rule)LIT("\n"), &(const struct rule)LIT(""));

/* ---- the matcher ---------------------------------------------------------- */

/* The reference is quadratic, so it takes lines up to this length; longer
 * ones teach the grammar nothing new (the other targets and the specs take
 * long input).  Position sets then fit on the stack. */
#define MAX_SUBJECT 160
typedef unsigned char position_set[MAX_SUBJECT + 1];

/* The reference runs without libFuzzer's coverage hooks: its inner loops
 * visit every position and would otherwise cost most of the time, and the
 * search should be steered by the code under test. */
#if defined(__clang__)
#define REFERENCE_CODE __attribute__((no_sanitize("coverage")))
#else
#define REFERENCE_CODE
#endif

struct subject {
    const unsigned char *p;
    size_t len;
};

REFERENCE_CODE static unsigned char fold(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* ends[e] = 1 for every e where r can end having started at some s with
 * starts[s] = 1.  Both arrays have len + 1 entries. */
REFERENCE_CODE static void match(const struct rule *r, const struct subject *s,
                  const unsigned char *starts, unsigned char *ends)
{
    size_t n = s->len + 1, i, k;
    memset(ends, 0, n);
    switch (r->kind) {
    case LITERAL: {
        size_t m = strlen(r->text);
        for (i = 0; i + m < n; i++) {
            if (!starts[i])
                continue;
            for (k = 0; k < m && fold(s->p[i + k]) == fold((unsigned char)r->text[k]); k++)
                ;
            if (k == m)
                ends[i + m] = 1;
        }
        break;
    }
    case RANGE:
        for (i = 0; i + 1 < n; i++)
            if (starts[i] && s->p[i] >= r->lo && s->p[i] <= r->hi)
                ends[i + 1] = 1;
        break;
    case ANY_OF:
        for (i = 0; i + 1 < n; i++)
            if (starts[i] && s->p[i] != 0 && strchr(r->text, s->p[i]) != NULL)
                ends[i + 1] = 1;
        break;
    case SEQUENCE: {
        position_set cur, next;
        const struct rule *const *item;
        memcpy(cur, starts, n);
        for (item = r->items; *item != NULL; item++) {
            match(*item, s, cur, next);
            memcpy(cur, next, n);
        }
        memcpy(ends, cur, n);
        break;
    }
    case ALTERNATIVES: {
        position_set one;
        const struct rule *const *item;
        for (item = r->items; *item != NULL; item++) {
            match(*item, s, starts, one);
            for (i = 0; i < n; i++)
                ends[i] |= one[i];
        }
        break;
    }
    case REPEAT: {
        /* cur: where exactly `count` repetitions can end. */
        position_set cur, next, seen;
        int count = 0, any;
        memset(seen, 0, n);
        memcpy(cur, starts, n);
        for (;;) {
            if (count >= r->min)
                for (i = 0; i < n; i++)
                    ends[i] |= cur[i];
            if (r->max >= 0 && count == r->max)
                break;
            /* Past min, a position already reached adds nothing new. */
            any = 0;
            for (i = 0; i < n; i++) {
                if (count >= r->min && seen[i])
                    cur[i] = 0;
                if (cur[i]) {
                    seen[i] = 1;
                    any = 1;
                }
            }
            if (!any)
                break;
            match(r->items[0], s, cur, next);
            memcpy(cur, next, n);
            count++;
        }
        break;
    }
    }
}

/* Ends of r from the single start position `from`. */
REFERENCE_CODE static void ends_from(const struct rule *r, const struct subject *s, size_t from,
                      unsigned char *ends)
{
    position_set starts;
    memset(starts, 0, s->len + 1);
    starts[from] = 1;
    match(r, s, starts, ends);
}

struct reference_parse {
    int parses;               /* how many complete parses; 1 when accepted */
    int code;
    size_t version_len, reason_start, reason_len;
};

REFERENCE_CODE static void reference(const struct subject *s, const struct rule *phrase,
                                     struct reference_parse *out)
{
    size_t v, c, r;
    position_set version_ends, code_ends, reason_ends, tail;
    memset(out, 0, sizeof *out);
    ends_from(&SIP_Version, s, 0, version_ends);
    for (v = 0; v <= s->len; v++) {
        if (!version_ends[v] || v >= s->len || s->p[v] != ' ')
            continue;
        ends_from(&Status_Code, s, v + 1, code_ends);
        for (c = v + 1; c <= s->len; c++) {
            int code;
            if (!code_ends[c] || c >= s->len || s->p[c] != ' ')
                continue;
            code = (s->p[v + 1] - '0') * 100 + (s->p[v + 2] - '0') * 10 + (s->p[v + 3] - '0');
            if (code < 100 || code > 699)
                continue;
            ends_from(phrase, s, c + 1, reason_ends);
            for (r = c + 1; r <= s->len; r++) {
                if (!reason_ends[r])
                    continue;
                ends_from(&line_end, s, r, tail);
                if (tail[s->len]) {
                    out->parses++;
                    out->code = code;
                    out->version_len = v;
                    out->reason_start = c + 1;
                    out->reason_len = r - (c + 1);
                }
            }
        }
    }
}

static void disagree(const char *what, const uint8_t *data, size_t size)
{
    size_t i;
    fprintf(stderr, "parser and RFC 3261 reference disagree: %s\ninput:", what);
    for (i = 0; i < size; i++)
        fprintf(stderr, " %02x", data[i]);
    fprintf(stderr, "\n");
    abort();
}

/* One mode of the parser against the reference with its phrase rule. */
static void compare(const struct subject *s, int strict, const struct rule *phrase,
                    const uint8_t *data, size_t size)
{
    struct reference_parse ref;
    struct sipcodes_status_line line;
    int ok;
    reference(s, phrase, &ref);
    if (ref.parses > 1)
        disagree("the reference found the line ambiguous", data, size);
    ok = sipcodes_parse_status_line((const char *)data, size, strict, &line, NULL);
    if (ok != (ref.parses == 1))
        disagree(ok ? "parser accepts, reference refuses"
                    : "parser refuses, reference accepts", data, size);
    if (ok && (line.code != ref.code || line.version != (const char *)data
               || line.version_len != ref.version_len
               || line.reason != (const char *)data + ref.reason_start
               || line.reason_len != ref.reason_len))
        disagree("different split into version, code and reason", data, size);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct subject s;
    if (size > MAX_SUBJECT)
        return 0;
    s.p = data;
    s.len = size;
    compare(&s, 1, &Reason_Phrase, data, size);
    compare(&s, 0, &Tolerant_Phrase, data, size);
    return 0;
}
