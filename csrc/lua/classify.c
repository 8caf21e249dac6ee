/*
 * Classification: class, class_name, canonical and the predicates.  Every
 * rule is the core's (codes.h); these functions convert the argument and
 * push the answer.
 */
#include "args.h"
#include "binding.h"
#include "sipcodes.h"

static int l_class(lua_State *L)
{
    int code;
    if (lsipcodes_isinteger(L, 1)) {
        code = sipcodes_from_integer((long long)lua_tointeger(L, 1));
    } else if (LSIPCODES_LIKELY(lua_type(L, 1) == LUA_TNUMBER)) {
        /* A double (every number before Lua 5.3): its own short path. */
        lua_Number value = lua_tonumber(L, 1);
        if (LSIPCODES_LIKELY(sipcodes_double_in(value, SIPCODES_MIN_CODE,
                                                SIPCODES_MAX_CODE))) {
            LSIPCODES_ASSUME(sipcodes_is_valid((int)value));
            lua_pushinteger(L, sipcodes_class((int)value));
        } else {
            lua_pushnil(L);
        }
        return 1;
    } else {
        code = lsipcodes_tocode_other(L, 1);
    }
    if (code == 0)
        lua_pushnil(L);
    else
        lua_pushinteger(L, sipcodes_class(code));
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
    return lsipcodes_push_code(L, sipcodes_canonical(lsipcodes_tocode(L, 1)));
}

static int l_is_known(lua_State *L)
{
    lua_pushboolean(L, sipcodes_is_known(lsipcodes_tocode(L, 1)));
    return 1;
}

static int l_is_deprecated(lua_State *L)
{
    lua_pushboolean(L, sipcodes_is_deprecated(lsipcodes_tocode(L, 1)));
    return 1;
}

/* l_is_valid ... l_is_failure, one per predicate of the core.  A double
 * (every number before Lua 5.3) is compared with the classes' codes
 * directly, which saves the hot path a few instructions. */
#define DEFINE_PREDICATE(name, first, last)                             \
    static int l_##name(lua_State *L)                                   \
    {                                                                   \
        int answer;                                                     \
        if (lsipcodes_isinteger(L, 1))                                  \
            answer = sipcodes_##name(sipcodes_from_integer(             \
                (long long)lua_tointeger(L, 1)));                       \
        else if (LSIPCODES_LIKELY(lua_type(L, 1) == LUA_TNUMBER))       \
            answer = sipcodes_double_in(lua_tonumber(L, 1),             \
                                        SIPCODES_CLASS_LOW(first),      \
                                        SIPCODES_CLASS_HIGH(last));     \
        else                                                            \
            answer = sipcodes_##name(lsipcodes_tocode_other(L, 1));     \
        lua_pushboolean(L, answer);                                     \
        return 1;                                                       \
    }
SIPCODES_CLASS_PREDICATES(DEFINE_PREDICATE)
#undef DEFINE_PREDICATE

#define REGISTER_PREDICATE(name, first, last) {#name, l_##name},

const luaL_Reg lsipcodes_classify_functions[] = {
    {"class", l_class},
    {"class_name", l_class_name},
    {"canonical", l_canonical},
    {"is_known", l_is_known},
    {"is_deprecated", l_is_deprecated},
    SIPCODES_CLASS_PREDICATES(REGISTER_PREDICATE)
    {NULL, NULL}
};
