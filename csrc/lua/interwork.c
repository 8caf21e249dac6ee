/*
 * Interworking: Q.850 mappings, the Reason header field and the header
 * fields a response must carry.  Every answer comes from the core; this
 * file converts arguments and results.
 */
#include "args.h"
#include "binding.h"
#include "sealed.h"
#include "sipcodes.h"

#include <string.h>

/* Scratch space for short strings; longer ones go into a userdata. */
#define SHORT_TEXT 256

/* A cause at idx: an integral number or a string of 1-3 digits gives the
 * value (0..999), any other number or string -1; other types raise. */
static int tocause(lua_State *L, int idx)
{
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER:
        if (lsipcodes_isinteger(L, idx))
            return sipcodes_cause_from_integer((long long)lua_tointeger(L, idx));
        return sipcodes_cause_from_double((double)lua_tonumber(L, idx));
    case LUA_TSTRING: {
        size_t len;
        const char *text = lua_tolstring(L, idx, &len);
        return sipcodes_cause_from_digits(text, len);
    }
    default:
        return lsipcodes_typeerror(L, idx, "Q.850 cause");
    }
}

/* The optional profile name at idx; nil or none is RFC 3398. */
static int optprofile(lua_State *L, int idx)
{
    size_t len;
    const char *name;
    int profile;
    if (lua_isnoneornil(L, idx))
        return SIPCODES_PROFILE_RFC3398;
    name = lsipcodes_checkstring(L, idx, &len, "profile name");
    profile = sipcodes_profile_of(name, len);
    if (profile < 0)
        return lsipcodes_argerror(L, idx,
                                  "profile must be 'rfc3398' or 'freeswitch'");
    return profile;
}

/* The optional Warning at idx: a warn-code number, or a string holding a
 * warn-code or a whole Warning header value (whose first warning counts);
 * -1 for none, and for what is neither (a malformed value included). */
static int optwarning(lua_State *L, int idx)
{
    switch (lua_type(L, idx)) {
    case LUA_TNONE:
    case LUA_TNIL:
        return -1;
    case LUA_TNUMBER:
        if (lsipcodes_isinteger(L, idx))
            return sipcodes_warn_code_from_integer((long long)lua_tointeger(L, idx));
        return sipcodes_warn_code_from_double((double)lua_tonumber(L, idx));
    case LUA_TSTRING: {
        size_t len;
        const char *text = lua_tolstring(L, idx, &len);
        return sipcodes_warning_code(text, len);
    }
    default:
        return lsipcodes_typeerror(L, idx, "Warning code or header value");
    }
}

/* Pushes the value, or nil when it is negative. */
static int push_or_nil(lua_State *L, int value)
{
    if (value < 0)
        lua_pushnil(L);
    else
        lua_pushinteger(L, value);
    return 1;
}

static int l_to_q850(lua_State *L)
{
    int code = lsipcodes_tocode(L, 1);
    int warn_code = optwarning(L, 2);
    int profile = optprofile(L, 3);
    return push_or_nil(L, sipcodes_to_q850(code, warn_code, profile));
}

static int l_from_q850(lua_State *L)
{
    int cause = tocause(L, 1);
    int profile = optprofile(L, 2);
    return lsipcodes_push_code(L, sipcodes_from_q850(cause, profile));
}

static int l_q850_cause(lua_State *L)
{
    size_t len;
    const char *name = lsipcodes_checkstring(L, 1, &len, "string");
    return push_or_nil(L, sipcodes_cause_of(name, len));
}

/* ---- the Reason header -------------------------------------------------- */

/* An explicit text at idx: 1 with *text set and checked (an error if it
 * could break or forge the header, whatever the code or cause is), 0 when
 * false (no text); -1 when nil or none (the default text). */
static int opttext(lua_State *L, int idx, const char **text, size_t *len)
{
    struct sipcodes_error err;
    if (lua_isnoneornil(L, idx))
        return -1;
    if (lua_type(L, idx) == LUA_TBOOLEAN && !lua_toboolean(L, idx))
        return 0;
    *text = lsipcodes_checkstring(L, idx, len, "string or false");
    if (!sipcodes_reason_text_valid(*text, *len, &err))
        return lsipcodes_argerror(L, idx, lsipcodes_push_syntax_error(
                                              L, "text", NULL, 0, &err));
    return 1;
}

/* Pushes protocol;cause=N;text="..." (no text when text is NULL). */
static int push_reason_value(lua_State *L, const char *protocol, long cause,
                             const char *text, size_t text_len)
{
    char stack[SHORT_TEXT];
    char *buf = stack;
    size_t need;
    sipcodes_reason_format(protocol, cause, text, text_len, stack,
                           sizeof stack, &need, NULL);
    if (need >= sizeof stack) {
        buf = (char *)lua_newuserdata(L, need + 1);
        sipcodes_reason_format(protocol, cause, text, text_len, buf,
                               need + 1, &need, NULL);
    }
    lua_pushlstring(L, buf, need);
    return 1;
}

static int l_reason_header(lua_State *L)
{
    const char *text = NULL;
    size_t len = 0;
    int code = lsipcodes_tocode(L, 1);
    int given = opttext(L, 2, &text, &len);
    const struct sipcodes_entry *e = sipcodes_lookup(code);
    if (code == 0) {
        lua_pushnil(L);
        return 1;
    }
    if (given < 0 && e != NULL) {
        text = e->reason;
        len = strlen(text);
    }
    return push_reason_value(L, "SIP", code, text, len);
}

static int l_q850_reason_header(lua_State *L)
{
    const char *text = NULL;
    size_t len = 0;
    int cause = tocause(L, 1);
    int given = opttext(L, 2, &text, &len);
    if (cause < 0 || cause > SIPCODES_Q850_MAX_CAUSE) {
        lua_pushnil(L);
        return 1;
    }
    if (given < 0 && (text = sipcodes_q850_name(cause)) != NULL)
        len = strlen(text);
    return push_reason_value(L, "Q.850", cause, text, len);
}

/* Pushes a parameter name in lower case: names are case-insensitive
 * (RFC 3261 section 7.3.1), so a script looks them up one way. */
static void push_lower(lua_State *L, const char *name, size_t len)
{
    luaL_Buffer b;
    size_t i;
    luaL_buffinit(L, &b);
    for (i = 0; i < len; i++) {
        char c = name[i];
        luaL_addchar(&b, (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c);
    }
    luaL_pushresult(&b);
}

/* Pushes {name = value, ...} for the extension parameters; a parameter
 * without a value is true; the first of a repeated name wins. */
static void push_params(lua_State *L, const struct sipcodes_reason *r)
{
    struct sipcodes_reason_param param;
    size_t pos = 0;
    lua_newtable(L);
    while (sipcodes_reason_param_next(r, &pos, &param)) {
        push_lower(L, param.name, param.name_len);
        lua_pushvalue(L, -1);
        lua_rawget(L, -3);
        if (!lua_isnil(L, -1)) {
            lua_pop(L, 2);
            continue;
        }
        lua_pop(L, 1);
        if (param.value == NULL)
            lua_pushboolean(L, 1);
        else if (param.quoted)
            lsipcodes_push_unquoted(L, param.value, param.value_len);
        else
            lua_pushlstring(L, param.value, param.value_len);
        lua_rawset(L, -3);
    }
}

static void push_reason(lua_State *L, const struct sipcodes_reason *r)
{
    lua_createtable(L, 0, 4);
    lua_pushlstring(L, r->protocol, r->protocol_len);
    lua_setfield(L, -2, "protocol");
    if (r->cause >= 0) {
        lua_pushinteger(L, (lua_Integer)r->cause);
        lua_setfield(L, -2, "cause");
    }
    if (r->text != NULL) {
        lsipcodes_push_unquoted(L, r->text, r->text_len);
        lua_setfield(L, -2, "text");
    }
    push_params(L, r);
    lua_setfield(L, -2, "params");
}

static int l_parse_reason_header(lua_State *L)
{
    size_t len;
    const char *value = lsipcodes_checkstring(L, 1, &len, "string");
    struct sipcodes_reason_iter it;
    struct sipcodes_reason r;
    struct sipcodes_error err;
    int status, n = 0;
    lua_newtable(L);
    sipcodes_reason_iter_init(&it, value, len);
    while ((status = sipcodes_reason_next(&it, &r, &err)) > 0) {
        push_reason(L, &r);
        lua_rawseti(L, -2, ++n);
    }
    if (status < 0) {
        lua_pushnil(L);
        lsipcodes_push_syntax_error(L, "Reason header", NULL, 0, &err);
        return 2;
    }
    return 1;
}

/* ---- what a response must carry ----------------------------------------- */

static void set_field(lua_State *L, const char *key, const char *value)
{
    if (value == NULL)
        return;
    lua_pushstring(L, value);
    lua_setfield(L, -2, key);
}

static int l_required_headers(lua_State *L)
{
    int code = lsipcodes_tocode(L, 1);
    size_t i, n;
    const struct sipcodes_required_header *rows;
    if (code == 0) {
        lua_pushnil(L);
        return 1;
    }
    rows = sipcodes_required_headers(code, &n);
    lua_createtable(L, (int)n, 0);
    for (i = 0; i < n; i++) {
        lua_createtable(L, 0, 4);
        set_field(L, "header", rows[i].header);
        set_field(L, "rfc", rows[i].rfc);
        set_field(L, "section", rows[i].section);
        set_field(L, "when", rows[i].when);
        lua_rawseti(L, -2, (int)i + 1);
    }
    return 1;
}

static int l_allows_retry_after(lua_State *L)
{
    lua_pushboolean(L, sipcodes_allows_retry_after(lsipcodes_tocode(L, 1)));
    return 1;
}

/* ---- the cause tables --------------------------------------------------- */

/* sip.q850_causes and sip.freeswitch_causes: cause -> name, for the
 * causes that have such a name (the Q.850 one, or FreeSWITCH's). */
static int push_cause_names(lua_State *L, int freeswitch, const char *name)
{
    const struct sipcodes_cause *c;
    size_t i;
    lua_createtable(L, 0, (int)sipcodes_cause_count());
    for (i = 0; (c = sipcodes_cause_at(i)) != NULL; i++) {
        const char *cause_name = freeswitch ? c->freeswitch : c->name;
        if (cause_name == NULL)
            continue;
        lua_pushstring(L, cause_name);
        lua_rawseti(L, -2, c->cause);
    }
    lsipcodes_seal(L, name);
    return 1;
}

static int make_q850_causes(lua_State *L)
{
    return push_cause_names(L, 0, "sipcodes.q850_causes");
}

static int make_freeswitch_causes(lua_State *L)
{
    return push_cause_names(L, 1, "sipcodes.freeswitch_causes");
}

const luaL_Reg lsipcodes_interwork_functions[] = {
    {"to_q850", l_to_q850},
    {"from_q850", l_from_q850},
    {"q850_cause", l_q850_cause},
    {"reason_header", l_reason_header},
    {"q850_reason_header", l_q850_reason_header},
    {"parse_reason_header", l_parse_reason_header},
    {"required_headers", l_required_headers},
    {"allows_retry_after", l_allows_retry_after},
    {NULL, NULL}
};

const luaL_Reg lsipcodes_interwork_makers[] = {
    {"q850_causes", make_q850_causes},
    {"freeswitch_causes", make_freeswitch_causes},
    {NULL, NULL}
};
