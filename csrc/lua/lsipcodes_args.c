/*
 * The input rules, the same on every VM.
 *
 * luaL_checkinteger is deliberately not used: Lua 5.1 and LuaJIT truncate
 * 486.5 to 486 and accept "486 " through string coercion, while 5.3+ raise
 * "number has no integer representation".  Deciding here, from the value's
 * own type, gives every VM one answer.
 */
#include "lsipcodes_private.h"
#include "sipcodes.h"

#include <string.h>

int lsipcodes_argerror(lua_State *L, int idx, const char *msg)
{
#if LSIPCODES_LUAJIT
    /* Level 0 is this C function, level 1 whoever called it: when that is
     * one of the wrappers, report the wrapper's own name and its caller's
     * position, as luaL_argerror would have for a direct call. */
    lua_Debug ar;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sn", &ar)
        && strcmp(ar.source, LSIPCODES_JIT_CHUNKNAME) == 0) {
        luaL_where(L, 2);
        lua_pushfstring(L, "bad argument #%d to '%s' (%s)", idx,
                        ar.name != NULL ? ar.name : "?", msg);
        lua_concat(L, 2);
        return lua_error(L);
    }
#endif
    return luaL_argerror(L, idx, msg);
}

int lsipcodes_typeerror(lua_State *L, int idx, const char *expected)
{
    lua_pushfstring(L, "%s expected, got %s", expected, luaL_typename(L, idx));
    return lsipcodes_argerror(L, idx, lua_tostring(L, -1));
}

int lsipcodes_tocode(lua_State *L, int idx)
{
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER:
        if (sipcodes_compat_isinteger(L, idx))
            return sipcodes_from_integer((long long)lua_tointeger(L, idx));
        return sipcodes_from_double((double)lua_tonumber(L, idx));
    case LUA_TSTRING: {
        size_t len;
        const char *text = lua_tolstring(L, idx, &len);
        return sipcodes_from_digits(text, len);
    }
    default:
        return lsipcodes_typeerror(L, idx, "SIP status code");
    }
}

int lsipcodes_optclass(lua_State *L, int idx)
{
    if (lua_isnoneornil(L, idx))
        return 0;
    if (lua_type(L, idx) == LUA_TNUMBER) {
        lua_Number n = lua_tonumber(L, idx);
        if (n >= 1 && n <= 6 && n == (lua_Number)(int)n)
            return (int)n;
        return lsipcodes_argerror(L, idx, "class must be an integer 1-6");
    }
    return lsipcodes_typeerror(L, idx, "class (an integer 1-6)");
}

const char *lsipcodes_checkstring(lua_State *L, int idx, size_t *len,
                                  const char *what)
{
    if (lua_type(L, idx) != LUA_TSTRING) {
        lsipcodes_typeerror(L, idx, what);
        return NULL;
    }
    return lua_tolstring(L, idx, len);
}
