/*
 * Caches keyed by status code (see code_cache.h).
 */
#include "code_cache.h"
#include "codes.h"

void lsipcodes_cache_new(lua_State *L, int grown)
{
    if (grown)
        lua_createtable(L, SIPCODES_MAX_CODE, 0);
    else
        lua_createtable(L, 0, LSIPCODES_CACHE_SMALL);
}

void lsipcodes_cache_closure(lua_State *L, lua_CFunction fn, int cache)
{
    if (cache != 0) {
        lua_pushvalue(L, cache);
        lua_pushinteger(L, 0);
    } else {
        lsipcodes_cache_new(L, 0);
        lua_pushinteger(L, LSIPCODES_CACHE_SMALL);
    }
    lua_pushcclosure(L, fn, 2);
}

void lsipcodes_cache_store(lua_State *L, int code)
{
    lua_Integer left = lua_tointeger(L, lua_upvalueindex(2));
    lua_pushvalue(L, -1);
    lua_rawseti(L, lua_upvalueindex(1), code);
    if (left <= 0)
        return;
    lua_pushinteger(L, --left);
    lua_replace(L, lua_upvalueindex(2));
    if (left > 0)
        return;
    /* Grown: the same entries, in array slots. */
    lsipcodes_cache_new(L, 1);
    lua_pushnil(L);
    while (lua_next(L, lua_upvalueindex(1))) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -4);
    }
    lua_replace(L, lua_upvalueindex(1));
}
