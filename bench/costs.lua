-- Costs that should not surprise: a matcher's cache hit on a long pattern,
-- and a walk over the module with pairs.
--
--   LUA_CPATH='build/lua5.4/?.so' lua5.4 bench/costs.lua <variant> <rounds>
--
-- Variants: matcher-long (sip.matcher of a cached 500-alternative pattern),
-- matcher-short (of the cached "5xx"), pairs-module (a pairs walk over
-- sip), pairs-reasons (over sip.reasons); predicate (a compiled matcher's
-- call, m(c), codes 100-699 in turn), compile-typical (sip.matches on
-- "5[0-9][0-9]|408", which compiles the pattern on every call),
-- compile-long (on the 500-alternative pattern, 1999 bytes of the 2048 a
-- pattern may have, where every digit tells codes apart) and
-- compile-nested (on 32 nested groups of quantifiers, 2043 bytes).  bench/run takes instructions
-- at two round counts and the difference per round.  Prints a checksum,
-- so that nothing is optimised away.
local sip = require("sipcodes")
local variant, rounds = arg[1], tonumber(arg[2] or "1000")

local alternatives = {}
for code = 100, 599 do alternatives[#alternatives + 1] = tostring(code) end
local long = table.concat(alternatives, "|")

-- As deep as groups go, each with a count, up to the length limit.
local nested = "^" .. string.rep("(", 32) .. "4[0-9]?" .. string.rep("){1,32767}", 32)
nested = nested .. string.rep(" ", 2047 - #nested) .. "$"

local matcher, sum = sip.matcher, 0
if variant == "predicate" then
  local m = matcher("5[0-9][0-9]|408")
  for i = 1, rounds do if m(100 + i % 600) then sum = sum + 1 end end
elseif variant == "compile-typical" then
  for _ = 1, rounds do if sip.matches(503, "5[0-9][0-9]|408") then sum = sum + 1 end end
elseif variant == "compile-long" then
  for _ = 1, rounds do if sip.matches(503, long) then sum = sum + 1 end end
elseif variant == "compile-nested" then
  for _ = 1, rounds do if sip.matches(404, nested) then sum = sum + 1 end end
elseif variant == "matcher-long" then
  matcher(long)
  for _ = 1, rounds do if matcher(long) then sum = sum + 1 end end
elseif variant == "matcher-short" then
  matcher("5xx")
  for _ = 1, rounds do if matcher("5xx") then sum = sum + 1 end end
elseif variant == "pairs-module" then
  for _ = 1, rounds do for _ in pairs(sip) do sum = sum + 1 end end
elseif variant == "pairs-reasons" then
  local reasons = sip.reasons
  for _ = 1, rounds do for _ in pairs(reasons) do sum = sum + 1 end end
else
  error("unknown variant " .. tostring(variant))
end
print(sum)
