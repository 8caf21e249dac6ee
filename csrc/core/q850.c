/*
 * SIP <-> Q.850 cause mappings: RFC 3398 and FreeSWITCH's, the names of
 * the causes they use, and every cause name FreeSWITCH has.
 *
 * The tables are transcribed from RFC 3398 sections 7.2.4.1 and 8.2.6.1
 * and from FreeSWITCH's mod_sofia (sofia_glue_sip_cause_to_freeswitch and
 * hangup_cause_to_sip); each is ascending by its key so that a lookup is a
 * binary search.  Q.850 names are Wireshark's wording of Q.850 (RFC 3398
 * words them differently again); FreeSWITCH names are its
 * switch_call_cause_t names without the SWITCH_CAUSE_ prefix, which is what
 * session:hangupCause() hands a Lua script.
 */
#include "q850.h"
#include "codes.h"
#include "text.h"

/* ---- cause values from outside ---------------------------------------- */

int sipcodes_cause_from_integer(long long value)
{
    return (value >= 0 && value <= SIPCODES_CAUSE_MAX) ? (int)value : -1;
}

int sipcodes_cause_from_double(double value)
{
    return sipcodes_double_in(value, 0, SIPCODES_CAUSE_MAX) ? (int)value : -1;
}

int sipcodes_cause_from_digits(const char *text, size_t len)
{
    int cause = 0;
    size_t i;
    if (text == NULL || len < 1 || len > 3)
        return -1;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (!sipcodes_text_is_digit(c))
            return -1;
        cause = cause * 10 + (c - '0');
    }
    return cause;
}

/* ---- names ------------------------------------------------------------- */

/* Every cause a mapping uses, and every cause FreeSWITCH 1.10.12 names
 * (CAUSE_CHART in its switch_channel.c).  The Q.850 name is given for the
 * causes the mappings use, which are what sip.q850_causes lists; a cause
 * only FreeSWITCH names has NULL there. */
static const struct sipcodes_cause causes[] = {
    {0, NULL, "NONE"},
    {1, "Unallocated (unassigned) number", "UNALLOCATED_NUMBER"},
    {2, "No route to specified transit network", "NO_ROUTE_TRANSIT_NET"},
    {3, "No route to destination", "NO_ROUTE_DESTINATION"},
    {6, NULL, "CHANNEL_UNACCEPTABLE"},
    {7, NULL, "CALL_AWARDED_DELIVERED"},
    {16, "Normal call clearing", "NORMAL_CLEARING"},
    {17, "User busy", "USER_BUSY"},
    {18, "No user responding", "NO_USER_RESPONSE"},
    {19, "No answer from user (user alerted)", "NO_ANSWER"},
    {20, "Subscriber absent", "SUBSCRIBER_ABSENT"},
    {21, "Call rejected", "CALL_REJECTED"},
    {22, "Number changed", "NUMBER_CHANGED"},
    {23, "Redirection to new destination", "REDIRECTION_TO_NEW_DESTINATION"},
    {25, "Exchange routing error", "EXCHANGE_ROUTING_ERROR"},
    {26, "Non-selected user clearing", NULL},
    {27, "Destination out of order", "DESTINATION_OUT_OF_ORDER"},
    {28, "Invalid number format (address incomplete)", "INVALID_NUMBER_FORMAT"},
    {29, "Facility rejected", "FACILITY_REJECTED"},
    {30, NULL, "RESPONSE_TO_STATUS_ENQUIRY"},
    {31, "Normal unspecified", "NORMAL_UNSPECIFIED"},
    {34, "No circuit/channel available", "NORMAL_CIRCUIT_CONGESTION"},
    {38, "Network out of order", "NETWORK_OUT_OF_ORDER"},
    {41, "Temporary failure", "NORMAL_TEMPORARY_FAILURE"},
    {42, "Switching equipment congestion", "SWITCH_CONGESTION"},
    {43, NULL, "ACCESS_INFO_DISCARDED"},
    {44, "Requested circuit/channel not available", "REQUESTED_CHAN_UNAVAIL"},
    {45, NULL, "PRE_EMPTED"},
    {47, "Resources unavailable, unspecified", NULL},
    {50, NULL, "FACILITY_NOT_SUBSCRIBED"},
    /* Wireshark lists 52 and 54 as unassigned; only FreeSWITCH names them. */
    {52, NULL, "OUTGOING_CALL_BARRED"},
    {54, NULL, "INCOMING_CALL_BARRED"},
    {55, "Incoming calls barred within CUG", NULL},
    {57, "Bearer capability not authorized", "BEARERCAPABILITY_NOTAUTH"},
    {58, "Bearer capability not presently available", "BEARERCAPABILITY_NOTAVAIL"},
    {63, "Service or option not available, unspecified", "SERVICE_UNAVAILABLE"},
    {65, "Bearer capability not implemented", "BEARERCAPABILITY_NOTIMPL"},
    {66, NULL, "CHAN_NOT_IMPLEMENTED"},
    {69, "Requested facility not implemented", "FACILITY_NOT_IMPLEMENTED"},
    {70, "Only restricted digital information bearer capability is available", NULL},
    {79, "Service or option not implemented, unspecified", "SERVICE_NOT_IMPLEMENTED"},
    {81, NULL, "INVALID_CALL_REFERENCE"},
    {87, "Called user not member of CUG", NULL},
    {88, "Incompatible destination", "INCOMPATIBLE_DESTINATION"},
    {95, NULL, "INVALID_MSG_UNSPECIFIED"},
    {96, NULL, "MANDATORY_IE_MISSING"},
    {97, NULL, "MESSAGE_TYPE_NONEXIST"},
    {98, NULL, "WRONG_MESSAGE"},
    {99, NULL, "IE_NONEXIST"},
    {100, NULL, "INVALID_IE_CONTENTS"},
    {101, NULL, "WRONG_CALL_STATE"},
    {102, "Recovery on timer expiry", "RECOVERY_ON_TIMER_EXPIRE"},
    {103, NULL, "MANDATORY_IE_LENGTH_ERROR"},
    {111, "Protocol error, unspecified", "PROTOCOL_ERROR"},
    {127, "Interworking, unspecified", "INTERWORKING"},
    /* FreeSWITCH's own causes, above the 7-bit Q.850 range. */
    {142, NULL, "SUCCESS"},
    {487, NULL, "ORIGINATOR_CANCEL"},
    {700, NULL, "CRASH"},
    {701, NULL, "SYSTEM_SHUTDOWN"},
    {702, NULL, "LOSE_RACE"},
    {703, NULL, "MANAGER_REQUEST"},
    {800, NULL, "BLIND_TRANSFER"},
    {801, NULL, "ATTENDED_TRANSFER"},
    {802, NULL, "ALLOTTED_TIMEOUT"},
    {803, NULL, "USER_CHALLENGE"},
    {804, NULL, "MEDIA_TIMEOUT"},
    {805, NULL, "PICKED_OFF"},
    {806, NULL, "USER_NOT_REGISTERED"},
    {807, NULL, "PROGRESS_TIMEOUT"},
    {808, NULL, "INVALID_GATEWAY"},
    {809, NULL, "GATEWAY_DOWN"},
    {810, NULL, "INVALID_URL"},
    {811, NULL, "INVALID_PROFILE"},
    {812, NULL, "NO_PICKUP"},
    {813, NULL, "SRTP_READ_ERROR"},
    {814, NULL, "BOWOUT"},
    {815, NULL, "BUSY_EVERYWHERE"},
    {816, NULL, "DECLINE"},
    {817, NULL, "DOES_NOT_EXIST_ANYWHERE"},
    {818, NULL, "NOT_ACCEPTABLE"},
    {819, NULL, "UNWANTED"},
    {820, NULL, "NO_IDENTITY"},
    {821, NULL, "BAD_IDENTITY_INFO"},
    {822, NULL, "UNSUPPORTED_CERTIFICATE"},
    {823, NULL, "INVALID_IDENTITY"},
    {824, NULL, "STALE_DATE"},
    {825, NULL, "REJECT_ALL"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const struct sipcodes_cause *sipcodes_cause_at(size_t i)
{
    return i < COUNT(causes) ? &causes[i] : NULL;
}

size_t sipcodes_cause_count(void)
{
    return COUNT(causes);
}

static const struct sipcodes_cause *find_cause(int cause)
{
    size_t lo = 0, hi = COUNT(causes);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (causes[mid].cause < cause)
            lo = mid + 1;
        else if (causes[mid].cause > cause)
            hi = mid;
        else
            return &causes[mid];
    }
    return NULL;
}

const char *sipcodes_q850_name(int cause)
{
    const struct sipcodes_cause *c = find_cause(cause);
    return c != NULL ? c->name : NULL;
}

const char *sipcodes_freeswitch_cause_name(int cause)
{
    const struct sipcodes_cause *c = find_cause(cause);
    return c != NULL ? c->freeswitch : NULL;
}

int sipcodes_cause_of(const char *text, size_t len)
{
    size_t i;
    if (text == NULL)
        return -1;
    sipcodes_text_trim(&text, &len);
    if (len == 0)
        return -1;
    for (i = 0; i < COUNT(causes); i++) {
        const struct sipcodes_cause *c = &causes[i];
        if ((c->name != NULL && sipcodes_text_ieq(text, len, c->name))
            || (c->freeswitch != NULL
                && sipcodes_text_ieq(text, len, c->freeswitch)))
            return c->cause;
    }
    return -1;
}

/* ---- mappings ---------------------------------------------------------- */

/* A row maps `from` to `to`; NONE is "the profile sends nothing", WARNING
 * is "decided by the Warning code" (RFC 3398, 488 and 606). */
struct map_row {
    short from;
    short to;
};

#define NONE (-1)
#define WARNING (-2)

/* RFC 3398 section 8.2.6.1.  The RFC prints "504 Version Not Supported"
 * as a second 504 row; the phrase is RFC 3261's 505, so it is 505 here. */
static const struct map_row rfc3398_to_q850[] = {
    {400, 41}, {401, 21}, {402, 21}, {403, 21}, {404, 1}, {405, 63},
    {406, 79}, {407, 21}, {408, 102}, {410, 22}, {413, 127}, {414, 127},
    {415, 79}, {416, 127}, {420, 127}, {421, 127}, {423, 127}, {480, 18},
    {481, 41}, {482, 25}, {483, 25}, {484, 28}, {485, 1}, {486, 17},
    {487, NONE}, {488, WARNING}, {500, 41}, {501, 79}, {502, 38}, {503, 41},
    {504, 102}, {505, 127}, {513, 127}, {600, 17}, {603, 21}, {604, 1},
    {606, WARNING},
};

/* RFC 3398 section 7.2.4.1 (22 without diagnostic; 21 at a 'network'
 * location, the RFC's 603 for location 'user' needs ISUP detail a cause
 * number does not carry). */
static const struct map_row rfc3398_from_q850[] = {
    {1, 404}, {2, 404}, {3, 404}, {16, NONE}, {17, 486}, {18, 408},
    {19, 480}, {20, 480}, {21, 403}, {22, 410}, {23, 410}, {26, 404},
    {27, 502}, {28, 484}, {29, 501}, {31, 480}, {34, 503}, {38, 503},
    {41, 503}, {42, 503}, {44, NONE}, {47, 503}, {55, 403}, {57, 403},
    {58, 503}, {65, 488}, {70, 488}, {79, 501}, {87, 403}, {88, 503},
    {102, 504}, {111, 500}, {127, 500},
};

/* mod_sofia sofia_glue_sip_cause_to_freeswitch(). */
static const struct map_row freeswitch_to_q850[] = {
    {200, 16}, {400, 41}, {401, 21}, {402, 21}, {403, 21}, {404, 1},
    {405, 63}, {406, 79}, {407, 21}, {408, 102}, {410, 22}, {413, 127},
    {414, 127}, {415, 79}, {416, 127}, {420, 127}, {421, 127}, {423, 127},
    {428, 820}, {429, 821}, {437, 822}, {438, 823}, {480, 18}, {481, 41},
    {482, 25}, {483, 25}, {484, 28}, {485, 3}, {486, 17}, {487, 487},
    {488, 88}, {500, 41}, {501, 79}, {502, 38}, {503, 41}, {504, 102},
    {505, 127}, {513, 127}, {600, 17}, {603, 21}, {604, 3}, {606, 88},
    {607, 819}, {608, 21},
};

/* mod_sofia hangup_cause_to_sip(). */
static const struct map_row freeswitch_from_q850[] = {
    {1, 404}, {2, 404}, {3, 404}, {17, 486}, {18, 408}, {19, 480},
    {20, 480}, {21, 603}, {22, 410}, {23, 410}, {25, 483}, {27, 502},
    {28, 484}, {29, 501}, {31, 480}, {34, 503}, {38, 503}, {41, 503},
    {42, 503}, {44, 503}, {52, 403}, {54, 403}, {57, 403}, {58, 503},
    {65, 488}, {69, 501}, {79, 501}, {88, 488}, {102, 504}, {487, 487},
    {808, 484}, {809, 503}, {810, 484}, {811, 502}, {815, 600}, {816, 603},
    {817, 604}, {818, 606}, {819, 607}, {820, 428}, {821, 429}, {822, 437},
    {823, 438}, {824, 403}, {825, 603},
};

struct profile {
    const struct map_row *to_q850;
    size_t to_q850_rows;
    int to_q850_default;
    const struct map_row *from_q850;
    size_t from_q850_rows;
    int from_q850_default;
    int max_cause;
};

static const struct profile profiles[] = {
    /* RFC 3398: unlisted responses 31 (8.2.6.1), unlisted causes 500
     * (7.2.4.1). */
    {rfc3398_to_q850, COUNT(rfc3398_to_q850), 31,
     rfc3398_from_q850, COUNT(rfc3398_from_q850), 500,
     SIPCODES_Q850_MAX_CAUSE},
    /* FreeSWITCH: both functions end in a default branch, 31 and 480. */
    {freeswitch_to_q850, COUNT(freeswitch_to_q850), 31,
     freeswitch_from_q850, COUNT(freeswitch_from_q850), 480,
     SIPCODES_CAUSE_MAX},
};

int sipcodes_profile_of(const char *text, size_t len)
{
    static const char *const names[] = {"rfc3398", "freeswitch"};
    size_t i;
    if (text == NULL)
        return -1;
    for (i = 0; i < COUNT(names); i++)
        if (sipcodes_text_equal(text, len, names[i]))
            return (int)i;
    return -1;
}

static const struct profile *profile_at(int profile)
{
    return (profile >= 0 && (size_t)profile < COUNT(profiles))
        ? &profiles[profile] : NULL;
}

/* The row for `key`, or NULL. */
static const struct map_row *find_row(const struct map_row *rows, size_t n,
                                      int key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (rows[mid].from < key)
            lo = mid + 1;
        else if (rows[mid].from > key)
            hi = mid;
        else
            return &rows[mid];
    }
    return NULL;
}

/* RFC 3398 section 8.2.6.1: "If the Warning code speaks to an unavailable
 * bearer capability, cause code '65 Bearer Capability Not Implemented' is
 * a RECOMMENDED mapping"; otherwise 31.  The RFC 3261 section 20.43 codes
 * that speak of an unavailable bearer: 304 (media type not available), 305
 * (media format not available), 370 (insufficient bandwidth). */
static int cause_for_warning(int warn_code)
{
    switch (warn_code) {
    case 304: case 305: case 370:
        return 65;
    default:
        return 31;
    }
}

int sipcodes_to_q850(int code, int warn_code, int profile)
{
    const struct profile *p = profile_at(profile);
    const struct map_row *row;
    if (p == NULL || !sipcodes_is_valid(code))
        return -1;
    row = find_row(p->to_q850, p->to_q850_rows, code);
    if (row == NULL)
        return p->to_q850_default;
    if (row->to == WARNING)
        return cause_for_warning(warn_code);
    return row->to;          /* a cause, or NONE (-1) */
}

int sipcodes_from_q850(int cause, int profile)
{
    const struct profile *p = profile_at(profile);
    const struct map_row *row;
    if (p == NULL || cause < 0 || cause > p->max_cause)
        return 0;
    row = find_row(p->from_q850, p->from_q850_rows, cause);
    if (row == NULL)
        return p->from_q850_default;
    return row->to == NONE ? 0 : row->to;
}
