/*
 * The routing part of the C core, without Lua: the C API's own contract
 * (arrays, NULL arguments, error offsets, the code set's spare bits) and a
 * bounded random walk over pattern text that checks invariants on every
 * input.  Status patterns from real Kamailio configurations are checked
 * against regcomp/regexec called as t_check_status() calls them.  Built with AddressSanitizer and UBSan by the Makefile;
 * test/suites/10-core runs it.
 *
 * Prints "ok - ..." / "not ok - ..." lines; exits 1 when any check failed.
 *
 *   routing_core_test [random-patterns]      default 200000
 */
#define _POSIX_C_SOURCE 200809L
#include "sipcodes.h"

#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

static void check(int cond, const char *what)
{
    printf("%s - %s\n", cond ? "ok" : "not ok", what);
    if (!cond)
        failures++;
}

static int compiles(const char *pattern, struct sipcodes_codeset *set)
{
    return sipcodes_pattern_compile(pattern, strlen(pattern), set, NULL);
}

static void test_best_response(void)
{
    /* RFC 3261 section 16.7 step 6's example: 503, 407, 501, 404 -> 407 */
    int example[] = {503, 407, 501, 404};
    int only_503[] = {503};
    int provisional[] = {100, 180, 0, 700};
    size_t index = 99;
    struct sipcodes_best best;

    check(sipcodes_best_response(example, 4, &index) == 407 && index == 1,
          "best_response: the RFC's example forwards the 407 (index 1)");
    check(sipcodes_best_response(only_503, 1, &index) == 500 && index == 0,
          "best_response: a lone 503 becomes 500");
    check(sipcodes_best_response(provisional, 4, &index) == 408
          && index == SIPCODES_NO_INDEX,
          "best_response: no final response gives 408 and no index");
    check(sipcodes_best_response(NULL, 3, NULL) == 408,
          "best_response: NULL array and NULL index are accepted");

    sipcodes_best_init(&best);
    sipcodes_best_offer(&best, 486, 7);
    sipcodes_best_offer(&best, 603, 9);
    sipcodes_best_offer(&best, 200, 11);
    check(sipcodes_best_result(&best, &index) == 200 && index == 11,
          "best_offer: a 2xx offered last still wins");
}

static void test_rules(void)
{
    check(sipcodes_stops_forking(600) && sipcodes_stops_forking(299)
          && !sipcodes_stops_forking(487) && !sipcodes_stops_forking(700),
          "stops_forking: 2xx and 6xx only");
    check(strcmp(sipcodes_may_retry(407), "credentials") == 0
          && sipcodes_may_retry(486) == NULL && sipcodes_may_retry(-1) == NULL,
          "may_retry: 407 credentials, 486 and -1 nothing");
    check(sipcodes_treat_as(503, 0) == 500 && sipcodes_treat_as(503, 1) == 503
          && sipcodes_treat_as(202, 0) == 200 && sipcodes_treat_as(431, 0) == 400
          && sipcodes_treat_as(1000, 0) == 0,
          "treat_as: 503, 202, 431 and an invalid code");
}

static void test_patterns(void)
{
    struct sipcodes_codeset set;
    struct sipcodes_error err;
    int code, ok = 1;

    check(compiles("4xx|!487", &set) && sipcodes_codeset_contains(&set, 486)
          && !sipcodes_codeset_contains(&set, 487)
          && !sipcodes_codeset_contains(&set, 500),
          "pattern: 4xx|!487");
    check(compiles("!6xx", &set) && sipcodes_codeset_contains(&set, 100)
          && sipcodes_codeset_contains(&set, 599)
          && !sipcodes_codeset_contains(&set, 600)
          && !sipcodes_codeset_contains(&set, 99)
          && !sipcodes_codeset_contains(&set, 700),
          "pattern: !6xx alone is every valid code but 6xx");
    check(compiles("xxx", &set), "pattern: xxx compiles");
    for (code = 100; code <= 699; code++)
        ok &= sipcodes_codeset_contains(&set, code);
    check(ok && (set.bits[SIPCODES_CODESET_WORDS - 1] >> (600 % 32)) == 0,
          "pattern: xxx holds 100..699 and no spare bit");

    check(!sipcodes_pattern_compile("4[0-9]+", 7, &set, &err)
          && err.offset == 0 && err.code == 140,
          "pattern: 4[0-9]+ refused, naming 140");
    check(set.bits[0] == 0, "pattern: a refused pattern leaves an empty set");
    check(sipcodes_pattern_compile("4860", 3, &set, &err)
          && sipcodes_codeset_contains(&set, 486) && !sipcodes_codeset_contains(&set, 460),
          "pattern: reads only len bytes");
    check(!sipcodes_pattern_compile("48\0" "6", 4, &set, &err) && err.offset == 2,
          "pattern: an embedded NUL is refused where it stands");
    check(!sipcodes_pattern_compile(NULL, 3, &set, NULL),
          "pattern: NULL text is refused");
    check(sipcodes_pattern_compile("486", 3, NULL, NULL),
          "pattern: NULL output only validates");
    check(!sipcodes_codeset_contains(NULL, 486),
          "codeset: NULL set contains nothing");
}

/* What t_check_status() answers: regcomp as Kamailio calls it, regexec
 * over the code's digits; -1 when regcomp refuses the pattern. */
static int kamailio_matches(const char *pattern, int code)
{
    regex_t re;
    char digits[4];
    int found;
    if (regcomp(&re, pattern, REG_EXTENDED | REG_ICASE | REG_NOSUB) != 0)
        return -1;
    snprintf(digits, sizeof digits, "%d", code);
    found = regexec(&re, digits, 0, NULL, 0) == 0;
    regfree(&re);
    return found;
}

/* The first code on which the pattern and the pattern anchored at both
 * ends disagree, by regexec; 0 when there is none. */
static int first_partial_code(const char *pattern)
{
    char anchored[256];
    int code;
    snprintf(anchored, sizeof anchored, "^(%s)$", pattern);
    for (code = 100; code <= 699; code++)
        if (kamailio_matches(pattern, code) != kamailio_matches(anchored, code))
            return code;
    return 0;
}

/* Patterns as real configurations write them for t_check_status(): each
 * compiles to exactly the codes regexec matches. */
static void test_kamailio_patterns(void)
{
    static const char *const patterns[] = {
        "486|408", "408|5[0-9][0-9]", "(487)|(408)", "5[0-9][0-9]",
        "3[0-9][0-9]", "[4-5][0-9][0-9]", "^4[0-9][0-9]$", "488|606",
        "(5|6)[0-9][0-9]", "4[0-9]{2}", "[[:digit:]]{3}", "((4|5)0[0-9])|603",
        "[56][0-9][0-9]", "^(3|4|5|6)[0-9]{2}$", "[1-6][0-9]{2}",
        "40[17]", "^40(1|7)$", "(408)|(480)|(486)|(5[0-9][0-9])",
        "^(408|5[0-9][0-9])$", "(^487$)|(^408$)", "[3-6][0-9]{2}",
        "5[0-9]{2}|408", "^[45][[:digit:]][[:digit:]]$", "(4[0-9]{2})|(5[0-9]{2})",
        "6[0-9]{2,2}", "(40[1-9]|4[1-9][0-9])", "[[:digit:]]{3}|^4",
        "(5|6)([0-9]){2}", "^((5)|(6))[0-9]+$", "^[5-6][0-9]*$", "^1.*",
        "4(8[0-9]|0[0-9])", "48[0-6]|5[0-9][0-9]|6[0-9][0-9]",
    };
    size_t i;
    for (i = 0; i < sizeof patterns / sizeof *patterns; i++) {
        struct sipcodes_codeset set;
        struct sipcodes_error err;
        char what[160];
        int code, same = 1, compiled;
        err.message = "";
        compiled = sipcodes_pattern_compile(patterns[i], strlen(patterns[i]), &set, &err);
        for (code = 100; compiled && code <= 699; code++)
            same &= kamailio_matches(patterns[i], code)
                    == sipcodes_codeset_contains(&set, code);
        snprintf(what, sizeof what, "kamailio: %s compiles to what regexec matches%s%s",
                 patterns[i], compiled ? "" : ": ", err.message);
        check(compiled && same && first_partial_code(patterns[i]) == 0, what);
    }
}

/* Patterns that are not whole codes: t_check_status() finds them inside a
 * code.  Each is refused, and the message names the first code on which
 * regexec's answer and the anchored one differ.  An exclusion is given to
 * regexec as a pattern of its own, "x" as [0-9]. */
static void test_partial_patterns(void)
{
    static const char *const cases[][3] = {
        {"48", "48", NULL}, {"5[0-9]+", "5[0-9]+", NULL},
        {"4[0-9]*", "4[0-9]*", NULL}, {"^5", "^5", NULL}, {"3", "3", NULL},
        {"[0-9]{2}", "[0-9]{2}", NULL}, {"8$", "8$", NULL},
        {"4(|8)6", "4(|8)6", NULL}, {"((5)|(6))[0-9]+$", "((5)|(6))[0-9]+$", NULL},
        {"48|[45][0-9][0-9]", "48|[45][0-9][0-9]", NULL},
        {"(48)[0-9]?", "(48)[0-9]?", NULL},
        {"4xx|!48", "4[0-9][0-9]", "48"}, {"!5", NULL, "5"},
        {"5xx|!0$", "5[0-9][0-9]", "0$"},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *include = cases[i][1], *exclude = cases[i][2];
        char in_whole[64], ex_whole[64], what[200];
        struct sipcodes_error err;
        int code, named = 0;
        snprintf(in_whole, sizeof in_whole, "^(%s)$", include ? include : "");
        snprintf(ex_whole, sizeof ex_whole, "^(%s)$", exclude ? exclude : "");
        for (code = 100; code <= 699 && named == 0; code++) {
            int anywhere = (include == NULL || kamailio_matches(include, code) == 1)
                           && (exclude == NULL || kamailio_matches(exclude, code) == 0);
            int whole = (include == NULL || kamailio_matches(in_whole, code) == 1)
                        && (exclude == NULL || kamailio_matches(ex_whole, code) == 0);
            if (anywhere != whole)
                named = code;
        }
        err.message = "";
        snprintf(what, sizeof what, "partial: %s refused, naming %d", cases[i][0], named);
        check(named != 0
              && !sipcodes_pattern_compile(cases[i][0], strlen(cases[i][0]), NULL, &err)
              && err.code == named
              && strstr(err.message, " %d ") != NULL
              && strstr(err.message, "t_check_status") != NULL, what);
    }
}

/* spec/fixtures/kamailio-patterns.tsv, which the Lua specs hold the
 * matcher to, says what regexec says, and the compiler agrees. */
static void test_fixture(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[512];
    int lines = 0, good = 0;
    if (f == NULL) {
        check(0, "fixture: spec/fixtures/kamailio-patterns.tsv opens (run from the top)");
        return;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        char *pattern = line, *kind, *value;
        struct sipcodes_codeset set;
        struct sipcodes_error err;
        int code, ok = 1;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        line[strcspn(line, "\n")] = '\0';
        kind = strchr(pattern, '\t');
        value = kind != NULL ? strchr(kind + 1, '\t') : NULL;
        lines++;
        if (value == NULL)
            continue;
        *kind++ = '\0';
        *value++ = '\0';
        if (strcmp(kind, "partial") == 0) {
            ok = first_partial_code(pattern) == atoi(value)
                 && !sipcodes_pattern_compile(pattern, strlen(pattern), &set, &err)
                 && err.code == atoi(value);
        } else {
            int in[1000] = {0};
            char *item = value;
            while (strcmp(value, "none") != 0 && *item != '\0') {
                int lo = (int)strtol(item, &item, 10), hi = lo;
                if (*item == '-')
                    hi = (int)strtol(item + 1, &item, 10);
                for (code = lo; code <= hi && code < 1000; code++)
                    in[code] = 1;
                if (*item == ',')
                    item++;
            }
            ok = sipcodes_pattern_compile(pattern, strlen(pattern), &set, &err);
            for (code = 100; code <= 699; code++)
                ok &= in[code] == kamailio_matches(pattern, code)
                      && in[code] == sipcodes_codeset_contains(&set, code);
        }
        if (!ok)
            printf("# fixture line for %s is not what regexec or the compiler says\n", pattern);
        good += ok;
    }
    fclose(f);
    check(lines > 0 && good == lines,
          "fixture: every kamailio-patterns.tsv line is regexec's answer and the compiler's");
}

/* The length and depth limits, at the limit and one past; blanks (space
 * and tab) count as bytes. */
static void test_limits(void)
{
    static char text[SIPCODES_PATTERN_MAX_LEN + 2];
    struct sipcodes_codeset set;
    struct sipcodes_error err;
    size_t n, d;

    /* "486" then blanks: space and tab alternate up to the limit. */
    memcpy(text, "486", 3);
    for (n = 3; n < SIPCODES_PATTERN_MAX_LEN + 1; n++)
        text[n] = n % 2 ? '\t' : ' ';
    check(sipcodes_pattern_compile(text, SIPCODES_PATTERN_MAX_LEN, &set, &err)
          && sipcodes_codeset_contains(&set, 486) && !sipcodes_codeset_contains(&set, 487),
          "limits: 486 and blanks up to the length limit compile");
    check(!sipcodes_pattern_compile(text, SIPCODES_PATTERN_MAX_LEN + 1, &set, &err)
          && err.offset == SIPCODES_PATTERN_MAX_LEN,
          "limits: one byte past the length limit is refused there");
    text[3] = '\v';
    check(!sipcodes_pattern_compile(text, 4, &set, &err) && err.offset == 3,
          "limits: a vertical tab is no blank");
    text[3] = '\n';
    check(!sipcodes_pattern_compile(text, 4, &set, &err) && err.offset == 3,
          "limits: a line feed is no blank");
    text[3] = '\r';
    check(!sipcodes_pattern_compile(text, 4, &set, &err) && err.offset == 3,
          "limits: a carriage return is no blank");

    /* Alternatives up to the length limit: 408|408|...|5[0-9]{2}. */
    for (n = 0; n + 4 <= SIPCODES_PATTERN_MAX_LEN - 9; n += 4)
        memcpy(text + n, "408|", 4);
    while (n < SIPCODES_PATTERN_MAX_LEN - 9)
        text[n++] = ' ';
    memcpy(text + n, "5[0-9]{2}", 9);
    check(sipcodes_pattern_compile(text, SIPCODES_PATTERN_MAX_LEN, &set, &err)
          && sipcodes_codeset_contains(&set, 408) && sipcodes_codeset_contains(&set, 599)
          && !sipcodes_codeset_contains(&set, 409),
          "limits: alternatives up to the length limit compile");

    /* Groups nested as deep as allowed, and one deeper. */
    for (d = SIPCODES_PATTERN_MAX_DEPTH; d <= SIPCODES_PATTERN_MAX_DEPTH + 1; d++) {
        n = 0;
        for (size_t k = 0; k < d; k++)
            text[n++] = '(';
        memcpy(text + n, "4[0-9]", 6);
        n += 6;
        for (size_t k = 0; k < d; k++) {
            text[n++] = ')';
            text[n++] = '*';
        }
        memcpy(text + n, "[0-9]", 5);
        n += 5;
        if (d == SIPCODES_PATTERN_MAX_DEPTH)
            check(!sipcodes_pattern_compile(text, n, &set, &err)
                  && strstr(err.message, "t_check_status") != NULL,
                  "limits: groups as deep as allowed compile and are read");
        else
            check(!sipcodes_pattern_compile(text, n, &set, &err)
                  && err.offset == SIPCODES_PATTERN_MAX_DEPTH
                  && strstr(err.message, "deep") != NULL,
                  "limits: one group deeper is refused at its '('");
    }
    n = 0;
    for (d = 0; d < SIPCODES_PATTERN_MAX_DEPTH; d++)
        text[n++] = '(';
    memcpy(text + n, "4[0-9]{2}", 9);
    n += 9;
    for (d = 0; d < SIPCODES_PATTERN_MAX_DEPTH; d++)
        text[n++] = ')';
    check(sipcodes_pattern_compile(text, n, &set, &err)
          && sipcodes_codeset_contains(&set, 400) && !sipcodes_codeset_contains(&set, 500),
          "limits: a code in groups as deep as allowed compiles");
}

/* ^((...([1-5])*...)+)*$, depth groups deep. */
static size_t nested_stars(char *text, size_t depth)
{
    size_t n = 0, d;
    text[n++] = '^';
    for (d = 0; d < depth; d++)
        text[n++] = '(';
    memcpy(text + n, "[1-5]", 5);
    n += 5;
    for (d = 0; d < depth; d++) {
        memcpy(text + n, d % 2 ? ")+" : ")*", 2);
        n += 2;
    }
    memcpy(text + n, "$", 2);
    return n + 1;
}

/* Nested quantifiers, as deep as groups go: one pass per code, no
 * backtracking, and the answer regexec gives (asked at a depth its
 * recursive compiler survives; more groups of stars change nothing). */
static void test_nested_quantifiers(void)
{
    static char text[SIPCODES_PATTERN_MAX_LEN];
    struct sipcodes_codeset set;
    size_t n, d;
    int code, same = 1;
    nested_stars(text, 4);
    for (code = 100; code <= 699; code++)
        same &= kamailio_matches(text, code) == (code % 100 / 10 >= 1 && code % 100 / 10 <= 5
                                                 && code % 10 >= 1 && code % 10 <= 5
                                                 && code / 100 <= 5);
    n = nested_stars(text, SIPCODES_PATTERN_MAX_DEPTH);
    check(sipcodes_pattern_compile(text, n, &set, NULL),
          "nested quantifiers: ^((...([1-5])*...)+)*$ compiles");
    for (code = 100; code <= 699; code++)
        same &= (code % 100 / 10 >= 1 && code % 100 / 10 <= 5 && code % 10 >= 1
                 && code % 10 <= 5 && code / 100 <= 5) == sipcodes_codeset_contains(&set, code);
    check(same, "nested quantifiers: the codes regexec matches");

    /* Counts up to glibc's 32767 at every level: each level needs no more
     * than four copies here; regexec is not asked, glibc expands them. */
    n = 0;
    text[n++] = '^';
    for (d = 0; d < SIPCODES_PATTERN_MAX_DEPTH; d++)
        text[n++] = '(';
    memcpy(text + n, "4[0-9]?", 7);
    n += 7;
    for (d = 0; d < SIPCODES_PATTERN_MAX_DEPTH; d++) {
        memcpy(text + n, "){1,32767}", 10);
        n += 10;
    }
    text[n++] = '$';
    same = sipcodes_pattern_compile(text, n, &set, NULL);
    for (code = 100; code <= 699; code++)
        same &= (code / 100 == 4 && (code / 10 % 10 == 4 || code % 10 == 4))
                == sipcodes_codeset_contains(&set, code);
    check(same, "nested quantifiers: ^((4[0-9]?){1,32767}...)$ is 44x and 4x4");
}

/* Random text over the pattern alphabet: whatever the outcome, a refusal
 * points inside the text with a message, and an accepted pattern matches
 * something and never sets a bit past 699. */
static void test_random_patterns(unsigned long rounds)
{
    static const char alphabet[] = "0123456789xX.[]^-|()!$ +*4455";
    /* 64 bits on every host: the generator's constants and the shift
     * that picks a length need them, and unsigned long is 32 on ILP32. */
    uint64_t state = 12345;
    unsigned long i, accepted = 0, bad = 0;
    char text[16];
    for (i = 0; i < rounds; i++) {
        struct sipcodes_codeset set;
        struct sipcodes_error err;
        size_t len, k;
        state = state * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
        len = (size_t)(state >> 60);            /* 0..15 */
        for (k = 0; k < len; k++) {
            state = state * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
            text[k] = alphabet[(state >> 33) % (sizeof alphabet - 1)];
        }
        err.offset = (size_t)-1;
        err.message = NULL;
        if (sipcodes_pattern_compile(text, len, &set, &err)) {
            int code, any = 0;
            accepted++;
            for (code = 100; code <= 699; code++)
                any |= sipcodes_codeset_contains(&set, code);
            if (!any || (set.bits[SIPCODES_CODESET_WORDS - 1] >> (600 % 32)) != 0)
                bad++;
        } else if (err.message == NULL || err.offset > len) {
            bad++;
        }
    }
    printf("# %lu random patterns, %lu accepted\n", rounds, accepted);
    check(bad == 0, "random patterns: every refusal located, every set sound");
}

int main(int argc, char **argv)
{
    unsigned long rounds = argc > 1 ? strtoul(argv[1], NULL, 10) : 200000;
    test_best_response();
    test_rules();
    test_patterns();
    test_kamailio_patterns();
    test_partial_patterns();
    test_fixture("spec/fixtures/kamailio-patterns.tsv");
    test_limits();
    test_nested_quantifiers();
    test_random_patterns(rounds);
    return failures == 0 ? 0 : 1;
}
