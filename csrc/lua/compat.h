/*
 * Lua 5.1 / 5.2 / 5.3 / 5.4 and LuaJIT 2.1 differences, in one place.
 *
 * LuaJIT 2.1 reports LUA_VERSION_NUM 501 yet declares several 5.2 functions
 * (luaL_setfuncs, luaL_newlib, ...), so nothing here redefines a lua_* or
 * luaL_* name: every helper carries the sipcodes_compat_ prefix and is
 * static, which keeps it out of the module's exported symbols.
 */
#ifndef SIPCODES_COMPAT_H
#define SIPCODES_COMPAT_H

#include <lua.h>
#include <lauxlib.h>

/* Registers funcs into the table on top of the stack, each function sharing
 * the nup values below that table as upvalues (which are popped). */
static inline void sipcodes_compat_setfuncs(lua_State *L, const luaL_Reg *funcs,
                                     int nup)
{
#if LUA_VERSION_NUM >= 502
    luaL_setfuncs(L, funcs, nup);
#else
    luaL_checkstack(L, nup + 1, "too many upvalues");
    for (; funcs->name != NULL; funcs++) {
        int i;
        for (i = 0; i < nup; i++)
            lua_pushvalue(L, -nup - 1);
        lua_pushcclosure(L, funcs->func, nup);
        lua_setfield(L, -(nup + 2), funcs->name);
    }
    lua_pop(L, nup);
#endif
}

/* Is the number at idx stored as an integer subtype?  Before 5.3 every
 * number is a double, so the answer is always no and callers fall back to
 * the double path, which gives the same result for integral values. */
#if LUA_VERSION_NUM >= 503
#define sipcodes_compat_isinteger(L, idx) lua_isinteger((L), (idx))
#else
#define sipcodes_compat_isinteger(L, idx) ((void)(L), (void)(idx), 0)
#endif

/* Raw length of a table. */
#if LUA_VERSION_NUM >= 502
#define sipcodes_compat_rawlen(L, idx) lua_rawlen((L), (idx))
#else
#define sipcodes_compat_rawlen(L, idx) lua_objlen((L), (idx))
#endif

/* Refuses to load into a Lua whose core does not match the headers the
 * module was built with (5.2+ can check this; 5.1 cannot). */
#if LUA_VERSION_NUM >= 502
#define sipcodes_compat_checkversion(L) luaL_checkversion(L)
#else
#define sipcodes_compat_checkversion(L) ((void)(L))
#endif

/* The absolute form of a stack index (5.1 has no lua_absindex). */
#if LUA_VERSION_NUM >= 502
#define sipcodes_compat_absindex(L, idx) lua_absindex((L), (idx))
#else
#define sipcodes_compat_absindex(L, idx) \
    ((idx) > 0 || (idx) <= LUA_REGISTRYINDEX ? (idx) : lua_gettop(L) + (idx) + 1)
#endif

/* lua_rawgeti, returning the type of the value it pushed (5.3+ do). */
#if LUA_VERSION_NUM >= 503
#define sipcodes_compat_rawgeti(L, idx, n) lua_rawgeti((L), (idx), (n))
#else
static inline int sipcodes_compat_rawgeti(lua_State *L, int idx, int n)
{
    lua_rawgeti(L, idx, n);
    return lua_type(L, -1);
}
#endif

/* lua_rawget, returning the type of the value it pushed (5.3+ do). */
#if LUA_VERSION_NUM >= 503
#define sipcodes_compat_rawget(L, idx) lua_rawget((L), (idx))
#else
static inline int sipcodes_compat_rawget(lua_State *L, int idx)
{
    lua_rawget(L, idx);
    return lua_type(L, -1);
}
#endif

#endif
