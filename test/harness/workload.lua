-- What one short-lived lua_State does with sipcodes in the state harness:
-- require it, check a handful of documented answers, then call every
-- function the module has with ordinary and hostile arguments.  Any wrong
-- answer raises, which the harness counts as a failure.
local sip = require("sipcodes")

local function expect(got, want, what)
  if got ~= want then
    error(what .. ": expected " .. tostring(want) .. ", got " .. tostring(got), 2)
  end
end

-- Documented answers (the interface contract's own examples).
expect(sip.reasons[486], "Busy Here", "reasons[486]")
expect(sip.BUSY_HERE, 486, "BUSY_HERE")
expect(sip.reason("486"), "Busy Here", "reason('486')")
expect(sip.reason(486.5), nil, "reason(486.5)")
expect(sip.code("  busy here "), 486, "code('busy here')")
expect(sip.code("Not Acceptable"), 406, "code('Not Acceptable')")
expect(sip.info(486).name, "BUSY_HERE", "info(486).name")
expect(sip.info(486), sip.info(486), "info record identity")
expect(sip.class(431), 4, "class(431)")
expect(sip.class_name(603), "global_failure", "class_name(603)")
expect(sip.canonical(431), 400, "canonical(431)")
expect(sip.canonical(150), 183, "canonical(150)")
expect(sip.is_final(200), true, "is_final(200)")
expect(sip.is_provisional(200), false, "is_provisional(200)")
expect(sip.format(486), "486 Busy Here", "format(486)")
expect(sip.format(486, "Occupied"), "486 Occupied", "format(486, reason)")
expect(sip.status_line(486), "SIP/2.0 486 Busy Here", "status_line(486)")
local code, reason, version = sip.parse_status_line("SIP/2.0 486 Busy Here\r\n")
expect(code, 486, "parse code")
expect(reason, "Busy Here", "parse reason")
expect(version, "SIP/2.0", "parse version")
expect(sip.parse_status_line("SIP/2.0 486\r\n"), nil, "parse without SP")
expect(pcall(sip.format, 486, "Busy\r\nVia: x"), false, "format with CRLF")
expect(pcall(function() sip.reasons[486] = "x" end), false, "write reasons")
local n = 0
for _ in sip.each(4) do n = n + 1 end
expect(n, #sip.list(4), "each(4) and list(4) agree")

-- Every function the module has, with ordinary and wrong arguments (the
-- full battery is spec/hostile_spec.lua): whatever it answers, it must
-- answer without upsetting the process.
local args = { 486, "486", 486.5, 0 / 0, "SIP/2.0 200 OK", {}, true }
local functions = {}
for name, value in pairs(sip.copy(sip)) do
  if type(value) == "function" then functions[#functions + 1] = name end
end
table.sort(functions)
if #functions < 20 then error("only " .. #functions .. " functions found") end
for _, name in ipairs(functions) do
  local fn = sip[name]
  pcall(fn)
  for i = 1, #args do
    pcall(fn, args[i])
    pcall(fn, 486, args[i])
  end
end
