/*
 * LuaJIT: the hot functions as Lua closures over the module's own tables.
 *
 * LuaJIT cannot compile a call to a lua_CFunction: a trace that meets one
 * is stitched around it and that part of the loop runs at interpreter
 * speed, about five times slower than a table lookup.  A Lua function that
 * reads the same table is inlined into the trace instead.  So on LuaJIT,
 * and only there, luaopen runs the chunk below once: it replaces reason,
 * class, the is_* predicates, canonical, format and status_line by small
 * Lua functions that answer every number themselves from the tables the C
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
 */
#include "lsipcodes_private.h"

#if LSIPCODES_LUAJIT

static const char wrappers[] =
    "local module, reasons, formats, lines = ...\n"
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
    "module.reason = lookup(module.reason)\n"
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
    "module.format = cached(formats, module.format)\n"
    "module.status_line = cached(lines, module.status_line)\n";

void lsipcodes_jit_wrap(lua_State *L, int module, int reasons, int formats,
                        int lines)
{
    if (luaL_loadbuffer(L, wrappers, sizeof wrappers - 1,
                        LSIPCODES_JIT_CHUNKNAME) != 0)
        lua_error(L);
    lua_pushvalue(L, module);
    lua_pushvalue(L, reasons);
    lua_pushvalue(L, formats);
    lua_pushvalue(L, lines);
    lua_call(L, 4, 0);
}

#else

void lsipcodes_jit_wrap(lua_State *L, int module, int reasons, int formats,
                        int lines)
{
    (void)L;
    (void)module;
    (void)reasons;
    (void)formats;
    (void)lines;
}

#endif
