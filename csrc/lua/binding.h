/*
 * What the binding's files share: the visibility of their functions, the
 * fields each area adds to the module, and the private table's slots.
 *
 * luaopen_sipcodes (module.c) makes every field at once, so that require
 * either makes the whole module or fails having changed nothing a script
 * can see.  An area registers two lists:
 *   - functions without upvalues, each the value of the field of its name;
 *   - makers, each called with the module's private table (`internal`, at
 *     index 1) to push the value of the field of its name: a sealed table,
 *     a closure over what the private table holds.
 * module.c calls the areas; no area calls module.c or another area.
 */
#ifndef LSIPCODES_BINDING_H
#define LSIPCODES_BINDING_H

#include "compat.h"

#if defined(__GNUC__)
#define LSIPCODES_LOCAL __attribute__((visibility("hidden")))
#else
#define LSIPCODES_LOCAL
#endif

/* lookup.c: reason, reasons, code, info, list, each, copy */
LSIPCODES_LOCAL extern const luaL_Reg lsipcodes_lookup_functions[];
LSIPCODES_LOCAL extern const luaL_Reg lsipcodes_lookup_makers[];
/* classify.c: class, class_name, canonical, the is_* predicates */
LSIPCODES_LOCAL extern const luaL_Reg lsipcodes_classify_functions[];
/* format.c: format, status_line, parse_status_line */
LSIPCODES_LOCAL extern const luaL_Reg lsipcodes_format_functions[];
LSIPCODES_LOCAL extern const luaL_Reg lsipcodes_format_makers[];
/* interwork.c: Q.850, the Reason header, required header fields */
LSIPCODES_LOCAL extern const luaL_Reg lsipcodes_interwork_functions[];
LSIPCODES_LOCAL extern const luaL_Reg lsipcodes_interwork_makers[];
/* warning.c: warnings, warning_info, warning_header, parse_warning_header */
LSIPCODES_LOCAL extern const luaL_Reg lsipcodes_warning_functions[];
LSIPCODES_LOCAL extern const luaL_Reg lsipcodes_warning_makers[];
/* routing.c: best_response, matcher, matches and the single-code rules */
LSIPCODES_LOCAL extern const luaL_Reg lsipcodes_routing_functions[];
LSIPCODES_LOCAL extern const luaL_Reg lsipcodes_routing_makers[];

/* The private table's slots: what several fields share.  module.c fills
 * the first three before any maker runs. */
#define LSIPCODES_REASONS   "reasons"     /* code -> phrase, every known
                                             code */
#define LSIPCODES_FORMATS   "formats"     /* format()'s texts by code */
#define LSIPCODES_LINES     "lines"       /* status_line()'s texts by code */
/* Under LuaJIT (jit_functions.c), besides: */
#define LSIPCODES_PREDICATE "predicate"   /* what matcher() makes its
                                             predicates with */

/* lookup.c: pushes the code -> phrase table of every known code: with an
 * array slot for every valid code, since PUC Lua reads an array slot for
 * less than a hash node; or, with hash_only (under LuaJIT), in the hash
 * part alone, since LuaJIT cannot compile a read of a key such as 486.5
 * from a table that also has an array part. */
LSIPCODES_LOCAL void lsipcodes_push_reasons(lua_State *L, int hash_only);

/* format.c: pushes an empty table of texts by code, with an array slot
 * for every valid code (format() and status_line() fill it). */
LSIPCODES_LOCAL void lsipcodes_push_text_cache(lua_State *L);

/* jit_functions.c: under LuaJIT, replaces the hot functions in the
 * module's data (at `data`) by Lua functions LuaJIT compiles into its
 * traces; the private table is at `internal`.  Raises when the Lua source
 * cannot be run, so that require fails with the reason. */
LSIPCODES_LOCAL void lsipcodes_use_jit_functions(lua_State *L, int data,
                                                 int internal);

#endif
