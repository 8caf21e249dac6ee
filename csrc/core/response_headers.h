/*
 * What a response must carry: the header fields RFC 3261 and its
 * extensions make mandatory for particular status codes, and the codes
 * that may carry Retry-After.
 */
#ifndef SIPCODES_RESPONSE_HEADERS_H
#define SIPCODES_RESPONSE_HEADERS_H

#include "export.h"

#include <stddef.h>

struct sipcodes_required_header {
    int code;
    const char *header;       /* "WWW-Authenticate" */
    const char *rfc;          /* "RFC 3261" */
    const char *section;      /* "22.2" */
    const char *when;         /* NULL, or the condition under which it is
                                 required */
};

/* The header fields that RFC 3261 and its extensions say a response with
 * this code MUST carry: a pointer to *count consecutive rows, or NULL with
 * *count 0. */
SIPCODES_API const struct sipcodes_required_header *
sipcodes_required_headers(int code, size_t *count);

/* 1 when RFC 3261 section 20.33 lets the response carry Retry-After (404,
 * 413, 480, 486, 500, 503, 600, 603), else 0. */
SIPCODES_API int sipcodes_allows_retry_after(int code);

#endif
