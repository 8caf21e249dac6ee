/*
 * Status patterns: Kamailio's t_check_status() regular expressions
 * ("(5|6)[0-9][0-9]", "4[0-9]{2}", "^(408|5[0-9][0-9])$") plus "5xx",
 * "480-489" and "!487", compiled into the set of codes they match.
 *
 * Kamailio compiles the pattern with regcomp(REG_EXTENDED|REG_ICASE) and
 * asks regexec whether it matches anywhere in the code's three digits.
 * Here the pattern is parsed as glibc parses a POSIX extended regular
 * expression into a postfix program, and the program is run over every
 * valid code, once, to give the set the matcher uses.
 *
 * The subject is always three digits, which is what keeps this small and
 * bounded.  The value of a subexpression on one code is the set of spans
 * (p, q), 0 <= p <= q <= 3, that it matches: a 4x4 boolean matrix in 16
 * bits.  Concatenation composes matrices, alternation ORs them, and a
 * repeat e{m,n} needs no more than four copies of e: a chain of more than
 * four matches over four positions repeats one empty match, which may be
 * dropped or repeated again, so e{m,n} = e{min(m,4),min(n,4)}.  One pass
 * over the program per code, with no backtracking: the cost is the
 * program's length times the 600 codes at most, and codes whose digits no
 * atom of the pattern tells apart share one pass.
 *
 * Both readings come out of the same matrix: t_check_status's (any span)
 * and the whole code's (the span (0, 3)).  A pattern on which they differ
 * for some code means something other than whole codes and is refused,
 * naming that code.
 *
 * The parser reads exactly len bytes and recurses once per group, at most
 * SIPCODES_PATTERN_MAX_DEPTH deep; the program lives on the stack, sized
 * by SIPCODES_PATTERN_MAX_LEN.
 */
#include "pattern.h"
#include "text.h"

#include <string.h>

#define ANY_DIGIT 0x3FFu   /* one bit per digit 0..9 */

/* glibc's RE_DUP_MAX: a larger count in {m,n} is an error there. */
#define DUP_MAX 32767
#define UNBOUNDED 0xFFFFu

/* ---- spans over a three-digit subject -------------------------------- */

/* Bit 4 * p + q stands for the span (p, q). */
#define SPAN(p, q) ((unsigned)1u << (4 * (p) + (q)))
#define SPAN_IDENTITY (SPAN(0, 0) | SPAN(1, 1) | SPAN(2, 2) | SPAN(3, 3))
#define SPAN_WHOLE SPAN(0, 3)

/* Relational composition: row p of the result is the OR of b's rows r for
 * every r in a's row p.  Column r of a, shifted down, has its bits at
 * 0, 4, 8, 12; multiplied by b's row r (a nibble) it copies that row into
 * each row of the result that has r, without carries. */
static unsigned compose(unsigned a, unsigned b)
{
    unsigned r, out = 0;
    for (r = 0; r < 4; r++)
        out |= ((a >> r) & 0x1111u) * ((b >> (4 * r)) & 0xFu);
    return out;
}

static unsigned power(unsigned a, unsigned k)
{
    unsigned out = SPAN_IDENTITY;
    while (k-- > 0)
        out = compose(out, a);
    return out;
}

static unsigned repeat(unsigned a, unsigned min, unsigned max)
{
    if (min > 4)
        min = 4;
    if (max > 4)
        max = 4;
    return compose(power(a, min), power(a | SPAN_IDENTITY, max - min));
}

/* ---- the program ------------------------------------------------------ */

/* One operation in 32 bits: the kind in the top four, an argument below. */
enum op_kind {
    OP_DIGITS,   /* push: one digit from the mask (10 bits) */
    OP_RANGE,    /* push: the whole code, when in [lo, hi] */
    OP_BOL,      /* push: "^", the empty span at 0 */
    OP_EOL,      /* push: "$", the empty span at 3 */
    OP_EMPTY,    /* push: the empty string, "()" */
    OP_CAT,      /* pop 2, push their concatenation */
    OP_CAT_DIGITS, /* the top followed by one digit from the mask: the
                      commonest concatenation, in one step */
    OP_ALT,      /* pop 2, push their union */
    OP_REPEAT,   /* pop 1, push it {min, max}, each capped at 4 */
    OP_TOP       /* pop 1: a top-level alternative, maybe an exclusion */
};

#define OP(kind, arg) (((uint32_t)(kind) << 28) | (uint32_t)(arg))
#define OP_KIND(op) ((unsigned)((op) >> 28))
#define OP_ARG(op) ((unsigned)((op) & 0x0FFFFFFFu))

/* Every byte of the pattern adds at most two operations (an atom and the
 * concatenation that joins it; "|" an empty branch and the union). */
#define MAX_OPS (2 * SIPCODES_PATTERN_MAX_LEN + 4)
/* Each group level holds a union and a concatenation in progress. */
#define MAX_STACK (2 * SIPCODES_PATTERN_MAX_DEPTH + 4)
#define MAX_ALTS (SIPCODES_PATTERN_MAX_LEN / 2 + 1)

struct parser {
    const char *text;
    size_t len;
    size_t pos;
    struct sipcodes_error *err;
    uint32_t op[MAX_OPS];
    size_t nops;
    size_t sp, max_sp;            /* the evaluation stack, simulated */
    unsigned nalts;
    int have_include;
    int have_range;
    size_t anchors;               /* "^" and "$" read so far */
    size_t last_anchor;           /* where the latest stands */
    /* Digits that no atom tells apart get the same class. */
    unsigned char digit_class[10];
    unsigned nclasses;
};

static int emit(struct parser *ps, enum op_kind kind, unsigned arg)
{
    if (ps->nops >= MAX_OPS)
        return sipcodes_error_at(ps->err, ps->pos, "pattern too long");
    /* A concatenation whose right side is the digit atom just pushed. */
    if (kind == OP_CAT && ps->nops > 0 && OP_KIND(ps->op[ps->nops - 1]) == OP_DIGITS) {
        ps->nops--;
        ps->sp--;
        kind = OP_CAT_DIGITS;
        arg = OP_ARG(ps->op[ps->nops]);
    }
    ps->op[ps->nops++] = OP(kind, arg);
    switch (kind) {
    case OP_DIGITS: case OP_RANGE: case OP_BOL: case OP_EOL: case OP_EMPTY:
        ps->sp++;
        break;
    case OP_CAT: case OP_ALT: case OP_TOP:
        ps->sp--;
        break;
    case OP_REPEAT: case OP_CAT_DIGITS:
        break;
    }
    if (ps->sp > ps->max_sp)
        ps->max_sp = ps->sp;
    return 1;
}

/* Splits the digit classes by one atom's digit mask. */
static void refine(struct parser *ps, unsigned mask)
{
    unsigned char renumber[20];
    unsigned d, n = 0;
    memset(renumber, 0xFF, sizeof renumber);
    for (d = 0; d < 10; d++) {
        unsigned key = 2u * ps->digit_class[d] + ((mask >> d) & 1u);
        if (renumber[key] == 0xFF)
            renumber[key] = (unsigned char)n++;
        ps->digit_class[d] = renumber[key];
    }
    ps->nclasses = n;
}

static int emit_digits(struct parser *ps, unsigned mask)
{
    refine(ps, mask);
    return emit(ps, OP_DIGITS, mask);
}

/* ---- lexing ----------------------------------------------------------- */

static int peek_at(const struct parser *ps, size_t at)
{
    return at < ps->len ? (unsigned char)ps->text[at] : -1;
}

static int peek(const struct parser *ps)
{
    return peek_at(ps, ps->pos);
}

static int is_blank(int ch)
{
    return ch == ' ' || ch == '\t';
}

static int is_one_of(int ch, const char *set)
{
    return ch > 0 && strchr(set, ch) != NULL;
}

static int is_quantifier(int ch)
{
    return ch == '*' || ch == '+' || ch == '?' || ch == '{';
}

/* Blanks are skipped next to "|", "(", ")", "!", "^" and "$" and at either
 * end; anywhere else a blank would be a character to match, which no
 * digit is, so it is refused where it stands. */
static int skip_blanks(struct parser *ps)
{
    size_t start = ps->pos, end = ps->pos;
    int before, after;
    while (is_blank(peek_at(ps, end)))
        end++;
    if (end == start)
        return 1;
    before = start == 0 ? '|' : (unsigned char)ps->text[start - 1];
    after = peek_at(ps, end);
    if (is_quantifier(after))
        return sipcodes_error_at(ps->err, start,
                    "a blank may not stand before a quantifier");
    if (!is_one_of(before, "|()!^$") && after >= 0 && !is_one_of(after, "|()^$"))
        return sipcodes_error_at(ps->err, start,
                    "a blank matches no digit: blanks may stand only next to "
                    "'|', '(', ')', '!', '^', '$' or a range's '-'");
    ps->pos = end;
    return 1;
}

/* ---- bracket expressions ---------------------------------------------- */

/* REG_ICASE makes glibc read the pattern upper-cased, which decides whether
 * a range with letters at its ends is reversed. */
static int upper(int ch)
{
    return (ch >= 'a' && ch <= 'z') ? ch - 'a' + 'A' : ch;
}

struct bracket_item {
    int kind;        /* 0 a character, 1 a class, 2 an equivalence class */
    int ch;          /* for 0 and 2 */
    unsigned mask;   /* digits it holds */
};

static unsigned char_digits(int ch)
{
    return sipcodes_text_is_digit((unsigned char)ch) ? 1u << (ch - '0') : 0u;
}

/* "[:digit:]", "[.5.]" or "[=5=]" at the cursor (on '['), delim ':', '.'
 * or '='; fills *item. */
static int parse_bracket_symbol(struct parser *ps, int delim,
                                struct bracket_item *item)
{
    static const char *const with_digits[] = {
        "digit", "alnum", "xdigit", "print", "graph"
    };
    static const char *const without_digits[] = {
        "alpha", "upper", "lower", "space", "blank", "punct", "cntrl"
    };
    size_t open = ps->pos, name = ps->pos + 2, end = name, n, i;
    for (;;) {
        if (end + 1 >= ps->len)
            return sipcodes_error_at(ps->err, open, "unterminated '['");
        if (peek_at(ps, end) == delim && peek_at(ps, end + 1) == ']')
            break;
        end++;
    }
    n = end - name;
    ps->pos = end + 2;
    if (delim != ':') {
        if (n != 1)
            return sipcodes_error_at(ps->err, open,
                        "a collating element or equivalence class is one "
                        "character here, e.g. [.5.]");
        item->kind = delim == '.' ? 0 : 2;
        item->ch = upper((unsigned char)ps->text[name]);
        item->mask = char_digits(item->ch);
        return 1;
    }
    item->kind = 1;
    for (i = 0; i < sizeof with_digits / sizeof *with_digits; i++)
        if (strlen(with_digits[i]) == n && memcmp(with_digits[i], ps->text + name, n) == 0) {
            item->mask = ANY_DIGIT;
            return 1;
        }
    for (i = 0; i < sizeof without_digits / sizeof *without_digits; i++)
        if (strlen(without_digits[i]) == n
            && memcmp(without_digits[i], ps->text + name, n) == 0) {
            item->mask = 0;
            return 1;
        }
    return sipcodes_error_at(ps->err, open,
                "unknown character class: [:digit:], [:alnum:], [:xdigit:] "
                "and the other POSIX classes");
}

/* One element of a bracket expression; first says whether it is the first
 * element or a range's end, where '-' is an ordinary character. */
static int parse_bracket_item(struct parser *ps, int first,
                              struct bracket_item *item)
{
    int ch = peek(ps), next = peek_at(ps, ps->pos + 1);
    if (ch < 0)
        return sipcodes_error_at(ps->err, ps->pos, "unterminated '['");
    if (ch == '[' && (next == ':' || next == '.' || next == '='))
        return parse_bracket_symbol(ps, next, item);
    if (ch == '-' && !first && next != ']')
        return sipcodes_error_at(ps->err, ps->pos,
                    "'-' in '[...]' stands first, last or between a range's ends");
    ps->pos++;
    item->kind = 0;
    item->ch = upper(ch);
    item->mask = char_digits(ch);
    return 1;
}

/* The digit mask of the bracket expression at the cursor (on '['). */
static int parse_bracket(struct parser *ps, unsigned *out)
{
    size_t open = ps->pos;
    unsigned mask = 0;
    int negate = 0, first = 1;
    ps->pos++;
    if (peek(ps) == '^') {
        negate = 1;
        ps->pos++;
    }
    for (;;) {
        struct bracket_item lo, hi;
        if (peek(ps) < 0)
            return sipcodes_error_at(ps->err, open, "unterminated '['");
        if (peek(ps) == ']' && !first)
            break;
        if (peek(ps) == '\0')
            return sipcodes_error_at(ps->err, ps->pos, "a NUL byte is no part of a pattern");
        if (!parse_bracket_item(ps, first, &lo))
            return 0;
        first = 0;
        if (peek(ps) == '-' && peek_at(ps, ps->pos + 1) != ']'
            && peek_at(ps, ps->pos + 1) >= 0) {
            size_t dash = ps->pos;
            int c;
            ps->pos++;
            if (peek(ps) == '\0')
                return sipcodes_error_at(ps->err, ps->pos,
                            "a NUL byte is no part of a pattern");
            if (!parse_bracket_item(ps, 1, &hi))
                return 0;
            if (lo.kind != 0 || hi.kind != 0)
                return sipcodes_error_at(ps->err, dash,
                            "a range in '[...]' joins two characters");
            if (hi.ch < lo.ch)
                return sipcodes_error_at(ps->err, dash, "reversed range in '[...]'");
            for (c = lo.ch; c <= hi.ch; c++)
                mask |= char_digits(c);
        } else {
            mask |= lo.mask;
        }
    }
    ps->pos++;   /* ']' */
    if (negate)
        mask = ~mask & ANY_DIGIT;
    if (mask == 0)
        return sipcodes_error_at(ps->err, open, "'[...]' matches no digit");
    *out = mask;
    return 1;
}

/* ---- quantifiers ------------------------------------------------------ */

/* A number in "{m,n}" as glibc reads it: digits up to ',' or '}'; -1 when
 * there are none, -2 when anything else stands there. */
static long parse_count(struct parser *ps)
{
    long n = -1;
    int bad = 0;
    for (;;) {
        int ch = peek(ps);
        if (ch < 0)
            return -3;
        if (ch == ',' || ch == '}')
            break;
        if (!sipcodes_text_is_digit((unsigned char)ch))
            bad = 1;
        else if (!bad)
            n = n < 0 ? ch - '0' : (n * 10 + (ch - '0') > DUP_MAX ? DUP_MAX + 1
                                                                  : n * 10 + (ch - '0'));
        ps->pos++;
    }
    return bad ? -2 : n;
}

/* "*", "+", "?" or "{m}", "{m,}", "{m,n}", "{,n}" at the cursor. */
static int parse_quantifier(struct parser *ps)
{
    size_t open = ps->pos;
    int ch = peek(ps);
    long min, max;
    ps->pos++;
    if (ch == '*')
        return emit(ps, OP_REPEAT, 0u << 16 | 0xFFFFu);
    if (ch == '+')
        return emit(ps, OP_REPEAT, 1u << 16 | 0xFFFFu);
    if (ch == '?')
        return emit(ps, OP_REPEAT, 0u << 16 | 1u);
    min = parse_count(ps);
    if (min == -3)
        return sipcodes_error_at(ps->err, open, "unterminated '{'");
    if (min == -1) {
        if (peek(ps) != ',')
            return sipcodes_error_at(ps->err, open, "'{}' needs a count, e.g. {2}");
        min = 0;
    }
    max = min;
    if (min >= 0 && peek(ps) == ',') {
        ps->pos++;
        max = parse_count(ps);
        if (max == -3)
            return sipcodes_error_at(ps->err, open, "unterminated '{'");
        if (max == -1)
            max = UNBOUNDED;
    }
    if (min < 0 || max < 0 || peek(ps) != '}')
        return sipcodes_error_at(ps->err, open,
                    "'{...}' holds a count or two, e.g. {2} or {1,3}");
    ps->pos++;
    if (max != UNBOUNDED && min > max)
        return sipcodes_error_at(ps->err, open, "'{m,n}' with m greater than n");
    if ((max == UNBOUNDED ? min : max) > DUP_MAX)
        return sipcodes_error_at(ps->err, open, "a count above 32767 in '{...}'");
    return emit(ps, OP_REPEAT, (unsigned)(min > 4 ? 4 : min) << 16
                                   | (max == UNBOUNDED ? 0xFFFFu
                                                       : (unsigned)(max > 4 ? 4 : max)));
}

/* ---- atoms, branches, expressions ------------------------------------- */

static int parse_regex(struct parser *ps, unsigned depth);

/* "480-489" at the cursor: three digits, "-" (blanks around it allowed),
 * three digits, and no digit on either side.  Fills lo and hi. */
static int range_at(const struct parser *ps, int *lo, int *hi, size_t *end)
{
    size_t i = ps->pos, k;
    int v[2] = {0, 0}, side;
    if (i > 0 && sipcodes_text_is_digit((unsigned char)ps->text[i - 1]))
        return 0;
    for (side = 0; side < 2; side++) {
        if (side == 1) {
            while (is_blank(peek_at(ps, i)))
                i++;
            if (peek_at(ps, i) != '-')
                return 0;
            i++;
            while (is_blank(peek_at(ps, i)))
                i++;
        }
        for (k = 0; k < 3; k++, i++) {
            int ch = peek_at(ps, i);
            if (ch < 0 || !sipcodes_text_is_digit((unsigned char)ch))
                return 0;
            v[side] = v[side] * 10 + (ch - '0');
        }
    }
    if (peek_at(ps, i) >= 0 && sipcodes_text_is_digit((unsigned char)ps->text[i]))
        return 0;
    *lo = v[0];
    *hi = v[1];
    *end = i;
    return 1;
}

/* One atom at the cursor; *anchor is set for "^" and "$", which take no
 * quantifier, and for a group that holds one. */
static int parse_atom(struct parser *ps, unsigned depth, int *anchor)
{
    size_t anchors = ps->anchors;
    size_t at = ps->pos;
    int ch = peek(ps), lo, hi;
    size_t end;
    unsigned mask;
    *anchor = 0;
    switch (ch) {
    case '(':
        if (depth >= SIPCODES_PATTERN_MAX_DEPTH)
            return sipcodes_error_at(ps->err, at, "groups nest too deep");
        ps->pos++;
        if (!parse_regex(ps, depth + 1))
            return 0;
        if (peek(ps) != ')')
            return sipcodes_error_at(ps->err, at, "unbalanced '('");
        ps->pos++;
        *anchor = ps->anchors > anchors ? 2 : 0;
        return 1;
    case ')':
        return sipcodes_error_at(ps->err, at, "unbalanced ')'");
    case '[':
        return parse_bracket(ps, &mask) && emit_digits(ps, mask);
    case '.': case 'x': case 'X':
        ps->pos++;
        return emit_digits(ps, ANY_DIGIT);
    case '^':
    case '$':
        ps->pos++;
        *anchor = 1;
        ps->anchors++;
        ps->last_anchor = at;
        return emit(ps, ch == '^' ? OP_BOL : OP_EOL, 0);
    case '*': case '+': case '?': case '{':
        return sipcodes_error_at(ps->err, at,
                    "a quantifier follows nothing it could repeat");
    case '\\':
        return sipcodes_error_at(ps->err, at,
                    "'\\' is not supported: a status code has only digits");
    case '!':
        return sipcodes_error_at(ps->err, at,
                    "'!' may only start a top-level alternative, e.g. 4xx|!487");
    case '-':
        return sipcodes_error_at(ps->err, at,
                    "a range joins two exact codes, e.g. 480-489");
    case '\0':
        return sipcodes_error_at(ps->err, at, "a NUL byte is no part of a pattern");
    default:
        break;
    }
    if (sipcodes_text_is_digit((unsigned char)ch)) {
        if (range_at(ps, &lo, &hi, &end)) {
            if (!sipcodes_is_valid(lo) || !sipcodes_is_valid(hi))
                return sipcodes_error_at(ps->err, at, "status codes are 100-699");
            if (hi < lo)
                return sipcodes_error_at(ps->err, at, "reversed range");
            ps->pos = end;
            ps->have_range = 1;
            return emit(ps, OP_RANGE, (unsigned)lo << 10 | (unsigned)hi);
        }
        ps->pos++;
        return emit_digits(ps, 1u << (ch - '0'));
    }
    return sipcodes_error_at(ps->err, at,
                "matches no digit: a status code has only digits (and x, . "
                "or [...] for any of them)");
}

/* Atoms with their quantifiers, up to "|", ")" or the end; pushes one
 * value.  *pieces counts them. */
static int parse_branch(struct parser *ps, unsigned depth, unsigned *pieces)
{
    *pieces = 0;
    for (;;) {
        int ch, anchor;
        if (!skip_blanks(ps))
            return 0;
        ch = peek(ps);
        if (ch < 0 || ch == '|' || (ch == ')' && depth > 0))
            break;
        if (!parse_atom(ps, depth, &anchor))
            return 0;
        while (is_quantifier(peek(ps))) {
            if (anchor == 1)
                return sipcodes_error_at(ps->err, ps->pos,
                            "'^' and '$' take no quantifier");
            /* glibc's regexec lets the copies of an anchor that a repeat
             * makes match anywhere ("(^[0-9]){2}" matches 100), so no
             * answer here could be both t_check_status's and right. */
            if (anchor == 2)
                return sipcodes_error_at(ps->err, ps->last_anchor,
                            "'^' or '$' in a repeated group is not supported: "
                            "anchor outside the group");
            if (!parse_quantifier(ps))
                return 0;
        }
        if (*pieces > 0 && !emit(ps, OP_CAT, 0))
            return 0;
        (*pieces)++;
    }
    return *pieces > 0 || emit(ps, OP_EMPTY, 0);
}

/* Branches joined by "|", inside a group. */
static int parse_regex(struct parser *ps, unsigned depth)
{
    unsigned pieces;
    if (!parse_branch(ps, depth, &pieces))
        return 0;
    while (peek(ps) == '|') {
        ps->pos++;
        if (!parse_branch(ps, depth, &pieces) || !emit(ps, OP_ALT, 0))
            return 0;
    }
    return 1;
}

/* The top level: alternatives, each maybe led by "!". */
static int parse_pattern(struct parser *ps)
{
    if (!skip_blanks(ps))
        return 0;
    if (peek(ps) < 0)
        return sipcodes_error_at(ps->err, ps->pos, "empty pattern");
    for (;;) {
        size_t start;
        int negated = 0;
        unsigned pieces;
        if (!skip_blanks(ps))
            return 0;
        if (peek(ps) == '!') {
            negated = 1;
            ps->pos++;
            if (!skip_blanks(ps))
                return 0;
        }
        start = ps->pos;
        if (!parse_branch(ps, 0, &pieces))
            return 0;
        if (pieces == 0)
            return sipcodes_error_at(ps->err, start, "empty alternative");
        if (!negated)
            ps->have_include = 1;
        if (!emit(ps, OP_TOP, (unsigned)negated << 27 | (unsigned)start))
            return 0;
        ps->nalts++;
        if (peek(ps) < 0)
            return 1;
        ps->pos++;   /* '|' */
    }
}

/* ---- evaluation ------------------------------------------------------- */

/* The spans of the include and exclude alternatives on one code; marks in
 * matched[] every top-level alternative with a span. */
static void run(const struct parser *ps, int code, unsigned *include,
                unsigned *exclude, unsigned char *matched)
{
    uint16_t stack[MAX_STACK];
    size_t sp = 0, i;
    unsigned d[3], alt = 0;
    d[0] = (unsigned)code / 100;
    d[1] = (unsigned)code / 10 % 10;
    d[2] = (unsigned)code % 10;
    *include = *exclude = 0;
    for (i = 0; i < ps->nops; i++) {
        uint32_t op = ps->op[i];
        unsigned arg = OP_ARG(op), v;
        switch (OP_KIND(op)) {
        case OP_DIGITS:
            stack[sp++] = (uint16_t)(((arg >> d[0]) & 1u) * SPAN(0, 1)
                                     | ((arg >> d[1]) & 1u) * SPAN(1, 2)
                                     | ((arg >> d[2]) & 1u) * SPAN(2, 3));
            break;
        case OP_CAT_DIGITS:
            /* Spans ending at q, for each q whose digit is in the mask,
             * grow by one: column q moves to column q + 1. */
            v = ((arg >> d[0]) & 1u) * 0x1111u | ((arg >> d[1]) & 1u) * 0x2222u
                | ((arg >> d[2]) & 1u) * 0x4444u;
            stack[sp - 1] = (uint16_t)((stack[sp - 1] & v) << 1);
            break;
        case OP_RANGE:
            stack[sp++] = (uint16_t)((unsigned)code >= arg >> 10
                                     && (unsigned)code <= (arg & 0x3FFu) ? SPAN_WHOLE : 0);
            break;
        case OP_BOL:
            stack[sp++] = (uint16_t)SPAN(0, 0);
            break;
        case OP_EOL:
            stack[sp++] = (uint16_t)SPAN(3, 3);
            break;
        case OP_EMPTY:
            stack[sp++] = (uint16_t)SPAN_IDENTITY;
            break;
        case OP_CAT:
            sp--;
            stack[sp - 1] = (uint16_t)compose(stack[sp - 1], stack[sp]);
            break;
        case OP_ALT:
            sp--;
            stack[sp - 1] = (uint16_t)(stack[sp - 1] | stack[sp]);
            break;
        case OP_REPEAT:
            stack[sp - 1] = (uint16_t)repeat(stack[sp - 1], arg >> 16, arg & 0xFFFFu);
            break;
        default:   /* OP_TOP */
            v = stack[--sp];
            if (v != 0)
                matched[alt / 8] |= (unsigned char)(1u << (alt % 8));
            if ((arg >> 27) & 1u)
                *exclude |= v;
            else
                *include |= v;
            alt++;
            break;
        }
    }
}

/* Whether the code is in the pattern as t_check_status reads it (bit 0)
 * and as a whole code (bit 1). */
static unsigned readings(const struct parser *ps, unsigned include, unsigned exclude)
{
    unsigned anywhere = (ps->have_include ? include != 0 : 1) && exclude == 0;
    unsigned whole = (ps->have_include ? (include & SPAN_WHOLE) != 0 : 1)
                     && (exclude & SPAN_WHOLE) == 0;
    return anywhere | whole << 1;
}

/* ---- code sets -------------------------------------------------------- */

int sipcodes_codeset_contains(const struct sipcodes_codeset *set, int code)
{
    unsigned bit;
    if (set == NULL || !sipcodes_is_valid(code))
        return 0;
    bit = (unsigned)(code - SIPCODES_MIN_CODE);
    return (set->bits[bit / 32] >> (bit % 32)) & 1u;
}

/* Adds first .. first + 9 (a row: first is a multiple of ten) for the
 * last digits whose bits are set in `digits`. */
static void set_add_row(struct sipcodes_codeset *set, int first, unsigned digits)
{
    unsigned bit = (unsigned)(first - SIPCODES_MIN_CODE);
    set->bits[bit / 32] |= (uint32_t)digits << (bit % 32);
    if (bit % 32 > 32 - 10)
        set->bits[bit / 32 + 1] |= (uint32_t)(digits >> (32 - bit % 32));
}

/* The lowest digit in a non-empty mask of digits. */
static unsigned lowest_digit(unsigned digits)
{
    unsigned d = 0;
    while (!((digits >> d) & 1u))
        d++;
    return d;
}

static int set_is_empty(const struct sipcodes_codeset *set)
{
    size_t i;
    for (i = 0; i < SIPCODES_CODESET_WORDS; i++)
        if (set->bits[i] != 0)
            return 0;
    return 1;
}

/* ---- the pattern ------------------------------------------------------ */

int sipcodes_pattern_compile(const char *text, size_t len,
                             struct sipcodes_codeset *out,
                             struct sipcodes_error *err)
{
    struct parser ps;
    struct sipcodes_codeset set;
    unsigned char matched[(MAX_ALTS + 7) / 8];
    /* Per pair of classes of a row's first two digits: its last digits
     * in the set and read apart. */
    struct { uint16_t in, odd; unsigned char done; } memo[10 * 10];
    unsigned class_digits[10];
    int differs = 0;
    unsigned alt, d, d0, d1, c;
    size_t i;

    if (out != NULL)
        memset(out, 0, sizeof *out);
    if (text == NULL)
        return sipcodes_error_at(err, 0, "empty pattern");
    if (len > SIPCODES_PATTERN_MAX_LEN)
        return sipcodes_error_at(err, SIPCODES_PATTERN_MAX_LEN,
                    "pattern longer than 2048 bytes");
    ps.text = text;
    ps.len = len;
    ps.pos = 0;
    ps.err = err;
    ps.nops = 0;
    ps.sp = ps.max_sp = 0;
    ps.nalts = 0;
    ps.have_include = 0;
    ps.have_range = 0;
    ps.anchors = 0;
    ps.last_anchor = 0;
    memset(ps.digit_class, 0, sizeof ps.digit_class);
    ps.nclasses = 1;
    if (!parse_pattern(&ps))
        return 0;
    if (ps.max_sp > MAX_STACK)
        return sipcodes_error_at(err, 0, "pattern too complex");

    memset(&set, 0, sizeof set);
    memset(matched, 0, sizeof matched);
    memset(memo, 0, sizeof memo);
    memset(class_digits, 0, sizeof class_digits);
    for (d = 0; d < 10; d++)
        class_digits[ps.digit_class[d]] |= 1u << d;
    /* A row of ten codes at a time.  Without a "480-489" range a code's
     * answer depends only on the classes of its digits: a row's answers
     * are worked out once per pair of classes of its first two digits
     * (memo), each class of the last digit run once, on its lowest digit. */
    for (d0 = 1; d0 <= 6; d0++) {
        for (d1 = 0; d1 <= 9; d1++) {
            int first = (int)(d0 * 100 + d1 * 10);
            unsigned pair = ps.digit_class[d0] * 10u + ps.digit_class[d1];
            if (ps.have_range || !memo[pair].done) {
                unsigned n = ps.have_range ? 10u : ps.nclasses;
                memo[pair].in = memo[pair].odd = 0;
                memo[pair].done = 1;
                for (c = 0; c < n; c++) {
                    unsigned digits = ps.have_range ? 1u << c : class_digits[c];
                    unsigned include, exclude, answer;
                    run(&ps, first + (int)lowest_digit(digits), &include, &exclude, matched);
                    answer = readings(&ps, include, exclude);
                    if (answer == 3u)
                        memo[pair].in |= (uint16_t)digits;
                    else if (answer != 0)
                        memo[pair].odd |= (uint16_t)digits;
                }
            }
            set_add_row(&set, first, memo[pair].in);
            if (memo[pair].odd != 0 && differs == 0)
                differs = first + (int)lowest_digit(memo[pair].odd);
        }
    }

    for (alt = 0, i = 0; i < ps.nops; i++) {
        if (OP_KIND(ps.op[i]) != OP_TOP)
            continue;
        if (!((matched[alt / 8] >> (alt % 8)) & 1u))
            return sipcodes_error_at(err, OP_ARG(ps.op[i]) & 0x7FFFFFFu,
                        "matches no status code (valid codes are 100-699)");
        alt++;
    }
    if (differs != 0) {
        sipcodes_error_at(err, 0, "t_check_status, which matches anywhere in the code, "
                                  "answers %d differently: write whole codes, "
                                  "e.g. 48[0-9] or ^48$");
        if (err != NULL)
            err->code = differs;
        return 0;
    }
    if (set_is_empty(&set))
        return sipcodes_error_at(err, 0, "pattern matches no status code");
    if (out != NULL)
        *out = set;
    return 1;
}
