/*
 * libFuzzer target: the status pattern compiler against the real thing,
 * regcomp(REG_EXTENDED | REG_ICASE | REG_NOSUB) and regexec over the
 * code's three digits, as Kamailio's t_check_status() calls them.
 *
 * The first input byte chooses how the rest becomes a pattern.  Odd: the
 * bytes are the pattern.  Even: they drive a generator over the whole
 * extended regular expression grammar (groups, alternation, anchors,
 * bracket expressions with ranges, classes, collating elements and
 * negation, every quantifier, stray operators) and the pattern's own
 * additions ("x", "480-489", "!", blanks), which writes the pattern and,
 * beside it, the regular expressions Kamailio would be given for its
 * included and its excluded alternatives.
 *
 * For every pattern:
 *   accepted => every code 100-699 is in the set exactly when regexec
 *               matches it, and regexec anchored at both ends agrees;
 *   refused  => regcomp refuses it too; or the message names a code on
 *               which regexec and anchored regexec differ; or it is one of
 *               the stated refusals, checked where it points (a character
 *               or "[...]" that matches no digit, a blank elsewhere than
 *               next to an operator, "\", NUL, the length limit, a
 *               top-level alternative or pattern that matches no code...).
 * and the answer holds together: compiling again gives the same result.
 * FUZZ_PATTERN_SHOW=1 in the environment prints each generated pattern
 * with the regular expressions it is compared with.
 */
#include "sipcodes.h"

#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_TEXT 512
#define MAX_ALTS 8

struct gen {
    const uint8_t *data;
    size_t size, pos;
    char pattern[MAX_TEXT];       /* what the compiler is given */
    size_t plen;
    char include[MAX_TEXT];       /* t_check_status's regex, included */
    size_t ilen;
    char exclude[MAX_TEXT];       /* and excluded alternatives */
    size_t elen;
    int have_include, have_exclude;
    int to_exclude;               /* writing an excluded alternative */
    int overflow;
    unsigned long copies;         /* how large glibc's expansion gets */
    int depth, max_depth;
};

static unsigned take(struct gen *g, unsigned n)
{
    if (g->pos >= g->size)
        return 0;
    return g->data[g->pos++] % n;
}

static void put_pattern(struct gen *g, const char *s)
{
    size_t n = strlen(s);
    if (g->plen + n >= MAX_TEXT) {
        g->overflow = 1;
        return;
    }
    memcpy(g->pattern + g->plen, s, n);
    g->plen += n;
}

static void put_regex(struct gen *g, const char *s)
{
    char *buf = g->to_exclude ? g->exclude : g->include;
    size_t *len = g->to_exclude ? &g->elen : &g->ilen;
    size_t n = strlen(s);
    if (*len + n >= MAX_TEXT) {
        g->overflow = 1;
        return;
    }
    memcpy(buf + *len, s, n);
    *len += n;
}

static void put(struct gen *g, const char *s)
{
    put_pattern(g, s);
    put_regex(g, s);
}

static void gen_regex(struct gen *g);

static void gen_bracket(struct gen *g)
{
    static const char *const items[] = {
        "0", "4", "5", "9", "a", "Z", "x", "-", "]", "^", "[", "!", "/", ":",
        "0-9", "1-5", "5-1", "!-@", "--0", "0--", "a-z", "A-z", "Z-a", "_-a",
        "[:digit:]", "[:alnum:]", "[:xdigit:]", "[:alpha:]", "[:punct:]",
        "[:upper:]", "[:space:]", "[:print:]", "[:bogus:]", "[:digit",
        "[.5.]", "[.-.]", "[=3=]", "[.ab.]", "[.0.]-9", "[=0=]-9", "\\", " ",
    };
    unsigned n = take(g, 4), i;
    put(g, "[");
    if (take(g, 4) == 0)
        put(g, "^");
    for (i = 0; i <= n; i++) {
        const char *item = items[take(g, sizeof items / sizeof *items)];
        /* A first "^" would negate, and "]" after it would not close. */
        put(g, i == 0 && item[0] == '^' ? "5" : item);
    }
    put(g, "]");
}

static void gen_quantifier(struct gen *g)
{
    static const char *const forms[] = {
        "*", "+", "?", "{0}", "{1}", "{2}", "{3}", "{4}", "{5}", "{1,}",
        "{2,}", "{0,1}", "{1,2}", "{2,3}", "{0,4}", "{,2}", "{,}", "{3,1}",
        "{", "{}", "{a}", "{2", "{1,2,3}", "{255}", "{32767}", "{32768}",
        "{0,32767}",
    };
    unsigned k = take(g, sizeof forms / sizeof *forms);
    /* glibc copies the repeated tree about once per count, and again for
     * each quantifier stacked on it. */
    if (g->copies < 1000000)
        g->copies *= (k == 23 || k == 24 || k == 26) ? 256 : k < 3 ? 2 : 4;       /* keep glibc's copies of the tree small */
    put(g, forms[k]);
}

static void gen_atom(struct gen *g)
{
    static const char *const digits[] = {"0", "1", "3", "4", "5", "6", "8", "9"};
    static const char *const strays[] = {
        ")", "*", "{", "}", "]", "\\", "|", "-", "!", "a", "B", "\\1", "\n",
    };
    char lo[4], hi[4], alt[8];
    int a, b, c;
    switch (take(g, 16)) {
    case 0: case 1: case 2: case 3: case 4:
        put(g, digits[take(g, 8)]);
        break;
    case 5:
        put(g, ".");
        break;
    case 6:
        put_pattern(g, take(g, 2) ? "x" : "X");
        put_regex(g, "[0-9]");
        break;
    case 7: case 8:
        gen_bracket(g);
        break;
    case 9: case 10:
        if (g->depth < g->max_depth) {
            g->depth++;
            put(g, "(");
            gen_regex(g);
            put(g, ")");
            g->depth--;
        } else {
            put(g, "()");
        }
        break;
    case 11:
        put(g, take(g, 2) ? "^" : "$");
        break;
    case 12:
        /* a range of codes, written out for regexec */
        a = (int)take(g, 7) * 100 + (int)take(g, 10) * 10 + (int)take(g, 10);
        b = a + (int)take(g, 12) - 1;
        snprintf(lo, sizeof lo, "%03d", a);
        snprintf(hi, sizeof hi, "%03d", b < 0 ? 0 : b % 1000);
        put_pattern(g, lo);
        put_pattern(g, take(g, 4) ? "-" : " - ");
        put_pattern(g, hi);
        put_regex(g, "(");
        for (c = atoi(lo); c <= atoi(hi); c++) {
            snprintf(alt, sizeof alt, c == atoi(lo) ? "%03d" : "|%03d", c);
            put_regex(g, alt);
        }
        if (atoi(hi) < atoi(lo))
            put_regex(g, "[");    /* no regex: the compiler must refuse */
        put_regex(g, ")");
        break;
    case 13:
        put_pattern(g, take(g, 2) ? " " : "\t");
        break;
    default:
        /* At the top level "|" and "!" would start alternatives the
         * generator does not know of. */
        c = (int)take(g, sizeof strays / sizeof *strays);
        put(g, g->depth == 0 && (strays[c][0] == '|' || strays[c][0] == '!') ? "a"
                                                                            : strays[c]);
        break;
    }
}

static void gen_branch(struct gen *g)
{
    unsigned n = take(g, 5), i;
    for (i = 0; i < n; i++) {
        gen_atom(g);
        while (g->pos < g->size && take(g, 4) == 0)
            gen_quantifier(g);
    }
}

static void gen_regex(struct gen *g)
{
    unsigned n = take(g, 3), i;
    gen_branch(g);
    for (i = 0; i < n; i++) {
        put(g, "|");
        gen_branch(g);
    }
}

/* Top-level alternatives, each maybe an exclusion. */
static void gen_pattern(struct gen *g)
{
    unsigned n = 1 + take(g, 3), i;
    g->max_depth = 1 + (int)take(g, 4);
    for (i = 0; i < n; i++) {
        int negated = take(g, 6) == 0;
        if (i > 0)
            put_pattern(g, take(g, 4) ? "|" : " | ");
        if (negated)
            put_pattern(g, "!");
        g->to_exclude = negated;
        if ((negated ? g->have_exclude : g->have_include))
            put_regex(g, "|");
        if (negated)
            g->have_exclude = 1;
        else
            g->have_include = 1;
        gen_branch(g);
    }
    /* An unterminated "[" swallows the rest, so it can only come last. */
    if (take(g, 32) == 1) {
        put(g, "[0");
        if (take(g, 2))
            put(g, "[:digit:");
    }
}

static void report(const char *what, int code, const char *pattern, size_t len,
                   const struct gen *g, const struct sipcodes_error *err)
{
    size_t i;
    fprintf(stderr, "pattern compiler and regex disagree on %d: %s\npattern:", code, what);
    for (i = 0; i < len; i++)
        fprintf(stderr, " %02x", (unsigned char)pattern[i]);
    fprintf(stderr, "\n  \"%.*s\"\n", (int)len, pattern);
    if (g != NULL)
        fprintf(stderr, "  include /%s/ exclude /%s/\n",
                g->have_include ? g->include : "-", g->have_exclude ? g->exclude : "-");
    if (err != NULL)
        fprintf(stderr, "  refused at %zu: %s\n", err->offset, err->message);
    abort();
}

/* regexec over the code's digits, as t_check_status runs it. */
static int finds(const regex_t *re, int code)
{
    char digits[4];
    snprintf(digits, sizeof digits, "%d", code);
    return regexec(re, digits, 0, NULL, 0) == 0;
}

struct oracle {
    int ok;                       /* every regex compiled */
    regex_t any[2], whole[2];     /* [0] included, [1] excluded */
    int have[2];
};

static void oracle_open(struct oracle *o, const char *include, const char *exclude)
{
    const char *text[2];
    char anchored[MAX_TEXT + 8];
    int i, made = 0;
    text[0] = include;
    text[1] = exclude;
    o->ok = 1;
    for (i = 0; i < 2; i++) {
        o->have[i] = text[i] != NULL;
        if (!o->have[i])
            continue;
        snprintf(anchored, sizeof anchored, "^(%s)$", text[i]);
        if (regcomp(&o->any[i], text[i], REG_EXTENDED | REG_ICASE | REG_NOSUB) != 0) {
            o->ok = 0;
            o->have[i] = 0;
            continue;
        }
        if (regcomp(&o->whole[i], anchored, REG_EXTENDED | REG_ICASE | REG_NOSUB) != 0) {
            regfree(&o->any[i]);
            o->ok = 0;
            o->have[i] = 0;
            continue;
        }
        made++;
    }
    (void)made;
}

static void oracle_close(struct oracle *o)
{
    int i;
    for (i = 0; i < 2; i++)
        if (o->have[i]) {
            regfree(&o->any[i]);
            regfree(&o->whole[i]);
        }
}

/* The code as t_check_status reads the pattern (any) and as a whole code. */
static void oracle_answer(const struct oracle *o, int code, int *any, int *whole)
{
    *any = (o->have[0] ? finds(&o->any[0], code) : 1)
           && !(o->have[1] && finds(&o->any[1], code));
    *whole = (o->have[0] ? finds(&o->whole[0], code) : 1)
             && !(o->have[1] && finds(&o->whole[1], code));
}

static int has(const char *message, const char *words)
{
    return strstr(message, words) != NULL;
}

/* A refusal the pattern's documentation states, checked where it points. */
static int stated_refusal(const char *p, size_t len, const struct sipcodes_error *err,
                          const struct oracle *o)
{
    const char *m = err->message;
    int at = err->offset < len ? (unsigned char)p[err->offset] : -1;
    int code, any, whole, none = 1;
    if (has(m, "matches no digit: a status code"))
        return at >= 0 && strchr("0123456789.xX[(^$", at) == NULL;
    if (has(m, "'[...]' matches no digit"))
        return at == '[';
    if (has(m, "a blank matches no digit") || has(m, "blank may not stand"))
        return at == ' ' || at == '\t';
    if (has(m, "'\\' is not supported"))
        return at == '\\';
    if (has(m, "NUL byte"))
        return at == 0;
    if (has(m, "unbalanced ')'"))
        return at == ')';
    if (has(m, "'!' may only start"))
        return at == '!';
    if (has(m, "range joins two exact codes") || has(m, "reversed range")
        || has(m, "status codes are 100-699"))
        return at == '-' || (at >= '0' && at <= '9');
    if (has(m, "collating element or equivalence class is one"))
        return at == '[';
    if (has(m, "empty alternative") || has(m, "empty pattern"))
        return 1;
    if (has(m, "matches no status code (valid codes"))
        return 1;   /* one top-level alternative: checked by the generator */
    if (has(m, "pattern matches no status code")) {
        if (!o->ok)
            return 1;
        for (code = SIPCODES_MIN_CODE; code <= SIPCODES_MAX_CODE; code++) {
            oracle_answer(o, code, &any, &whole);
            none &= !any && !whole;
        }
        return none;
    }
    if (has(m, "longer than"))
        return len > SIPCODES_PATTERN_MAX_LEN;
    if (has(m, "in a repeated group is not supported"))
        return at == '^' || at == '$';
    if (has(m, "nest too deep"))
        return at == '(';
    return 0;
}

static void check(const char *p, size_t len, const char *include, const char *exclude,
                  const struct gen *g)
{
    struct sipcodes_codeset set, again;
    struct sipcodes_error err;
    struct oracle o;
    int ok, code, any, whole;

    ok = sipcodes_pattern_compile(p, len, &set, &err);
    if (ok != sipcodes_pattern_compile(p, len, &again, NULL)
        || (ok && memcmp(&set, &again, sizeof set) != 0))
        report("compiling twice differs", 0, p, len, g, NULL);
    if (!ok && (err.message == NULL || err.offset > len))
        report("a refusal without a message or outside the text", 0, p, len, g, &err);
    if (ok)
        for (code = 0; code < 1000; code++)
            if (sipcodes_codeset_contains(&set, code) && !sipcodes_is_valid(code))
                report("a set holds an invalid code", code, p, len, g, NULL);
    if (include == NULL && exclude == NULL)
        return;

    oracle_open(&o, include, exclude);
    if (ok) {
        if (!o.ok)
            report("the compiler accepts what regcomp refuses", 0, p, len, g, NULL);
        for (code = SIPCODES_MIN_CODE; code <= SIPCODES_MAX_CODE; code++) {
            oracle_answer(&o, code, &any, &whole);
            if (any != whole)
                report("accepted, but regexec and anchored regexec differ", code, p, len, g, NULL);
            if (any != sipcodes_codeset_contains(&set, code))
                report(any ? "only regexec matches" : "only the set holds it", code, p, len, g, NULL);
        }
    } else if (o.ok && has(err.message, "t_check_status")) {
        code = err.code;
        if (!sipcodes_is_valid(code))
            report("the message names no code", code, p, len, g, &err);
        oracle_answer(&o, code, &any, &whole);
        if (any == whole)
            report("the code named reads the same both ways", code, p, len, g, &err);
    } else if (o.ok && !stated_refusal(p, len, &err, &o)) {
        report("refused, but regcomp compiles it and no stated rule applies", 0, p, len, g, &err);
    }
    oracle_close(&o);
}

/* glibc copies the tree for every count and recurses per group: keep its
 * side small (the compiler itself has no such limit). */
static int regcomp_can_take(const char *p, size_t len, int max_counts)
{
    size_t i;
    int depth = 0, deepest = 0, counts = 0, in_count = 0, digits = 0, groups = 0;
    for (i = 0; i < len; i++) {
        if (p[i] == '(' && ++groups > 0 && ++depth > deepest)
            deepest = depth;
        if (p[i] == ')')
            depth--;
        if (p[i] == '{' || p[i] == '*' || p[i] == '+' || p[i] == '?')
            counts++;
        if (p[i] == '{')
            in_count = 1;
        else if (p[i] == '}')
            in_count = 0;
        digits = in_count && p[i] >= '0' && p[i] <= '9' ? digits + 1 : 0;
        if (digits >= 3)
            return 0;
    }
    return deepest <= 6 && counts <= max_counts && groups <= 12;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    if (data[0] & 1) {
        /* The bytes as they are; regexec is asked only when the pattern
         * uses none of the additions and glibc can take it. */
        const char *p = (const char *)data + 1;
        size_t len = size - 1, i;
        char text[MAX_TEXT];
        int plain = len < MAX_TEXT;
        if (len > SIPCODES_PATTERN_MAX_LEN + 8)
            return 0;
        for (i = 0; plain && i < len; i++)
            if (strchr("xX!- \t", p[i]) != NULL || p[i] == '\0')
                plain = 0;
        plain = plain && regcomp_can_take(p, len, 4);
        if (plain) {
            memcpy(text, p, len);
            text[len] = '\0';
        }
        check(p, len, plain ? text : NULL, NULL, NULL);
    } else {
        static struct gen g;
        memset(&g, 0, sizeof g);
        g.data = data + 1;
        g.size = size - 1;
        g.copies = 1;
        gen_pattern(&g);
        if (g.overflow || g.plen == 0)
            return 0;
        g.include[g.ilen] = '\0';
        g.exclude[g.elen] = '\0';
        if (getenv("FUZZ_PATTERN_SHOW") != NULL)
            fprintf(stderr, "\"%.*s\" include /%s/ exclude /%s/\n", (int)g.plen,
                    g.pattern, g.include, g.exclude);
        if (g.copies >= 16 || !regcomp_can_take(g.pattern, g.plen, 12)) {
            check(g.pattern, g.plen, NULL, NULL, &g);
            return 0;
        }
        check(g.pattern, g.plen, g.have_include ? g.include : NULL,
              g.have_exclude ? g.exclude : NULL, &g);
    }
    return 0;
}
