/*
 * require("sipcodes"): the module object and its fields.
 *
 * The module is a sealed object (sealed.h) over a table filled on demand
 * (lazy.h): each function, table and constant is made the first time a
 * script reads it, and every one when the module is walked.
 */
#include "args.h"
#include "binding.h"
#include "lazy.h"
#include "sealed.h"
#include "sipcodes.h"

#include <string.h>

#if defined(_WIN32) || defined(__CYGWIN__)
#define LSIPCODES_EXPORT __declspec(dllexport)
#elif defined(__GNUC__)
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

/* The module's fields, made by name: a function, the value a maker
 * pushes (given the private table at `internal`), or a constant. */
static int make_field(lua_State *L, int internal)
{
    const luaL_Reg *r;
    const char *name;
    size_t len;
    int code;
    if (lua_type(L, 2) != LUA_TSTRING)
        return 0;
    name = lua_tolstring(L, 2, &len);
    if ((r = find(function_lists, name, len)) != NULL) {
        lua_pushcfunction(L, r->func);
    } else if ((r = find(maker_lists, name, len)) != NULL) {
        lua_pushcfunction(L, r->func);
        lua_pushvalue(L, internal);
        lua_call(L, 1, 1);
    } else if ((code = sipcodes_code_of_name(name, len)) != 0) {
        lua_pushinteger(L, code);
    } else {
        return 0;
    }
    return 1;
}

static void make_every_field(lua_State *L, int table, int internal)
{
    const luaL_Reg *const *lists[2] = { function_lists, maker_lists };
    const luaL_Reg *const *list;
    const luaL_Reg *r;
    size_t i, k, n;
    /* A field made before keeps its value (the same function or table). */
    for (k = 0; k < 2; k++)
        for (list = lists[k]; *list != NULL; list++)
            for (r = *list; r->name != NULL; r++) {
                lua_pushstring(L, r->name);
                lua_rawget(L, table);
                if (lua_isnil(L, -1)) {
                    lua_pop(L, 1);
                    if (k == 0) {
                        lua_pushcfunction(L, r->func);
                    } else {
                        lua_pushcfunction(L, r->func);
                        lua_pushvalue(L, internal);
                        lua_call(L, 1, 1);
                    }
                    lua_setfield(L, table, r->name);
                } else {
                    lua_pop(L, 1);
                }
            }
    n = sipcodes_count();
    for (i = 0; i < n; i++) {
        const struct sipcodes_entry *e = sipcodes_at(i);
        lua_pushinteger(L, e->code);
        lua_setfield(L, table, e->name);
    }
}

static const struct lsipcodes_lazy module_fields = {
    make_field, make_every_field, 0, NULL
};

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
    lua_newtable(L);
    internal = lua_gettop(L);
    lua_pushvalue(L, internal);
    lsipcodes_lazy_table(L, &module_fields);
    module = lua_gettop(L);

    lua_pushliteral(L, SIPCODES_VERSION);
    lua_setfield(L, module, "_VERSION");

    if (under_luajit(L))
        lsipcodes_use_jit_functions(L, module, internal);

    lua_settop(L, module);
    lsipcodes_seal(L, "sipcodes");
    return 1;
}
