/*
 * Every limit the core's headers and the docs state, tried at the limit and
 * one past it; and every function that writes into a caller's buffer, with
 * buffers of exactly the size needed and one byte short.
 *
 * Each buffer is a heap allocation of exactly the capacity passed, so that
 * AddressSanitizer (the Makefile builds this test with it) reports a write
 * one byte past: a NUL one past the end shows nowhere else, since the Lua
 * binding's buffers and Lua's strings have a spare byte after the text.
 *
 * Expected values come from RFC 3261, RFC 3326, the headers' and the
 * docs' stated limits, and spec/fixtures/sip-response-codes.tsv (read from
 * the project root, where test/suites/10-core runs this), never from the
 * core itself.  Prints "ok - ..." / "not ok - ..." lines; exits 1 when any
 * check failed.
 */
#include "sipcodes.h"
#include "syntax.h"

#include <limits.h>
#include <math.h>
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

/* A heap block of exactly cap bytes, filled with a byte no writer puts
 * there, so that a byte left alone can be told from one written. */
static char *exact(size_t cap)
{
    char *buf = malloc(cap);
    if (buf == NULL && cap > 0) {
        perror("malloc");
        exit(2);
    }
    if (cap > 0)
        memset(buf, '\x7F', cap);
    return buf;
}

/* ---- the reference table ------------------------------------------------ */

struct ref_row {
    int code;
    char reason[96];
    int aliases;
};

static struct ref_row ref[128];
static size_t ref_rows;

/* spec/fixtures/sip-response-codes.tsv: code, reason, name, class_name,
 * rfc, iana, deprecated, aliases ('|'-separated), description. */
static int load_reference(void)
{
    char line[1024];
    FILE *f = fopen("spec/fixtures/sip-response-codes.tsv", "r");
    if (f == NULL)
        return 0;
    if (fgets(line, sizeof line, f) == NULL) {       /* the header */
        fclose(f);
        return 0;
    }
    while (fgets(line, sizeof line, f) != NULL && ref_rows < 128) {
        char *field[9];
        char *p = line;
        size_t k;
        struct ref_row *r = &ref[ref_rows];
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '\0')
            continue;
        for (k = 0; k < 9; k++) {
            field[k] = p;
            p = strchr(p, '\t');
            if (p == NULL) {
                for (k++; k < 9; k++)
                    field[k] = "";
                break;
            }
            *p++ = '\0';
        }
        r->code = atoi(field[0]);
        if (strlen(field[1]) >= sizeof r->reason)
            continue;
        strcpy(r->reason, field[1]);
        r->aliases = 0;
        if (field[7][0] != '\0') {
            r->aliases = 1;
            for (p = field[7]; *p != '\0'; p++)
                r->aliases += *p == '|';
        }
        ref_rows++;
    }
    fclose(f);
    return ref_rows > 0;
}

static const struct ref_row *ref_lookup(int code)
{
    size_t i;
    for (i = 0; i < ref_rows; i++)
        if (ref[i].code == code)
            return &ref[i];
    return NULL;
}

/* ---- codes 100-699, classes 1-6 ----------------------------------------- */

static void test_code_range(void)
{
    /* RFC 3261 section 7.2: 100 to 699. */
    check(SIPCODES_MIN_CODE == 100 && SIPCODES_MAX_CODE == 699,
          "the valid codes are 100-699");
    check(sipcodes_from_integer(100) == 100 && sipcodes_from_integer(99) == 0
          && sipcodes_from_integer(699) == 699 && sipcodes_from_integer(700) == 0,
          "from_integer: 100 and 699 in, 99 and 700 out");
    check(sipcodes_from_double(100.0) == 100 && sipcodes_from_double(99.0) == 0
          && sipcodes_from_double(699.0) == 699 && sipcodes_from_double(700.0) == 0
          && sipcodes_from_double(nextafter(100.0, 0.0)) == 0
          && sipcodes_from_double(nextafter(699.0, 1000.0)) == 0,
          "from_double: 100.0 and 699.0 in, the nearest doubles outside out");
    check(sipcodes_from_digits("100", 3) == 100 && sipcodes_from_digits("099", 3) == 0
          && sipcodes_from_digits("699", 3) == 699 && sipcodes_from_digits("700", 3) == 0,
          "from_digits: \"100\" and \"699\" in, \"099\" and \"700\" out");
    check(sipcodes_from_digits("48", 2) == 0 && sipcodes_from_digits("4860", 4) == 0
          && sipcodes_from_digits("0486", 4) == 0 && sipcodes_from_digits("", 0) == 0,
          "from_digits: exactly three digits, not two or four");
    check(sipcodes_is_valid(100) && !sipcodes_is_valid(99)
          && sipcodes_is_valid(699) && !sipcodes_is_valid(700)
          && !sipcodes_is_valid(INT_MIN) && !sipcodes_is_valid(INT_MAX),
          "is_valid: 100-699");
    check(sipcodes_class(100) == 1 && sipcodes_class(99) == 0
          && sipcodes_class(699) == 6 && sipcodes_class(700) == 0,
          "class: 1 at 100, 6 at 699, none outside");
}

static void test_class_edges(void)
{
    /* Each class k is k00-k99: its first and last code, and the codes
     * either side. */
    static const struct {
        int (*is)(int);
        int first, last;
        const char *what;
    } classes[] = {
        {sipcodes_is_provisional, 100, 199, "is_provisional: 100-199"},
        {sipcodes_is_success, 200, 299, "is_success: 200-299"},
        {sipcodes_is_redirection, 300, 399, "is_redirection: 300-399"},
        {sipcodes_is_client_failure, 400, 499, "is_client_failure: 400-499"},
        {sipcodes_is_server_failure, 500, 599, "is_server_failure: 500-599"},
        {sipcodes_is_global_failure, 600, 699, "is_global_failure: 600-699"},
        {sipcodes_is_final, 200, 699, "is_final: 200-699"},
        {sipcodes_is_failure, 400, 699, "is_failure: 400-699"},
        {sipcodes_is_valid, 100, 699, "is_valid: 100-699"},
    };
    size_t i;
    int cls;
    for (i = 0; i < sizeof classes / sizeof classes[0]; i++)
        check(classes[i].is(classes[i].first) && classes[i].is(classes[i].last)
              && !classes[i].is(classes[i].first - 1)
              && !classes[i].is(classes[i].last + 1), classes[i].what);
    for (cls = 1; cls <= 6; cls++) {
        check(sipcodes_class(cls * 100) == cls && sipcodes_class(cls * 100 + 99) == cls,
              "class k holds k00 and k99");
    }
    check(sipcodes_class_name(1) != NULL && strcmp(sipcodes_class_name(1), "provisional") == 0
          && sipcodes_class_name(6) != NULL
          && strcmp(sipcodes_class_name(6), "global_failure") == 0
          && sipcodes_class_name(0) == NULL && sipcodes_class_name(7) == NULL,
          "class_name: classes 1-6, NULL for 0 and 7");
    check(sipcodes_class_phrase(1) != NULL && strcmp(sipcodes_class_phrase(1), "Provisional") == 0
          && sipcodes_class_phrase(6) != NULL
          && strcmp(sipcodes_class_phrase(6), "Global Failure") == 0
          && sipcodes_class_phrase(0) == NULL && sipcodes_class_phrase(7) == NULL,
          "class_phrase: classes 1-6, NULL for 0 and 7");
    check(sipcodes_next(0, 1) != NULL && sipcodes_next(0, 1)->code == 100
          && sipcodes_next(0, 6) != NULL && sipcodes_next(0, 6)->code == 600
          && sipcodes_next(0, 7) == NULL && sipcodes_next(0, -1) == NULL,
          "next: classes 1 and 6 iterate, 7 and -1 do not");
    check(sipcodes_next(607, 6) != NULL && sipcodes_next(607, 6)->code == 608
          && sipcodes_next(608, 6) == NULL && sipcodes_next(699, 0) == NULL,
          "next: 608 is the last, nothing after it");
    /* RFC 3261 section 8.1.3.2 at the ends of the range. */
    check(sipcodes_canonical(100) == 100 && sipcodes_canonical(99) == 0
          && sipcodes_canonical(699) == 600 && sipcodes_canonical(700) == 0,
          "canonical: 100 is itself, 699 is 600, 99 and 700 are none");
}

/* ---- sipcodes_format ---------------------------------------------------- */

/* The phrase format() gives a valid code the table does not know
 * (codes.h). */
static const char *const class_phrases[] = {
    "Provisional", "Success", "Redirection",
    "Client Failure", "Server Failure", "Global Failure"
};

static void expected_format(int code, char *out, size_t cap)
{
    const struct ref_row *r = ref_lookup(code);
    snprintf(out, cap, "%d %s", code,
             r != NULL ? r->reason : class_phrases[code / 100 - 1]);
}

static void test_format(void)
{
    static const int invalid[] = {99, 700, 0, -1, INT_MIN, INT_MAX, -100, 1000};
    char want[128];
    size_t longest = 0, i;
    int code, exact_ok = 1, short_ok = 1, empty_ok = 1, max_ok = 1, invalid_ok = 1;
    char *buf;

    for (code = SIPCODES_MIN_CODE; code <= SIPCODES_MAX_CODE; code++) {
        size_t need, got;
        expected_format(code, want, sizeof want);
        need = strlen(want);
        if (need > longest)
            longest = need;

        /* Exactly the text and its NUL. */
        buf = exact(need + 1);
        got = sipcodes_format(code, buf, need + 1);
        if (got != need || memcmp(buf, want, need + 1) != 0)
            exact_ok = 0;
        free(buf);

        /* One byte short: refused, left empty, nothing past the end. */
        buf = exact(need);
        got = sipcodes_format(code, buf, need);
        if (got != 0 || buf[0] != '\0')
            short_ok = 0;
        free(buf);

        /* No room at all: nothing may be written. */
        buf = exact(0);
        if (sipcodes_format(code, buf, 0) != 0)
            empty_ok = 0;
        free(buf);

        /* The stated capacity holds every valid code. */
        buf = exact(SIPCODES_FORMAT_MAX + 1);
        got = sipcodes_format(code, buf, SIPCODES_FORMAT_MAX + 1);
        if (got != need || strcmp(buf, want) != 0)
            max_ok = 0;
        free(buf);
    }
    check(exact_ok, "format: every valid code in a buffer of exactly its length + 1");
    check(short_ok, "format: one byte short is refused (0) and left an empty string");
    check(empty_ok, "format: a buffer of 0 bytes is not written");
    check(max_ok, "format: SIPCODES_FORMAT_MAX + 1 bytes hold every valid code");
    check(longest <= SIPCODES_FORMAT_MAX,
          "format: no valid code's text is longer than SIPCODES_FORMAT_MAX");
    /* The longest phrase of the table (fixture): 555's. */
    check(longest == strlen("555 Push Notification Service Not Supported"),
          "format: the longest text is 555's");

    for (i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
        buf = exact(SIPCODES_FORMAT_MAX + 1);
        if (sipcodes_format(invalid[i], buf, SIPCODES_FORMAT_MAX + 1) != 0
            || buf[0] != '\0')
            invalid_ok = 0;
        free(buf);
        buf = exact(1);
        if (sipcodes_format(invalid[i], buf, 1) != 0 || buf[0] != '\0')
            invalid_ok = 0;
        free(buf);
    }
    check(invalid_ok, "format: 99, 700 and other invalid codes give 0 and an empty string");
    check(sipcodes_format(486, NULL, 64) == 0, "format: a NULL buffer gives 0");
}

/* ---- the table's aliases ------------------------------------------------ */

static void test_aliases(void)
{
    size_t i;
    int terminated = 1, most = 0, same = 1;
    for (i = 0; i < ref_rows; i++)
        if (ref[i].aliases > most)
            most = ref[i].aliases;
    check(most <= SIPCODES_MAX_ALIASES, "no code of the fixture has more than SIPCODES_MAX_ALIASES aliases");
    for (i = 0; i < sipcodes_count(); i++) {
        const struct sipcodes_entry *e = sipcodes_at(i);
        const struct ref_row *r = ref_lookup(e->code);
        int n = 0;
        while (n <= SIPCODES_MAX_ALIASES && e->aliases[n] != NULL)
            n++;
        if (n > SIPCODES_MAX_ALIASES)
            terminated = 0;
        if (r == NULL || r->aliases != n)
            same = 0;
    }
    check(terminated, "every alias list ends in NULL within SIPCODES_MAX_ALIASES + 1 slots");
    check(same, "every code has the fixture's number of aliases");
}

/* ---- Q.850 causes ------------------------------------------------------- */

static void test_causes(void)
{
    /* Causes are 0-999 (three digits); Q.850's own are 0-127. */
    check(SIPCODES_CAUSE_MAX == 999 && SIPCODES_Q850_MAX_CAUSE == 127,
          "causes are 0-999, Q.850 causes 0-127");
    check(sipcodes_cause_from_integer(0) == 0 && sipcodes_cause_from_integer(-1) == -1
          && sipcodes_cause_from_integer(999) == 999 && sipcodes_cause_from_integer(1000) == -1,
          "cause_from_integer: 0 and 999 in, -1 and 1000 out");
    check(sipcodes_cause_from_double(0.0) == 0 && sipcodes_cause_from_double(-1.0) == -1
          && sipcodes_cause_from_double(999.0) == 999 && sipcodes_cause_from_double(1000.0) == -1
          && sipcodes_cause_from_double(nextafter(999.0, 1000.0)) == -1
          && sipcodes_cause_from_double(NAN) == -1,
          "cause_from_double: 0.0 and 999.0 in, -1.0, 1000.0 and 999.0+ out");
    check(sipcodes_cause_from_digits("0", 1) == 0 && sipcodes_cause_from_digits("", 0) == -1
          && sipcodes_cause_from_digits("999", 3) == 999
          && sipcodes_cause_from_digits("127", 3) == 127
          && sipcodes_cause_from_digits("0999", 4) == -1
          && sipcodes_cause_from_digits("1000", 4) == -1
          && sipcodes_cause_from_digits("007", 3) == 7,
          "cause_from_digits: one to three digits, not none or four");
    /* RFC 3398 section 7.2.4.1: 127 -> 500, and causes above 127 are not
     * Q.850's. */
    check(sipcodes_from_q850(127, SIPCODES_PROFILE_RFC3398) == 500
          && sipcodes_from_q850(128, SIPCODES_PROFILE_RFC3398) == 0
          && sipcodes_from_q850(0, SIPCODES_PROFILE_RFC3398) == 500
          && sipcodes_from_q850(-1, SIPCODES_PROFILE_RFC3398) == 0,
          "from_q850 rfc3398: 0 and 127 are causes, -1 and 128 are not");
    /* The fixture's FreeSWITCH rows: 0 and 127 take the default, 480;
     * anything up to 999 is a FreeSWITCH cause. */
    check(sipcodes_from_q850(0, SIPCODES_PROFILE_FREESWITCH) == 480
          && sipcodes_from_q850(999, SIPCODES_PROFILE_FREESWITCH) == 480
          && sipcodes_from_q850(1000, SIPCODES_PROFILE_FREESWITCH) == 0
          && sipcodes_from_q850(825, SIPCODES_PROFILE_FREESWITCH) == 603,
          "from_q850 freeswitch: 0-999, not 1000");
    check(sipcodes_from_q850(17, 2) == 0 && sipcodes_from_q850(17, -1) == 0
          && sipcodes_to_q850(486, -1, 2) == -1,
          "profiles are 0 and 1 only");
    /* RFC 3398 section 8.2.6.1: codes it does not list give 31. */
    check(sipcodes_to_q850(100, -1, SIPCODES_PROFILE_RFC3398) == 31
          && sipcodes_to_q850(699, -1, SIPCODES_PROFILE_RFC3398) == 31
          && sipcodes_to_q850(99, -1, SIPCODES_PROFILE_RFC3398) == -1
          && sipcodes_to_q850(700, -1, SIPCODES_PROFILE_RFC3398) == -1,
          "to_q850: 100 and 699 are codes, 99 and 700 are not");
}

/* ---- Warn-codes --------------------------------------------------------- */

static void test_warn_codes(void)
{
    struct sipcodes_warning_iter it;
    struct sipcodes_warning w;
    struct sipcodes_error err;

    /* RFC 3261 section 20.43: warn-code = 3DIGIT. */
    check(SIPCODES_WARN_CODE_MAX == 999, "warn-codes are 0-999");
    check(sipcodes_warn_code_from_integer(0) == 0 && sipcodes_warn_code_from_integer(-1) == -1
          && sipcodes_warn_code_from_integer(999) == 999
          && sipcodes_warn_code_from_integer(1000) == -1,
          "warn_code_from_integer: 0 and 999 in, -1 and 1000 out");
    check(sipcodes_warn_code_from_double(0.0) == 0 && sipcodes_warn_code_from_double(-1.0) == -1
          && sipcodes_warn_code_from_double(999.0) == 999
          && sipcodes_warn_code_from_double(1000.0) == -1
          && sipcodes_warn_code_from_double(nextafter(999.0, 1000.0)) == -1,
          "warn_code_from_double: 0.0 and 999.0 in, -1.0 and 1000.0 out");
    check(sipcodes_warn_code_from_digits("000", 3) == 0
          && sipcodes_warn_code_from_digits("999", 3) == 999
          && sipcodes_warn_code_from_digits("99", 2) == -1
          && sipcodes_warn_code_from_digits("0999", 4) == -1,
          "warn_code_from_digits: exactly three digits");
    check(sipcodes_warning_code("000", 3) == 0 && sipcodes_warning_code("999", 3) == 999
          && sipcodes_warning_code("1000", 4) == -1 && sipcodes_warning_code("99", 2) == -1,
          "warning_code: 000 and 999, not two or four digits");

    sipcodes_warning_iter_init(&it, "999 a \"\"", 8);
    check(sipcodes_warning_next(&it, &w, NULL) == 1 && w.code == 999 && w.agent_len == 1
          && w.text_len == 0, "walker: warn-code 999, a one-character agent, an empty text");
    sipcodes_warning_iter_init(&it, "000 a \"x\"", 9);
    check(sipcodes_warning_next(&it, &w, NULL) == 1 && w.code == 0, "walker: warn-code 000");
    sipcodes_warning_iter_init(&it, "1000 a \"x\"", 10);
    check(sipcodes_warning_next(&it, &w, &err) == -1 && err.offset == 3,
          "walker: a fourth digit is refused where the SP should be");
    sipcodes_warning_iter_init(&it, "99 a \"x\"", 8);
    check(sipcodes_warning_next(&it, &w, &err) == -1 && err.offset == 0,
          "walker: two digits are no warn-code");
}

/* ---- Reason header: the cause ------------------------------------------- */

/* The cause of a one-reason header, or -2 when it is refused (*err
 * filled). */
static long parsed_cause(const char *value, struct sipcodes_error *err)
{
    struct sipcodes_reason_iter it;
    struct sipcodes_reason r;
    sipcodes_reason_iter_init(&it, value, strlen(value));
    if (sipcodes_reason_next(&it, &r, err) != 1)
        return -2;
    return r.cause;
}

static void test_reason_cause(void)
{
    struct sipcodes_error err;

    /* docs/interworking.md: a cause that is not 1-9 digits is malformed. */
    check(SIPCODES_REASON_CAUSE_MAX == 999999999L, "a parsed cause has at most nine digits");
    check(parsed_cause("SIP;cause=999999999", NULL) == 999999999L,
          "parse: nine digits, the largest, are a cause");
    err.offset = 0;
    err.message = NULL;
    check(parsed_cause("SIP;cause=1000000000", &err) == -2 && err.offset == 4
          && err.message != NULL, "parse: ten digits are refused, at the parameter");
    check(parsed_cause("SIP;cause=000000001", NULL) == 1,
          "parse: nine digits with leading zeros are a cause");
    check(parsed_cause("SIP;cause=0000000001", &err) == -2 && err.offset == 4,
          "parse: ten digits are refused even when leading zeros keep the value small");
    check(parsed_cause("SIP;cause=0", NULL) == 0, "parse: one digit, 0, is a cause");
    check(parsed_cause("SIP;cause=", &err) == -2, "parse: no digit is refused");
    check(parsed_cause("SIP", NULL) == -1, "parse: no cause parameter is -1");
}

/* ---- writers: what each promises of cap and need ------------------------- */

typedef int (*build_fn)(const void *args, char *buf, size_t cap, size_t *need);

/* Calls a snprintf-like builder with buffers of every size from 0 to
 * want's length + 1, each an exact heap block, and checks the promise of
 * reason_header.h and warning.h: 1, need the full length every time; the
 * whole value NUL-terminated when need < cap; otherwise what fits, cut and
 * NUL-terminated (docs/interworking.md: snprintf-like); nothing when cap
 * is 0. */
static void check_builder(build_fn build, const void *args, const char *want,
                          const char *what)
{
    char line[256];
    size_t len = strlen(want), cap, need;
    int counted, whole = 1, cut = 1, none;
    char *buf;

    need = (size_t)-1;
    counted = build(args, NULL, 0, &need) == 1 && need == len;
    snprintf(line, sizeof line, "%s: with no buffer, need is %zu", what, len);
    check(counted, line);

    buf = exact(0);
    need = (size_t)-1;
    none = build(args, buf, 0, &need) == 1 && need == len;
    free(buf);
    snprintf(line, sizeof line, "%s: a 0-byte buffer is not written", what);
    check(none, line);

    for (cap = 1; cap <= len + 1; cap++) {
        buf = exact(cap);
        need = (size_t)-1;
        if (build(args, buf, cap, &need) != 1 || need != len)
            cut = whole = 0;
        else if (cap == len + 1)
            whole = memcmp(buf, want, len + 1) == 0;
        else if (memcmp(buf, want, cap - 1) != 0 || buf[cap - 1] != '\0')
            cut = 0;
        free(buf);
    }
    snprintf(line, sizeof line, "%s: exact fit (%zu bytes) holds it, NUL-terminated",
             what, len + 1);
    check(whole, line);
    snprintf(line, sizeof line, "%s: 1 to %zu bytes hold what fits, NUL-terminated, need %zu",
             what, len, len);
    check(cut, line);

    /* need itself may be NULL. */
    buf = exact(len + 1);
    whole = build(args, buf, len + 1, NULL) == 1 && memcmp(buf, want, len + 1) == 0;
    free(buf);
    snprintf(line, sizeof line, "%s: need may be NULL", what);
    check(whole, line);
}

struct reason_args {
    const char *protocol;
    long cause;
    const char *text;
};

static int build_reason(const void *args, char *buf, size_t cap, size_t *need)
{
    const struct reason_args *a = args;
    return sipcodes_reason_format(a->protocol, a->cause, a->text,
                                  a->text != NULL ? strlen(a->text) : 0,
                                  buf, cap, need, NULL);
}

static void test_reason_builder(void)
{
    static const struct reason_args rfc3326 = {"SIP", 200, "Call completed elsewhere"};
    static const struct reason_args q850 = {"Q.850", 16, "Terminated"};
    static const struct reason_args bare = {"X", -1, NULL};
    static const struct reason_args empty_text = {"SIP", 0, ""};
    static const struct reason_args top = {"SIP", SIPCODES_REASON_CAUSE_MAX, "\""};
    struct sipcodes_error err;
    char buf[64];
    size_t need;

    /* RFC 3326 section 2's examples, in the compact form. */
    check_builder(build_reason, &rfc3326, "SIP;cause=200;text=\"Call completed elsewhere\"",
                  "reason_format RFC 3326 CANCEL");
    check_builder(build_reason, &q850, "Q.850;cause=16;text=\"Terminated\"",
                  "reason_format RFC 3326 Q.850");
    check_builder(build_reason, &bare, "X", "reason_format a one-character protocol alone");
    check_builder(build_reason, &empty_text, "SIP;cause=0;text=\"\"",
                  "reason_format cause 0 and an empty text");
    check_builder(build_reason, &top, "SIP;cause=999999999;text=\"\\\"\"",
                  "reason_format the largest cause and an escaped quote");

    /* RFC 3326: protocol = "SIP" / "Q.850" / token, and a token is
     * 1*(token characters). */
    err.message = NULL;
    check(!sipcodes_reason_format("", 200, NULL, 0, buf, sizeof buf, &need, &err)
          && err.message != NULL && err.offset == 0,
          "reason_format: an empty protocol is refused");
    check(!sipcodes_reason_format(NULL, 200, NULL, 0, buf, sizeof buf, &need, NULL),
          "reason_format: a NULL protocol is refused");
    check(!sipcodes_reason_format("S P", 200, NULL, 0, buf, sizeof buf, &need, NULL)
          && !sipcodes_reason_format("SIP;", 200, NULL, 0, buf, sizeof buf, &need, NULL),
          "reason_format: a protocol that is not a token is refused");
    err.message = NULL;
    check(!sipcodes_reason_format("SIP", SIPCODES_REASON_CAUSE_MAX + 1, NULL, 0,
                                  buf, sizeof buf, &need, &err) && err.message != NULL,
          "reason_format: a cause the parser would refuse (ten digits) is refused");
    check(sipcodes_reason_format("SIP", -1, NULL, 0, buf, sizeof buf, &need, NULL)
          && strcmp(buf, "SIP") == 0 && need == 3,
          "reason_format: cause -1 leaves the cause out");
}

struct warning_args {
    int code;
    const char *agent;
    const char *text;
};

static int build_warning(const void *args, char *buf, size_t cap, size_t *need)
{
    const struct warning_args *a = args;
    return sipcodes_warning_format(a->code, a->agent, strlen(a->agent), a->text,
                                   strlen(a->text), buf, cap, need, NULL);
}

static void test_warning_builder(void)
{
    static const struct warning_args rfc3261 = {
        307, "isi.edu", "Session parameter 'foo' not understood"};
    static const struct warning_args low = {0, "a", ""};
    static const struct warning_args high = {999, "[::1]:5060", "\\"};
    struct sipcodes_error err;
    char buf[64];
    size_t need;

    /* RFC 3261 section 20.43's example. */
    check_builder(build_warning, &rfc3261,
                  "307 isi.edu \"Session parameter 'foo' not understood\"",
                  "warning_format RFC 3261's example");
    check_builder(build_warning, &low, "000 a \"\"",
                  "warning_format warn-code 0, a one-character agent, an empty text");
    check_builder(build_warning, &high, "999 [::1]:5060 \"\\\\\"",
                  "warning_format warn-code 999 and an escaped backslash");

    err.message = NULL;
    check(!sipcodes_warning_format(1000, "a", 1, "x", 1, buf, sizeof buf, &need, &err)
          && err.message != NULL, "warning_format: 1000 is refused");
    check(!sipcodes_warning_format(-1, "a", 1, "x", 1, buf, sizeof buf, &need, NULL),
          "warning_format: -1 is refused");
    err.message = NULL;
    check(!sipcodes_warning_format(370, "", 0, "x", 1, buf, sizeof buf, &need, &err)
          && err.message != NULL && err.offset == 0,
          "warning_format: an empty agent is refused");
    check(!sipcodes_warning_format(370, NULL, 0, "x", 1, buf, sizeof buf, &need, NULL),
          "warning_format: a NULL agent is refused");
}

/* ---- the writer the builders share (syntax.h) ---------------------------- */

static void test_writer(void)
{
    struct sipcodes_writer w;
    char *buf;
    size_t len;

    buf = exact(4);
    sipcodes_writer_init(&w, buf, 4);
    sipcodes_writer_put(&w, "abc", 3);
    len = sipcodes_writer_finish(&w);
    check(len == 3 && memcmp(buf, "abc", 4) == 0, "writer: three bytes and the NUL in four");
    free(buf);

    buf = exact(3);
    sipcodes_writer_init(&w, buf, 3);
    sipcodes_writer_put(&w, "abc", 3);
    len = sipcodes_writer_finish(&w);
    check(len == 3 && memcmp(buf, "ab", 3) == 0, "writer: one short keeps two and the NUL");
    free(buf);

    buf = exact(0);
    sipcodes_writer_init(&w, buf, 0);
    sipcodes_writer_put_quoted(&w, "a\"", 2);
    check(sipcodes_writer_finish(&w) == 5, "writer: counts a quoted text with no room");
    free(buf);

    buf = exact(6);
    sipcodes_writer_init(&w, buf, 6);
    sipcodes_writer_put_quoted(&w, "a\"", 2);
    len = sipcodes_writer_finish(&w);
    check(len == 5 && memcmp(buf, "\"a\\\"\"", 6) == 0,
          "writer: a quoted text in exactly its length + 1");
    free(buf);
}

/* ---- sipcodes_unquote ---------------------------------------------------- */

static size_t unquote_exact(const char *lit, size_t len, const char *want,
                            size_t want_len)
{
    char *text = exact(len), *out = exact(len);
    size_t n;
    memcpy(text, lit, len);
    n = sipcodes_unquote(text, len, out);
    if (n != want_len || memcmp(out, want, n) != 0)
        n = (size_t)-1;
    free(text);
    free(out);
    return n;
}

static void test_unquote(void)
{
    /* reason_header.h: writes at most len bytes.  Text and output are
     * exact blocks, so a read or a write past len is seen. */
    check(unquote_exact("abc", 3, "abc", 3) == 3, "unquote: no escape writes exactly len bytes");
    check(unquote_exact("a\\\"", 3, "a\"", 2) == 2, "unquote: a quoted-pair gives its byte");
    check(unquote_exact("a\\", 2, "a\\", 2) == 2,
          "unquote: a backslash that ends the text is kept, nothing past it read");
    check(unquote_exact("a\r\n b", 5, "a b", 3) == 3, "unquote: a folded line reads as its white space");
    check(unquote_exact("a\r", 2, "a\r", 2) == 2, "unquote: a CR that ends the text is kept");
    check(unquote_exact("", 0, "", 0) == 0, "unquote: an empty text writes nothing");
}

/* ---- which blanks count ------------------------------------------------- */

/* How many reasons a whole Reason value holds, or -1 when it is
 * refused. */
static int reason_walk(const char *value, size_t len)
{
    struct sipcodes_reason_iter it;
    struct sipcodes_reason r;
    int n = 0, status;
    sipcodes_reason_iter_init(&it, value, len);
    while ((status = sipcodes_reason_next(&it, &r, NULL)) == 1)
        n++;
    return status < 0 ? -1 : n;
}

#define REASON_WALK(lit) reason_walk((lit), sizeof(lit) - 1)
#define AGENT_OK(lit) sipcodes_warn_agent_valid((lit), sizeof(lit) - 1, NULL)

static void test_blanks(void)
{
    /* codes.h and q850.h: surrounding ASCII white space is ignored, and
     * only that. */
    static const char blanks[] = " \t\r\n\v\f";
    char text[32];
    size_t i;
    int all = 1;
    struct sipcodes_status_line line;
    struct sipcodes_reason_iter it;
    struct sipcodes_reason r;
    struct sipcodes_warning_iter wit;
    struct sipcodes_warning w;

    for (i = 0; i < sizeof blanks - 1; i++) {
        int n = snprintf(text, sizeof text, "%cBusy Here%c", blanks[i], blanks[i]);
        if (sipcodes_code_of(text, (size_t)n) != 486)
            all = 0;
        n = snprintf(text, sizeof text, "%cUser busy%c", blanks[i], blanks[i]);
        if (sipcodes_cause_of(text, (size_t)n) != 17)
            all = 0;
    }
    check(all, "code_of and cause_of ignore SP, HTAB, CR, LF, VT and FF around the text");
    check(sipcodes_code_of("\0Busy Here", 10) == 0 && sipcodes_code_of("\xA0" "Busy Here", 10) == 0
          && sipcodes_code_of("\x1C" "Busy Here", 10) == 0
          && sipcodes_cause_of("User busy\0", 10) == -1,
          "code_of and cause_of: NUL, 0xA0 and FS are not blanks");
    check(sipcodes_code_of_name("BUSY_HERE", 9) == 486
          && sipcodes_code_of_name(" BUSY_HERE", 10) == 0
          && sipcodes_code_of_name("BUSY_HERE\t", 10) == 0
          && sipcodes_code_of_name("busy_here", 9) == 0,
          "code_of_name: the exact name, no blank, no other case");
    check(sipcodes_profile_of("rfc3398", 7) == SIPCODES_PROFILE_RFC3398
          && sipcodes_profile_of("freeswitch", 10) == SIPCODES_PROFILE_FREESWITCH
          && sipcodes_profile_of(" rfc3398", 8) == -1 && sipcodes_profile_of("rfc3398 ", 8) == -1
          && sipcodes_profile_of("RFC3398", 7) == -1 && sipcodes_profile_of("rfc339", 6) == -1,
          "profile_of: exact, lower case, no blank");
    check(sipcodes_from_digits(" 486", 4) == 0 && sipcodes_from_digits("486 ", 4) == 0
          && sipcodes_cause_from_digits(" 17", 3) == -1 && sipcodes_cause_from_digits("17\t", 3) == -1
          && sipcodes_warn_code_from_digits(" 37", 3) == -1,
          "codes, causes and warn-codes as text take no blank");
    check(sipcodes_code_of(" ", 1) == 0 && sipcodes_code_of("", 0) == 0
          && sipcodes_cause_of(" \t", 2) == -1,
          "code_of and cause_of: blanks alone are no name");

    /* RFC 3261 section 25: SIP-Version SP Status-Code SP Reason-Phrase,
     * one SP each. */
    check(sipcodes_parse_status_line("SIP/2.0 200 OK", 14, 0, &line, NULL)
          && line.code == 200, "status line: one SP each");
    check(!sipcodes_parse_status_line("SIP/2.0  200 OK", 15, 0, NULL, NULL)
          && !sipcodes_parse_status_line("SIP/2.0\t200 OK", 14, 0, NULL, NULL),
          "status line: two SP or HTAB after the version are refused");
    check(!sipcodes_parse_status_line("SIP/2.0 200\tOK", 14, 0, NULL, NULL),
          "status line: HTAB after the code is refused");
    check(sipcodes_parse_status_line("SIP/2.0 200  OK", 15, 1, &line, NULL)
          && line.reason_len == 3, "status line: a second SP belongs to the phrase");
    check(!sipcodes_parse_status_line("SIP/2.0 200 OK\r", 15, 0, NULL, NULL)
          && sipcodes_parse_status_line("SIP/2.0 200 OK\n", 15, 0, &line, NULL)
          && line.reason_len == 2,
          "status line: LF or CRLF ends it, a CR alone does not");

    /* RFC 3261 section 25.1: SWS around ';' and '=', and a folded line is
     * CRLF followed by at least one WSP. */
    sipcodes_reason_iter_init(&it, "SIP \t;\r\n cause = 1", 18);
    check(sipcodes_reason_next(&it, &r, NULL) == 1 && r.cause == 1,
          "Reason: SP, HTAB and a folded line around ';' and '='");
    check(REASON_WALK("SIP\r\n;cause=1") == -1, "Reason: CRLF without WSP is not a fold");
    check(REASON_WALK("SIP\n ;cause=1") == -1, "Reason: a bare LF is not a fold");
    check(REASON_WALK("SIP\v;cause=1") == -1, "Reason: VT is no LWS");
    check(REASON_WALK(" \t SIP ,\r\n\tX\t") == 2,
          "Reason: blanks and a fold around ',' and at both ends");

    /* warning-value = warn-code SP warn-agent SP warn-text, and warn-text
     * is a quoted-string, which starts with SWS; the blanks after the
     * warn-code are read alike (docs/interworking.md), the first an SP. */
    sipcodes_warning_iter_init(&wit, "370 gw \t \"x\"", 12);
    check(sipcodes_warning_next(&wit, &w, NULL) == 1 && w.text_len == 1,
          "Warning: SWS before the warn-text");
    sipcodes_warning_iter_init(&wit, "370  gw \"x\"", 11);
    check(sipcodes_warning_next(&wit, &w, NULL) == 1 && w.agent_len == 2,
          "Warning: two SP after the warn-code, as before the warn-text");
    sipcodes_warning_iter_init(&wit, "370\tgw \"x\"", 10);
    check(sipcodes_warning_next(&wit, &w, NULL) == -1, "Warning: HTAB after the warn-code is refused");
    sipcodes_warning_iter_init(&wit, "370 gw\t\"x\"", 10);
    check(sipcodes_warning_next(&wit, &w, NULL) == -1, "Warning: HTAB after the warn-agent is refused");
}

/* ---- empty and one-character fields ------------------------------------- */

static void test_empty_fields(void)
{
    struct sipcodes_status_line line;
    struct sipcodes_reason_iter it;
    struct sipcodes_reason r;
    struct sipcodes_error err;

    /* SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT */
    check(sipcodes_parse_status_line("SIP/2.0 200 ", 12, 1, &line, NULL) && line.reason_len == 0,
          "status line: an empty phrase");
    check(sipcodes_parse_status_line("SIP/2.0 200 x", 13, 1, &line, NULL) && line.reason_len == 1,
          "status line: a one-character phrase");
    check(sipcodes_parse_status_line("SIP/2.0 200 x", 13, 1, &line, NULL) && line.version_len == 7
          && sipcodes_parse_status_line("SIP/2.0 200 x", 13, 1, NULL, NULL),
          "status line: one digit each side of '.'");
    check(!sipcodes_parse_status_line("SIP/.0 200 x", 12, 1, NULL, &err) && err.offset == 4
          && !sipcodes_parse_status_line("SIP/2. 200 x", 12, 1, NULL, &err) && err.offset == 6,
          "status line: no digit before or after '.' is refused");
    check(!sipcodes_parse_status_line("SIP/2.0 20 x", 12, 1, NULL, &err) && err.offset == 8
          && !sipcodes_parse_status_line("SIP/2.0 2000 x", 14, 1, NULL, &err)
          && err.offset == 11,
          "status line: two or four code digits are refused");
    check(!sipcodes_parse_status_line("SIP/2.0 099 x", 13, 1, NULL, &err) && err.offset == 8
          && sipcodes_parse_status_line("SIP/2.0 100 x", 13, 1, NULL, NULL)
          && sipcodes_parse_status_line("SIP/2.0 699 x", 13, 1, NULL, NULL)
          && !sipcodes_parse_status_line("SIP/2.0 700 x", 13, 1, NULL, NULL),
          "status line: 100 and 699 are codes, 099 and 700 are not");

    sipcodes_reason_iter_init(&it, "", 0);
    check(sipcodes_reason_next(&it, &r, &err) == -1 && err.offset == 0,
          "Reason: an empty value is refused");
    sipcodes_reason_iter_init(&it, " ", 1);
    check(sipcodes_reason_next(&it, &r, &err) == -1 && err.offset == 1,
          "Reason: blanks alone are refused");
    sipcodes_reason_iter_init(&it, "X", 1);
    check(sipcodes_reason_next(&it, &r, NULL) == 1 && r.protocol_len == 1
          && r.kind == SIPCODES_REASON_OTHER && sipcodes_reason_next(&it, &r, NULL) == 0,
          "Reason: a one-character protocol");
    sipcodes_reason_iter_init(&it, "SIP;text=\"\"", 11);
    check(sipcodes_reason_next(&it, &r, NULL) == 1 && r.text != NULL && r.text_len == 0,
          "Reason: an empty text is a text");
    sipcodes_reason_iter_init(&it, "SIP;text=", 9);
    check(sipcodes_reason_next(&it, &r, NULL) == -1, "Reason: text= with nothing is refused");

    /* IPv4address = dec-octet "." ... (0-255, as RFC 3986 and RFC 5954
     * write it, not RFC 3261's 1*3DIGIT); RFC 5954's
     * IPv6address: h16 = 1*4HEXDIG, eight of them, or at most seven
     * around "::", the last two of which may be an IPv4address.  With a
     * port, so that the agent must be a hostport and not a token. */
    check(AGENT_OK("255.255.255.255:5060") && AGENT_OK("0.0.0.0:1") && AGENT_OK("1.22.199.9:5060")
          && !AGENT_OK("256.1.1.1:5060") && !AGENT_OK("01.1.1.1:5060"),
          "warn-agent: IPv4 parts of one to three digits, 0-255");
    check(!AGENT_OK("1234.1.1.1:5060") && !AGENT_OK("1.1.1.1234:5060") && !AGENT_OK("1.1..1:5060"),
          "warn-agent: an IPv4 part of four digits or none is refused");
    check(AGENT_OK("[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535")
          && AGENT_OK("[1:2:3:4:5:6::7]:1") && AGENT_OK("[1:2:3:4:5:6:1.2.3.4]:1")
          && AGENT_OK("[1:2:3:4:5::1.2.3.4]:1"),
          "warn-agent: IPv6 of four-digit pieces, eight pieces, seven around '::'");
    check(!AGENT_OK("[fffff::1]:1") && !AGENT_OK("[1:2:3:4:5:6:7::8]:1")
          && !AGENT_OK("[1:2:3:4:5:6:7:8:9]:1") && !AGENT_OK("[1:2:3:4:5:6:7:1.2.3.4]:1")
          && !AGENT_OK("[1:2:3:4:5:6:7]:1") && !AGENT_OK("[::1.2.3.1234]:1"),
          "warn-agent: a five-digit piece, eight pieces around '::', nine, seven without are refused");
    check(sipcodes_warn_agent_valid("a", 1, NULL) && !sipcodes_warn_agent_valid("", 0, NULL)
          && sipcodes_warn_agent_valid("a:1", 3, NULL) && !sipcodes_warn_agent_valid("a:", 2, NULL),
          "warn-agent: one character, a one-digit port; not empty, not an empty port");
}

/* ---- counted buffers: never a byte past len ----------------------------- */

/* docs/safety.md: the core reads counted buffers and never past them.
 * Every prefix of each sample is handed over as an exact heap block, so
 * that a read of the byte after it is a report; the samples end inside
 * each construct that reads ahead: UTF-8 sequences, '%' escapes,
 * quoted-pairs, folds, IPv6 references, ports. */
static const char *const samples[] = {
    "SIP/2.0 486 Busy Here\r\n",
    "SIP/2.0 200 %41%4",
    "SIP/2.0 200 \xC3\xBC\xE2\x82\xAC\xF0\x9F\x93\x9E\xFC\x80\x80\x80\x80\x80",
    "SIP;cause=200;text=\"a\\\"b\xC3\xBC\" ;x=[::1];y=\"\\",
    "Q.850 ;\r\n cause=16 ,\r\n\tSIP;text=\"\r\n x\"",
    "370 [2001:db8::1]:5060 \"a\\\\b\xE2\x82\xAC\", 399 gw1.example.com:1 \"\"",
    "399 192.0.2.1 \"\xF4\x8F\xBF\xBF\"",
    "  Busy Here \t",
    "NORMAL_CIRCUIT_CONGESTION ",
};

static int reads_within(const char *sample)
{
    size_t full = strlen(sample), len;
    for (len = 0; len <= full; len++) {
        char *text = exact(len);
        struct sipcodes_status_line line;
        struct sipcodes_reason_iter rit;
        struct sipcodes_reason r;
        struct sipcodes_warning_iter wit;
        struct sipcodes_warning w;
        size_t i;
        if (len > 0)
            memcpy(text, sample, len);
        sipcodes_parse_status_line(text, len, 0, &line, NULL);
        sipcodes_parse_status_line(text, len, 1, &line, NULL);
        sipcodes_reason_valid(text, len, NULL);
        sipcodes_reason_tolerable(text, len, NULL);
        sipcodes_reason_text_valid(text, len, NULL);
        for (i = 0; i < len; i++)
            sipcodes_utf8_len(text + i, len - i);
        sipcodes_reason_iter_init(&rit, text, len);
        while (sipcodes_reason_next(&rit, &r, NULL) == 1) {
            struct sipcodes_reason_param param;
            size_t pos = 0;
            while (sipcodes_reason_param_next(&r, &pos, &param))
                ;
        }
        sipcodes_warning_iter_init(&wit, text, len);
        while (sipcodes_warning_next(&wit, &w, NULL) == 1)
            ;
        sipcodes_warn_agent_valid(text, len, NULL);
        sipcodes_warning_code(text, len);
        sipcodes_code_of(text, len);
        sipcodes_code_of_name(text, len);
        sipcodes_cause_of(text, len);
        sipcodes_from_digits(text, len);
        sipcodes_cause_from_digits(text, len);
        sipcodes_warn_code_from_digits(text, len);
        sipcodes_profile_of(text, len);
        free(text);
    }
    return 1;
}

static void test_counted_reads(void)
{
    size_t i;
    int all = 1;
    for (i = 0; i < sizeof samples / sizeof samples[0]; i++)
        all = all && reads_within(samples[i]);
    check(all, "every parser reads every prefix of the samples without a byte past it");
}

int main(void)
{
    check(load_reference(), "spec/fixtures/sip-response-codes.tsv is read");
    test_code_range();
    test_class_edges();
    test_format();
    test_aliases();
    test_causes();
    test_warn_codes();
    test_reason_cause();
    test_reason_builder();
    test_warning_builder();
    test_writer();
    test_unquote();
    test_blanks();
    test_empty_fields();
    test_counted_reads();
    return failures == 0 ? 0 : 1;
}
