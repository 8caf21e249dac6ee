-- Calls every function of the module (whatever it has: new functions are
-- included without editing this file) with every value of a hostile
-- battery, alone and after a valid code, and prints one normalised line per
-- call: what it returned, or the error it raised.  test/suites/46-same-on-
-- every-vm runs it under each VM and requires the five transcripts to be
-- identical, so that no input gets a different answer on a different VM.
--
--   LUA_CPATH='build/lua5.4/?.so' lua5.4 test/hostile_transcript.lua
local sip = require("sipcodes")
local load_chunk = loadstring or load

local battery = {
  { "nil", nil }, { "true", true }, { "false", false }, { "table", {} },
  { "function", print }, { "userdata", io.stdout },
  { "thread", coroutine.create(function() end) },
  { "NaN", 0 / 0 }, { "inf", math.huge }, { "-inf", -math.huge },
  { "0", 0 }, { "-0.0", -0.0 }, { "2^53", 2 ^ 53 }, { "2^63", 2 ^ 63 },
  { "-2^63", -(2 ^ 63) }, { "486.5", 486.5 }, { "486", 486 }, { "486.0", 486.0 },
  { "-1", -1 }, { "1", 1 }, { "4", 4 }, { "4.5", 4.5 }, { "16", 16 }, { "127", 127 },
  { "128", 128 }, { "699", 699 }, { "700", 700 },
  { "'486'", "486" }, { "' 486'", " 486" }, { "'486 '", "486 " }, { "'+486'", "+486" },
  { "'0x1E6'", "0x1E6" }, { "'4.86e2'", "4.86e2" }, { "'4'", "4" }, { "'16'", "16" },
  { "''", "" }, { "'Busy Here'", "Busy Here" }, { "'4xx'", "4xx" },
  { "'SIP/2.0 486 Busy Here'", "SIP/2.0 486 Busy Here" },
  { "'Q.850;cause=16;text=\"x\"'", 'Q.850;cause=16;text="x"' },
  { "NUL", "\0" }, { "'486\\0'", "486\0" }, { "'Busy\\r\\nVia: x'", "Busy\r\nVia: x" },
  { "invalid UTF-8", "\255\254" }, { "overlong", "\192\175" },
  { "64 KiB", ("x"):rep(65536) },
}

local function show(v)
  local t = type(v)
  if t == "number" then
    if v ~= v then return "NaN" end
    return ("%.17g"):format(v)
  elseif t == "string" then
    if #v > 80 then return ("string(%d)"):format(#v) end
    return ("%q"):format(v)
  end
  return t == "nil" and "nil" or (t == "boolean" and tostring(v) or t)
end

local function show_all(n, ...)
  local out = {}
  for i = 1, n do out[i] = show((select(i, ...))) end
  return table.concat(out, ", ")
end

local names = {}
for name, value in pairs(sip.copy(sip)) do
  if type(value) == "function" then names[#names + 1] = name end
end
table.sort(names)

local unpack_all = table.unpack or unpack
local forms = { { "(%s)", "(a)" }, { "(486, %s)", "(486, a)" } }

for _, name in ipairs(names) do
  for _, form in ipairs(forms) do
    -- A named call site, so that argument errors name the function alike.
    local chunk = assert(load_chunk(
      "local sip, a = ...\n" ..
      "local function pack(...) return { n = select('#', ...), ... } end\n" ..
      "local r = pack(sip." .. name .. form[2] .. ")\n" ..
      "return r", "=call"))
    for _, case in ipairs(battery) do
      local ok, r = pcall(chunk, sip, case[2])
      local result
      if ok then
        result = "-> " .. show_all(r.n, unpack_all(r, 1, r.n))
      else
        result = "error " .. show(tostring(r))
      end
      print(("%s%s %s"):format(name, form[1]:format(case[1]), result))
    end
  end
end

-- Functions the module hands out (each()'s iterator, ...): the same
-- battery in either argument.
for _, name in ipairs(names) do
  local ok, produced = pcall(sip[name])
  if ok and type(produced) == "function" then
    for _, form in ipairs({ { "(%s, 0)", 1 }, { "(0, %s)", 2 } }) do
      for _, case in ipairs(battery) do
        local args = { 0, 0 }
        args[form[2]] = case[2]
        local r = { pcall(produced, args[1], args[2]) }
        local result
        if r[1] then
          result = "-> " .. show_all(#r - 1, unpack_all(r, 2, #r))
        else
          result = "error " .. show(tostring(r[2]))
        end
        print(("%s()%s %s"):format(name, form[1]:format(case[1]), result))
      end
    end
  end
end
