/*
 * Argument conversion and argument errors (see args.h).
 */
#include "args.h"
#include "reason_header.h"

#include <stdio.h>
#include <string.h>

int lsipcodes_argerror(lua_State *L, int idx, const char *msg)
{
    /* Level 0 is this C function, level 1 whoever called it: when that is
     * one of the LuaJIT functions, report that function's own name and its
     * caller's position, as luaL_argerror would for a direct call. */
    lua_Debug ar;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sn", &ar)
        && strcmp(ar.source, LSIPCODES_JIT_CHUNKNAME) == 0) {
        luaL_where(L, 2);
        lua_pushfstring(L, "bad argument #%d to '%s' (%s)", idx,
                        ar.name != NULL ? ar.name : "?", msg);
        lua_concat(L, 2);
        return lua_error(L);
    }
    return luaL_argerror(L, idx, msg);
}

int lsipcodes_typeerror(lua_State *L, int idx, const char *expected)
{
    lua_pushfstring(L, "%s expected, got %s", expected, luaL_typename(L, idx));
    return lsipcodes_argerror(L, idx, lua_tostring(L, -1));
}

int lsipcodes_tocode_other(lua_State *L, int idx)
{
    size_t len;
    const char *text;
    if (lua_type(L, idx) != LUA_TSTRING)
        return lsipcodes_typeerror(L, idx, "SIP status code");
    text = lua_tolstring(L, idx, &len);
    return sipcodes_from_digits(text, len);
}

int lsipcodes_optclass(lua_State *L, int idx)
{
    if (lua_isnoneornil(L, idx))
        return 0;
    if (lua_type(L, idx) == LUA_TNUMBER) {
        double n = (double)lua_tonumber(L, idx);
        if (sipcodes_double_in(n, 1, 6))
            return (int)n;
        return lsipcodes_argerror(L, idx, "class must be an integer 1-6");
    }
    return lsipcodes_typeerror(L, idx, "class (an integer 1-6)");
}

const char *lsipcodes_checkstring(lua_State *L, int idx, size_t *len,
                                  const char *what)
{
    if (lua_type(L, idx) != LUA_TSTRING) {
        lsipcodes_typeerror(L, idx, what);
        return NULL;
    }
    return lua_tolstring(L, idx, len);
}

const char *lsipcodes_push_syntax_error(lua_State *L, const char *what,
                                        const char *text, size_t len,
                                        const struct sipcodes_error *err)
{
    /* lua_pushfstring has no conversion for size_t. */
    char byte[32];
    const char *message = err->message;
    int pushed = 0;
    snprintf(byte, sizeof byte, "%zu", err->offset + 1);
    if (err->code != 0) {
        message = lua_pushfstring(L, err->message, err->code);
        pushed++;
    }
    if (text == NULL) {
        lua_pushfstring(L, "invalid %s: %s at byte %s", what, message, byte);
    } else {
        lsipcodes_push_excerpt(L, text, len);
        pushed++;
        lua_pushfstring(L, "invalid %s %s: %s at byte %s", what,
                        lua_tostring(L, -1), message, byte);
    }
    while (pushed-- > 0)
        lua_remove(L, -2);
    return lua_tostring(L, -1);
}

const char *lsipcodes_push_excerpt(lua_State *L, const char *text, size_t len)
{
    luaL_Buffer b;
    size_t i, shown = len < LSIPCODES_EXCERPT ? len : LSIPCODES_EXCERPT;
    luaL_buffinit(L, &b);
    luaL_addchar(&b, '"');
    for (i = 0; i < shown; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '"' || c == '\\') {
            luaL_addchar(&b, '\\');
            luaL_addchar(&b, (char)c);
        } else if (c < 0x20 || c >= 0x7F) {
            char escape[8];
            snprintf(escape, sizeof escape, "\\%03u", (unsigned)c);
            luaL_addstring(&b, escape);
        } else {
            luaL_addchar(&b, (char)c);
        }
    }
    luaL_addchar(&b, '"');
    if (shown < len)
        luaL_addstring(&b, "...");
    luaL_pushresult(&b);
    return lua_tostring(L, -1);
}

void lsipcodes_push_unquoted(lua_State *L, const char *text, size_t len)
{
    char stack[256];
    if (len <= sizeof stack) {
        lua_pushlstring(L, stack, sipcodes_unquote(text, len, stack));
    } else {
        /* Unquoting only removes bytes: len is enough. */
        char *buf = (char *)lua_newuserdata(L, len);
        lua_pushlstring(L, buf, sipcodes_unquote(text, len, buf));
        lua_remove(L, -2);
    }
}

int lsipcodes_push_code(lua_State *L, int code)
{
    if (code == 0)
        lua_pushnil(L);
    else
        lua_pushinteger(L, code);
    return 1;
}
