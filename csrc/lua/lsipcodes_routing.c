/*
 * The routing helpers in Lua: best_response, stops_forking, may_retry,
 * treat_as, matcher and matches.
 *
 * matcher(pattern) is the one with a speed contract: OpenResty calls the
 * predicate in hot paths, and LuaJIT cannot compile a call into C (it
 * stitches the trace around it).  So there the predicate is a Lua closure
 * over a plain table holding the matching codes: a number is answered by
 * one table lookup, all in Lua.  Only other types go to C, where the usual
 * input rules apply ("486" counts; nil is an argument error).  On PUC Lua,
 * where a C call is cheaper than a Lua one, the predicate is a C closure
 * over the same table (bench/routing.lua measures both).
 */
#include "lsipcodes_private.h"
#include "sipcodes.h"

#include <lualib.h>
#include <string.h>

/* LuaJIT's lualib.h names its jit library; PUC Lua's does not. */
#if defined(LUA_JITLIBNAME)
#define ROUTING_PREDICATE_IN_LUA 1
#else
#define ROUTING_PREDICATE_IN_LUA 0
#endif

/* ---- single codes ----------------------------------------------------- */

static int l_stops_forking(lua_State *L)
{
    lua_pushboolean(L, sipcodes_stops_forking(lsipcodes_tocode(L, 1)));
    return 1;
}

static int l_may_retry(lua_State *L)
{
    const char *what = sipcodes_may_retry(lsipcodes_tocode(L, 1));
    if (what == NULL)
        lua_pushnil(L);
    else
        lua_pushstring(L, what);
    return 1;
}

/* treat_as(code [, retry_after]): any value but nil/false as the second
 * argument means the response carried a Retry-After, so that a header
 * value can be passed straight in. */
static int l_treat_as(lua_State *L)
{
    int code = sipcodes_treat_as(lsipcodes_tocode(L, 1), lua_toboolean(L, 2));
    if (code == 0)
        lua_pushnil(L);
    else
        lua_pushinteger(L, code);
    return 1;
}

/* ---- best response ---------------------------------------------------- */

static int l_best_response(lua_State *L)
{
    struct sipcodes_best best;
    size_t i, n, index;
    int code;

    if (lua_type(L, 1) != LUA_TTABLE) {
        lua_pushfstring(L, "table of status codes expected, got %s",
                        luaL_typename(L, 1));
        return luaL_argerror(L, 1, lua_tostring(L, -1));
    }
    n = (size_t)sipcodes_compat_rawlen(L, 1);
    sipcodes_best_init(&best);
    for (i = 1; i <= n; i++) {
        int t;
        lua_rawgeti(L, 1, (int)i);
        t = lua_type(L, -1);
        if (t != LUA_TNUMBER && t != LUA_TSTRING) {
            lua_pushfstring(L, "status code expected at index %d, got %s",
                            (int)i, luaL_typename(L, -1));
            return luaL_argerror(L, 1, lua_tostring(L, -1));
        }
        /* Numbers and strings never raise here; what is not a valid code
         * (0) is not a final response and is ignored. */
        sipcodes_best_offer(&best, lsipcodes_tocode(L, -1), i);
        lua_pop(L, 1);
    }
    code = sipcodes_best_result(&best, &index);
    lua_pushinteger(L, code);
    if (index == SIPCODES_NO_INDEX)
        lua_pushnil(L);
    else
        lua_pushinteger(L, (lua_Integer)index);
    return 2;
}

/* ---- patterns --------------------------------------------------------- */

/* Compiles the pattern at idx or raises an argument error that quotes it
 * and says where it went wrong. */
static void check_pattern(lua_State *L, int idx, struct sipcodes_codeset *set)
{
    size_t len;
    const char *text = lsipcodes_checkstring(L, idx, &len, "status pattern");
    struct sipcodes_error err;
    if (!sipcodes_pattern_compile(text, len, set, &err)) {
        lua_pushfstring(L, "invalid status pattern \"%s\": %s at byte %d",
                        text, err.message, (int)err.offset + 1);
        luaL_argerror(L, idx, lua_tostring(L, -1));
    }
}

static int l_matches(lua_State *L)
{
    struct sipcodes_codeset set;
    int code = lsipcodes_tocode(L, 1);
    check_pattern(L, 2, &set);
    lua_pushboolean(L, sipcodes_codeset_contains(&set, code));
    return 1;
}

/* The predicate's answer for the argument at 1, given its set as upvalue
 * 1.  A type error is reported where the predicate was called: `level`
 * counts from this C function up to that caller. */
static int predicate_answer(lua_State *L, int level)
{
    int t = lua_type(L, 1);
    if (t != LUA_TNUMBER && t != LUA_TSTRING) {
        luaL_where(L, level);
        lua_pushfstring(L, "bad argument #1 to 'matcher' "
                        "(SIP status code expected, got %s)",
                        luaL_typename(L, 1));
        lua_concat(L, 2);
        return lua_error(L);
    }
    lua_rawgeti(L, lua_upvalueindex(1), lsipcodes_tocode(L, 1));
    lua_pushboolean(L, lua_toboolean(L, -1));
    return 1;
}

#if ROUTING_PREDICATE_IN_LUA

/* Anything but a number, from the Lua predicate below (level 2: the Lua
 * predicate's caller). */
static int predicate_slow_path(lua_State *L)
{
    return predicate_answer(L, 2);
}

/* Returns a function (set, slow_path) -> predicate.  The call to the slow
 * path is deliberately not a tail call, so that the predicate's caller is
 * always two levels up from it on every VM. */
static const char predicate_factory[] =
    "return function(set, slow_path)\n"
    "  return function(code)\n"
    "    if type(code) == 'number' then return set[code] == true end\n"
    "    local result = slow_path(code)\n"
    "    return result\n"
    "  end\n"
    "end\n";

/* Replaces the set on top of the stack by the Lua predicate over it; the
 * factory is loaded on first use and kept in `holder`[1], so that a state
 * that never calls matcher() never compiles it. */
static void push_predicate(lua_State *L, int holder)
{
    lua_rawgeti(L, holder, 1);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        if (luaL_loadbuffer(L, predicate_factory, sizeof predicate_factory - 1,
                            "=sipcodes.matcher") != 0)
            lua_error(L);
        lua_call(L, 0, 1);
        lua_pushvalue(L, -1);
        lua_rawseti(L, holder, 1);
    }
    lua_insert(L, -2);                      /* factory, set */
    lua_pushvalue(L, -1);
    lua_pushcclosure(L, predicate_slow_path, 1);
    lua_call(L, 2, 1);                      /* factory(set, slow path) */
}

#else

/* On PUC Lua a C function is the cheaper predicate: a Lua closure that
 * indexes the set costs about twice as many instructions per call. */
static int predicate_direct(lua_State *L)
{
    return predicate_answer(L, 1);
}

static void push_predicate(lua_State *L, int holder)
{
    (void)holder;
    lua_pushcclosure(L, predicate_direct, 1);
}

#endif

/* upvalue 1: predicates already made, by pattern, held weakly, so that a
 *            route that calls matcher("486|408") per request pays a lookup;
 * upvalue 2: a table for push_predicate's own use. */
static int l_matcher(lua_State *L)
{
    struct sipcodes_codeset set;
    int cache = lua_upvalueindex(1);
    int code, n = 0;

    check_pattern(L, 1, &set);
    lua_settop(L, 1);
    lua_pushvalue(L, 1);
    lua_rawget(L, cache);
    if (!lua_isnil(L, -1))
        return 1;
    lua_pop(L, 1);

    for (code = SIPCODES_MIN_CODE; code <= SIPCODES_MAX_CODE; code++)
        n += sipcodes_codeset_contains(&set, code);
    lua_createtable(L, 0, n);
    for (code = SIPCODES_MIN_CODE; code <= SIPCODES_MAX_CODE; code++) {
        if (sipcodes_codeset_contains(&set, code)) {
            lua_pushboolean(L, 1);
            lua_rawseti(L, -2, code);
        }
    }
    push_predicate(L, lua_upvalueindex(2));

    lua_pushvalue(L, 1);
    lua_pushvalue(L, -2);
    lua_rawset(L, cache);
    return 1;
}

/* ---- registration ----------------------------------------------------- */

const luaL_Reg lsipcodes_routing_functions[] = {
    {"best_response", l_best_response},
    {"stops_forking", l_stops_forking},
    {"may_retry", l_may_retry},
    {"treat_as", l_treat_as},
    {"matches", l_matches},
    {NULL, NULL}
};

int lsipcodes_make_matcher(lua_State *L)
{
    lua_newtable(L);                        /* matcher's cache */
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "v");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_newtable(L);                        /* for push_predicate */
    lua_pushcclosure(L, l_matcher, 2);
    return 1;
}
