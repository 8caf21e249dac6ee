-- require("sipcodes") answers as the reference table says.  dh-lua runs it
-- after the build (under the interpreter, with the built module first on
-- the path, and in C programs that have the module linked in) and, through
-- autopkgtest, against the installed package.  Expected values come from
-- the source tree (spec/fixtures and csrc/core/version.h), never from the
-- module.
local sip = require("sipcodes")

local rows = 0
for line in io.lines("spec/fixtures/sip-response-codes.tsv") do
  local code, reason = string.match(line, "^(%d+)\t([^\t]*)")
  if code then
    rows = rows + 1
    local got = sip.reason(tonumber(code))
    assert(got == reason, code .. ": want " .. reason .. ", got " .. tostring(got))
  end
end
assert(rows > 70, "the reference table has " .. rows .. " codes")
assert(#sip.list() == rows, "sip.list() has " .. #sip.list() .. " codes, the table " .. rows)

local header = assert(io.open("csrc/core/version.h")):read("*a")
local version = string.match(header, '#define SIPCODES_VERSION "([^"]+)"')
assert(sip._VERSION == version, "sip._VERSION is " .. tostring(sip._VERSION))

-- Which file the module came from: the mapped library, if any (a C program
-- with the module linked in maps none).
local mapped = "linked in"
local maps = io.open("/proc/self/maps")
if maps then
  for line in maps:lines() do
    local path = string.match(line, "(/%S*sipcodes%S*%.so%S*)$")
    if path then mapped = path break end
  end
  maps:close()
end
-- Under autopkgtest it must be the installed package's.
if os.getenv("AUTOPKGTEST_TMP") then
  assert(string.find(mapped, "^/usr/lib/"), "autopkgtest loaded " .. mapped)
end
print(string.format("%s: %d codes as the table says, version %s, module %s",
                    (jit and jit.version) or _VERSION, rows, version, mapped))
