/*
 * sipcodes core: the SIP response code table and what can be decided from
 * a status code, for C code (a fuzzer, a test harness, a SIP server
 * module) as much as for the Lua binding.
 *
 * Plain C99 with no Lua dependency.  Nothing here allocates memory or
 * keeps mutable state: every function is safe to call from any thread.
 * Each unit has its header; this one includes them all.
 */
#ifndef SIPCODES_H
#define SIPCODES_H

#include "version.h"
#include "codes.h"            /* the table, lookups, classification */
#include "grammar.h"          /* Reason-Phrase, Status-Line */
#include "q850.h"             /* Q.850 causes, RFC 3398 / FreeSWITCH */
#include "reason_header.h"    /* the Reason header field */
#include "warning.h"          /* the Warning header field, warn-codes */
#include "response_headers.h" /* header fields a response must carry */
#include "routing.h"          /* best response, treat-as, retry */
#include "pattern.h"          /* status patterns */

#endif
