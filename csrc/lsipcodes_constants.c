/*
 * The constants sip.TRYING ... sip.REJECTED, made on first use.
 *
 * Interning 77 names and growing the module table for them was a third of
 * what require() cost a fresh lua_State, and a host that makes one state
 * per call (FreeSWITCH) pays that every call while a script reads a handful
 * of constants.  So the module's backing table gets a metatable whose
 * __index looks a name up and stores the answer in the backing table:
 * from then on the constant is an ordinary field, which LuaJIT compiles
 * like any other.  Whoever walks the table (pairs, sip.copy) first gets
 * every constant filled in, so nothing looks missing.
 */
#include "lsipcodes_private.h"
#include "sipcodes.h"

#include <string.h>

/* Marks the metatable of a table whose constants are made on demand. */
static const char lazy_key = 'c';

static int code_of_name(const char *name, size_t len)
{
    size_t i, n = sipcodes_count();
    for (i = 0; i < n; i++) {
        const struct sipcodes_entry *e = sipcodes_at(i);
        if (strlen(e->name) == len && memcmp(e->name, name, len) == 0)
            return e->code;
    }
    return 0;
}

/* __index(backing, key) */
static int constant_index(lua_State *L)
{
    size_t len;
    const char *name;
    int code;
    if (lua_type(L, 2) != LUA_TSTRING)
        return 0;
    name = lua_tolstring(L, 2, &len);
    code = code_of_name(name, len);
    if (code == 0)
        return 0;
    lua_settop(L, 2);
    lua_pushinteger(L, code);
    lua_pushvalue(L, 2);
    lua_pushvalue(L, 3);
    lua_rawset(L, 1);
    return 1;
}

void lsipcodes_constants_lazy(lua_State *L, int idx)
{
    idx = sipcodes_compat_absindex(L, idx);
    lua_createtable(L, 0, 2);
    lua_pushcfunction(L, constant_index);
    lua_setfield(L, -2, "__index");
    lua_pushlightuserdata(L, (void *)&lazy_key);
    lua_pushboolean(L, 1);
    lua_rawset(L, -3);
    lua_setmetatable(L, idx);
}

void lsipcodes_constants_complete(lua_State *L, int idx)
{
    size_t i, n;
    int lazy;
    idx = sipcodes_compat_absindex(L, idx);
    if (!lua_getmetatable(L, idx))
        return;
    lua_pushlightuserdata(L, (void *)&lazy_key);
    lua_rawget(L, -2);
    lazy = lua_toboolean(L, -1);
    lua_pop(L, 2);
    if (!lazy)
        return;
    n = sipcodes_count();
    for (i = 0; i < n; i++) {
        const struct sipcodes_entry *e = sipcodes_at(i);
        lua_pushstring(L, e->name);
        lua_pushinteger(L, e->code);
        lua_rawset(L, idx);
    }
}
