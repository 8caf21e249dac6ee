/*
 * Lookups: reason, reasons, code, info, list, each, copy and the constants
 * (module.c makes sip.BUSY_HERE from the core's names).
 */
#include "args.h"
#include "binding.h"
#include "sealed.h"
#include "sipcodes.h"

#include <stdio.h>

void lsipcodes_push_reasons(lua_State *L, int hash_only)
{
    size_t i, n = sipcodes_count();
    if (hash_only)
        lua_createtable(L, 0, (int)n);
    else
        lua_createtable(L, SIPCODES_MAX_CODE, 0);
    for (i = 0; i < n; i++) {
        const struct sipcodes_entry *e = sipcodes_at(i);
        lua_pushstring(L, e->reason);
        lua_rawseti(L, -2, e->code);
    }
}

/* sip.reasons: sealed, over the phrases the private table holds. */
static int make_reasons_field(lua_State *L)
{
    lua_getfield(L, 1, LSIPCODES_REASONS);
    lsipcodes_seal(L, "sipcodes.reasons");
    return 1;
}

/* upvalue 1: the phrases, the private table's reasons table. */
static int l_reason(lua_State *L)
{
    lua_rawgeti(L, lua_upvalueindex(1), lsipcodes_tocode(L, 1));
    return 1;
}

static int make_reason(lua_State *L)
{
    lua_getfield(L, 1, LSIPCODES_REASONS);
    lua_pushcclosure(L, l_reason, 1);
    return 1;
}

static int l_code(lua_State *L)
{
    size_t len;
    const char *text = lsipcodes_checkstring(L, 1, &len, "string");
    return lsipcodes_push_code(L, sipcodes_code_of(text, len));
}

static void set_string(lua_State *L, const char *key, const char *value)
{
    lua_pushstring(L, value);
    lua_setfield(L, -2, key);
}

static void set_integer(lua_State *L, const char *key, int value)
{
    lua_pushinteger(L, value);
    lua_setfield(L, -2, key);
}

static void set_boolean(lua_State *L, const char *key, int value)
{
    lua_pushboolean(L, value);
    lua_setfield(L, -2, key);
}

/* Pushes the sealed record of a known code. */
static void push_record(lua_State *L, const struct sipcodes_entry *e)
{
    char name[48];
    int i;
    int cls = sipcodes_class(e->code);
    lua_createtable(L, 0, 10);
    set_integer(L, "code", e->code);
    set_string(L, "reason", e->reason);
    set_string(L, "name", e->name);
    set_integer(L, "class", cls);
    set_string(L, "class_name", sipcodes_class_name(cls));
    set_string(L, "description", e->description);
    set_string(L, "rfc", e->rfc);
    set_boolean(L, "deprecated", sipcodes_is_deprecated(e->code));
    set_boolean(L, "iana", (e->flags & SIPCODES_IANA) != 0);
    lua_newtable(L);
    for (i = 0; e->aliases[i] != NULL; i++) {
        lua_pushstring(L, e->aliases[i]);
        lua_rawseti(L, -2, i + 1);
    }
    snprintf(name, sizeof name, "sipcodes.info(%d).aliases", e->code);
    lsipcodes_seal(L, name);
    lua_setfield(L, -2, "aliases");
    snprintf(name, sizeof name, "sipcodes.info(%d)", e->code);
    lsipcodes_seal(L, name);
}

/* upvalue 1: records already made (code -> record), so that every call
 * for a code returns the same one */
static int l_info(lua_State *L)
{
    int code = lsipcodes_tocode(L, 1);
    const struct sipcodes_entry *e = sipcodes_lookup(code);
    if (e == NULL) {
        lua_pushnil(L);
        return 1;
    }
    lua_rawgeti(L, lua_upvalueindex(1), code);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        push_record(L, e);
        lua_pushvalue(L, -1);
        lua_rawseti(L, lua_upvalueindex(1), code);
    }
    return 1;
}

static int make_info(lua_State *L)
{
    lua_newtable(L);
    lua_pushcclosure(L, l_info, 1);
    return 1;
}

static int l_list(lua_State *L)
{
    int cls = lsipcodes_optclass(L, 1);
    const struct sipcodes_entry *e;
    int n = 0;
    lua_newtable(L);
    for (e = sipcodes_next(0, cls); e != NULL; e = sipcodes_next(e->code, cls)) {
        lua_pushinteger(L, e->code);
        lua_rawseti(L, -2, ++n);
    }
    return 1;
}

/* An integral number lo..hi at idx, else an argument error.  Not
 * lua_tointeger: 5.1 and LuaJIT truncate 486.5 and coerce "486", 5.3+ do
 * neither, and the iterator must answer the same on every VM. */
static int check_loop_value(lua_State *L, int idx, int lo, int hi)
{
    if (lua_type(L, idx) == LUA_TNUMBER
        && sipcodes_double_in((double)lua_tonumber(L, idx), lo, hi))
        return (int)lua_tonumber(L, idx);
    return lsipcodes_argerror(L, idx, "not a value of a sipcodes.each() loop");
}

/* The iterator each() returns: (class, previous code) -> code, reason. */
static int each_next(lua_State *L)
{
    int cls = check_loop_value(L, 1, 0, 6);
    int prev = check_loop_value(L, 2, 0, SIPCODES_MAX_CODE);
    const struct sipcodes_entry *e = sipcodes_next(prev, cls);
    if (e == NULL)
        return 0;
    lua_pushinteger(L, e->code);
    lua_pushstring(L, e->reason);
    return 2;
}

static int l_each(lua_State *L)
{
    int cls = lsipcodes_optclass(L, 1);
    lua_pushcfunction(L, each_next);
    lua_pushinteger(L, cls);
    lua_pushinteger(L, 0);
    return 3;
}

const luaL_Reg lsipcodes_lookup_functions[] = {
    {"code", l_code},
    {"list", l_list},
    {"each", l_each},
    {"copy", lsipcodes_copy},
    {NULL, NULL}
};

const luaL_Reg lsipcodes_lookup_makers[] = {
    {"reasons", make_reasons_field},
    {"reason", make_reason},
    {"info", make_info},
    {NULL, NULL}
};
