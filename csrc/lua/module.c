/*
 * require("sipcodes"): the module object and its fields.
 *
 * The module is a sealed object (sealed.h) over a table whose fields are
 * made on first use.  A host that makes a fresh lua_State per call
 * (FreeSWITCH) pays for everything luaopen builds on every call, while a
 * script reads a handful of fields; interning the names of some fifty
 * functions and 77 constants would be most of that cost.  So the table
 * gets a metatable whose __index finds the name, makes the value and
 * stores it in the table: from then on the field is an ordinary one.
 * Walking the module (pairs, sip.copy) first makes every field and drops
 * that metatable.
 */
#include "args.h"
#include "binding.h"
#include "sealed.h"
#include "sipcodes.h"

#include <string.h>

#if defined(__GNUC__)
#define LSIPCODES_EXPORT __attribute__((visibility("default")))
#else
#define LSIPCODES_EXPORT
#endif

LSIPCODES_EXPORT int luaopen_sipcodes(lua_State *L);

/* Every area's fields (binding.h). */
static const luaL_Reg *const function_lists[] = {
    lsipcodes_lookup_functions,
    lsipcodes_classify_functions,
    lsipcodes_format_functions,
    lsipcodes_interwork_functions,
    lsipcodes_warning_functions,
    lsipcodes_routing_functions,
    NULL
};

static const luaL_Reg *const maker_lists[] = {
    lsipcodes_lookup_makers,
    lsipcodes_format_makers,
    lsipcodes_interwork_makers,
    lsipcodes_warning_makers,
    lsipcodes_routing_makers,
    NULL
};

void lsipcodes_shared(lua_State *L, int internal, const char *slot,
                      lua_CFunction make)
{
    internal = lsipcodes_absindex(L, internal);
    lua_getfield(L, internal, slot);
    if (!lua_isnil(L, -1))
        return;
    lua_pop(L, 1);
    lua_pushcfunction(L, make);
    lua_pushvalue(L, internal);
    lua_call(L, 1, 1);
    lua_pushvalue(L, -1);
    lua_setfield(L, internal, slot);
}

/* The entry of `name` (len bytes, compared with its length: a name with an
 * embedded NUL matches nothing) in one of the lists, or NULL. */
static const luaL_Reg *find(const luaL_Reg *const *lists, const char *name,
                            size_t len)
{
    const luaL_Reg *const *list;
    const luaL_Reg *r;
    for (list = lists; *list != NULL; list++)
        for (r = *list; r->name != NULL; r++)
            if (strlen(r->name) == len && memcmp(r->name, name, len) == 0)
                return r;
    return NULL;
}

/* __index(fields, key); upvalue 1: the private table.  Pushes the value of
 * a field of ours and stores it, or returns nothing. */
static int make_field(lua_State *L)
{
    const luaL_Reg *r;
    const char *name;
    size_t len;
    int code;
    if (lua_type(L, 2) != LUA_TSTRING)
        return 0;
    name = lua_tolstring(L, 2, &len);
    lua_settop(L, 2);
    if ((r = find(function_lists, name, len)) != NULL) {
        lua_pushcfunction(L, r->func);
    } else if ((r = find(maker_lists, name, len)) != NULL) {
        lua_pushcfunction(L, r->func);
        lua_pushvalue(L, lua_upvalueindex(1));
        lua_call(L, 1, 1);
    } else if ((code = sipcodes_code_of_name(name, len)) != 0) {
        lua_pushinteger(L, code);
    } else {
        return 0;
    }
    lua_pushvalue(L, 2);
    lua_pushvalue(L, 3);
    lua_rawset(L, 1);
    return 1;
}

void lsipcodes_complete_fields(lua_State *L, int idx)
{
    const luaL_Reg *const *list;
    const luaL_Reg *r;
    size_t i, n;
    idx = lsipcodes_absindex(L, idx);
    if (!lua_getmetatable(L, idx))
        return;
    lua_pushliteral(L, "__index");
    lua_rawget(L, -2);
    if (lua_tocfunction(L, -1) != make_field) {
        lua_pop(L, 2);
        return;
    }
    lua_pop(L, 2);
    /* Reading each field makes it once; fields already made keep their
     * value (the same function or table). */
    for (list = function_lists; *list != NULL; list++)
        for (r = *list; r->name != NULL; r++) {
            lua_getfield(L, idx, r->name);
            lua_pop(L, 1);
        }
    for (list = maker_lists; *list != NULL; list++)
        for (r = *list; r->name != NULL; r++) {
            lua_getfield(L, idx, r->name);
            lua_pop(L, 1);
        }
    n = sipcodes_count();
    for (i = 0; i < n; i++) {
        const struct sipcodes_entry *e = sipcodes_at(i);
        lua_pushstring(L, e->name);
        lua_pushinteger(L, e->code);
        lua_rawset(L, idx);
    }
    /* Everything is there now: reads no longer need to call C. */
    lua_pushnil(L);
    lua_setmetatable(L, idx);
}

/* Is this state run by LuaJIT?  Decided here, not when the module was
 * compiled, because distributions give LuaJIT the module built for Lua
 * 5.1.  LuaJIT's luaL_openlibs loads its jit library; PUC Lua has none. */
static int under_luajit(lua_State *L)
{
    int found;
    lua_getfield(L, LUA_REGISTRYINDEX, "_LOADED");
    if (lua_type(L, -1) != LUA_TTABLE) {
        lua_pop(L, 1);
        return 0;
    }
    lua_getfield(L, -1, "jit");
    found = lua_type(L, -1) == LUA_TTABLE;
    if (found) {
        lua_getfield(L, -1, "version_num");
        found = lua_type(L, -1) == LUA_TNUMBER;
        lua_pop(L, 1);
    }
    lua_pop(L, 2);
    return found;
}

int luaopen_sipcodes(lua_State *L)
{
    int module, internal;

    lsipcodes_checkversion(L);
    lua_createtable(L, 0, 8);
    module = lua_gettop(L);
    lua_newtable(L);
    internal = lua_gettop(L);

    lua_pushliteral(L, SIPCODES_VERSION);
    lua_setfield(L, module, "_VERSION");

    lua_createtable(L, 0, 1);                    /* the fields' metatable */
    lua_pushvalue(L, internal);
    lua_pushcclosure(L, make_field, 1);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, module);

    if (under_luajit(L))
        lsipcodes_use_jit_functions(L, module, internal);

    lua_settop(L, module);
    lsipcodes_seal(L, "sipcodes");
    return 1;
}
