/*
 * Status-line text: format, status_line and parse_status_line.
 *
 * format(c) and status_line(c) keep each text they made in a table keyed
 * by code, so that a hot call returns a string made once instead of making
 * one.  The table has an array slot for every valid code from the start: a
 * hit is then an array read, and LuaJIT's functions (jit_functions.lua)
 * index the same table with an integer.
 */
#include "args.h"
#include "binding.h"
#include "sipcodes.h"

#include <stdio.h>
#include <string.h>

#define LINE_PREFIX SIPCODES_SIP_VERSION " "

/* The text with an explicit reason.  The reason is checked before the
 * code is: a phrase that could break or forge a message is an error
 * whatever the code is (the code's type is checked first, as argument 1). */
static int format_with_reason(lua_State *L, const char *prefix)
{
    char digits[16];
    size_t len;
    struct sipcodes_error err;
    int code = lsipcodes_tocode(L, 1);
    const char *reason = lsipcodes_checkstring(L, 2, &len, "string");
    luaL_Buffer b;
    if (!sipcodes_reason_valid(reason, len, &err))
        return lsipcodes_argerror(L, 2, lsipcodes_push_syntax_error(
                                            L, "Reason-Phrase", NULL, 0, &err));
    if (code == 0) {
        lua_pushnil(L);
        return 1;
    }
    luaL_buffinit(L, &b);
    luaL_addstring(&b, prefix);
    snprintf(digits, sizeof digits, "%d ", code);
    luaL_addstring(&b, digits);
    luaL_addlstring(&b, reason, len);
    luaL_pushresult(&b);
    return 1;
}

/* The text of a valid code that is not in the cache yet: made, cached. */
static int format_fill(lua_State *L, const char *prefix, int code)
{
    char text[sizeof LINE_PREFIX + SIPCODES_FORMAT_MAX];
    size_t plen = strlen(prefix);
    size_t len;
    memcpy(text, prefix, plen);
    len = sipcodes_format(code, text + plen, sizeof text - plen);
    lua_pushlstring(L, text, plen + len);
    lua_pushvalue(L, -1);
    lua_rawseti(L, lua_upvalueindex(1), code);
    return 1;
}

/* Everything but a cache hit. */
static int format_slow(lua_State *L, const char *prefix)
{
    int code;
    if (lua_gettop(L) >= 2 && !lua_isnil(L, 2))
        return format_with_reason(L, prefix);
    code = lsipcodes_tocode(L, 1);
    if (code == 0) {
        lua_pushnil(L);
        return 1;
    }
    if (lsipcodes_rawgeti(L, lua_upvalueindex(1), code) != LUA_TNIL)
        return 1;                     /* "486" when 486 was made before */
    lua_pop(L, 1);
    return format_fill(L, prefix, code);
}

/* format() and status_line(); upvalue 1: the texts made before.  The
 * cache is keyed by number, so the argument itself is the key: a hit is
 * the answer whatever else is true of it, and costs no conversion. */
static int l_format(lua_State *L)
{
    if (lua_gettop(L) == 1) {
        lua_pushvalue(L, 1);
        if (lsipcodes_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
            return 1;
    }
    return format_slow(L, "");
}

static int l_status_line(lua_State *L)
{
    if (lua_gettop(L) == 1) {
        lua_pushvalue(L, 1);
        if (lsipcodes_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
            return 1;
    }
    return format_slow(L, LINE_PREFIX);
}

void lsipcodes_push_text_cache(lua_State *L)
{
    lua_createtable(L, SIPCODES_MAX_CODE, 0);
}

/* A closure of fn over the texts in the private table's `slot`. */
static int make_cached(lua_State *L, lua_CFunction fn, const char *slot)
{
    lua_getfield(L, 1, slot);
    lua_pushcclosure(L, fn, 1);
    return 1;
}

static int make_format(lua_State *L)
{
    return make_cached(L, l_format, LSIPCODES_FORMATS);
}

static int make_status_line(lua_State *L)
{
    return make_cached(L, l_status_line, LSIPCODES_LINES);
}

/* The optional "strict" of parse_status_line: 1 for "strict", 0 for nil
 * or none; anything else is an argument error. */
static int optstrict(lua_State *L, int idx)
{
    size_t len;
    const char *mode;
    if (lua_isnoneornil(L, idx))
        return 0;
    mode = lsipcodes_checkstring(L, idx, &len, "'strict' or nil");
    if (len != 6 || memcmp(mode, "strict", 6) != 0)
        return lsipcodes_argerror(L, idx, "'strict' or nil expected");
    return 1;
}

static int l_parse_status_line(lua_State *L)
{
    size_t len;
    const char *text = lsipcodes_checkstring(L, 1, &len, "string");
    int strict = optstrict(L, 2);
    struct sipcodes_status_line line;
    struct sipcodes_error err;
    if (!sipcodes_parse_status_line(text, len, strict, &line, &err)) {
        lua_pushnil(L);
        lsipcodes_push_syntax_error(L, "Status-Line", NULL, 0, &err);
        return 2;
    }
    lua_pushinteger(L, line.code);
    lua_pushlstring(L, line.reason, line.reason_len);
    lua_pushlstring(L, line.version, line.version_len);
    return 3;
}

const luaL_Reg lsipcodes_format_functions[] = {
    {"parse_status_line", l_parse_status_line},
    {NULL, NULL}
};

const luaL_Reg lsipcodes_format_makers[] = {
    {"format", make_format},
    {"status_line", make_status_line},
    {NULL, NULL}
};
