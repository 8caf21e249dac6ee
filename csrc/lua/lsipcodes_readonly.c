/*
 * Read-only tables.
 *
 * Each table sipcodes hands out is an empty proxy whose metatable has
 * __index set to the backing table itself (not a function), so that
 * lookups stay plain table accesses that LuaJIT compiles; __newindex
 * raises; __metatable hides the metatable from getmetatable and makes
 * setmetatable fail; __pairs (honoured by 5.2+ and by LuaJIT built with
 * 5.2 compatibility) walks the backing table without handing it out.
 *
 * What Lua itself does not let a module guard: rawset() on the proxy
 * (it writes into the proxy, never into the data the functions read) and
 * the debug library.
 */
#include "lsipcodes_private.h"

static int readonly_newindex(lua_State *L);

/* Pushes the backing table of the proxy at idx, or returns 0 (pushing
 * nothing) when idx is not one of our proxies.  Ours are those whose
 * __newindex is readonly_newindex, a C function no Lua code can forge. */
static int push_backing(lua_State *L, int idx)
{
    if (!lua_getmetatable(L, idx))
        return 0;
    lua_getfield(L, -1, "__newindex");
    if (lua_tocfunction(L, -1) != readonly_newindex) {
        lua_pop(L, 2);
        return 0;
    }
    lua_pop(L, 1);
    lua_getfield(L, -1, "__index");
    lua_remove(L, -2);
    lsipcodes_lazy_complete(L, -1);
    return 1;
}

/* upvalue 1: the table's name for the message */
static int readonly_newindex(lua_State *L)
{
    return luaL_error(L, "attempt to modify read-only table %s",
                      lua_tostring(L, lua_upvalueindex(1)));
}

/* next() over the backing table; the state argument is the proxy, so the
 * loop never holds the backing table itself. */
static int readonly_next(lua_State *L)
{
    lua_settop(L, 2);
    if (!push_backing(L, 1))
        return luaL_argerror(L, 1, "sipcodes read-only table expected");
    lua_pushvalue(L, 2);
    if (lua_next(L, -2))
        return 2;
    lua_pushnil(L);
    return 1;
}

static int readonly_pairs(lua_State *L)
{
    lua_pushcfunction(L, readonly_next);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

void lsipcodes_readonly(lua_State *L, const char *name)
{
    int backing = lua_gettop(L);
    lua_newtable(L);                                  /* proxy */
    /* Four fields, so that the metatable has no spare hash slots: the
     * __index every lookup reads is found in the fewest steps. */
    lua_createtable(L, 0, 4);                         /* its metatable */
    lua_pushvalue(L, backing);
    lua_setfield(L, -2, "__index");
    lua_pushstring(L, name);
    lua_pushcclosure(L, readonly_newindex, 1);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, readonly_pairs);
    lua_setfield(L, -2, "__pairs");
    lua_pushliteral(L, "read-only");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_replace(L, backing);
}

/* Copies the backing table on top of the stack, recursing into read-only
 * values; leaves the copy in its place. */
static void copy_backing(lua_State *L)
{
    int src = lua_gettop(L);
    luaL_checkstack(L, 6, "nesting too deep");
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, src)) {
        if (lua_type(L, -1) == LUA_TTABLE && push_backing(L, -1)) {
            lua_remove(L, -2);
            copy_backing(L);
        }
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, src + 1);
    }
    lua_replace(L, src);
}

int lsipcodes_copy(lua_State *L)
{
    if (lua_type(L, 1) != LUA_TTABLE || !push_backing(L, 1))
        return luaL_argerror(L, 1, "sipcodes read-only table expected");
    copy_backing(L);
    return 1;
}
