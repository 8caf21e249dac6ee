-- Runs busted spec files without busted, on a Lua that Debian's busted
-- cannot run on: busted needs LuaFileSystem and luasystem, C modules that
-- Debian builds for Lua 5.1 to 5.4 only, and a C module is tied to the Lua
-- version it was built for (Lua 5.5 refuses the 5.4 build of lfs).
--
-- The assertions are busted's own: luassert and say are plain Lua and run
-- on 5.5 unchanged.  This file stands in only for the part of busted that
-- the specs use: describe (and context), it, pending, and each file run
-- insulated, as busted does by default (the globals and loaded modules a
-- file adds are dropped after it, so each file requires the module afresh).
-- A spec that calls anything else of busted's fails here with a nil global
-- instead of passing unseen.  test/suites/32-lua5.5 checks that this runner
-- runs the same tests, with the same names and results, as busted does.
--
--   lua test/spec_runner.lua spec/*_spec.lua
--
-- Prints "ok - NAME", "not ok - NAME" with the error as "# " lines, and
-- "skip - NAME" for a pending test, NAME being what busted's TAP output
-- calls the test (its describe blocks' names and its own, joined by
-- spaces).  Exit status 1 when a test failed or a file did not load.
package.path = "./spec/support/?.lua;" .. package.path  -- as .busted's lpath

local luassert = require("luassert")

local failed = 0
local names = {}  -- the names of the describe blocks we are in

local function full_name(name)
  if #names == 0 then return name end
  return table.concat(names, " ") .. " " .. name
end

local function message_of(err)
  if type(err) == "table" and err.message ~= nil then return tostring(err.message) end
  return tostring(err)
end

local function report_failure(name, err)
  failed = failed + 1
  print("not ok - " .. name)
  for line in (message_of(err) .. "\n"):gmatch("([^\n]*)\n") do
    print("# " .. line)
  end
end

local traceback = debug.traceback

local function describe(name, body)
  names[#names + 1] = name
  local ran, err = xpcall(body, traceback)
  if not ran then report_failure(full_name("(in the describe block)"), err) end
  names[#names] = nil
end

local function it(name, body)
  local ran, err = xpcall(body, traceback)
  if ran then
    print("ok - " .. full_name(name))
  else
    report_failure(full_name(name), err)
  end
end

local function pending(name)
  print("skip - " .. full_name(name))
end

local spec_api = {
  describe = describe, context = describe, it = it, pending = pending,
  assert = luassert,
}

-- A shallow copy, to put a table back as it was.
local function copy(t)
  local c = {}
  for k, v in pairs(t) do c[k] = v end
  return c
end

local function restore(t, saved)
  for k in pairs(t) do
    if saved[k] == nil then t[k] = nil end
  end
  for k, v in pairs(saved) do t[k] = v end
end

for i = 1, #arg do
  local file = arg[i]
  local globals, loaded = copy(_G), copy(package.loaded)
  for k, v in pairs(spec_api) do _G[k] = v end
  local chunk, err = loadfile(file)
  if chunk then
    local ran, run_err = xpcall(chunk, traceback)
    if not ran then report_failure(file .. " (while running the file)", run_err) end
  else
    report_failure(file .. " (loading it)", err)
  end
  restore(_G, globals)
  restore(package.loaded, loaded)
end

os.exit(failed == 0 and 0 or 1)
