/*
 * Tests of the C core alone, without Lua: what a SIP server module or a
 * fuzzer calling sipcodes.h relies on.  Prints "ok - ..." / "not ok - ...".
 * Expected values come from RFC 3261 (sections cited) and the table's
 * reference, never from the core itself.
 */
#include "sipcodes.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int failures;

static void check(int cond, const char *what)
{
    printf("%s - %s\n", cond ? "ok" : "not ok", what);
    if (!cond)
        failures++;
}

/* Parses a string literal (length taken with sizeof, so NULs count). */
#define PARSE(lit, out, err) \
    sipcodes_parse_status_line((lit), sizeof(lit) - 1, 1, (out), (err))
#define CODE_OF(lit) sipcodes_code_of((lit), sizeof(lit) - 1)
#define PHRASE_OK(lit) sipcodes_reason_valid((lit), sizeof(lit) - 1, NULL)

static void test_table(void)
{
    const struct sipcodes_entry *e;
    size_t i;
    int ascending = 1, n = 0, prev = 0;

    check(sipcodes_count() == 77, "the table has 77 codes");
    for (i = 0; i < sipcodes_count(); i++) {
        if (sipcodes_at(i)->code <= prev)
            ascending = 0;
        prev = sipcodes_at(i)->code;
    }
    check(ascending, "rows are in ascending code order");
    check(sipcodes_at(sipcodes_count()) == NULL, "sipcodes_at past the end is NULL");
    e = sipcodes_lookup(486);
    check(e != NULL && strcmp(e->reason, "Busy Here") == 0
          && strcmp(e->name, "BUSY_HERE") == 0, "486 is Busy Here / BUSY_HERE");
    check(sipcodes_lookup(100) != NULL && sipcodes_lookup(608) != NULL,
          "first and last codes are found");
    check(sipcodes_lookup(431) == NULL && sipcodes_lookup(0) == NULL
          && sipcodes_lookup(-486) == NULL && sipcodes_lookup(1486) == NULL,
          "unknown and invalid codes are not found");
    for (e = sipcodes_next(0, 6); e != NULL; e = sipcodes_next(e->code, 6))
        n++;
    check(n == 6, "six 6xx codes (600 603 604 606 607 608)");
    check(sipcodes_next(608, 0) == NULL, "nothing after 608");
    check(sipcodes_next(0, 7) == NULL && sipcodes_next(0, -1) == NULL,
          "no iteration over a class outside 1-6");
    e = sipcodes_next(199, 1);
    check(e == NULL, "no 1xx after 199");
    e = sipcodes_next(-1000, 0);
    check(e != NULL && e->code == 100, "iteration starts at 100");
}

static void test_inputs(void)
{
    check(sipcodes_from_double(486.0) == 486, "486.0 is 486");
    check(sipcodes_from_double(486.5) == 0, "486.5 is not a code");
    check(sipcodes_from_double(NAN) == 0, "NaN is not a code");
    check(sipcodes_from_double(INFINITY) == 0 && sipcodes_from_double(-INFINITY) == 0,
          "infinities are not codes");
    check(sipcodes_from_double(1e300) == 0 && sipcodes_from_double(-0.0) == 0,
          "huge values and -0 are not codes");
    check(sipcodes_from_double(99.9999999) == 0 && sipcodes_from_double(699.0000001) == 0,
          "values just outside 100-699 are not codes");
    check(sipcodes_from_integer(9223372036854775807LL) == 0
          && sipcodes_from_integer(-9223372036854775807LL - 1) == 0
          && sipcodes_from_integer(4294967296LL + 486) == 0,
          "64-bit values do not wrap into codes");
    check(sipcodes_from_digits("486", 3) == 486, "\"486\" is 486");
    check(sipcodes_from_digits("486 ", 4) == 0 && sipcodes_from_digits("48", 2) == 0
          && sipcodes_from_digits("4a6", 3) == 0 && sipcodes_from_digits("099", 3) == 0
          && sipcodes_from_digits("486\0", 4) == 0 && sipcodes_from_digits(NULL, 3) == 0,
          "other text is not a code");
}

static void test_code_of(void)
{
    check(CODE_OF("busy here") == 486, "phrases match in any case");
    check(CODE_OF(" \tBUSY_HERE\r\n") == 486, "names match, blanks trimmed");
    check(CODE_OF("Not Acceptable") == 406, "a shared phrase gives the lower code");
    check(CODE_OF("Internal Server Error") == 500, "aliases match");
    check(CODE_OF("Busy Here\0") == 0, "a NUL is part of the text");
    check(CODE_OF("Busy") == 0 && CODE_OF("") == 0
          && sipcodes_code_of(NULL, 5) == 0, "no partial or empty matches");
}

static void test_classes(void)
{
    /* RFC 3261 section 8.1.3.2 */
    check(sipcodes_canonical(431) == 400, "canonical(431) is 400");
    check(sipcodes_canonical(199) == 199 && sipcodes_canonical(155) == 183,
          "known 1xx stays, unknown 1xx is 183");
    check(sipcodes_canonical(699) == 600 && sipcodes_canonical(700) == 0,
          "unknown 6xx is 600; 700 is invalid");
    check(sipcodes_class(100) == 1 && sipcodes_class(699) == 6 && sipcodes_class(99) == 0
          && sipcodes_class(700) == 0, "classes are the first digit of 100-699");
    check(strcmp(sipcodes_class_name(4), "client_failure") == 0
          && sipcodes_class_name(0) == NULL && sipcodes_class_name(7) == NULL,
          "class names");
}

static void test_format(void)
{
    char buf[SIPCODES_FORMAT_MAX + 1];
    char small[8];
    size_t i;
    int all_fit = 1;

    check(sipcodes_format(486, buf, sizeof buf) == 13 && strcmp(buf, "486 Busy Here") == 0,
          "format(486)");
    check(sipcodes_format(431, buf, sizeof buf) > 0 && strcmp(buf, "431 Client Failure") == 0,
          "an unknown code gets its class phrase");
    check(sipcodes_format(700, buf, sizeof buf) == 0 && buf[0] == '\0',
          "an invalid code formats to nothing");
    check(sipcodes_format(486, small, sizeof small) == 0 && small[0] == '\0',
          "a buffer too small is refused, left empty");
    for (i = 0; i < sipcodes_count(); i++)
        if (sipcodes_format(sipcodes_at(i)->code, buf, sizeof buf) == 0)
            all_fit = 0;
    check(all_fit, "every known code fits SIPCODES_FORMAT_MAX");
}

static void test_reason_phrase(void)
{
    struct sipcodes_error err;
    /* RFC 3261 section 25.1 Reason-Phrase */
    check(PHRASE_OK("") && PHRASE_OK("Busy Here"), "plain phrases");
    check(PHRASE_OK(";/?:@&=+$,-_.!~*'()\t %41"), "every punctuation mark allowed");
    check(!PHRASE_OK("\"") && !PHRASE_OK("<") && !PHRASE_OK("\\")
          && !PHRASE_OK("#") && !PHRASE_OK("`") && !PHRASE_OK("["),
          "other punctuation is refused");
    check(!PHRASE_OK("%") && !PHRASE_OK("%4") && !PHRASE_OK("%4g"),
          "'%' needs two hex digits");
    check(!sipcodes_reason_valid("ab\r\ncd", 6, &err) && err.offset == 2,
          "CR is refused at its offset");
    check(!PHRASE_OK("a\0b"), "NUL is refused");
    /* UTF8-NONASCII and UTF8-CONT read as RFC 3629 UTF-8 (section 4's
     * UTF8-2, UTF8-3, UTF8-4), the one rule of every parser and builder */
    check(PHRASE_OK("\xC3\xBC") && PHRASE_OK("\xE2\x82\xAC")
          && PHRASE_OK("\xF0\x9F\x93\x9E") && PHRASE_OK("\xF4\x8F\xBF\xBF"),
          "two-, three- and four-byte UTF-8, U+10FFFF the last");
    check(!PHRASE_OK("\x80") && !PHRASE_OK("a\xBF"), "a lone UTF8-CONT is refused");
    check(!PHRASE_OK("\xC0\x80") && !PHRASE_OK("\xC1\xBF") && !PHRASE_OK("\xE0\x9F\xBF")
          && !PHRASE_OK("\xF0\x8F\xBF\xBF"), "overlong forms are refused");
    check(!PHRASE_OK("\xED\xA0\x80") && !PHRASE_OK("\xED\xBF\xBF") && PHRASE_OK("\xED\x9F\xBF"),
          "surrogates are refused, U+D7FF is not");
    check(!PHRASE_OK("\xF4\x90\x80\x80") && !PHRASE_OK("\xF5\x80\x80\x80"),
          "code points above U+10FFFF are refused");
    check(!PHRASE_OK("\xF8\x88\x80\x80\x80") && !PHRASE_OK("\xFC\x84\x80\x80\x80\x80"),
          "five- and six-byte forms are refused");
    check(!PHRASE_OK("\xFE") && !PHRASE_OK("\xFF") && !PHRASE_OK("\xC3")
          && !PHRASE_OK("\xE2\x82") && !PHRASE_OK("\xF0\x9F\x93"),
          "FE, FF and truncated sequences are refused");
}

static void test_status_line(void)
{
    struct sipcodes_status_line line;
    struct sipcodes_error err;

    check(PARSE("SIP/2.0 486 Busy Here\r\n", &line, &err) && line.code == 486
          && line.version_len == 7 && line.reason_len == 9
          && memcmp(line.reason, "Busy Here", 9) == 0, "a plain status line");
    check(PARSE("SIP/2.0 200 ", &line, NULL) && line.reason_len == 0,
          "the Reason-Phrase may be empty");
    check(!PARSE("SIP/2.0 200", NULL, &err) && err.offset == 11,
          "the second SP is required (offset 11)");
    check(PARSE("sIp/10.20 699 x\n", &line, NULL) && line.version_len == 9,
          "SIP in any case, multi-digit versions, LF ending");
    check(!PARSE("SIP/2.0 700 x", NULL, &err) && err.offset == 8,
          "700 is out of range (offset 8)");
    check(!PARSE("SIP/2.0 200 OK\r\n\r\n", NULL, NULL), "only one line ending");
    check(!PARSE("SIP/2.0 200 OK\0", NULL, NULL), "a trailing NUL is refused");
    check(!sipcodes_parse_status_line(NULL, 0, 1, NULL, NULL), "NULL text is refused");
    check(!PARSE("SIP/2.0 200 \x80", NULL, &err) && err.offset == 12,
          "the strict parse refuses a lone UTF8-CONT, as the builders do");
    check(!PARSE("SIP/2.0 200 \xC0\x80", NULL, NULL),
          "the strict parse refuses an overlong NUL");
}

int main(void)
{
    test_table();
    test_inputs();
    test_code_of();
    test_classes();
    test_format();
    test_reason_phrase();
    test_status_line();
    return failures == 0 ? 0 : 1;
}
