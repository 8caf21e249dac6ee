/*
 * Under LuaJIT, the hot functions become the Lua functions of
 * jit_functions.lua (see there why), built from tables the core fills.
 */
#include "args.h"
#include "binding.h"
#include "sipcodes.h"

#include <string.h>

/* jit_functions.lua as C strings, one per line: made by the Makefile. */
#include "jit_functions.lua.h"

/* The C functions the Lua functions stand for (the predicates are added
 * from the core's list). */
static const char *const replaced[] = {
    "reason", "class", "canonical", "is_known", "format", "status_line", NULL
};

struct chunk_reader {
    size_t line;
};

static const char *read_line(lua_State *L, void *data, size_t *size)
{
    struct chunk_reader *r = (struct chunk_reader *)data;
    const char *line = lsipcodes_jit_functions_lua[r->line];
    (void)L;
    if (line == NULL) {
        *size = 0;
        return NULL;
    }
    r->line++;
    *size = strlen(line);
    return line;
}

/* Pushes a table code -> value(code) for every valid code, with an array
 * slot for each: the Lua functions index it only with valid codes. */
static void push_code_map(lua_State *L, int (*value)(int))
{
    int code;
    lua_createtable(L, SIPCODES_MAX_CODE, 0);
    for (code = SIPCODES_MIN_CODE; code <= SIPCODES_MAX_CODE; code++) {
        lua_pushinteger(L, value(code));
        lua_rawseti(L, -2, code);
    }
}

static int class_of(int code)
{
    return sipcodes_class(code);
}

/* Appends {name, lowest code, highest code} of classes first..last to
 * the list on top of the stack. */
static void add_bounds(lua_State *L, const char *name, int first, int last)
{
    lua_createtable(L, 3, 0);
    lua_pushstring(L, name);
    lua_rawseti(L, -2, 1);
    lua_pushinteger(L, SIPCODES_CLASS_LOW(first));
    lua_rawseti(L, -2, 2);
    lua_pushinteger(L, SIPCODES_CLASS_HIGH(last));
    lua_rawseti(L, -2, 3);
    lua_rawseti(L, -2, (int)lsipcodes_rawlen(L, -2) + 1);
}

void lsipcodes_use_jit_functions(lua_State *L, int data, int internal)
{
    struct chunk_reader reader = {0};
    int i;

    /* The base library's type() and the bit library's tobit(), taken now,
     * so that a script that later replaces the globals changes nothing
     * here.  A host without them keeps the C functions, which give the
     * same answers. */
    lsipcodes_pushglobals(L);
    lua_getfield(L, -1, "type");
    lua_remove(L, -2);
    lua_getfield(L, LUA_REGISTRYINDEX, "_LOADED");
    lua_getfield(L, -1, "bit");
    lua_remove(L, -2);
    if (lua_type(L, -1) == LUA_TTABLE)
        lua_getfield(L, -1, "tobit");
    else
        lua_pushnil(L);
    lua_remove(L, -2);                              /* type, tobit */
    if (!lua_iscfunction(L, -2) || !lua_iscfunction(L, -1)) {
        lua_pop(L, 2);
        return;
    }

    if (lsipcodes_load(L, read_line, &reader, LSIPCODES_JIT_CHUNKNAME) != 0)
        luaL_error(L, "sipcodes: cannot load its LuaJIT functions: %s",
                   lua_tostring(L, -1));
    /* No globals at all: everything the chunk uses is in `given`. */
    lua_newtable(L);
    lsipcodes_setchunkenv(L, -2);
    lua_insert(L, -3);                              /* chunk, type, tobit */

    lua_createtable(L, 0, 12);                      /* given */
    lua_insert(L, -3);
    lua_setfield(L, -3, "tobit");
    lua_setfield(L, -2, "type");
    lua_pushinteger(L, SIPCODES_MIN_CODE);
    lua_setfield(L, -2, "min_code");
    lua_pushinteger(L, SIPCODES_MAX_CODE);
    lua_setfield(L, -2, "max_code");
    lua_getfield(L, internal, LSIPCODES_REASONS);
    lua_setfield(L, -2, "reasons");
    push_code_map(L, class_of);
    lua_setfield(L, -2, "class_of");
    push_code_map(L, sipcodes_canonical);
    lua_setfield(L, -2, "canonical_of");
    /* The C functions fill these, the Lua functions read them. */
    lua_getfield(L, internal, LSIPCODES_FORMATS);
    lua_setfield(L, -2, "formats");
    lua_getfield(L, internal, LSIPCODES_LINES);
    lua_setfield(L, -2, "lines");

    /* The C functions the Lua functions stand for. */
    lua_newtable(L);
    for (i = 0; replaced[i] != NULL; i++) {
        lua_getfield(L, data, replaced[i]);
        lua_setfield(L, -2, replaced[i]);
    }
#define GET_PREDICATE(name, first, last) \
    lua_getfield(L, data, #name);        \
    lua_setfield(L, -2, #name);
    SIPCODES_CLASS_PREDICATES(GET_PREDICATE)
#undef GET_PREDICATE
    lua_setfield(L, -2, "c");

    lua_newtable(L);
#define ADD_BOUNDS(name, first, last) add_bounds(L, #name, first, last);
    SIPCODES_CLASS_PREDICATES(ADD_BOUNDS)
#undef ADD_BOUNDS
    lua_setfield(L, -2, "predicates");

    if (lua_pcall(L, 1, 2, 0) != 0)
        luaL_error(L, "sipcodes: cannot run its LuaJIT functions: %s",
                   lua_tostring(L, -1));
    lua_setfield(L, internal, LSIPCODES_PREDICATE);
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, data);
    }
    lua_pop(L, 1);
}
