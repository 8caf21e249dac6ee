rockspec_format = "3.0"
package = "sipcodes"
version = "1.0.0-1"

source = {
   url = "git+https://github.com/sipcodes/sipcodes.git",
   tag = "v1.0.0",
}

description = {
   summary = "The SIP response code table for Lua, with lookups, classification, formatting and parsing",
   detailed = [[
      Every SIP response code of the IANA registry (100 Trying to 608 Rejected)
      as immutable lookup tables, with functions to classify codes (RFC 3261),
      map unknown codes to what a UAC must treat them as, format status lines
      and parse them strictly. Written in C; the same answers on Lua 5.1-5.4
      and LuaJIT.
   ]],
   homepage = "https://github.com/sipcodes/sipcodes",
   license = "MIT",
   labels = { "sip", "voip", "kamailio", "freeswitch", "openresty" },
}

dependencies = {
   "lua >= 5.1, < 5.5",
}

build = {
   type = "builtin",
   modules = {
      sipcodes = {
         sources = {
            "csrc/core/codes.c",
            "csrc/core/code_table.c",
            "csrc/core/grammar.c",
            "csrc/lua/lsipcodes.c",
            "csrc/lua/lsipcodes_args.c",
            "csrc/lua/lsipcodes_readonly.c",
            "csrc/core/q850.c",
            "csrc/core/reason_header.c",
            "csrc/core/response_headers.c",
            "csrc/lua/lsipcodes_interwork.c",
            "csrc/core/routing.c",
            "csrc/core/pattern.c",
            "csrc/lua/lsipcodes_routing.c",
            "csrc/lua/lsipcodes_lazy.c",
            "csrc/lua/lsipcodes_jit.c",
         },
         incdirs = { "csrc/core", "csrc/lua" },
      },
   },
   install = {
      bin = { sipcode = "bin/sipcode" },
   },
   -- shipped inside the installed rock: editor type definitions, API reference
   copy_directories = { "types", "docs" },
}

test = {
   type = "busted",
}
