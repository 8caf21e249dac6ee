/* Shared by the binding's files only: argument rules and read-only tables. */
#ifndef LSIPCODES_PRIVATE_H
#define LSIPCODES_PRIVATE_H

#include "compat.h"
#include "sipcodes.h"

#include <lualib.h>

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

/* lsipcodes_tocode with the common case inline: the hot functions call
 * this, so a plain number costs two API calls and no function call of
 * ours; everything else takes the full path. */
static inline int lsipcodes_tocode_fast(lua_State *L, int idx)
{
#if LUA_VERSION_NUM >= 503
    if (lua_isinteger(L, idx)) {
        lua_Integer value = lua_tointegerx(L, idx, NULL);
        return value >= SIPCODES_MIN_CODE && value <= SIPCODES_MAX_CODE
            ? (int)value : 0;
    }
#else
    if (lua_type(L, idx) == LUA_TNUMBER) {
        lua_Number value = lua_tonumber(L, idx);
        if (value >= SIPCODES_MIN_CODE && value <= SIPCODES_MAX_CODE
            && value == (lua_Number)(int)value)
            return (int)value;
        return 0;
    }
#endif
    return lsipcodes_tocode(L, idx);
}

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

/* ---- lsipcodes_args.c: argument errors ------------------------------ */

/* luaL_argerror, except that an error raised for one of the LuaJIT
 * wrappers (lsipcodes_jit.c) names the function and the position the way
 * a direct call would: the wrapper's caller, not the wrapper. */
LSIPCODES_LOCAL int lsipcodes_argerror(lua_State *L, int idx, const char *msg);

/* Raises "bad argument #idx to '<fn>' (<expected> expected, got <type>)". */
LSIPCODES_LOCAL int lsipcodes_typeerror(lua_State *L, int idx,
                                        const char *expected);

/* ---- lsipcodes_lazy.c: fields made on first use ---------------------- */

/* What a module table makes on first use, besides its constants
 * (NAME -> code).  Everything here must be static. */
struct lsipcodes_lazy {
    /* NULL-terminated array of luaL_Reg lists: functions without upvalues,
     * each the value of the field of its name */
    const luaL_Reg *const *functions;
    /* field name -> a function that pushes the field's value (a table, a
     * closure with upvalues ...) when called with the table being filled */
    const luaL_Reg *makers;
};

/* Gives the module table at idx the fields of `lazy` and the constants,
 * each made on first use. */
LSIPCODES_LOCAL void lsipcodes_lazy_fields(lua_State *L, int idx,
                                           const struct lsipcodes_lazy *lazy);

/* Makes every such field of the table at idx, so that a walk over it sees
 * them all; does nothing to other tables. */
LSIPCODES_LOCAL void lsipcodes_lazy_complete(lua_State *L, int idx);

/* ---- lsipcodes.c: the module ---------------------------------------- */

/* Pushes the code -> phrase table behind sip.reasons and sip.reason of
 * the module whose backing table is at `module` (a positive index),
 * making it the first time. */
LSIPCODES_LOCAL void lsipcodes_push_reasons(lua_State *L, int module);

/* ---- lsipcodes_jit.c: LuaJIT-compilable hot functions ---------------- */

/* LuaJIT's lualib.h names its jit library; PUC Lua's does not. */
#if defined(LUA_JITLIBNAME)
#define LSIPCODES_LUAJIT 1
#else
#define LSIPCODES_LUAJIT 0
#endif

/* The chunk name of the wrappers, by which argument errors know them. */
#define LSIPCODES_JIT_CHUNKNAME "=sipcodes"

/* On LuaJIT, replaces the hot functions in the module table at `module` by
 * Lua closures over the reasons table (module.reasons) and the format /
 * status_line caches (all stack indices); elsewhere does nothing. */
LSIPCODES_LOCAL void lsipcodes_jit_wrap(lua_State *L, int module,
                                        int formats, int lines);

/* ---- lsipcodes_interwork.c: Q.850, Reason header, required headers --- */

/* The interworking functions (no upvalues). */
LSIPCODES_LOCAL extern const luaL_Reg lsipcodes_interwork_functions[];

/* Push sip.q850_causes and sip.freeswitch_causes (read-only tables). */
LSIPCODES_LOCAL int lsipcodes_make_q850_causes(lua_State *L);
LSIPCODES_LOCAL int lsipcodes_make_freeswitch_causes(lua_State *L);

/* ---- lsipcodes_routing.c: routing helpers ---------------------------- */

/* best_response, stops_forking, may_retry, treat_as and matches. */
LSIPCODES_LOCAL extern const luaL_Reg lsipcodes_routing_functions[];

/* Pushes sip.matcher, a closure with its own caches. */
LSIPCODES_LOCAL int lsipcodes_make_matcher(lua_State *L);

#endif
