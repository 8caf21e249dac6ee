/*
 * LuaJIT: the hot functions as Lua closures over the module's own tables.
 *
 * LuaJIT cannot compile a call to a lua_CFunction: a trace that meets one
 * is stitched around it and that part of the loop runs at interpreter
 * speed, about five times slower than a table lookup.  A Lua function that
 * reads the same table is inlined into the trace instead.  So on LuaJIT,
 * and only there, the chunk below replaces reason, class, the is_*
 * predicates, canonical, format and status_line by small Lua functions that answer every number themselves from the tables the C
 * functions use, and pass anything else (strings, wrong types, an explicit
 * reason) to the C function they replace, which gives the identical
 * answer or raises the identical argument error (see lsipcodes_argerror).
 *
 * Why numbers are safe to answer here: reasons[c] is exactly the answer
 * of reason(c) for every number (486.0 is the key 486; 486.5, NaN and
 * infinities are no keys), and "c % 1 == 0" with a range test is exactly
 * the core's rule for an integral code.  format() and status_line() read
 * the C functions' own caches and call C only the first time a valid code
 * is formatted, to fill them.
 *
 * Compiling the chunk costs a fresh lua_State more than everything else
 * luaopen does, so it runs the first time a script reads one of those
 * names (or walks the module), not at require.
 */
#include "lsipcodes_private.h"

#if LSIPCODES_LUAJIT

#include <string.h>

static const char wrappers[] =
    "local module, reasons, formats, lines, c_reason, c_format, c_status_line = ...\n"
    "local type, floor = type, math.floor\n"
    /* Each wrapper is vararg so that the C function sees exactly the
     * arguments the caller gave ("got no value" versus "got nil"). */
    /* A hit needs no type test: only numbers are keys. */
    "local function lookup(c_fn)\n"
    "  return function(...)\n"
    "    local code = ...\n"
    "    local r = reasons[code]\n"
    "    if r ~= nil or type(code) == 'number' then return r end\n"
    "    return (c_fn(...))\n"
    "  end\n"
    "end\n"
    "local function between(lo, hi, c_fn)\n"
    "  return function(...)\n"
    "    local code = ...\n"
    "    if type(code) == 'number' then\n"
    "      return code >= lo and code <= hi and code % 1 == 0\n"
    "    end\n"
    "    return (c_fn(...))\n"
    "  end\n"
    "end\n"
    "local function cached(cache, c_fn)\n"
    "  return function(...)\n"
    "    local code, reason = ...\n"
    "    if reason == nil then\n"
    "      local s = cache[code]\n"
    "      if s ~= nil then return s end\n"
    "      if type(code) == 'number' and not (code >= 100 and code <= 699 and code % 1 == 0) then\n"
    "        return nil\n"
    "      end\n"
    "    end\n"
    "    return (c_fn(...))\n"
    "  end\n"
    "end\n"
    "local c_class, c_canonical, c_known = module.class, module.canonical, module.is_known\n"
    "module.reason = lookup(c_reason)\n"
    "module.is_known = function(...)\n"
    "  local code = ...\n"
    "  if type(code) == 'number' then return reasons[code] ~= nil end\n"
    "  return (c_known(...))\n"
    "end\n"
    "module.class = function(...)\n"
    "  local code = ...\n"
    "  if type(code) == 'number' then\n"
    "    if code >= 100 and code <= 699 and code % 1 == 0 then return floor(code / 100) end\n"
    "    return nil\n"
    "  end\n"
    "  return (c_class(...))\n"
    "end\n"
    "module.canonical = function(...)\n"
    "  local code = ...\n"
    "  if type(code) == 'number' then\n"
    "    if reasons[code] ~= nil then return code end\n"
    "    if code >= 100 and code <= 699 and code % 1 == 0 then\n"
    "      if code < 200 then return 183 end\n"
    "      return code - code % 100\n"
    "    end\n"
    "    return nil\n"
    "  end\n"
    "  return (c_canonical(...))\n"
    "end\n"
    "module.is_valid = between(100, 699, module.is_valid)\n"
    "module.is_provisional = between(100, 199, module.is_provisional)\n"
    "module.is_final = between(200, 699, module.is_final)\n"
    "module.is_success = between(200, 299, module.is_success)\n"
    "module.is_redirection = between(300, 399, module.is_redirection)\n"
    "module.is_client_failure = between(400, 499, module.is_client_failure)\n"
    "module.is_server_failure = between(500, 599, module.is_server_failure)\n"
    "module.is_global_failure = between(600, 699, module.is_global_failure)\n"
    "module.is_failure = between(400, 699, module.is_failure)\n"
    "module.format = cached(formats, c_format)\n"
    "module.status_line = cached(lines, c_status_line)\n";

/* The names the chunk defines. */
static const char *const wrapped[] = {
    "reason", "format", "status_line", "class", "canonical", "is_known",
    "is_valid", "is_provisional", "is_final", "is_success",
    "is_redirection", "is_client_failure", "is_server_failure",
    "is_global_failure", "is_failure", NULL
};

/* Upvalues of jit_index: the module's ordinary __index, the format and
 * status_line caches and the C functions over them. */
enum { UV_INDEX = 1, UV_FORMATS, UV_LINES, UV_FORMAT, UV_STATUS_LINE,
       UV_COUNT = UV_STATUS_LINE };

static int is_wrapped(const char *name)
{
    int i;
    for (i = 0; wrapped[i] != NULL; i++)
        if (strcmp(wrapped[i], name) == 0)
            return 1;
    return 0;
}

/* __index(module, key) until the chunk has run. */
static int jit_index(lua_State *L)
{
    int i;
    lua_settop(L, 2);
    if (lua_type(L, 2) != LUA_TSTRING || !is_wrapped(lua_tostring(L, 2))) {
        lua_pushvalue(L, lua_upvalueindex(UV_INDEX));
        lua_insert(L, 1);
        lua_call(L, 2, 1);
        return 1;
    }
    /* From now on the module's fields come the ordinary way; the chunk
     * reads the C functions it wraps through it. */
    lua_getmetatable(L, 1);
    lua_pushvalue(L, lua_upvalueindex(UV_INDEX));
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    if (luaL_loadbuffer(L, wrappers, sizeof wrappers - 1,
                        LSIPCODES_JIT_CHUNKNAME) != 0)
        return lua_error(L);
    /* sip.reason is made on first use: reading it here, the ordinary way,
     * makes the C function the wrapper falls back on. */
    lua_pushvalue(L, 1);
    lsipcodes_push_reasons(L, 1);
    lua_pushvalue(L, lua_upvalueindex(UV_FORMATS));
    lua_pushvalue(L, lua_upvalueindex(UV_LINES));
    lua_getfield(L, 1, "reason");
    for (i = UV_FORMAT; i <= UV_STATUS_LINE; i++)
        lua_pushvalue(L, lua_upvalueindex(i));
    lua_call(L, 7, 0);
    lua_rawget(L, 1);
    return 1;
}

void lsipcodes_jit_wrap(lua_State *L, int module, int formats, int lines)
{
    static const char *const c_functions[] = { "format", "status_line" };
    int i;
    lua_getmetatable(L, module);
    lua_getfield(L, -1, "__index");
    lua_pushvalue(L, formats);
    lua_pushvalue(L, lines);
    /* The C functions with upvalues leave the module until the chunk puts
     * their wrappers there: a field that exists would never reach
     * jit_index. */
    for (i = 0; i < 2; i++) {
        lua_getfield(L, module, c_functions[i]);
        lua_pushnil(L);
        lua_setfield(L, module, c_functions[i]);
    }
    lua_pushcclosure(L, jit_index, UV_COUNT);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
}

#else

void lsipcodes_jit_wrap(lua_State *L, int module, int formats, int lines)
{
    (void)L;
    (void)module;
    (void)formats;
    (void)lines;
}

#endif
