-- The same answer for the same input on every VM: calls every function of
-- the module, and every function it hands out, with a hostile battery in
-- each argument position (the others valid), plus the inputs scripts really
-- pass, and prints one line per call: what it returned, or the error it
-- raised, in a form that does not depend on the VM.  test/suites/30-same-
-- on-every-vm runs it under each VM and requires every transcript to equal
-- Lua 5.4's byte for byte.
--
--   LUA_CPATH='build/lua5.4/?.so' lua5.4 test/crossvm/transcript.lua
local sip = require("sipcodes")
local load_chunk = loadstring or load
local unpack_all = table.unpack or unpack

-- ---- how values are printed ---------------------------------------------

local function show(v)
  local t = type(v)
  if t == "number" then
    -- Integers and floats print differently across VMs; the value is what
    -- must agree (integer-ness is checked by the specs).
    if v ~= v then return "NaN" end
    return ("%.17g"):format(v)
  elseif t == "string" then
    if #v > 120 then return ("string(%d) %q"):format(#v, v:sub(1, 60)) end
    return ("%q"):format(v)
  elseif t == "table" then
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
    local parts = {}
    for _, k in ipairs(keys) do parts[#parts + 1] = tostring(k) .. "=" .. show(v[k]) end
    return "{" .. table.concat(parts, ", ") .. "}"
  end
  return t == "nil" and "nil" or (t == "boolean" and tostring(v) or t)
end

local function show_all(n, ...)
  local out = {}
  for i = 1, n do out[i] = show((select(i, ...))) end
  return table.concat(out, ", ")
end

-- ---- the hostile battery ------------------------------------------------

local ten_mb = ("x"):rep(10 * 1024 * 1024)
local battery = {
  { "none", none = true }, { "nil", nil }, { "true", true }, { "false", false }, { "table", {} },
  { "function", print }, { "userdata", io.stdout },
  { "thread", coroutine.create(function() end) },
  { "NaN", 0 / 0 }, { "inf", math.huge }, { "-inf", -math.huge },
  { "0", 0 }, { "-0.0", -0.0 }, { "2^53", 2 ^ 53 }, { "2^63", 2 ^ 63 },
  { "-2^63", -(2 ^ 63) }, { "2^32+486", 2 ^ 32 + 486 }, { "486.5", 486.5 },
  { "486", 486 }, { "486.0", 486.0 }, { "-1", -1 }, { "1", 1 }, { "4", 4 },
  { "4.5", 4.5 }, { "16", 16 }, { "127", 127 }, { "128", 128 }, { "370", 370 },
  { "699", 699 }, { "700", 700 }, { "999", 999 }, { "1000", 1000 },
  { "'486'", "486" }, { "' 486'", " 486" }, { "'486 '", "486 " }, { "'+486'", "+486" },
  { "'0x1E6'", "0x1E6" }, { "'4.86e2'", "4.86e2" }, { "'4'", "4" }, { "'16'", "16" },
  { "''", "" }, { "'Busy Here'", "Busy Here" }, { "'4xx'", "4xx" }, { "'strict'", "strict" },
  { "'rfc3398'", "rfc3398" }, { "'freeswitch'", "freeswitch" }, { "'USER_BUSY'", "USER_BUSY" },
  { "'example.com'", "example.com" },
  { "'SIP/2.0 486 Busy Here'", "SIP/2.0 486 Busy Here" },
  { "'Q.850;cause=16;text=\"x\"'", 'Q.850;cause=16;text="x"' },
  { "'370 h \"x\"'", '370 h "x"' },
  { "NUL", "\0" }, { "'486\\0'", "486\0" }, { "'rfc3398\\0'", "rfc3398\0" },
  { "'Busy\\r\\nVia: x'", "Busy\r\nVia: x" }, { "ESC", "\27[0m" },
  { "invalid UTF-8", "\255\254" }, { "overlong", "\192\175" }, { "lone UTF8-CONT", "\128" },
  { "64 KiB", ("x"):rep(65536) }, { "10 MiB", ten_mb },
}

-- ---- every function, every argument position -----------------------------

-- Valid arguments for the functions that take more than a code, so that a
-- hostile value in one position is the only thing wrong with a call.  A
-- function not named here gets a code in each of its first three
-- positions; the battery then still reaches every position.
local valid = {
  code = { "Busy Here" }, q850_cause = { "USER_BUSY" },
  parse_status_line = { "SIP/2.0 486 Busy Here", "strict" },
  parse_reason_header = { 'SIP;cause=486;text="Busy Here"' },
  parse_warning_header = { '370 example.com "Insufficient Bandwidth"' },
  format = { 486, "Busy" }, status_line = { 486, "Busy" },
  reason_header = { 486, "Busy" }, q850_reason_header = { 17, "User busy" },
  to_q850 = { 488, 370, "rfc3398" }, from_q850 = { 17, "freeswitch" },
  treat_as = { 503, "120" }, matches = { 486, "4xx|!487" }, matcher = { "4xx|!487" },
  best_response = { { 486, 503, 603 } }, list = { 4 }, each = { 4 }, copy = { sip.reasons },
  warning_header = { 370, "example.com", "Low bandwidth" }, warning_info = { 370 },
}

local names = {}
for name, value in pairs(sip.copy(sip)) do
  if type(value) == "function" then names[#names + 1] = name end
end
table.sort(names)

-- One call: sip[name] with args (n of them), from a named call site so that
-- argument errors name the function alike on every VM.
local callers = {}
local function call(name, n, args)
  local chunk = callers[name]
  if not chunk then
    chunk = assert(load_chunk(
      "local sip = ...\n" ..
      "local function pack(...) return { n = select('#', ...), ... } end\n" ..
      "return function(n, args) return pack(sip." .. name .. "(" ..
      "(table.unpack or unpack)(args, 1, n))) end", "=call"))(sip)
    callers[name] = chunk
  end
  local ok, r = pcall(chunk, n, args)
  if ok then return "-> " .. show_all(r.n, unpack_all(r, 1, r.n)) end
  return "error " .. show(tostring(r))
end

local function describe_args(n, args, hostile_at, hostile_name)
  local parts = {}
  for i = 1, n do
    parts[i] = i == hostile_at and hostile_name or show(args[i])
  end
  return "(" .. table.concat(parts, ", ") .. ")"
end

for _, name in ipairs(names) do
  local defaults = valid[name] or { 486, 486, 486 }
  for position = 1, #defaults + 1 do
    for _, case in ipairs(battery) do
      local args, n = {}
      for i = 1, #defaults do args[i] = defaults[i] end
      if case.none then
        n = position - 1                      -- the call stops before
      else
        args[position] = case[2]
        n = math.max(position, #defaults)
      end
      print(name .. describe_args(n, args, position, case[1]) .. " " .. call(name, n, args))
    end
  end
end

-- ---- what the module hands out ------------------------------------------

local handed = {
  { "each()", { sip.each(4) }, 2 },
  { "matcher(\"4xx|!487\")", { sip.matcher("4xx|!487"), nil, nil }, 1 },
}
for _, h in ipairs(handed) do
  local fn, state, control = h[2][1], h[2][2], h[2][3]
  local defaults = { state, control }
  for position = 1, h[3] do
    for _, case in ipairs(battery) do
      local args = { defaults[1], defaults[2] }
      args[position] = case[2]
      local n = case.none and position - 1 or math.max(position, h[3])
      local r = { pcall(fn, unpack_all(args, 1, n)) }
      local result = r[1] and ("-> " .. show_all(#r - 1, unpack_all(r, 2, #r)))
        or ("error " .. show(tostring(r[2])))
      print(h[1] .. describe_args(n, args, position, case[1]) .. " " .. result)
    end
  end
end

-- ---- what scripts pass ---------------------------------------------------

local lines = {
  "SIP/2.0 200 OK\r\n", "SIP/2.0 200 ", "SIP/2.0 200", "sip/2.0 486 x", "SIP/2.0 700 x",
  "SIP/2.0 200 a\r\nb", "SIP/2.0 200 \128", "SIP/2.0 200 \192\128", "SIP/2.0 200 %4",
  "SIP/2.0 503 Service Unavailable [code 42]", "SIP/2.0 200 \"OK\"", "SIP/2.0 200 O\1K",
}
for i, line in ipairs(lines) do
  print("parse_status_line", i, call("parse_status_line", 1, { line }),
    call("parse_status_line", 2, { line, "strict" }))
end

for _, cls in ipairs({ 1, 4, 6 }) do
  print("list", cls, call("list", 1, { cls }))
end
local info = sip.info(183)
print("info", info.code, info.reason, info.name, info.class, info.class_name,
  info.rfc, tostring(info.deprecated), tostring(info.iana), info.description, info.aliases[1])
print("sealed", select(2, pcall(function() sip.reasons[486] = 1 end)))
print("sealed", type(sip), type(sip.reasons), getmetatable(sip), getmetatable(sip.reasons),
  #sip, #sip.reasons, #sip.info(183).aliases, #sip.q850_causes)

for i, p in ipairs({ "408|5[0-9][0-9]", "(487)|(408)", "^(408|5[0-9][0-9])$", "4[0-9]+", "48",
                     "7xx", "", "(^487$)|!^(408)$" }) do
  print("matches", "pattern", i, call("matches", 2, { 486, p }), call("matches", 2, { 408, p }))
end
for i, list in ipairs({ { 503, 407, 501, 404 }, {}, { 503 }, { 180 }, { 200, 603 },
                        { "486", 486.5, 0 / 0 }, { 486, nil, 603 }, { nil, nil, 486 },
                        { [2] = 486, [5] = 603, n = 5 }, { [1.5] = 603, 486 }, { true },
                        { 486, nil, {} } }) do
  print("best_response", i, call("best_response", 1, { list }))
end

-- The Warning header: the warn-code table, a record, and header values as
-- hosts hand them over (Kamailio's $hdr(Warning), a trace).
for code = 0, 999 do
  if sip.warnings[code] ~= nil then print("warnings", code, show(sip.warnings[code])) end
end
local warning = sip.warning_info(370)
print("warning_info", warning.code, warning.text, warning.rfc, warning.description)
for i, value in ipairs({ '370 gw "x"', '370 gw1:5060 "a \\"b\\"", 399 [::1] "y"', "370 gw",
                         '399 gw "\128"', '399 gw "\\x\\\\"', ' 370 gw \r\n "a\r\n b" ',
                         '007 [::ffff:192.0.2.1]:5060 "caf\195\169"', '370 gw "x",' }) do
  print("parse_warning_header", i, call("parse_warning_header", 1, { value }),
    call("to_q850", 2, { 488, value }))
end
