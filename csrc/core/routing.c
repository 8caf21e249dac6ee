/*
 * Routing rules: best-response selection (RFC 3261 section 16.7), what a
 * code is to be treated as, whether a search stops and how a request may
 * be retried.  No allocation, no mutable state.
 */
#include "routing.h"
#include "codes.h"

int sipcodes_stops_forking(int code)
{
    int cls = sipcodes_class(code);
    return cls == 2 || cls == 6;
}

const char *sipcodes_may_retry(int code)
{
    switch (code) {
    case 401: case 407: return "credentials";     /* 3261 8.1.3.5, 22.2/22.3 */
    case 413: case 415: return "body";            /* 3261 8.1.3.5 */
    case 416:           return "uri";             /* 3261 8.1.3.5 */
    case 420:           return "extensions";      /* 3261 8.1.3.5 */
    case 422:           return "session_expires"; /* RFC 4028 Min-SE */
    case 423:           return "expires";         /* 3261 10.2.8 Min-Expires */
    default:            return NULL;
    }
}

int sipcodes_treat_as(int code, int has_retry_after)
{
    if (!sipcodes_is_valid(code))
        return 0;
    if (code == 202)
        return 200;
    if (code == 503 && !has_retry_after)
        return 500;
    return sipcodes_canonical(code);
}

/* ---- best response ---------------------------------------------------- */

/* The 4xx codes section 16.7 step 6 names as carrying "information
 * affecting resubmission of this request", in the order they are
 * preferred. */
static const int resubmission_4xx[] = {401, 407, 415, 420, 484};

/* Lower is better; 0 for what is not a final response.  Class bases keep
 * every class apart: xx is at most 99 and the offsets at most 199. */
static int rank_of(int code)
{
    int cls = sipcodes_class(code);
    int xx = code % 100;
    size_t i;
    switch (cls) {
    case 2: return 1000 + xx;
    case 6: return 2000 + xx;
    case 3: return 3000 + xx;
    case 4:
        for (i = 0; i < sizeof resubmission_4xx / sizeof resubmission_4xx[0]; i++)
            if (resubmission_4xx[i] == code)
                return 4000 + (int)i;
        return 4100 + xx;
    case 5:
        /* A 503 is forwarded only as a last resort (and then as 500). */
        return code == 503 ? 5100 : 5000 + xx;
    default:
        return 0;
    }
}

void sipcodes_best_init(struct sipcodes_best *best)
{
    best->code = 0;
    best->rank = 0;
    best->index = SIPCODES_NO_INDEX;
}

void sipcodes_best_offer(struct sipcodes_best *best, int code, size_t index)
{
    int rank = rank_of(code);
    if (rank == 0)
        return;
    /* On a tie the earlier response wins, in whatever order they come. */
    if (best->code == 0 || rank < best->rank
        || (rank == best->rank && index < best->index)) {
        best->code = code;
        best->rank = rank;
        best->index = index;
    }
}

int sipcodes_best_result(const struct sipcodes_best *best, size_t *index)
{
    if (index != NULL)
        *index = best->code == 0 ? SIPCODES_NO_INDEX : best->index;
    if (best->code == 0)
        return 408;   /* "If there are no final responses in the context" */
    if (best->code == 503)
        return 500;   /* "the proxy SHOULD generate a 500 response" */
    return best->code;
}

int sipcodes_best_response(const int *codes, size_t n, size_t *index)
{
    struct sipcodes_best best;
    size_t i;
    sipcodes_best_init(&best);
    for (i = 0; codes != NULL && i < n; i++)
        sipcodes_best_offer(&best, codes[i], i);
    return sipcodes_best_result(&best, index);
}
