/*
 * Caches keyed by status code: what reason(), format() and status_line()
 * made before, so that a hot call returns an interned string instead of
 * making one.
 *
 * A cache is the first upvalue of its C closure; the second counts the
 * stores left before it grows.  It starts as a small table and, once it
 * holds LSIPCODES_CACHE_SMALL codes, is copied into its grown form: a
 * table with an array slot for every valid code, where a hit costs PUC Lua
 * some 40 instructions less than in a hash part.  So a fresh lua_State
 * that formats a code or two (FreeSWITCH makes one per call) does not pay
 * the 11 KiB of that array, and a loop over many codes pays it once.
 */
#ifndef LSIPCODES_CODE_CACHE_H
#define LSIPCODES_CODE_CACHE_H

#include "binding.h"

#define LSIPCODES_CACHE_SMALL 8

/* Pushes a new cache, small or already grown. */
LSIPCODES_LOCAL void lsipcodes_cache_new(lua_State *L, int grown);

/* Pushes a C closure of fn over a new small cache, or over the cache at
 * `cache` (a stack index, a table never to grow) when that is not 0. */
LSIPCODES_LOCAL void lsipcodes_cache_closure(lua_State *L, lua_CFunction fn,
                                             int cache);

/* In a closure of lsipcodes_cache_closure: stores the value on top of the
 * stack (which stays there) under code, growing the cache when it is time. */
LSIPCODES_LOCAL void lsipcodes_cache_store(lua_State *L, int code);

#endif
