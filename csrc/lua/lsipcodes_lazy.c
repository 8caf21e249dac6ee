/*
 * Module fields made on first use: the constants (sip.BUSY_HERE ...), the
 * functions that need no upvalues (sip.code, sip.list, ...) and the fields
 * a maker function builds (sip.q850_causes, sip.matcher ...).
 *
 * A host that makes a fresh lua_State per call (FreeSWITCH) pays for
 * everything luaopen builds on every call, while a script reads a handful
 * of fields.  Interning 77 constant names and the function names, and
 * growing the module table for them, was half of that cost.  So the
 * module's backing table gets a metatable whose __index finds the name,
 * makes the value and stores it in the backing table: from then on the
 * field is an ordinary one, which LuaJIT compiles like any other.
 * Whoever walks the table (pairs, sip.copy) first gets every field filled
 * in, so nothing looks missing.
 */
#include "lsipcodes_private.h"
#include "sipcodes.h"

#include <string.h>

/* Marks the metatable of a table whose fields are made on demand; the
 * value stored under it is the light userdata of its struct lsipcodes_lazy. */
static const char lazy_key = 'l';

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

static lua_CFunction find(const luaL_Reg *list, const char *name)
{
    for (; list->name != NULL; list++)
        if (strcmp(list->name, name) == 0)
            return list->func;
    return NULL;
}

/* Pushes the value of field `name`, or returns 0 (pushing nothing) when
 * the name is none of ours. */
static int make_field(lua_State *L, const struct lsipcodes_lazy *lazy,
                      const char *name, size_t len)
{
    const luaL_Reg *const *list;
    lua_CFunction fn;
    int code;
    for (list = lazy->functions; *list != NULL; list++) {
        fn = find(*list, name);
        if (fn != NULL) {
            lua_pushcfunction(L, fn);
            return 1;
        }
    }
    fn = find(lazy->makers, name);
    if (fn != NULL) {
        /* The maker gets the table, to read fields it builds on. */
        lua_pushcfunction(L, fn);
        lua_pushvalue(L, 1);
        lua_call(L, 1, 1);
        return 1;
    }
    code = code_of_name(name, len);
    if (code == 0)
        return 0;
    lua_pushinteger(L, code);
    return 1;
}

/* __index(backing, key); upvalue 1: the struct lsipcodes_lazy. */
static int lazy_index(lua_State *L)
{
    const struct lsipcodes_lazy *lazy =
        (const struct lsipcodes_lazy *)lua_touserdata(L, lua_upvalueindex(1));
    const char *name;
    size_t len;
    if (lua_type(L, 2) != LUA_TSTRING)
        return 0;
    name = lua_tolstring(L, 2, &len);
    lua_settop(L, 2);
    if (!make_field(L, lazy, name, len))
        return 0;
    lua_pushvalue(L, 2);
    lua_pushvalue(L, 3);
    lua_rawset(L, 1);
    return 1;
}

void lsipcodes_lazy_fields(lua_State *L, int idx,
                           const struct lsipcodes_lazy *lazy)
{
    idx = sipcodes_compat_absindex(L, idx);
    lua_createtable(L, 0, 2);
    lua_pushlightuserdata(L, (void *)lazy);
    lua_pushcclosure(L, lazy_index, 1);
    lua_setfield(L, -2, "__index");
    lua_pushlightuserdata(L, (void *)&lazy_key);
    lua_pushlightuserdata(L, (void *)lazy);
    lua_rawset(L, -3);
    lua_setmetatable(L, idx);
}

void lsipcodes_lazy_complete(lua_State *L, int idx)
{
    const struct lsipcodes_lazy *lazy;
    const luaL_Reg *const *list;
    const luaL_Reg *fn;
    size_t i, n;
    idx = sipcodes_compat_absindex(L, idx);
    if (!lua_getmetatable(L, idx))
        return;
    lua_pushlightuserdata(L, (void *)&lazy_key);
    lua_rawget(L, -2);
    lazy = (const struct lsipcodes_lazy *)lua_touserdata(L, -1);
    lua_pop(L, 2);
    if (lazy == NULL)
        return;
    /* Reading each field makes it once; fields already made keep their
     * value (the same function or table). */
    for (list = lazy->functions; *list != NULL; list++)
        for (fn = *list; fn->name != NULL; fn++) {
            lua_getfield(L, idx, fn->name);
            lua_pop(L, 1);
        }
    for (fn = lazy->makers; fn->name != NULL; fn++) {
        lua_getfield(L, idx, fn->name);
        lua_pop(L, 1);
    }
    n = sipcodes_count();
    for (i = 0; i < n; i++) {
        const struct sipcodes_entry *e = sipcodes_at(i);
        lua_pushstring(L, e->name);
        lua_pushinteger(L, e->code);
        lua_rawset(L, idx);
    }
}
