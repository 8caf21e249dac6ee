/*
 * Q.850 cause values and the SIP <-> Q.850 mappings of RFC 3398 and of
 * FreeSWITCH.
 */
#ifndef SIPCODES_Q850_H
#define SIPCODES_Q850_H

#include "export.h"

#include <stddef.h>

/* Q.850 causes are 7-bit (0..127).  FreeSWITCH hangup causes share those
 * numbers and add its own above them (487 ORIGINATOR_CANCEL, 8xx), so the
 * cause functions take any int and answer "no" for what they do not know. */
#define SIPCODES_Q850_MAX_CAUSE 127
/* Largest value the cause input converters accept (3 decimal digits):
 * room for FreeSWITCH's internal causes. */
#define SIPCODES_CAUSE_MAX 999

/* Each returns the cause when the value is an integer 0..SIPCODES_CAUSE_MAX
 * (a double only when integral; text only when 1 to 3 ASCII digits), else
 * -1. */
SIPCODES_API int sipcodes_cause_from_integer(long long value);
SIPCODES_API int sipcodes_cause_from_double(double value);
SIPCODES_API int sipcodes_cause_from_digits(const char *text, size_t len);

struct sipcodes_cause {
    int cause;
    const char *name;        /* Q.850 cause name, NULL for FreeSWITCH-only */
    const char *freeswitch;  /* switch_call_cause_t name without the
                                SWITCH_CAUSE_ prefix, or NULL */
};

/* The causes the mappings use and the names, ascending; NULL when i is
 * past the end. */
SIPCODES_API const struct sipcodes_cause *sipcodes_cause_at(size_t i);
SIPCODES_API size_t sipcodes_cause_count(void);
/* The Q.850 name of a cause ("User busy"), or NULL. */
SIPCODES_API const char *sipcodes_q850_name(int cause);
/* FreeSWITCH's name of a cause ("USER_BUSY"), or NULL. */
SIPCODES_API const char *sipcodes_freeswitch_cause_name(int cause);
/* The cause named by a Q.850 name or a FreeSWITCH name (ASCII case and
 * surrounding blanks ignored), or -1. */
SIPCODES_API int sipcodes_cause_of(const char *text, size_t len);

enum sipcodes_q850_profile {
    SIPCODES_PROFILE_RFC3398 = 0,     /* RFC 3398 sections 7.2.4.1, 8.2.6.1 */
    SIPCODES_PROFILE_FREESWITCH = 1   /* mod_sofia's tables */
};

/* "rfc3398" or "freeswitch" (exact, lower case) -> the profile, else -1. */
SIPCODES_API int sipcodes_profile_of(const char *text, size_t len);

/* The cause a gateway sends for a SIP response, or -1 when the profile
 * says none (RFC 3398: 487) or the code is not valid.  warn_code is the
 * response's Warning code or -1 (sipcodes_warning_code, warning.h, reads
 * one from a header value); RFC 3398 uses it for 488 and 606 only. */
SIPCODES_API int sipcodes_to_q850(int code, int warn_code, int profile);

/* The SIP response a gateway sends for a cause, or 0 when the profile says
 * none (RFC 3398: 16 and 44) or the value is not a cause of that profile
 * (RFC 3398: 0..127; FreeSWITCH: 0..SIPCODES_CAUSE_MAX). */
SIPCODES_API int sipcodes_from_q850(int cause, int profile);

#endif
