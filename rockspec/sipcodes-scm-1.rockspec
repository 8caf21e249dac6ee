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
      as sealed lookup tables, with functions to classify codes (RFC 3261),
      map unknown codes to what a UAC must treat them as, and format status
      lines; status lines parsed leniently, as real SIP stacks send them, or
      strictly to RFC 3261's grammar; Q.850 causes (RFC 3398, FreeSWITCH);
      Reason header (RFC 3326) and Warning header (RFC 3261) values written
      and parsed; best-response selection and Kamailio-style status patterns;
      and the sipcode command, which explains codes and annotates SIP traces.
      Written in C; the same answers on Lua 5.1 to 5.5 and LuaJIT.
   ]],
   homepage = "https://github.com/sipcodes/sipcodes",
   license = "MIT",
   labels = { "sip", "voip", "kamailio", "freeswitch", "openresty" },
}

dependencies = {
   "lua >= 5.1",
}

build = {
   -- The project's Makefile builds the module exactly as `make` does: hidden
   -- visibility, the platform's link flags (LuaRocks' LIBFLAG), and the Lua
   -- source the binding runs turned into C.
   type = "make",
   build_target = "module",
   build_variables = {
      CFLAGS = "$(CFLAGS)",
      LIBFLAG = "$(LIBFLAG)",
      LUA_INCDIR = "$(LUA_INCDIR)",
      BUILD_DIR = "build/rock",
   },
   install_target = "install-module",
   install_variables = {
      BUILD_DIR = "build/rock",
      LUA_CMODULE_DIR = "$(LIBDIR)",
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
