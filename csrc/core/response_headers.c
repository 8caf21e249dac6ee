/*
 * What a response must carry: the header fields RFC 3261 and its
 * extensions make mandatory for particular status codes, and the codes
 * that may carry Retry-After.
 */
#include "response_headers.h"

/* Ascending by code; rows of one code are consecutive.  Only MUSTs: the
 * SHOULDs (470 Permission-Missing, RFC 5360 section 5.9.2; 300 Contact,
 * RFC 3261 section 21.3.1) are left to the README. */
static const struct sipcodes_required_header required[] = {
    {401, "WWW-Authenticate", "RFC 3261", "22.2", NULL},
    {405, "Allow", "RFC 3261", "21.4.6", NULL},
    {407, "Proxy-Authenticate", "RFC 3261", "22.3", NULL},
    {415, "Accept", "RFC 3261", "8.2.3",
     "the request had a body of a type the server does not support"},
    {415, "Accept-Encoding", "RFC 3261", "8.2.3",
     "the request had a content encoding the server does not understand"},
    {415, "Accept-Language", "RFC 3261", "8.2.3",
     "the request had content in a language the server does not understand"},
    {420, "Unsupported", "RFC 3261", "8.2.2.3", NULL},
    {421, "Require", "RFC 3261", "21.4.16", NULL},
    {422, "Min-SE", "RFC 4028", "6", NULL},
    {423, "Min-Expires", "RFC 3261", "10.3", NULL},
    {494, "Security-Server", "RFC 3329", "2.3.1", NULL},
    {500, "Retry-After", "RFC 3261", "14.2",
     "it refuses an INVITE that arrived while another INVITE transaction "
     "of the dialog was in progress"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const struct sipcodes_required_header *sipcodes_required_headers(int code,
                                                                 size_t *count)
{
    size_t i, n;
    for (i = 0; i < COUNT(required) && required[i].code < code; i++)
        ;
    for (n = 0; i + n < COUNT(required) && required[i + n].code == code; n++)
        ;
    if (count != NULL)
        *count = n;
    return n > 0 ? &required[i] : NULL;
}

/* RFC 3261 section 20.33: Retry-After "can be used with a 500 (Server
 * Internal Error) or 503 (Service Unavailable) response ... and with a 404
 * (Not Found), 413 (Request Entity Too Large), 480 (Temporarily
 * Unavailable), 486 (Busy Here), 600 (Busy), or 603 (Decline) response". */
int sipcodes_allows_retry_after(int code)
{
    switch (code) {
    case 404: case 413: case 480: case 486:
    case 500: case 503: case 600: case 603:
        return 1;
    default:
        return 0;
    }
}
