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

#include <limits.h>

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

/* The name a sealed object's errors give it: its metatable's __name
 * without the " (read-only)" that seal() put after it. */
#define READ_ONLY_SUFFIX " (read-only)"

static int sealed_newindex(lua_State *L)
{
    size_t len = 0;
    const char *name = "";
    if (lua_getmetatable(L, 1)) {
        lua_pushliteral(L, "__name");
        lua_rawget(L, -2);
        name = lua_tolstring(L, -1, &len);
        if (name == NULL || len < sizeof READ_ONLY_SUFFIX - 1) {
            name = "";
            len = 0;
        } else {
            len -= sizeof READ_ONLY_SUFFIX - 1;
        }
    }
    lua_pushlstring(L, name, len);
    return luaL_error(L, "attempt to modify read-only table %s", lua_tostring(L, -1));
}

/* The n for which data[1..n] are all there and data[n + 1] is not: Lua's
 * own # may give any border of a table with holes (sip.q850_causes: 3 on
 * one VM, 23 or 31 on another).  Sealed objects are small: an int counts
 * them. */
static int sealed_len(lua_State *L)
{
    int n = 0;
    push_data(L, 1);
    for (;;) {
        lua_rawgeti(L, -1, n + 1);
        if (lua_isnil(L, -1))
            break;
        lua_pop(L, 1);
        n++;
    }
    lua_pushinteger(L, n);
    return 1;
}

/* next() over the data; the loop's state is the sealed object, so a
 * script never holds the data itself. */
static int sealed_next(lua_State *L)
{
    lua_settop(L, 2);
    if (!push_data(L, 1))
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

/* What an ipairs iterator returns when the walk is over. */
static int end_of_walk(lua_State *L)
{
    lua_pushnil(L);
    return 1;
}

/* The ipairs iterator: (object, i) -> i + 1, data[i + 1].  A control
 * value that is not a whole number 0 <= i < INT_MAX ends the walk (a
 * sealed object holds no index that large), so no value a script passes
 * becomes an index it does not name. */
static int sealed_inext(lua_State *L)
{
    int next;
    if (!push_data(L, 1))
        return lsipcodes_typeerror(L, 1, "sipcodes read-only table");
    if (lua_type(L, 2) != LUA_TNUMBER)
        return lsipcodes_typeerror(L, 2, "number");
    if (lsipcodes_isinteger(L, 2)) {
        lua_Integer i = lua_tointeger(L, 2);
        if (i < 0 || i >= INT_MAX)
            return end_of_walk(L);
        next = (int)i + 1;
    } else {
        /* The range test first: it is false for NaN, and the conversion
         * then sees only values an int holds. */
        lua_Number i = lua_tonumber(L, 2);
        if (!(i >= 0 && i < (lua_Number)INT_MAX) || (lua_Number)(int)i != i)
            return end_of_walk(L);
        next = (int)i + 1;
    }
    lua_pushinteger(L, next);
    lua_rawgeti(L, -2, next);
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
    lua_pushcfunction(L, sealed_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, sealed_len);
    lua_setfield(L, -2, "__len");
    lua_pushcfunction(L, sealed_pairs);
    lua_setfield(L, -2, "__pairs");
    lua_pushcfunction(L, sealed_ipairs);
    lua_setfield(L, -2, "__ipairs");
    lua_pushliteral(L, "read-only");
    lua_setfield(L, -2, "__metatable");
    lua_pushstring(L, name);
    lua_pushliteral(L, READ_ONLY_SUFFIX);
    lua_concat(L, 2);
    lua_setfield(L, -2, "__name");
    lua_setmetatable(L, -2);
    lua_replace(L, data);
}

/* Copies the data on top of the stack, recursing into sealed values;
 * leaves the copy in its place.  The copy is sized first, so that it never
 * grows. */
static void copy_data(lua_State *L)
{
    int src = lua_gettop(L);
    int n = 0;
    luaL_checkstack(L, 6, "nesting too deep");
    lua_pushnil(L);
    while (lua_next(L, src)) {
        lua_pop(L, 1);
        n++;
    }
    lua_createtable(L, 0, n);
    lua_pushnil(L);
    while (lua_next(L, src)) {
        if (push_data(L, -1)) {
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
    if (!push_data(L, 1))
        return lsipcodes_typeerror(L, 1, "sipcodes read-only table");
    copy_data(L);
    return 1;
}
