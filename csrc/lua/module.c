/*
 * require("sipcodes"): the module object and every field of it, made at
 * once.
 *
 * Everything is made before anything is handed out: an error half-way (a
 * memory error from a host's limiting allocator) leaves nothing behind
 * that a script could see, and the next require makes it all again.  So
 * the module is a sealed object over an ordinary table, and no field is
 * filled in later.
 */
#include "args.h"
#include "binding.h"
#include "sealed.h"
#include "sipcodes.h"

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

/* How many fields the module has, so that its table is made at its size
 * and never grows. */
static int field_count(void)
{
    const luaL_Reg *const *list;
    const luaL_Reg *r;
    size_t n = sipcodes_count() + 1;                    /* and _VERSION */
    for (list = function_lists; *list != NULL; list++)
        for (r = *list; r->name != NULL; r++)
            n++;
    for (list = maker_lists; *list != NULL; list++)
        for (r = *list; r->name != NULL; r++)
            n++;
    return (int)n;
}

/* Sets every field into the table at `data`; the private table is at
 * `internal`. */
static void set_fields(lua_State *L, int data, int internal)
{
    const luaL_Reg *const *list;
    const luaL_Reg *r;
    size_t i, n = sipcodes_count();
    for (list = function_lists; *list != NULL; list++)
        for (r = *list; r->name != NULL; r++) {
            lua_pushcfunction(L, r->func);
            lua_setfield(L, data, r->name);
        }
    for (list = maker_lists; *list != NULL; list++)
        for (r = *list; r->name != NULL; r++) {
            lua_pushcfunction(L, r->func);
            lua_pushvalue(L, internal);
            lua_call(L, 1, 1);
            lua_setfield(L, data, r->name);
        }
    for (i = 0; i < n; i++) {
        const struct sipcodes_entry *e = sipcodes_at(i);
        lua_pushinteger(L, e->code);
        lua_setfield(L, data, e->name);
    }
    lua_pushliteral(L, SIPCODES_VERSION);
    lua_setfield(L, data, "_VERSION");
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

/* Lua 5.1's and LuaJIT's require mark the module as being loaded (a light
 * userdata in package.loaded) before they call this, and leave the mark
 * when it raises: every later require would then fail with "loop or
 * previous error loading module".  Nothing here requires a module, so the
 * mark is taken off first -- which allocates nothing -- and a require
 * after an error (a memory error from a host's limiting allocator) makes
 * the module again.  LuaJIT 2.1's mark is a number to the C API (a
 * denormal with a fixed bit pattern, its package.key_sentinel), so a
 * number is taken for the mark too: the module itself is never one.
 * Later Lua versions set nothing before the loader returns. */
static void unmark_loading(lua_State *L)
{
    if (lua_type(L, 1) != LUA_TSTRING)
        return;
    lua_getfield(L, LUA_REGISTRYINDEX, "_LOADED");
    if (lua_type(L, -1) == LUA_TTABLE) {
        lua_pushvalue(L, 1);
        lua_rawget(L, -2);
        if (lua_type(L, -1) == LUA_TLIGHTUSERDATA || lua_type(L, -1) == LUA_TNUMBER) {
            lua_pushvalue(L, 1);
            lua_pushnil(L);
            lua_rawset(L, -4);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

int luaopen_sipcodes(lua_State *L)
{
    int internal, data;
    int luajit;

    unmark_loading(L);
    luajit = under_luajit(L);
    lsipcodes_checkversion(L);
    lua_createtable(L, 0, 4);
    internal = lua_gettop(L);
    lsipcodes_push_reasons(L, luajit);
    lua_setfield(L, internal, LSIPCODES_REASONS);
    lsipcodes_push_text_cache(L);
    lua_setfield(L, internal, LSIPCODES_FORMATS);
    lsipcodes_push_text_cache(L);
    lua_setfield(L, internal, LSIPCODES_LINES);

    lua_createtable(L, 0, field_count());
    data = lua_gettop(L);
    set_fields(L, data, internal);
    if (luajit)
        lsipcodes_use_jit_functions(L, data, internal);

    lua_settop(L, data);
    lsipcodes_seal(L, "sipcodes");
    return 1;
}
