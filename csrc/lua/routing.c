/*
 * Routing helpers: best_response, stops_forking, may_retry, treat_as,
 * matcher and matches.
 *
 * matcher(pattern) returns a predicate that OpenResty calls in hot paths.
 * On PUC Lua it is a C function over the compiled set of codes (a bitset
 * in a small userdata).  Under LuaJIT, which cannot compile a call into C,
 * it is a Lua function over a table of the matching codes, made by
 * jit_functions.lua; only what is not a number goes on to C.
 */
#include "args.h"
#include "binding.h"
#include "sipcodes.h"

#include <stdio.h>


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
    int code = lsipcodes_tocode(L, 1);
    return lsipcodes_push_code(L, sipcodes_treat_as(code, lua_toboolean(L, 2)));
}

/* ---- best response ---------------------------------------------------- */

/* Is the key at idx an entry of the list: a whole number at least 1?
 * Decided on the key as it is, an integer or a float alike, so that the
 * rule holds for every number type a Lua is built with. */
static int is_entry(lua_State *L, int idx)
{
    double n;
    if (lua_type(L, idx) != LUA_TNUMBER)
        return 0;
    if (lsipcodes_isinteger(L, idx))
        return lua_tointeger(L, idx) >= 1;
    n = (double)lua_tonumber(L, idx);
    if (!(n >= 1))                              /* NaN fails this too */
        return 0;
    if (n >= 9007199254740992.0)                /* 2^53 and up: whole */
        return n - n == 0;                      /* unless infinite */
    return (double)(long long)n == n;           /* fits: exact test */
}

/* The error for an entry (key at 3, value at 4) that is neither a number
 * nor a string.  The key is written in full, as the whole number it is
 * (lua_tostring would write 2^53 as 9.007199254741e+15 on some VMs). */
static int entry_error(lua_State *L)
{
    char key[400];
    if (lsipcodes_isinteger(L, 3))
        snprintf(key, sizeof key, "%lld", (long long)lua_tointeger(L, 3));
    else
        snprintf(key, sizeof key, "%.0f", (double)lua_tonumber(L, 3));
    lua_pushfstring(L, "status code expected at index %s, got %s", key,
                    luaL_typename(L, 4));
    return lsipcodes_argerror(L, 1, lua_tostring(L, -1));
}

/* Every key that is a whole number at least 1 is a response, at its index;
 * a nil (a host's unset value) leaves a hole that is simply not there, so
 * the answer never depends on what # says of a table with holes.  Other
 * keys (table.pack's n, 1.5) are no responses.  The index returned is the
 * chosen entry's key itself, never a converted one; of two entries with
 * the same code, the lower key wins, as the core's rule wants the earlier
 * response. */
static int l_best_response(lua_State *L)
{
    struct sipcodes_best best;
    int code;

    if (lua_type(L, 1) != LUA_TTABLE)
        return lsipcodes_typeerror(L, 1, "table of status codes");
    lua_settop(L, 1);
    lua_pushnil(L);                           /* 2: the chosen key */
    sipcodes_best_init(&best);
    lua_pushnil(L);
    while (lua_next(L, 1)) {                  /* 3: key, 4: value */
        if (is_entry(L, 3)) {
            int t = lua_type(L, 4);
            if (t != LUA_TNUMBER && t != LUA_TSTRING)
                return entry_error(L);
            /* Numbers and strings never raise here; what is not a valid
             * code (0) is not a final response and is ignored.  Codes that
             * differ rank apart, so an equal code is the only tie. */
            code = lsipcodes_tocode(L, 4);
            if (code != 0 && code == best.code) {
                if (lsipcodes_lessthan(L, 3, 2)) {
                    lua_pushvalue(L, 3);
                    lua_replace(L, 2);
                }
            } else {
                int before = best.code;
                sipcodes_best_offer(&best, code, 0);
                if (best.code != before) {
                    lua_pushvalue(L, 3);
                    lua_replace(L, 2);
                }
            }
        }
        lua_pop(L, 1);
    }
    code = sipcodes_best_result(&best, NULL);
    lua_pushinteger(L, code);
    lua_pushvalue(L, 2);
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
    if (!sipcodes_pattern_compile(text, len, set, &err))
        lsipcodes_argerror(L, idx, lsipcodes_push_syntax_error(
                                       L, "status pattern", text, len, &err));
}

static int l_matches(lua_State *L)
{
    struct sipcodes_codeset set;
    int code = lsipcodes_tocode(L, 1);
    check_pattern(L, 2, &set);
    lua_pushboolean(L, sipcodes_codeset_contains(&set, code));
    return 1;
}

/* The predicate's answer for the argument at 1; upvalue 1: the set.  A
 * type error is reported where the predicate was called: `level` counts
 * from this C function up to that caller. */
static int predicate_answer(lua_State *L, int level)
{
    const struct sipcodes_codeset *set =
        (const struct sipcodes_codeset *)lua_touserdata(L, lua_upvalueindex(1));
    int t = lua_type(L, 1);
    if (t != LUA_TNUMBER && t != LUA_TSTRING) {
        const char *got = luaL_typename(L, 1);
        luaL_where(L, level);
        lua_pushfstring(L, "bad argument #1 to 'matcher' "
                        "(SIP status code expected, got %s)", got);
        lua_concat(L, 2);
        return lua_error(L);
    }
    lua_pushboolean(L, sipcodes_codeset_contains(set, lsipcodes_tocode(L, 1)));
    return 1;
}

/* Called by the script: level 1 is its caller. */
static int predicate(lua_State *L)
{
    return predicate_answer(L, 1);
}

/* Called by the LuaJIT predicate for what is not a number: level 2.  (That
 * call is not a tail call, so the level is the same on every VM.) */
static int predicate_from_lua(lua_State *L)
{
    return predicate_answer(L, 2);
}

/* upvalue 1: predicates already made, by pattern, held weakly, so that a
 * route that calls matcher("486|408") per request pays a lookup;
 * upvalue 2: the private table, whose LSIPCODES_PREDICATE slot holds the
 * LuaJIT predicate maker when there is one. */
static int l_matcher(lua_State *L)
{
    struct sipcodes_codeset *set;
    int code;

    lua_settop(L, 1);
    if (lua_type(L, 1) == LUA_TSTRING) {
        lua_pushvalue(L, 1);
        lua_rawget(L, lua_upvalueindex(1));
        if (!lua_isnil(L, -1))
            return 1;
        lua_pop(L, 1);
    }
    set = (struct sipcodes_codeset *)lua_newuserdata(L, sizeof *set);
    check_pattern(L, 1, set);                               /* 2: set */

    lua_getfield(L, lua_upvalueindex(2), LSIPCODES_PREDICATE);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_pushcclosure(L, predicate, 1);
    } else {
        /* The codes, for LuaJIT: presized, so that they stay in the hash
         * part (see jit_functions.c). */
        int n = 0;
        for (code = SIPCODES_MIN_CODE; code <= SIPCODES_MAX_CODE; code++)
            n += sipcodes_codeset_contains(set, code);
        lua_createtable(L, 0, n);
        for (code = SIPCODES_MIN_CODE; code <= SIPCODES_MAX_CODE; code++) {
            if (sipcodes_codeset_contains(set, code)) {
                lua_pushboolean(L, 1);
                lua_rawseti(L, -2, code);
            }
        }
        lua_pushvalue(L, 2);
        lua_pushcclosure(L, predicate_from_lua, 1);
        lua_call(L, 2, 1);                      /* maker(codes, slow path) */
    }
    lua_pushvalue(L, 1);
    lua_pushvalue(L, -2);
    lua_rawset(L, lua_upvalueindex(1));
    return 1;
}

static int make_matcher(lua_State *L)
{
    lua_newtable(L);                        /* the cache */
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "v");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_pushvalue(L, 1);                    /* the private table */
    lua_pushcclosure(L, l_matcher, 2);
    return 1;
}

const luaL_Reg lsipcodes_routing_functions[] = {
    {"best_response", l_best_response},
    {"stops_forking", l_stops_forking},
    {"may_retry", l_may_retry},
    {"treat_as", l_treat_as},
    {"matches", l_matches},
    {NULL, NULL}
};

const luaL_Reg lsipcodes_routing_makers[] = {
    {"matcher", make_matcher},
    {NULL, NULL}
};
