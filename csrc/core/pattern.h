/*
 * Status patterns: "408|5xx", "4[0-9][0-9]|!487", "(487)|(408)", "480-489",
 * compiled into the set of codes they match.
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

/* Compiles a status pattern into the set of valid codes it matches.
 *
 *   pattern     = alternative *( "|" alternative )
 *   alternative = [ "!" ] operand
 *   operand     = [ "^" ] ( group / item ) [ "$" ]
 *   group       = "(" operand *( "|" operand ) ")"   nest; no "!" inside
 *   item        = code-form [ "-" code-form ]
 *   code-form   = 3position                  exactly three positions
 *   position    = DIGIT / "x" / "X" / "." / "[" ["^"] 1*(DIGIT ["-" DIGIT]) "]"
 *
 * "5xx", "4XX", "5.." and "5[0-9][0-9]" are classes; "480-489" is a range
 * of exact codes; "(487)|(408)" is Kamailio's regex spelling of "487|408".
 * A pattern always describes whole codes, so the regex anchors "^" and "$"
 * that t_check_status() patterns carry ("^(408|5[0-9][0-9])$") are
 * accepted around any operand and change nothing.  Items
 * after "!" are exclusions, subtracted from the union of the others, or
 * from every valid code when there are no others ("!6xx").  Blanks may
 * surround "|", "(", ")", "!" and "-".  Refused with a message: anything
 * else (quantifiers such as "4[0-9]+", fewer or more than three positions,
 * letters), an item that matches no valid code ("7xx", "099"), a reversed
 * range, and a pattern that matches nothing at all ("4xx|!4xx").
 *
 * Returns 1 and fills *out, or 0 and fills *err (may be NULL). */
SIPCODES_API int sipcodes_pattern_compile(const char *text, size_t len,
                                          struct sipcodes_codeset *out,
                                          struct sipcodes_error *err);

/* 1 when code is valid and in the set. */
SIPCODES_API int sipcodes_codeset_contains(const struct sipcodes_codeset *set,
                                           int code);

#endif
