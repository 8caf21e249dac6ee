/*
 * Arguments in, errors out: the input rules of api.md, the same on every
 * VM, and error messages that name the function and the argument the way
 * Lua's own do.
 *
 * luaL_checkinteger is deliberately not used: Lua 5.1 and LuaJIT truncate
 * 486.5 to 486 and accept "486 " through string coercion, while 5.3+ raise
 * "number has no integer representation".  Deciding from the value's own
 * type, with the core's rules, gives every VM one answer.
 */
#ifndef LSIPCODES_ARGS_H
#define LSIPCODES_ARGS_H

#include "binding.h"
#include "codes.h"
#include "error.h"

#if defined(__GNUC__)
#define LSIPCODES_ASSUME(x) do { if (!(x)) __builtin_unreachable(); } while (0)
#define LSIPCODES_LIKELY(x) __builtin_expect(!!(x), 1)
#else
#define LSIPCODES_ASSUME(x) ((void)0)
#define LSIPCODES_LIKELY(x) (x)
#endif

/* The code at idx when it is a number or string that is a valid code, 0
 * when it is a number or string that is not; any other type raises
 * "bad argument #idx to '<fn>' (SIP status code expected, got <type>)".
 * Numbers are decided here, inline, because every hot function starts
 * with this; text and errors take lsipcodes_tocode_other. */
LSIPCODES_LOCAL int lsipcodes_tocode_other(lua_State *L, int idx);

static inline int lsipcodes_tocode(lua_State *L, int idx)
{
    int code;
    if (lsipcodes_isinteger(L, idx))
        code = sipcodes_from_integer((long long)lua_tointeger(L, idx));
    else if (LSIPCODES_LIKELY(lua_type(L, idx) == LUA_TNUMBER))
        code = sipcodes_from_double((double)lua_tonumber(L, idx));
    else
        code = lsipcodes_tocode_other(L, idx);
    /* What the core promises, told to the compiler: the rules that follow
     * (class, predicates) then compile to a test or two. */
    LSIPCODES_ASSUME(code == 0 || sipcodes_is_valid(code));
    return code;
}

/* The optional class argument of list() and each(): 0 for nil/none, else
 * an integral number 1..6; anything else is an argument error. */
LSIPCODES_LOCAL int lsipcodes_optclass(lua_State *L, int idx);

/* A string argument (no number coercion): any other type is an argument
 * error naming `what` ("string expected, got no value"). */
LSIPCODES_LOCAL const char *lsipcodes_checkstring(lua_State *L, int idx,
                                                  size_t *len,
                                                  const char *what);

/* luaL_argerror, except that an error raised for one of the LuaJIT
 * functions (jit_functions.lua) names the function and the position the
 * way a direct call would: the Lua function's caller, not the Lua
 * function. */
LSIPCODES_LOCAL int lsipcodes_argerror(lua_State *L, int idx, const char *msg);

/* Raises "bad argument #idx to '<fn>' (<expected> expected, got <type>)";
 * <type> is "no value" for an argument that was not given. */
LSIPCODES_LOCAL int lsipcodes_typeerror(lua_State *L, int idx,
                                        const char *expected);

/* Pushes "invalid <what>: <message> at byte <n>" (n counted from 1, at
 * full width: a text of 2 GiB or more has offsets an int cannot hold) and
 * returns it.  With text (not NULL), the text is quoted after <what>, as
 * lsipcodes_push_excerpt quotes it. */
LSIPCODES_LOCAL const char *lsipcodes_push_syntax_error(
    lua_State *L, const char *what, const char *text, size_t len,
    const struct sipcodes_error *err);

/* Pushes text as a script would write it in a message: in double quotes,
 * with quotes, backslashes, NULs, controls and bytes above 127 escaped
 * (\ddd), and cut after LSIPCODES_EXCERPT bytes of the text with "..." so
 * that a 10 MB argument is not echoed whole. */
#define LSIPCODES_EXCERPT 40
LSIPCODES_LOCAL const char *lsipcodes_push_excerpt(lua_State *L,
                                                   const char *text,
                                                   size_t len);

/* Pushes the inside of a quoted-string (a header's text) without its
 * quoted-pair escapes. */
LSIPCODES_LOCAL void lsipcodes_push_unquoted(lua_State *L, const char *text,
                                             size_t len);

/* Pushes the integer, or nil when it is 0: what most functions return
 * for "no code". */
LSIPCODES_LOCAL int lsipcodes_push_code(lua_State *L, int code);

/* The chunk name of the LuaJIT functions, by which argument errors know
 * them. */
#define LSIPCODES_JIT_CHUNKNAME "=sipcodes"

#endif
