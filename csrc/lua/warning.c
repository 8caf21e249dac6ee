/*
 * The Warning header field: sip.warnings, sip.warning_info,
 * sip.warning_header and sip.parse_warning_header.  Every answer comes
 * from the core (warning.h); this file converts arguments and results.
 */
#include "args.h"
#include "binding.h"
#include "sealed.h"
#include "sipcodes.h"

#include <stdio.h>
#include <string.h>

/* Scratch space for short strings; longer ones go into a userdata. */
#define SHORT_TEXT 256

/* The warn-code at idx: a number or string that is one gives 0..999, any
 * other number or string -1; other types raise. */
static int towarncode(lua_State *L, int idx)
{
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER:
        if (lsipcodes_isinteger(L, idx))
            return sipcodes_warn_code_from_integer((long long)lua_tointeger(L, idx));
        return sipcodes_warn_code_from_double((double)lua_tonumber(L, idx));
    case LUA_TSTRING: {
        size_t len;
        const char *text = lua_tolstring(L, idx, &len);
        return sipcodes_warn_code_from_digits(text, len);
    }
    default:
        return lsipcodes_typeerror(L, idx, "warn-code");
    }
}

/* ---- the registry ------------------------------------------------------- */

static int make_warnings(lua_State *L)
{
    const struct sipcodes_warn_code *w;
    size_t i;
    lua_newtable(L);
    for (i = 0; (w = sipcodes_warn_code_at(i)) != NULL; i++) {
        lua_pushstring(L, w->text);
        lua_rawseti(L, -2, w->code);
    }
    lsipcodes_seal(L, "sipcodes.warnings");
    return 1;
}

static void set_string(lua_State *L, const char *key, const char *value)
{
    if (value == NULL)
        return;
    lua_pushstring(L, value);
    lua_setfield(L, -2, key);
}

/* Pushes the sealed record of a registered warn-code. */
static void push_record(lua_State *L, const struct sipcodes_warn_code *w)
{
    char name[48];
    lua_createtable(L, 0, 4);
    lua_pushinteger(L, w->code);
    lua_setfield(L, -2, "code");
    set_string(L, "text", w->text);
    set_string(L, "rfc", w->rfc);
    set_string(L, "description", w->description);
    snprintf(name, sizeof name, "sipcodes.warning_info(%d)", w->code);
    lsipcodes_seal(L, name);
}

/* upvalue 1: records already made (code -> record), so that every call
 * for a warn-code returns the same one */
static int l_warning_info(lua_State *L)
{
    int code = towarncode(L, 1);
    const struct sipcodes_warn_code *w = sipcodes_warn_code_lookup(code);
    if (w == NULL) {
        lua_pushnil(L);
        return 1;
    }
    lua_rawgeti(L, lua_upvalueindex(1), code);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        push_record(L, w);
        lua_pushvalue(L, -1);
        lua_rawseti(L, lua_upvalueindex(1), code);
    }
    return 1;
}

static int make_warning_info(lua_State *L)
{
    lua_newtable(L);
    lua_pushcclosure(L, l_warning_info, 1);
    return 1;
}

/* ---- building ------------------------------------------------------------ */

static int l_warning_header(lua_State *L)
{
    const struct sipcodes_warn_code *registered;
    const char *agent, *text = NULL;
    size_t agent_len, text_len = 0, need;
    struct sipcodes_error err;
    char stack[SHORT_TEXT];
    char *buf = stack;
    int code = towarncode(L, 1);

    agent = lsipcodes_checkstring(L, 2, &agent_len, "string");
    /* An explicit text is checked before anything else: whatever the code,
     * text that could end the header and forge another is an error. */
    if (!lua_isnoneornil(L, 3)) {
        text = lsipcodes_checkstring(L, 3, &text_len, "string");
        if (!sipcodes_reason_text_valid(text, text_len, &err))
            return lsipcodes_argerror(L, 3, lsipcodes_push_syntax_error(
                                                L, "text", NULL, 0, &err));
    }
    if (!sipcodes_warn_agent_valid(agent, agent_len, &err))
        return lsipcodes_argerror(L, 2, lsipcodes_push_syntax_error(
                                            L, "warn-agent", NULL, 0, &err));
    if (code < 0) {
        lua_pushnil(L);
        return 1;
    }
    if (text == NULL) {
        /* No text given: the registry's, and nothing for a code without. */
        if ((registered = sipcodes_warn_code_lookup(code)) == NULL) {
            lua_pushnil(L);
            return 1;
        }
        text = registered->text;
        text_len = strlen(text);
    }
    sipcodes_warning_format(code, agent, agent_len, text, text_len, stack,
                            sizeof stack, &need, NULL);
    if (need >= sizeof stack) {
        buf = (char *)lua_newuserdata(L, need + 1);
        sipcodes_warning_format(code, agent, agent_len, text, text_len, buf,
                                need + 1, &need, NULL);
    }
    lua_pushlstring(L, buf, need);
    return 1;
}

/* ---- parsing ------------------------------------------------------------- */

static int l_parse_warning_header(lua_State *L)
{
    size_t len;
    const char *value = lsipcodes_checkstring(L, 1, &len, "string");
    struct sipcodes_warning_iter it;
    struct sipcodes_warning w;
    struct sipcodes_error err;
    int status, n = 0;
    lua_newtable(L);
    sipcodes_warning_iter_init(&it, value, len);
    while ((status = sipcodes_warning_next(&it, &w, &err)) > 0) {
        lua_createtable(L, 0, 3);
        lua_pushinteger(L, w.code);
        lua_setfield(L, -2, "code");
        lua_pushlstring(L, w.agent, w.agent_len);
        lua_setfield(L, -2, "agent");
        lsipcodes_push_unquoted(L, w.text, w.text_len);
        lua_setfield(L, -2, "text");
        lua_rawseti(L, -2, ++n);
    }
    if (status < 0) {
        lua_pushnil(L);
        lsipcodes_push_syntax_error(L, "Warning header", NULL, 0, &err);
        return 2;
    }
    return 1;
}

const luaL_Reg lsipcodes_warning_functions[] = {
    {"warning_header", l_warning_header},
    {"parse_warning_header", l_parse_warning_header},
    {NULL, NULL}
};

const luaL_Reg lsipcodes_warning_makers[] = {
    {"warnings", make_warnings},
    {"warning_info", make_warning_info},
    {NULL, NULL}
};
