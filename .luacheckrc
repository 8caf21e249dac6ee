-- luacheck's configuration: `luacheck .` at the top of the tree checks every
-- Lua file of the project (test/suites/15-lint runs it).  A host's globals
-- are declared only where that host's scripts live, so that a script for one
-- host cannot lean on another's, nor any other file on a host's.

-- bin/sipcode is Lua without the suffix; build/ holds what the build and the
-- suites unpack or install (Lua's sources, rocks), none of it the project's.
include_files = { "**/*.lua", "bin/sipcode", ".luacheckrc" }
exclude_files = { "build/**" }

-- The Lua code under LuaJIT: it must use only what jit_functions.c hands it,
-- so that a script that replaces a global before requiring the module cannot
-- reach into it.
files["csrc/lua/jit_functions.lua"] = { std = "none" }

files["spec"] = { std = "+busted" }

-- Type definitions for lua-language-server: the functions have no body, and
-- their arguments are there to be named and typed, never used.
files["types/sipcodes.lua"] = { unused_args = false }

-- Kamailio (app_lua): KSR, and the functions it calls.  ksr_request_route is
-- the one it calls for every request; the failure route is the name the
-- script hands to KSR.tm.t_on_failure.
local kamailio = {
    read_globals = { "KSR" },
    globals = { "ksr_request_route", "ksr_failure_route" },
}
files["examples/kamailio"] = kamailio
files["test/hosts/kamailio"] = kamailio

-- FreeSWITCH (mod_lua): the call's session and the script's arguments; stream
-- and env in API scripts and hangup hooks.
local freeswitch = {
    read_globals = { "session", "argv", "freeswitch", "stream", "env" },
}
files["examples/freeswitch"] = freeswitch
files["test/hosts/freeswitch"] = freeswitch

-- OpenResty runs LuaJIT and gives ngx.
files["examples/openresty"] = { std = "ngx_lua" }

-- HAProxy gives core; txn, applet and the rest are the arguments of what a
-- script registers with it.
files["examples/haproxy"] = { read_globals = { "core" } }

-- Wireshark's Lua API.
files["examples/wireshark"] = {
    read_globals = {
        "Proto", "ProtoField", "ProtoExpert", "Field", "Dissector", "DissectorTable",
        "register_postdissector", "base", "ftypes", "expert", "get_version",
    },
}
