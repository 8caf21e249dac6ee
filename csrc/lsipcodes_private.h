/* Shared by the binding's files only: argument rules and read-only tables. */
#ifndef LSIPCODES_PRIVATE_H
#define LSIPCODES_PRIVATE_H

#include "compat.h"

#if defined(__GNUC__)
#define LSIPCODES_LOCAL __attribute__((visibility("hidden")))
#else
#define LSIPCODES_LOCAL
#endif

/* ---- lsipcodes_args.c: what counts as a status code ------------------ */

/* The code at idx when it is a number or string that is a valid code, 0
 * when it is a number or string that is not; any other type raises
 * "bad argument #idx to '<fn>' (SIP status code expected, got <type>)". */
LSIPCODES_LOCAL int lsipcodes_tocode(lua_State *L, int idx);

/* The optional class argument of list() and each(): 0 for nil/none, else
 * an integral number 1..6; anything else is an argument error. */
LSIPCODES_LOCAL int lsipcodes_optclass(lua_State *L, int idx);

/* A string argument (no number coercion): any other type is an argument
 * error naming `what`. */
LSIPCODES_LOCAL const char *lsipcodes_checkstring(lua_State *L, int idx,
                                                  size_t *len,
                                                  const char *what);

/* ---- lsipcodes_readonly.c: immutable tables -------------------------- */

/* Replaces the table on top of the stack by a read-only proxy for it.
 * `name` appears in the error a write raises. */
LSIPCODES_LOCAL void lsipcodes_readonly(lua_State *L, const char *name);

/* Pushes a plain, mutable deep copy of the read-only table at idx; any
 * other value is an argument error. */
LSIPCODES_LOCAL int lsipcodes_copy(lua_State *L);

/* ---- lsipcodes_interwork.c: Q.850, Reason header, required headers --- */

/* Adds the interworking functions and tables to the module table at the
 * absolute index `module` (still writable: called before it is sealed). */
LSIPCODES_LOCAL void lsipcodes_open_interwork(lua_State *L, int module);

/* ---- lsipcodes_routing.c: routing helpers ---------------------------- */

/* Adds best_response, matcher, matches, stops_forking, may_retry and
 * treat_as to the module table at index `module`. */
LSIPCODES_LOCAL void lsipcodes_open_routing(lua_State *L, int module);

#endif
