/*
 * Status patterns: "408|5xx", "(5|6)[0-9][0-9]", "4[0-9]{2}|!487",
 * "480-489", compiled into the set of codes they match.
 */
#ifndef SIPCODES_PATTERN_H
#define SIPCODES_PATTERN_H

#include "codes.h"
#include "error.h"
#include "export.h"

#include <stddef.h>
#include <stdint.h>

/* One bit per valid code 100..699. */
#define SIPCODES_CODESET_WORDS \
    ((SIPCODES_MAX_CODE - SIPCODES_MIN_CODE + 1 + 31) / 32)

struct sipcodes_codeset {
    uint32_t bits[SIPCODES_CODESET_WORDS];
};

/* The longest pattern, in bytes, and the deepest nesting of groups. */
#define SIPCODES_PATTERN_MAX_LEN 2048
#define SIPCODES_PATTERN_MAX_DEPTH 32

/* Compiles a status pattern into the set of valid codes it matches.
 *
 * A pattern is a POSIX extended regular expression as Kamailio's
 * t_check_status() reads it (regcomp with REG_EXTENDED | REG_ICASE, glibc's
 * syntax; regexec over the code's three digits): groups, "|", "^", "$",
 * ".", bracket expressions with ranges, "^" and classes, and the
 * quantifiers "*", "+", "?", "{m}", "{m,}", "{m,n}".  Four additions keep
 * their meaning: "x" or "X" outside "[...]" is any digit ("5xx"); "480-489"
 * is a range of exact codes; "!" at the start of a top-level alternative
 * excludes what it matches from the union of the others, or from every
 * valid code when there are no others ("4xx|!487", "!6xx"); blanks (space
 * and tab) may stand at either end and next to "|", "(", ")", "!", "^",
 * "$" and a range's "-".
 *
 * The answer is t_check_status's, and a pattern means whole codes: one on
 * which that answer (a match anywhere in the digits) and the whole-code
 * reading (anchored at both ends) differ for some code is refused, and the
 * error names the code ("48" matches 148 there): err->code, for the "%d"
 * of err->message.  Also refused: what
 * regcomp refuses; a character or "[...]" that matches no digit (a
 * letter, a blank elsewhere, an unbalanced ")"); "\"; a NUL byte; "^"
 * or "$" inside a repeated group, where glibc's regexec misreads them; an
 * empty alternative at the top level; a top-level alternative that matches
 * no valid code ("7xx"); a pattern that matches nothing ("4xx|!4xx"); more
 * than SIPCODES_PATTERN_MAX_LEN bytes or groups deeper than
 * SIPCODES_PATTERN_MAX_DEPTH.
 *
 * Compiling costs the pattern's length times the 600 codes at most, with
 * no backtracking; the result is a bitset, whatever the pattern.
 *
 * Returns 1 and fills *out, or 0 and fills *err (may be NULL). */
SIPCODES_API int sipcodes_pattern_compile(const char *text, size_t len,
                                          struct sipcodes_codeset *out,
                                          struct sipcodes_error *err);

/* 1 when code is valid and in the set. */
SIPCODES_API int sipcodes_codeset_contains(const struct sipcodes_codeset *set,
                                           int code);

#endif
