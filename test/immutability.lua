-- Tries to change sipcodes' data every way Lua allows and reports, for the
-- VM it runs on, which attempts the module stops and which it cannot.
--
--   lua5.4 test/immutability.lua        (with the module on package.cpath)
--
-- Each attempt runs in a fresh copy of the module (package.loaded cleared)
-- and its outcome is one of:
--   guarded    the attempt raises an error and changes nothing;
--   proxy      the attempt succeeds, but only on the empty proxy table a
--              user holds: what the module's functions answer is unchanged;
--   data       the attempt changes what this lua_State's module answers
--              (only the debug library can do that).
-- No attempt can reach the C table, which is constant and shared by every
-- lua_State; the last check shows a fresh require still sees the truth.
-- The expected outcome of each attempt on each VM is written below; every
-- line prints as a TAP "ok"/"not ok" against it.
local vm = rawget(_G, "jit") and "LuaJIT" or _VERSION

local function fresh()
  package.loaded.sipcodes = nil
  return require("sipcodes")
end

-- How the module answers afterwards: "data" when its functions or
-- records changed, "proxy" when only reads through the table changed.
local function effect(sip)
  if sip.reason(486) ~= "Busy Here" or sip.code("Busy Here") ~= 486
    or sip.format(486) ~= "486 Busy Here" then
    return "data"
  end
  if sip.reasons[486] ~= "Busy Here" or sip.BUSY_HERE ~= 486
    or sip.reasons[1] ~= nil or sip.info(486).reason ~= "Busy Here"
    or sip.info(486).aliases[1] ~= nil or sip.reasons[999] ~= nil then
    return "proxy"
  end
  return "unchanged"
end

local newer = { ["Lua 5.3"] = true, ["Lua 5.4"] = true }

local attempts = {
  { "assign an existing key of sip.reasons", "guarded",
    function(sip) sip.reasons[486] = "Hacked" end },
  { "assign a new key of sip.reasons", "guarded",
    function(sip) sip.reasons[999] = "Hacked" end },
  { "assign a function of the module", "guarded",
    function(sip) sip.reason = function() return "Hacked" end end },
  { "assign a constant of the module", "guarded",
    function(sip) sip.BUSY_HERE = 1 end },
  { "assign a field of an info() record", "guarded",
    function(sip) sip.info(486).reason = "Hacked" end },
  { "assign into an info() record's aliases", "guarded",
    function(sip) sip.info(486).aliases[1] = "Hacked" end },
  { "setmetatable on sip.reasons", "guarded",
    function(sip) setmetatable(sip.reasons, {}) end },
  { "setmetatable on the module", "guarded",
    function(sip) setmetatable(sip, nil) end },
  { "getmetatable exposes no backing table", "guarded",
    function(sip)
      local mt = getmetatable(sip.reasons)
      if type(mt) == "table" then mt.__index[486] = "Hacked" end
      error("getmetatable gave " .. type(mt))
    end },
  { "table.insert into sip.reasons", function() return newer[vm] and "guarded" or "proxy" end,
    function(sip) table.insert(sip.reasons, "Hacked") end },
  { "table.insert into an aliases array", function() return newer[vm] and "guarded" or "proxy" end,
    function(sip) table.insert(sip.info(486).aliases, "Hacked") end },
  { "rawset on sip.reasons", "proxy",
    function(sip) rawset(sip.reasons, 486, "Hacked") end },
  { "rawset on the module", "proxy",
    function(sip) rawset(sip, "BUSY_HERE", 1) end },
  { "rawset on an info() record", "proxy",
    function(sip) rawset(sip.info(486), "reason", "Hacked") end },
  { "modify the table list() returned", "unchanged",
    function(sip) local l = sip.list(); l[1] = 999; table.insert(l, 1) end },
  { "modify the table copy() returned", "unchanged",
    function(sip) local c = sip.copy(sip.reasons); c[486] = "Hacked" end },
  { "debug.setmetatable(sip.reasons, nil), then write", "proxy",
    function(sip) debug.setmetatable(sip.reasons, nil); sip.reasons[486] = "Hacked" end },
  { "debug.getmetatable(sip.reasons).__index, then write", "data",
    function(sip) debug.getmetatable(sip.reasons).__index[486] = "Hacked" end },
  -- Lua 5.1's debug library does not touch the upvalues of C functions.
  { "debug.getupvalue of a C function, then write",
    function() return vm == "Lua 5.1" and "guarded" or "data" end,
    function(sip)
      local _, backing = debug.getupvalue(sip.reason, 1)
      if backing == nil then error("upvalue not reachable") end
      backing[486] = "Hacked"
    end },
  { "debug.setupvalue of a C function",
    function() return vm == "Lua 5.1" and "guarded" or "data" end,
    function(sip)
      if debug.setupvalue(sip.reason, 1, { [486] = "Hacked" }) == nil then
        error("upvalue not reachable")
      end
    end },
}

local failures = 0
print("# " .. vm)
for _, a in ipairs(attempts) do
  local name, expected, attempt = a[1], a[2], a[3]
  if type(expected) == "function" then expected = expected() end
  local sip = fresh()
  local ok, err = pcall(attempt, sip)
  local outcome = effect(sip)
  if not ok and outcome == "unchanged" then outcome = "guarded" end
  if ok and outcome == "unchanged" and expected ~= "unchanged" then
    outcome = "no error, no effect"
  end
  local line = ("[%s] %s: %s"):format(vm, name, outcome)
  if outcome == expected then
    print("ok - " .. line)
  else
    failures = failures + 1
    print(("not ok - %s (documented: %s; error: %s)"):format(line, expected, tostring(err)))
  end
end

-- Whatever the attempts above did, a fresh module sees the C table intact.
local sip = fresh()
if effect(sip) == "unchanged" then
  print(("ok - [%s] a fresh require after every attempt still answers the truth"):format(vm))
else
  failures = failures + 1
  print(("not ok - [%s] a fresh require sees changed data"):format(vm))
end
os.exit(failures == 0 and 0 or 1)
