/*
 * libFuzzer target: the status pattern compiler, against POSIX extended
 * regular expressions (the C library's regcomp) as a reference.
 *
 * A status pattern is, apart from three additions, the regular expression
 * Kamailio's t_check_status() takes, matched against a whole code: "x"
 * stands for any digit, "480-489" is a range of codes, and "!" excludes.
 * So for every pattern the compiler accepts that uses none of the
 * additions but "x", the regular expression ^( pattern )$ -- blanks
 * removed, "x" written "." -- must match exactly the codes 100-699 in the
 * compiled set.  For every pattern, accepted or not, the answer must hold
 * together: an accepted set holds codes, a refusal names an offset inside
 * the text, and compiling again gives the same result.
 */
#include "sipcodes.h"

#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Longer patterns teach the comparison nothing new. */
#define MAX_PATTERN 256

static void disagree(const char *what, int code, const uint8_t *data, size_t size)
{
    size_t i;
    fprintf(stderr, "pattern compiler and regex disagree on %d: %s\npattern:", code, what);
    for (i = 0; i < size; i++)
        fprintf(stderr, " %02x", data[i]);
    fprintf(stderr, "\n");
    abort();
}

/* Writes the regular expression for the pattern into re; 0 when the
 * pattern uses an addition a regular expression does not have. */
static int as_regex(const uint8_t *data, size_t size, char *re, size_t cap)
{
    size_t i, n = 0;
    const char *open = "^(";
    const char *close = ")$";
    memcpy(re, open, 2);
    n = 2;
    for (i = 0; i < size; i++) {
        uint8_t c = data[i];
        if (c == '!' || c == '-')
            return 0;
        if (c == ' ' || c == '\t')
            continue;
        if (n + 3 >= cap)
            return 0;
        re[n++] = (c == 'x' || c == 'X') ? '.' : (char)c;
    }
    memcpy(re + n, close, 3);
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sipcodes_codeset set, again;
    struct sipcodes_error err;
    char re_text[2 * MAX_PATTERN + 8];
    regex_t re;
    int ok, code;

    if (size > MAX_PATTERN)
        return 0;
    ok = sipcodes_pattern_compile((const char *)data, size, &set, &err);
    if (ok != sipcodes_pattern_compile((const char *)data, size, &again, NULL)
        || (ok && memcmp(&set, &again, sizeof set) != 0))
        abort();
    if (!ok) {
        if (err.message == NULL || err.offset > size)
            abort();
        return 0;
    }
    if (memchr(data, '\0', size) != NULL)
        abort();                      /* NUL is never part of a pattern */
    for (code = 0; code < 1000; code++)
        if (sipcodes_codeset_contains(&set, code) && !sipcodes_is_valid(code))
            abort();

    if (!as_regex(data, size, re_text, sizeof re_text))
        return 0;
    if (regcomp(&re, re_text, REG_EXTENDED | REG_NOSUB) != 0)
        disagree("the compiler accepts what is no regular expression", -1, data, size);
    for (code = SIPCODES_MIN_CODE; code <= SIPCODES_MAX_CODE; code++) {
        char digits[4];
        int in_regex;
        snprintf(digits, sizeof digits, "%d", code);
        in_regex = regexec(&re, digits, 0, NULL, 0) == 0;
        if (in_regex != sipcodes_codeset_contains(&set, code))
            disagree(in_regex ? "only the regex matches" : "only the set holds it",
                     code, data, size);
    }
    regfree(&re);
    return 0;
}
