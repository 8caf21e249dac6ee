/*
 * Lua 5.1 / 5.2 / 5.3 / 5.4 / 5.5 and LuaJIT 2.1 differences, in one place.
 *
 * LuaJIT 2.1 reports LUA_VERSION_NUM 501 yet declares several 5.2
 * functions (luaL_setfuncs, luaL_newlib, ...), so nothing here redefines a
 * lua_* or luaL_* name: every helper carries the binding's lsipcodes_
 * prefix and is static, which keeps it out of the module's symbols.
 */
#ifndef LSIPCODES_COMPAT_H
#define LSIPCODES_COMPAT_H

#include <lua.h>
#include <lauxlib.h>

/* Is the number at idx stored as an integer subtype?  Before 5.3 every
 * number is a double, so the answer is always no and callers take the
 * double path, which gives the same result for integral values. */
#if LUA_VERSION_NUM >= 503
#define lsipcodes_isinteger(L, idx) lua_isinteger((L), (idx))
#else
#define lsipcodes_isinteger(L, idx) ((void)(L), (void)(idx), 0)
#endif

/* Raw length of a table. */
#if LUA_VERSION_NUM >= 502
#define lsipcodes_rawlen(L, idx) lua_rawlen((L), (idx))
#else
#define lsipcodes_rawlen(L, idx) lua_objlen((L), (idx))
#endif

/* Refuses to load into a Lua whose core does not match the headers the
 * module was built with (5.2+ can check this; 5.1 cannot). */
#if LUA_VERSION_NUM >= 502
#define lsipcodes_checkversion(L) luaL_checkversion(L)
#else
#define lsipcodes_checkversion(L) ((void)(L))
#endif

/* The absolute form of a stack index (5.1 has no lua_absindex). */
#if LUA_VERSION_NUM >= 502
#define lsipcodes_absindex(L, idx) lua_absindex((L), (idx))
#else
#define lsipcodes_absindex(L, idx) \
    ((idx) > 0 || (idx) <= LUA_REGISTRYINDEX ? (idx) : lua_gettop(L) + (idx) + 1)
#endif

/* lua_rawgeti, returning the type of the value it pushed (5.3+ do). */
#if LUA_VERSION_NUM >= 503
#define lsipcodes_rawgeti(L, idx, n) lua_rawgeti((L), (idx), (n))
#else
static inline int lsipcodes_rawgeti(lua_State *L, int idx, int n)
{
    lua_rawgeti(L, idx, n);
    return lua_type(L, -1);
}
#endif

/* lua_rawget, returning the type of the value it pushed (5.3+ do). */
#if LUA_VERSION_NUM >= 503
#define lsipcodes_rawget(L, idx) lua_rawget((L), (idx))
#else
static inline int lsipcodes_rawget(lua_State *L, int idx)
{
    lua_rawget(L, idx);
    return lua_type(L, -1);
}
#endif

/* The globals table on the stack (5.2+ keep it in the registry). */
#if LUA_VERSION_NUM >= 502
#define lsipcodes_pushglobals(L) \
    ((void)lua_rawgeti((L), LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS))
#else
#define lsipcodes_pushglobals(L) lua_pushvalue((L), LUA_GLOBALSINDEX)
#endif

/* A full userdata with no bytes of its own (5.4 added user values). */
#if LUA_VERSION_NUM >= 504
#define lsipcodes_newemptyuserdata(L) ((void)lua_newuserdatauv((L), 0, 0))
#else
#define lsipcodes_newemptyuserdata(L) ((void)lua_newuserdata((L), 0))
#endif

/* lua_load without the mode argument 5.2 added. */
#if LUA_VERSION_NUM >= 502
#define lsipcodes_load(L, reader, data, name) \
    lua_load((L), (reader), (data), (name), NULL)
#else
#define lsipcodes_load(L, reader, data, name) \
    lua_load((L), (reader), (data), (name))
#endif

/* Makes the table on top of the stack (popped) the environment of the
 * function at idx, a chunk just loaded: its globals are that table's. */
#if LUA_VERSION_NUM >= 502
#define lsipcodes_setchunkenv(L, idx) ((void)lua_setupvalue((L), (idx), 1))
#else
#define lsipcodes_setchunkenv(L, idx) ((void)lua_setfenv((L), (idx)))
#endif

/* Is the number at i1 less than the number at i2 (no metamethods: both
 * are numbers)? */
#if LUA_VERSION_NUM >= 502
#define lsipcodes_lessthan(L, i1, i2) lua_compare((L), (i1), (i2), LUA_OPLT)
#else
#define lsipcodes_lessthan(L, i1, i2) lua_lessthan((L), (i1), (i2))
#endif

#endif
