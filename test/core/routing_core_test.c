/*
 * The routing part of the C core, without Lua: the C API's own contract
 * (arrays, NULL arguments, error offsets, the code set's spare bits) and a
 * bounded random walk over pattern text that checks invariants on every
 * input.  Built with AddressSanitizer and UBSan by the Makefile;
 * test/suites/10-core runs it.
 *
 * Prints "ok - ..." / "not ok - ..." lines; exits 1 when any check failed.
 *
 *   routing_core_test [random-patterns]      default 200000
 */
#include "sipcodes.h"

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
          && err.offset == 6 && strstr(err.message, "quantifiers") != NULL,
          "pattern: 4[0-9]+ refused at offset 6");
    check(set.bits[0] == 0, "pattern: a refused pattern leaves an empty set");
    check(!sipcodes_pattern_compile("486", 2, &set, &err) && err.offset == 2,
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
    test_random_patterns(rounds);
    return failures == 0 ? 0 : 1;
}
