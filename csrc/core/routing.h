/*
 * What a proxy or UAC decides from status codes: which branch response to
 * forward (RFC 3261 section 16.7), what a code is to be treated as, and
 * whether and how a failed request may be retried.
 */
#ifndef SIPCODES_ROUTING_H
#define SIPCODES_ROUTING_H

#include "export.h"

#include <stddef.h>

/* 1 for 2xx and 6xx: RFC 3261 section 6 "A 2xx or 6xx class final
 * response always terminates a sequential search"; 0 otherwise. */
SIPCODES_API int sipcodes_stops_forking(int code);

/* What RFC 3261 section 8.1.3.5 (and the RFCs of 422 and 423) let a UAC
 * change before retrying after this code: "credentials" (401, 407),
 * "body" (413, 415), "uri" (416), "extensions" (420), "session_expires"
 * (422, RFC 4028), "expires" (423, RFC 3261 section 10.2.8); NULL for
 * every other code. */
SIPCODES_API const char *sipcodes_may_retry(int code);

/* The code a UA must act on: 202 as 200 (RFC 6665 section 8.3.1); 503 as
 * 500 unless the response carried a Retry-After (RFC 3261 section 21.5.4);
 * any other code as sipcodes_canonical() gives it.  0 for invalid codes. */
SIPCODES_API int sipcodes_treat_as(int code, int has_retry_after);

/* Best-response selection of RFC 3261 section 16.7 step 6, fed one branch
 * response at a time so that a caller need not build an array.  Ranking,
 * best first: 2xx (forwarded at once by step 5, so it always wins); 6xx;
 * then the lowest class of 3xx, 4xx, 5xx.  Within 4xx, 401, 407, 415, 420,
 * 484 come first, in that order; 503 comes after every other 5xx, since a
 * proxy "SHOULD NOT forward it upstream".  Otherwise the lower code wins
 * (as Kamailio's tm does), and on a tie the response of the lower index
 * (the earlier one), whatever order they are offered in.  1xx and invalid
 * codes are not final responses and are ignored. */
struct sipcodes_best {
    int code;                 /* best so far, 0 when none */
    int rank;
    size_t index;             /* its index as offered */
};

#define SIPCODES_NO_INDEX ((size_t)-1)

SIPCODES_API void sipcodes_best_init(struct sipcodes_best *best);
SIPCODES_API void sipcodes_best_offer(struct sipcodes_best *best, int code,
                                      size_t index);
/* The code to forward: 408 when no final response was offered (*index is
 * then SIPCODES_NO_INDEX); 500 in place of a chosen 503 (*index is the
 * 503's); else the chosen code.  index may be NULL. */
SIPCODES_API int sipcodes_best_result(const struct sipcodes_best *best,
                                      size_t *index);
/* The same over an array (entries 0 or invalid are ignored). */
SIPCODES_API int sipcodes_best_response(const int *codes, size_t n,
                                        size_t *index);

#endif
