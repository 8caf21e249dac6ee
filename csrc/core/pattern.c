/*
 * Status patterns: "408|5xx", "4[0-9][0-9]|!487", "(487)|(408)", "480-489".
 *
 * Routing scripts test codes against patterns the way Kamailio's
 * t_check_status() does with a regular expression.  A regular expression
 * over the code's digits is more than a code needs and fails silently when
 * mistyped (t_check_status("48") is true for 148 and 548), so this is a
 * small grammar of whole three-digit codes that compiles, once, into the
 * set of codes it matches, and refuses anything it cannot read exactly.
 *
 * The parser is a single left-to-right pass without recursion: groups only
 * gather alternatives, so a depth counter is all they need.  It reads
 * exactly len bytes; NUL is an ordinary (refused) byte.
 */
#include "pattern.h"
#include "text.h"

#include <string.h>

#define ANY_DIGIT 0x3FFu   /* one bit per digit 0..9 */

struct cursor {
    const char *text;
    size_t len;
    size_t pos;
};

static int peek(const struct cursor *c)
{
    return c->pos < c->len ? (unsigned char)c->text[c->pos] : -1;
}

static void skip_blanks(struct cursor *c)
{
    while (peek(c) == ' ' || peek(c) == '\t')
        c->pos++;
}

static int starts_position(int ch)
{
    return sipcodes_text_is_digit(ch) || ch == 'x' || ch == 'X' || ch == '.' || ch == '[';
}

static int is_quantifier(int ch)
{
    return ch == '+' || ch == '*' || ch == '?' || ch == '{';
}

static const char quantifier_msg[] =
    "quantifiers ('+', '*', '?', '{n}') are not supported: write one "
    "position per digit, e.g. 4[0-9][0-9]";

/* ---- code sets -------------------------------------------------------- */

static void set_add(struct sipcodes_codeset *set, int code)
{
    unsigned bit = (unsigned)(code - SIPCODES_MIN_CODE);
    set->bits[bit / 32] |= (uint32_t)1u << (bit % 32);
}

int sipcodes_codeset_contains(const struct sipcodes_codeset *set, int code)
{
    unsigned bit;
    if (set == NULL || !sipcodes_is_valid(code))
        return 0;
    bit = (unsigned)(code - SIPCODES_MIN_CODE);
    return (set->bits[bit / 32] >> (bit % 32)) & 1u;
}

static int set_is_empty(const struct sipcodes_codeset *set)
{
    size_t i;
    for (i = 0; i < SIPCODES_CODESET_WORDS; i++)
        if (set->bits[i] != 0)
            return 0;
    return 1;
}

/* ---- one position: 4, x, ., [0-9], [^5] -------------------------------- */

/* The digit mask of a bracket class at the cursor (which is on '['), or 0
 * after filling *err. */
static unsigned parse_bracket(struct cursor *c, struct sipcodes_error *err)
{
    size_t open = c->pos;
    unsigned mask = 0;
    int negate = 0;
    c->pos++;
    if (peek(c) == '^') {
        negate = 1;
        c->pos++;
    }
    if (peek(c) == ']')
        return (unsigned)sipcodes_error_at(err, c->pos, "empty '[]'");
    while (peek(c) != ']') {
        int lo = peek(c), hi;
        if (lo < 0)
            return (unsigned)sipcodes_error_at(err, open, "unterminated '['");
        if (!sipcodes_text_is_digit(lo))
            return (unsigned)sipcodes_error_at(err, c->pos,
                                  "'[...]' holds only digits and digit ranges");
        c->pos++;
        hi = lo;
        if (peek(c) == '-') {
            c->pos++;
            hi = peek(c);
            if (!sipcodes_text_is_digit(hi))
                return (unsigned)sipcodes_error_at(err, c->pos,
                                      "a range in '[...]' ends with a digit");
            if (hi < lo)
                return (unsigned)sipcodes_error_at(err, c->pos, "reversed range in '[...]'");
            c->pos++;
        }
        for (; lo <= hi; lo++)
            mask |= 1u << (lo - '0');
    }
    c->pos++;   /* ']' */
    if (negate)
        mask = ~mask & ANY_DIGIT;
    if (mask == 0)
        return (unsigned)sipcodes_error_at(err, open, "'[^...]' excludes every digit");
    return mask;
}

/* The digit mask of the position at the cursor, or 0 after filling *err. */
static unsigned parse_position(struct cursor *c, struct sipcodes_error *err)
{
    int ch = peek(c);
    if (sipcodes_text_is_digit(ch)) {
        c->pos++;
        return 1u << (ch - '0');
    }
    if (ch == 'x' || ch == 'X' || ch == '.') {
        c->pos++;
        return ANY_DIGIT;
    }
    return parse_bracket(c, err);
}

/* ---- items: 486, 5xx, 4[0-9][0-9], 480-489 ---------------------------- */

struct code_form {
    unsigned mask[3];
    size_t start;
};

static int single_digit(unsigned mask)
{
    int d;
    for (d = 0; d <= 9; d++)
        if (mask == 1u << d)
            return d;
    return -1;
}

/* The exact code a form spells, or -1 when a position allows several. */
static int exact_code(const struct code_form *f)
{
    int a = single_digit(f->mask[0]);
    int b = single_digit(f->mask[1]);
    int d = single_digit(f->mask[2]);
    return (a < 0 || b < 0 || d < 0) ? -1 : a * 100 + b * 10 + d;
}

static int parse_code_form(struct cursor *c, struct code_form *f,
                           struct sipcodes_error *err)
{
    int i;
    f->start = c->pos;
    for (i = 0; i < 3; i++) {
        int ch = peek(c);
        if (!starts_position(ch)) {
            if (is_quantifier(ch))
                return sipcodes_error_at(err, c->pos, quantifier_msg);
            if (i == 0)
                return sipcodes_error_at(err, c->pos, ch < 0 || ch == '|' || ch == ')'
                            ? "empty alternative"
                            : "expected a status code such as 486, 5xx, "
                              "4[0-9][0-9] or 480-489");
            return sipcodes_error_at(err, c->pos,
                        "a status code has three positions (digit, x, . or "
                        "[...]); this one has fewer");
        }
        f->mask[i] = parse_position(c, err);
        if (f->mask[i] == 0)
            return 0;
    }
    if (is_quantifier(peek(c)))
        return sipcodes_error_at(err, c->pos, quantifier_msg);
    if (starts_position(peek(c)))
        return sipcodes_error_at(err, c->pos,
                    "a status code has three positions; this one has more");
    return 1;
}

/* Adds what a non-range form matches; fails when that is no valid code.
 * Walks only the digits each position allows, so an exact code costs one
 * step and a class a hundred. */
static int add_form(struct sipcodes_codeset *set, const struct code_form *f,
                    struct sipcodes_error *err)
{
    int a, b, d, added = 0;
    for (a = SIPCODES_MIN_CODE / 100; a <= SIPCODES_MAX_CODE / 100; a++) {
        if (!((f->mask[0] >> a) & 1u))
            continue;
        for (b = 0; b <= 9; b++) {
            if (!((f->mask[1] >> b) & 1u))
                continue;
            for (d = 0; d <= 9; d++) {
                if ((f->mask[2] >> d) & 1u) {
                    set_add(set, a * 100 + b * 10 + d);
                    added = 1;
                }
            }
        }
    }
    if (!added)
        return sipcodes_error_at(err, f->start,
                    "matches no status code (valid codes are 100-699)");
    return 1;
}

/* One item at the cursor, added to *set. */
static int parse_item(struct cursor *c, struct sipcodes_codeset *set,
                      struct sipcodes_error *err)
{
    struct code_form lo, hi;
    size_t after_lo;
    int first, last, code;

    if (!parse_code_form(c, &lo, err))
        return 0;
    after_lo = c->pos;
    skip_blanks(c);
    if (peek(c) != '-') {
        c->pos = after_lo;
        if (!add_form(set, &lo, err))
            return 0;
    } else {
        c->pos++;
        skip_blanks(c);
        if (!parse_code_form(c, &hi, err))
            return 0;
        first = exact_code(&lo);
        last = exact_code(&hi);
        if (first < 0 || last < 0)
            return sipcodes_error_at(err, first < 0 ? lo.start : hi.start,
                        "a range joins two exact codes, e.g. 480-489");
        if (!sipcodes_is_valid(first) || !sipcodes_is_valid(last))
            return sipcodes_error_at(err, sipcodes_is_valid(first) ? hi.start : lo.start,
                        "status codes are 100-699");
        if (last < first)
            return sipcodes_error_at(err, lo.start, "reversed range");
        for (code = first; code <= last; code++)
            set_add(set, code);
    }
    return 1;
}

/* ---- the pattern ------------------------------------------------------ */

int sipcodes_pattern_compile(const char *text, size_t len,
                             struct sipcodes_codeset *out,
                             struct sipcodes_error *err)
{
    struct cursor c;
    struct sipcodes_codeset include, exclude;
    int have_include = 0;
    size_t depth = 0, open_at = 0, i;

    if (out != NULL)
        memset(out, 0, sizeof *out);
    if (text == NULL)
        return sipcodes_error_at(err, 0, "empty pattern");
    c.text = text;
    c.len = len;
    c.pos = 0;
    memset(&include, 0, sizeof include);
    memset(&exclude, 0, sizeof exclude);

    skip_blanks(&c);
    if (peek(&c) < 0)
        return sipcodes_error_at(err, c.pos, "empty pattern");

    for (;;) {
        /* The start of an alternative at the top level: "!" may lead. */
        int negated = 0;
        skip_blanks(&c);
        if (peek(&c) == '!') {
            negated = 1;
            c.pos++;
            skip_blanks(&c);
        }
        for (;;) {
            /* Within one top-level alternative: items, groups, "|".  A
             * regex anchor may stand before each group or item and after
             * each: "^(486)", "(^486$)", "^(408|5xx)$".  It changes
             * nothing, since a pattern always matches whole codes. */
            for (;;) {
                if (peek(&c) == '^') {
                    c.pos++;
                    skip_blanks(&c);
                }
                if (peek(&c) != '(')
                    break;
                if (depth == 0)
                    open_at = c.pos;
                depth++;
                c.pos++;
                skip_blanks(&c);
            }
            if (peek(&c) == '!')
                return sipcodes_error_at(err, c.pos,
                            "'!' may only start a top-level alternative, "
                            "e.g. 4xx|!487");
            if (!parse_item(&c, negated ? &exclude : &include, err))
                return 0;
            if (!negated)
                have_include = 1;
            skip_blanks(&c);
            for (;;) {
                if (peek(&c) == '$') {
                    c.pos++;
                    skip_blanks(&c);
                }
                if (peek(&c) != ')')
                    break;
                if (depth == 0)
                    return sipcodes_error_at(err, c.pos, "unbalanced ')'");
                depth--;
                c.pos++;
                skip_blanks(&c);
            }
            if (peek(&c) == '|' && depth > 0) {
                c.pos++;
                skip_blanks(&c);
                continue;
            }
            break;
        }
        if (peek(&c) < 0)
            break;
        if (peek(&c) != '|')
            return sipcodes_error_at(err, c.pos, is_quantifier(peek(&c)) ? quantifier_msg
                        : "expected '|' or the end of the pattern");
        c.pos++;
    }
    if (depth > 0)
        return sipcodes_error_at(err, open_at, "unbalanced '('");

    if (!have_include)
        for (i = 0; i < SIPCODES_CODESET_WORDS; i++)
            include.bits[i] = ~(uint32_t)0;
    for (i = 0; i < SIPCODES_CODESET_WORDS; i++)
        include.bits[i] &= ~exclude.bits[i];
    /* Bits past 699 in the last word are never read, but keep them clear so
     * that a set compares equal to another holding the same codes. */
    {
        unsigned used = SIPCODES_MAX_CODE - SIPCODES_MIN_CODE + 1;
        if (used % 32 != 0)
            include.bits[SIPCODES_CODESET_WORDS - 1] &=
                ((uint32_t)1u << (used % 32)) - 1u;
    }
    if (set_is_empty(&include))
        return sipcodes_error_at(err, 0, "pattern matches no status code");
    if (out != NULL)
        *out = include;
    return 1;
}
