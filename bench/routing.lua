-- Cost of testing a code against a status pattern, per call.
--
--   LUA_CPATH='build/lua5.4/?.so' lua5.4 bench/routing.lua <variant> <calls>
--
-- Variants: table (a plain Lua set, the floor), matcher (sip.matcher's
-- predicate), matches (sip.matches, compiling the pattern each call),
-- cfunc (sip.is_server_failure, one C call, for scale), empty (the loop).
-- Prints the variant, the calls and a checksum (so that nothing is
-- optimised away).  Measure instructions with callgrind at two sizes and
-- take the difference per call, which cancels start-up and JIT compiling:
--   valgrind --tool=callgrind --callgrind-out-file=/dev/null lua5.4 bench/routing.lua matcher 1000000
local sip = require("sipcodes")
local variant, calls = arg[1], tonumber(arg[2] or "1000000")
local pattern = "408|5[0-9][0-9]|!503"

local set = {}
for c = 500, 599 do set[c] = true end
set[408], set[503] = true, nil

local bodies = {
  empty = "return false",
  table = "return set[c] == true",
  matcher = "return m(c)",
  matches = "return matches(c, pattern)",
  cfunc = "return is_server_failure(c)",
}
local body = assert(bodies[variant], "unknown variant")
local loop = assert((loadstring or load)(
  "local set, m, matches, is_server_failure, pattern, calls = ...\n" ..
  "local function test(c) " .. body .. " end\n" ..
  "local n = 0\n" ..
  "for i = 1, calls do if test(100 + i % 600) then n = n + 1 end end\n" ..
  "return n", "=" .. variant))
local n = loop(set, sip.matcher(pattern), sip.matches, sip.is_server_failure, pattern, calls)
print(variant, calls, n)
