rockspec_format = "3.0"
package = "sipcodes"
version = "scm-1"

source = {
   url = "git+https://github.com/sipcodes/sipcodes.git",
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
            "csrc/sipcodes.c",
            "csrc/sipcodes_table.c",
            "csrc/sipcodes_grammar.c",
            "csrc/lsipcodes.c",
            "csrc/lsipcodes_args.c",
            "csrc/lsipcodes_readonly.c",
            "csrc/sipcodes_q850.c",
            "csrc/sipcodes_reason_header.c",
            "csrc/sipcodes_headers.c",
            "csrc/lsipcodes_interwork.c",
            "csrc/sipcodes_routing.c",
            "csrc/sipcodes_pattern.c",
            "csrc/lsipcodes_routing.c",
            "csrc/lsipcodes_lazy.c",
            "csrc/lsipcodes_jit.c",
         },
         incdirs = { "csrc" },
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
