/*
 * Tables filled on demand (see lazy.h).
 */
#include "lazy.h"

enum { UV_LAZY = 1, UV_EXTRA, UV_CALLS_LEFT };

static void complete(lua_State *L, int table, int lazy_uv, int extra_uv);

/* __index(table, key) */
static int lazy_index(lua_State *L)
{
    const struct lsipcodes_lazy *lazy =
        (const struct lsipcodes_lazy *)lua_touserdata(L, lua_upvalueindex(UV_LAZY));
    lua_settop(L, 2);
    if (lazy->calls_before_all > 0) {
        lua_Integer left = lua_tointeger(L, lua_upvalueindex(UV_CALLS_LEFT)) - 1;
        if (left <= 0) {
            complete(L, 1, lua_upvalueindex(UV_LAZY), lua_upvalueindex(UV_EXTRA));
            lua_rawget(L, 1);
            return 1;
        }
        lua_pushinteger(L, left);
        lua_replace(L, lua_upvalueindex(UV_CALLS_LEFT));
    }
    if (!lazy->entry(L, lua_upvalueindex(UV_EXTRA)))
        return 0;
    lua_pushvalue(L, 2);
    lua_pushvalue(L, 3);
    lua_rawset(L, 1);
    return 1;
}

void lsipcodes_lazy_table(lua_State *L, const struct lsipcodes_lazy *lazy)
{
    int extra = lua_gettop(L);
    lua_createtable(L, 0, lazy->entries != NULL ? (int)lazy->entries() : 0);
    lua_createtable(L, 0, 1);
    lua_pushlightuserdata(L, (void *)lazy);
    lua_pushvalue(L, extra);
    lua_pushinteger(L, lazy->calls_before_all);
    lua_pushcclosure(L, lazy_index, 3);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    lua_replace(L, extra);
}

/* Makes every entry of the table at index `table` with the lazy and the
 * extra at the given indices, then drops its metatable: reads no longer
 * call C. */
static void complete(lua_State *L, int table, int lazy_uv, int extra_uv)
{
    const struct lsipcodes_lazy *lazy =
        (const struct lsipcodes_lazy *)lua_touserdata(L, lazy_uv);
    lua_pushnil(L);
    lua_setmetatable(L, table);
    lazy->all(L, table, extra_uv);
}

/* When the table at idx is filled on demand, pushes its metatable, its
 * __index, the lazy and the extra, and returns 1; else pushes nothing. */
static int push_lazy(lua_State *L, int idx)
{
    if (lua_type(L, idx) != LUA_TTABLE || !lua_getmetatable(L, idx))
        return 0;
    lua_pushliteral(L, "__index");
    lua_rawget(L, -2);
    if (lua_tocfunction(L, -1) != lazy_index) {
        lua_pop(L, 2);
        return 0;
    }
    lua_getupvalue(L, -1, UV_LAZY);
    lua_getupvalue(L, -2, UV_EXTRA);
    return 1;
}

void lsipcodes_lazy_complete(lua_State *L, int idx)
{
    idx = lsipcodes_absindex(L, idx);
    if (!push_lazy(L, idx))
        return;
    complete(L, idx, lua_gettop(L) - 1, lua_gettop(L));
    lua_pop(L, 4);
}

int lsipcodes_lazy_copy(lua_State *L, int idx)
{
    const struct lsipcodes_lazy *lazy;
    idx = lsipcodes_absindex(L, idx);
    if (!push_lazy(L, idx))
        return 0;
    lazy = (const struct lsipcodes_lazy *)lua_touserdata(L, -2);
    if (lazy->entries == NULL) {
        lua_pop(L, 4);
        return 0;
    }
    lua_createtable(L, 0, (int)lazy->entries());
    lazy->all(L, lua_gettop(L), lua_gettop(L) - 1);
    lua_replace(L, -5);
    lua_pop(L, 3);
    return 1;
}
