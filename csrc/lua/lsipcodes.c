/*
 * The Lua binding: require("sipcodes").
 *
 * luaopen builds, once per lua_State, the tables users index directly
 * (reasons, the constants) and registers thin functions over the core.
 * Every answer comes from the core; the binding only converts values and
 * caches strings so that hot calls return an already interned string
 * instead of building one.
 */
#include "lsipcodes_private.h"
#include "sipcodes.h"

#include <stdio.h>
#include <string.h>

#if defined(__GNUC__)
#define LSIPCODES_EXPORT __attribute__((visibility("default")))
#define LSIPCODES_INLINE static inline __attribute__((always_inline))
/* Lays the hit path out straight, its own return included. */
#define LSIPCODES_LIKELY(x) __builtin_expect(!!(x), 1)
#else
#define LSIPCODES_INLINE static inline
#define LSIPCODES_LIKELY(x) (x)
#define LSIPCODES_EXPORT
#endif

LSIPCODES_EXPORT int luaopen_sipcodes(lua_State *L);

/* ---- lookup ----------------------------------------------------------- */

/* upvalue 1: the backing table of sip.reasons (code -> phrase) */
static int l_reason(lua_State *L)
{
    lua_rawgeti(L, lua_upvalueindex(1), lsipcodes_tocode_fast(L, 1));
    return 1;
}

static int l_code(lua_State *L)
{
    size_t len;
    const char *text = lsipcodes_checkstring(L, 1, &len, "string");
    int code = sipcodes_code_of(text, len);
    if (code == 0)
        lua_pushnil(L);
    else
        lua_pushinteger(L, code);
    return 1;
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

/* Pushes the read-only record of a known code. */
static void push_record(lua_State *L, const struct sipcodes_entry *e)
{
    char name[32];
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
    set_boolean(L, "deprecated", (e->flags & SIPCODES_DEPRECATED) != 0);
    set_boolean(L, "iana", (e->flags & SIPCODES_IANA) != 0);
    lua_newtable(L);
    for (i = 0; e->aliases[i] != NULL; i++) {
        lua_pushstring(L, e->aliases[i]);
        lua_rawseti(L, -2, i + 1);
    }
    sprintf(name, "sipcodes.info(%d).aliases", e->code);
    lsipcodes_readonly(L, name);
    lua_setfield(L, -2, "aliases");
    sprintf(name, "sipcodes.info(%d)", e->code);
    lsipcodes_readonly(L, name);
}

/* upvalue 1: records already built (code -> record), so that every call
 * for a code returns the same table */
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
    if (lua_type(L, idx) == LUA_TNUMBER) {
        lua_Number n = lua_tonumber(L, idx);
        if (n >= lo && n <= hi && n == (lua_Number)(int)n)
            return (int)n;
    }
    return luaL_argerror(L, idx, "not a value of a sipcodes.each() loop");
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

/* ---- classification --------------------------------------------------- */

static int push_code_or_nil(lua_State *L, int value)
{
    if (value == 0)
        lua_pushnil(L);
    else
        lua_pushinteger(L, value);
    return 1;
}

static int l_class(lua_State *L)
{
    int code;
#if LUA_VERSION_NUM < 503
    /* A number is compared as it is, without the general rule's call. */
    if (lua_type(L, 1) == LUA_TNUMBER) {
        lua_Number value = lua_tonumber(L, 1);
        if (value >= SIPCODES_MIN_CODE && value <= SIPCODES_MAX_CODE) {
            /* value is positive, so (int) rounds it down: it is integral
             * when that lost nothing (one comparison, no parity test).
             * value * 0.01 truncates to value / 100 for every integral
             * 100..699 (the double 0.01 is a hair above 0.01, so a
             * multiple of 100 never lands below its quotient), one
             * instruction less than dividing. */
            if (LSIPCODES_LIKELY((int)value >= value)) {
                lua_pushinteger(L, (lua_Integer)(value * 0.01));
                return 1;
            }
        }
        lua_pushnil(L);
        return 1;
    }
    code = lsipcodes_tocode(L, 1);
#else
    code = lsipcodes_tocode_fast(L, 1);
#endif
    if (code == 0)
        lua_pushnil(L);
    else
        lua_pushinteger(L, (unsigned)code / 100u);
    return 1;
}

static int l_class_name(lua_State *L)
{
    const char *name = sipcodes_class_name(sipcodes_class(lsipcodes_tocode(L, 1)));
    if (name == NULL)
        lua_pushnil(L);
    else
        lua_pushstring(L, name);
    return 1;
}

static int l_canonical(lua_State *L)
{
    return push_code_or_nil(L, sipcodes_canonical(lsipcodes_tocode(L, 1)));
}

/* The is_* predicates for anything but a plain number: strings, floats on
 * 5.3+, wrong types (which raise). */
static int push_class_between(lua_State *L, int lo, int hi)
{
    int cls = lsipcodes_tocode(L, 1) / 100;    /* 0 when not a code */
    lua_pushboolean(L, cls >= lo && cls <= hi);
    return 1;
}

/* Inlined into each predicate with its own constant bounds, so that a
 * number is compared against them directly: no division, no call of ours,
 * no registers saved beyond L.  lo..hi are codes (200..699 for is_final). */
LSIPCODES_INLINE int push_code_between(lua_State *L, int lo, int hi)
{
#if LUA_VERSION_NUM >= 503
    if (lua_isinteger(L, 1)) {
        lua_Integer value = lua_tointegerx(L, 1, NULL);
        lua_pushboolean(L, value >= lo && value <= hi);
        return 1;
    }
#else
    if (lua_type(L, 1) == LUA_TNUMBER) {
        /* The range test first: (int) only ever sees values that fit. */
        lua_Number value = lua_tonumber(L, 1);
        lua_pushboolean(L, value >= lo && value <= hi
                           && (lua_Number)(int)value >= value);
        return 1;
    }
#endif
    return push_class_between(L, lo / 100, hi / 100);
}

static int l_is_valid(lua_State *L)          { return push_code_between(L, 100, 699); }
static int l_is_provisional(lua_State *L)    { return push_code_between(L, 100, 199); }
static int l_is_final(lua_State *L)          { return push_code_between(L, 200, 699); }
static int l_is_success(lua_State *L)        { return push_code_between(L, 200, 299); }
static int l_is_redirection(lua_State *L)    { return push_code_between(L, 300, 399); }
static int l_is_client_failure(lua_State *L) { return push_code_between(L, 400, 499); }
static int l_is_server_failure(lua_State *L) { return push_code_between(L, 500, 599); }
static int l_is_global_failure(lua_State *L) { return push_code_between(L, 600, 699); }
static int l_is_failure(lua_State *L)        { return push_code_between(L, 400, 699); }

static int l_is_known(lua_State *L)
{
    lua_pushboolean(L, sipcodes_lookup(lsipcodes_tocode(L, 1)) != NULL);
    return 1;
}

static int l_is_deprecated(lua_State *L)
{
    const struct sipcodes_entry *e = sipcodes_lookup(lsipcodes_tocode(L, 1));
    lua_pushboolean(L, e != NULL && (e->flags & SIPCODES_DEPRECATED) != 0);
    return 1;
}

/* ---- formatting and parsing ------------------------------------------ */

#define SIP_VERSION_PREFIX "SIP/2.0 "

/* Pushes "invalid <what>: <why> at byte <n>" (n counted from 1).  The
 * offset is printed as a size_t: a string of 2 GiB or more has offsets an
 * int cannot hold, and lua_pushfstring has no conversion for size_t. */
static const char *push_syntax_error(lua_State *L, const char *what,
                                     const struct sipcodes_error *err)
{
    char byte[32];
    snprintf(byte, sizeof byte, "%zu", err->offset + 1);
    return lua_pushfstring(L, "invalid %s: %s at byte %s", what, err->message,
                           byte);
}

/* format() and status_line(): `prefix` goes before "486 Busy Here";
 * upvalue 1 caches the strings made without an explicit reason.  The
 * cases other than a cache hit live in functions of their own, so that
 * the hit path stays a few instructions long. */
static int format_fill(lua_State *L, const char *prefix, int code)
{
    char digits[SIPCODES_FORMAT_MAX + 1];
    size_t len = sipcodes_format(code, digits, sizeof digits);
#if !LSIPCODES_LUAJIT
    /* The first fill swaps the empty cache luaopen made (upvalue 2 still
     * false) for one with an array slot for every code: a hit is then an
     * array read, not a hash walk, about 35 instructions less per call on
     * 5.1 and 5.4.  Made here, not in luaopen, so that a state that never
     * formats does not pay its ~11 KB.  (LuaJIT's wrappers read the cache
     * luaopen made, and compile a hash lookup anyway.) */
    if (!lua_toboolean(L, lua_upvalueindex(2))) {
        lua_createtable(L, SIPCODES_MAX_CODE, 0);
        lua_replace(L, lua_upvalueindex(1));
        lua_pushboolean(L, 1);
        lua_replace(L, lua_upvalueindex(2));
    }
#endif
    lua_pushstring(L, prefix);
    lua_pushlstring(L, digits, len);
    lua_concat(L, 2);
    lua_pushvalue(L, -1);
    lua_rawseti(L, lua_upvalueindex(1), code);
    return 1;
}

static int format_with_reason(lua_State *L, const char *prefix, int code)
{
    char digits[16];
    size_t len;
    struct sipcodes_error err;
    const char *reason = lsipcodes_checkstring(L, 2, &len, "string");
    luaL_Buffer b;
    if (!sipcodes_reason_valid(reason, len, 1, &err)) {
        return lsipcodes_argerror(L, 2,
                                  push_syntax_error(L, "Reason-Phrase", &err));
    }
    if (code == 0) {
        lua_pushnil(L);
        return 1;
    }
    luaL_buffinit(L, &b);
    luaL_addstring(&b, prefix);
    sprintf(digits, "%d ", code);
    luaL_addstring(&b, digits);
    luaL_addlstring(&b, reason, len);
    luaL_pushresult(&b);
    return 1;
}

/* Everything but a cache hit; the stack is (code [, reason]) plus, when
 * the hot path looked the cache up, the nil it found. */
static int format_slow(lua_State *L, const char *prefix, int code)
{
    lua_settop(L, 2);
    if (!lua_isnil(L, 2))
        return format_with_reason(L, prefix, code);
    if (code == 0 || sipcodes_compat_rawgeti(L, lua_upvalueindex(1), code)
                         != LUA_TNIL)
        return 1;            /* nil for what is not a code, or the hit */
    lua_pop(L, 1);
    return format_fill(L, prefix, code);
}

/* The cache is keyed by number, like sip.reasons, so the argument itself
 * is the key: a hit is the answer whatever else is true of it. */
static int l_format(lua_State *L)
{
    if (lua_gettop(L) == 1) {
        lua_pushvalue(L, 1);
        if (sipcodes_compat_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
            return 1;
    }
    return format_slow(L, "", lsipcodes_tocode(L, 1));
}

static int l_status_line(lua_State *L)
{
    if (lua_gettop(L) == 1) {
        lua_pushvalue(L, 1);
        if (sipcodes_compat_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
            return 1;
    }
    return format_slow(L, SIP_VERSION_PREFIX, lsipcodes_tocode(L, 1));
}

static int l_parse_status_line(lua_State *L)
{
    size_t len;
    const char *text = lsipcodes_checkstring(L, 1, &len, "string");
    struct sipcodes_status_line line;
    struct sipcodes_error err;
    if (!sipcodes_parse_status_line(text, len, &line, &err)) {
        lua_pushnil(L);
        push_syntax_error(L, "Status-Line", &err);
        return 2;
    }
    lua_pushinteger(L, line.code);
    lua_pushlstring(L, line.reason, line.reason_len);
    lua_pushlstring(L, line.version, line.version_len);
    return 3;
}

/* ---- the module ------------------------------------------------------- */

/* Functions without upvalues: each is made the first time a script reads
 * it (lsipcodes_lazy.c), so a function nobody calls costs a fresh state
 * nothing.  New functions of this kind are registered here, or in a list
 * of their own added to function_lists below. */
static const luaL_Reg plain_functions[] = {
    {"code", l_code},
    {"list", l_list},
    {"each", l_each},
    {"class", l_class},
    {"class_name", l_class_name},
    {"canonical", l_canonical},
    {"is_valid", l_is_valid},
    {"is_known", l_is_known},
    {"is_deprecated", l_is_deprecated},
    {"is_provisional", l_is_provisional},
    {"is_final", l_is_final},
    {"is_success", l_is_success},
    {"is_redirection", l_is_redirection},
    {"is_client_failure", l_is_client_failure},
    {"is_server_failure", l_is_server_failure},
    {"is_global_failure", l_is_global_failure},
    {"is_failure", l_is_failure},
    {"parse_status_line", l_parse_status_line},
    {"copy", lsipcodes_copy},
    {NULL, NULL}
};

static const luaL_Reg *const function_lists[] = {
    plain_functions,
    lsipcodes_interwork_functions,
    lsipcodes_routing_functions,
    NULL
};

/* Key, in the module's lazy metatable, of the code -> phrase table (its
 * address; nothing is stored in it). */
static const char reasons_key = 'r';

/* The table is made on first use, like the constants: interning 77
 * phrases was most of what require cost a fresh lua_State.  It is kept in
 * the metatable of the module's backing table (each require its own), not
 * reached through the proxy sip.reasons, so that whatever a script does
 * to the proxy, reason() reads the true table. */
void lsipcodes_push_reasons(lua_State *L, int module)
{
    size_t i, n;
    lua_getmetatable(L, module);
    lua_pushlightuserdata(L, (void *)&reasons_key);
    lua_rawget(L, -2);
    if (!lua_isnil(L, -1)) {
        lua_remove(L, -2);
        return;
    }
    lua_pop(L, 1);
    n = sipcodes_count();
#if LUA_VERSION_NUM == 501 && !LSIPCODES_LUAJIT
    /* Lua 5.1 hashes integer keys as doubles: an array part holding every
     * valid code makes sip.reasons[c] and reason(c) about 25 instructions
     * cheaper per lookup, for about 5 KB more per lua_State.  (5.2+ hash
     * integers cheaply; LuaJIT compiles either.) */
    lua_createtable(L, SIPCODES_MAX_CODE, 0);            /* code -> phrase */
#else
    lua_createtable(L, 0, (int)n);                       /* code -> phrase */
#endif
    for (i = 0; i < n; i++) {
        const struct sipcodes_entry *e = sipcodes_at(i);
        lua_pushlstring(L, e->reason, strlen(e->reason));
        lua_rawseti(L, -2, e->code);
    }
    lua_pushlightuserdata(L, (void *)&reasons_key);
    lua_pushvalue(L, -2);
    lua_rawset(L, -4);
    lua_remove(L, -2);
}

/* sip.reasons: the read-only view of that table. */
static int make_reasons(lua_State *L)
{
    lsipcodes_push_reasons(L, 1);
    lsipcodes_readonly(L, "sipcodes.reasons");
    return 1;
}

/* sip.reason: a closure over the same table. */
static int make_reason(lua_State *L)
{
    lsipcodes_push_reasons(L, 1);
    lua_pushcclosure(L, l_reason, 1);
    return 1;
}

/* Fields that are built on first use by the function given: tables,
 * closures with upvalues of their own.  New ones are registered here. */
static const luaL_Reg makers[] = {
    {"reasons", make_reasons},
    {"reason", make_reason},
    {"q850_causes", lsipcodes_make_q850_causes},
    {"freeswitch_causes", lsipcodes_make_freeswitch_causes},
    {"matcher", lsipcodes_make_matcher},
    {NULL, NULL}
};

static const struct lsipcodes_lazy lazy_fields = { function_lists, makers };

/* Sets module[name] = a closure of fn over the value on top (popped). */
static void set_closure(lua_State *L, int module, const char *name,
                        lua_CFunction fn)
{
    lua_pushcclosure(L, fn, 1);
    lua_setfield(L, module, name);
}

/* format() and status_line() over the cache on top (popped); on PUC Lua
 * with upvalue 2, whether format_fill has grown the cache yet. */
static void set_cached(lua_State *L, int module, const char *name,
                       lua_CFunction fn)
{
#if LSIPCODES_LUAJIT
    lua_pushcclosure(L, fn, 1);
#else
    lua_pushboolean(L, 0);
    lua_pushcclosure(L, fn, 2);
#endif
    lua_setfield(L, module, name);
}

int luaopen_sipcodes(lua_State *L)
{
    int module, formats, lines;

    sipcodes_compat_checkversion(L);
    lua_createtable(L, 0, 8);
    module = lua_gettop(L);
    lsipcodes_lazy_fields(L, module, &lazy_fields);

    lua_newtable(L);
    set_closure(L, module, "info", l_info);
    lua_newtable(L);                                     /* format cache */
    formats = lua_gettop(L);
    lua_pushvalue(L, formats);
    set_cached(L, module, "format", l_format);
    lua_newtable(L);                                     /* status_line cache */
    lines = lua_gettop(L);
    lua_pushvalue(L, lines);
    set_cached(L, module, "status_line", l_status_line);

    lua_pushliteral(L, SIPCODES_VERSION);
    lua_setfield(L, module, "_VERSION");

    /* Last, so that it wraps every function registered above. */
    lsipcodes_jit_wrap(L, module, formats, lines);

    lua_settop(L, module);
    lsipcodes_readonly(L, "sipcodes");
    return 1;
}
