/*
 * Sealed objects (see sealed.h).
 *
 * The metatable of each holds:
 *   __index      the data, a table (so reads never call C)
 *   __newindex   refuses, naming the object ("read-only table ...")
 *   __len        the data's length, counted the same way on every VM
 *   __pairs      walks the data (5.2+ and LuaJIT with 5.2 compatibility
 *   __ipairs     honour them; 5.3+ ipairs reads through __index anyway)
 *   __metatable  what getmetatable returns instead of the metatable, so
 *                the data is never handed out
 *   __name       the object's name in 5.3+ type errors ("table expected,
 *                got sipcodes.reasons (read-only)")
 * What a module cannot guard against is the debug library.
 */
#include "sealed.h"
#include "args.h"

static int sealed_newindex(lua_State *L);

/* Pushes the data of the sealed object at idx, or returns 0.  Ours are the
 * userdata whose __newindex is sealed_newindex, a C function no script can
 * forge. */
static int push_data(lua_State *L, int idx)
{
    if (lua_type(L, idx) != LUA_TUSERDATA || !lua_getmetatable(L, idx))
        return 0;
    lua_pushliteral(L, "__newindex");
    lua_rawget(L, -2);
    if (lua_tocfunction(L, -1) != sealed_newindex) {
        lua_pop(L, 2);
        return 0;
    }
    lua_pop(L, 1);
    lua_pushliteral(L, "__index");
    lua_rawget(L, -2);
    lua_remove(L, -2);
    return 1;
}

int lsipcodes_unseal(lua_State *L, int idx)
{
    if (!push_data(L, idx))
        return 0;
    lsipcodes_complete_fields(L, -1);
    return 1;
}

/* upvalue 1: the object's name */
static int sealed_newindex(lua_State *L)
{
    return luaL_error(L, "attempt to modify read-only table %s",
                      lua_tostring(L, lua_upvalueindex(1)));
}

/* upvalue 1: the length, counted when the object was sealed */
static int sealed_len(lua_State *L)
{
    lua_pushvalue(L, lua_upvalueindex(1));
    return 1;
}

/* The length of the data at idx: the n for which 1..n are all there and
 * n + 1 is not.  Lua's own # may give any border of a table with holes
 * (sip.q850_causes: 3 on one VM, 23 or 31 on another). */
static lua_Integer length_of(lua_State *L, int idx)
{
    lua_Integer n = 0;
    for (;;) {
        lua_rawgeti(L, idx, (int)n + 1);
        if (lua_isnil(L, -1))
            break;
        lua_pop(L, 1);
        n++;
    }
    lua_pop(L, 1);
    return n;
}

/* next() over the data; the loop's state is the sealed object, so a
 * script never holds the data itself. */
static int sealed_next(lua_State *L)
{
    lua_settop(L, 2);
    if (!lsipcodes_unseal(L, 1))
        return lsipcodes_typeerror(L, 1, "sipcodes read-only table");
    lua_pushvalue(L, 2);
    if (lua_next(L, -2))
        return 2;
    lua_pushnil(L);
    return 1;
}

static int sealed_pairs(lua_State *L)
{
    lua_pushcfunction(L, sealed_next);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

static int sealed_inext(lua_State *L)
{
    lua_Integer i = luaL_checkinteger(L, 2) + 1;
    if (!lsipcodes_unseal(L, 1))
        return lsipcodes_typeerror(L, 1, "sipcodes read-only table");
    lua_pushinteger(L, i);
    lua_rawgeti(L, -2, (int)i);
    return lua_isnil(L, -1) ? 1 : 2;
}

static int sealed_ipairs(lua_State *L)
{
    lua_pushcfunction(L, sealed_inext);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 0);
    return 3;
}

void lsipcodes_seal(lua_State *L, const char *name)
{
    int data = lua_gettop(L);
    lsipcodes_newemptyuserdata(L);
    lua_createtable(L, 0, 8);
    lua_pushvalue(L, data);
    lua_setfield(L, -2, "__index");
    lua_pushstring(L, name);
    lua_pushcclosure(L, sealed_newindex, 1);
    lua_setfield(L, -2, "__newindex");
    lua_pushinteger(L, length_of(L, data));
    lua_pushcclosure(L, sealed_len, 1);
    lua_setfield(L, -2, "__len");
    lua_pushcfunction(L, sealed_pairs);
    lua_setfield(L, -2, "__pairs");
    lua_pushcfunction(L, sealed_ipairs);
    lua_setfield(L, -2, "__ipairs");
    lua_pushliteral(L, "read-only");
    lua_setfield(L, -2, "__metatable");
    lua_pushfstring(L, "%s (read-only)", name);
    lua_setfield(L, -2, "__name");
    lua_setmetatable(L, -2);
    lua_replace(L, data);
}

/* Copies the data on top of the stack, recursing into sealed values;
 * leaves the copy in its place. */
static void copy_data(lua_State *L)
{
    int src = lua_gettop(L);
    luaL_checkstack(L, 6, "nesting too deep");
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, src)) {
        if (lsipcodes_unseal(L, -1)) {
            lua_remove(L, -2);
            copy_data(L);
        }
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, src + 1);
    }
    lua_replace(L, src);
}

int lsipcodes_copy(lua_State *L)
{
    if (!lsipcodes_unseal(L, 1))
        return lsipcodes_typeerror(L, 1, "sipcodes read-only table");
    copy_data(L);
    return 1;
}
