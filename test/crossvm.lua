-- Prints every function's answer for a battery of inputs, one line each, in
-- a form that does not depend on the VM.  test/suites/30-crossvm runs it
-- under all five VMs and compares the outputs: the interface promises the
-- same answer for the same input everywhere.
local sip = require("sipcodes")

local function show(v)
  local t = type(v)
  if t == "number" then
    -- Integers and floats print differently across VMs; the value is what
    -- must agree (integer-ness is checked by the specs).
    if v ~= v then return "nan" end
    return string.format("%.17g", v)
  elseif t == "string" then
    return string.format("%q", v)
  elseif t == "table" then
    return "table"
  end
  return tostring(v)
end

local inputs = {
  486, 486.0, "486", 431, "431", 100, 155, 199, 200, 699, 700, 99, 0, -1,
  486.5, 0 / 0, math.huge, -math.huge, 2 ^ 53, 2 ^ 63, -(2 ^ 63), 2 ^ 32 + 486,
  "486 ", " 486", "4 86", "+486", "0x1E6", "4.86e2", "486\0", "", "Busy Here",
  true, false, {}, print,
}
local code_functions = {
  "reason", "class", "class_name", "canonical", "format", "status_line",
  "is_valid", "is_known", "is_deprecated", "is_provisional", "is_final",
  "is_success", "is_redirection", "is_client_failure", "is_server_failure",
  "is_global_failure", "is_failure",
}

local function call(name, ...)
  -- A named call site, so that argument errors name the function.
  local fn = (loadstring or load)(
    "local sip = ... return function(...) local a, b, c = sip." .. name .. "(...) return a, b, c end",
    "=crossvm")(sip)
  local results = { pcall(fn, ...) }
  local parts = {}
  for i = 1, 4 do parts[i] = show(results[i]) end
  return table.concat(parts, " ")
end

for _, name in ipairs(code_functions) do
  for i, v in ipairs(inputs) do
    print(name, i, call(name, v))
  end
  print(name, "none", call(name))
end

for _, text in ipairs({ "Busy Here", "busy_here", " Not Acceptable ", "x", "", "Temporarily not available" }) do
  print("code", show(text), call("code", text))
end
for _, v in ipairs({ 486, nil, 4, true }) do print("code", show(v), call("code", v)) end

local lines = {
  "SIP/2.0 200 OK\r\n", "SIP/2.0 200 ", "SIP/2.0 200", "sip/2.0 486 x", "SIP/2.0 700 x",
  "SIP/2.0 200 a\r\nb", "SIP/2.0 200 \128", "SIP/2.0 200 \192\128", "SIP/2.0 200 %4",
}
for i, line in ipairs(lines) do print("parse_status_line", i, call("parse_status_line", line)) end
print("parse_status_line", "number", call("parse_status_line", 200))

local reasons = { "Custom", "", "a\r\nb", "\192\128", "\226\130\172", "100%", 42 }
for i, r in ipairs(reasons) do
  print("format", i, call("format", 486, r))
  print("status_line", i, call("status_line", 999, r))
end

for _, cls in ipairs({ 1, 4, 6, 7, 0, 4.5 }) do
  local ok, list = pcall(sip.list, cls)
  print("list", cls, ok and table.concat(list, ",") or show(list))
end
local info = sip.info(183)
print("info", info.code, info.reason, info.name, info.class, info.class_name,
  info.rfc, tostring(info.deprecated), tostring(info.iana), info.description, info.aliases[1])
print("readonly", select(2, pcall(function() sip.reasons[486] = 1 end)))
print("metatable", getmetatable(sip), getmetatable(sip.reasons), #sip.reasons)

-- Routing helpers: the same inputs through the code-taking ones, a matcher
-- predicate and best_response.
for _, name in ipairs({ "stops_forking", "may_retry", "treat_as" }) do
  for i, v in ipairs(inputs) do print(name, i, call(name, v)) end
end
print("treat_as", "retry_after", call("treat_as", 503, "120"))
local predicate = (loadstring or load)(
  "local m = ... return function(...) local a = m(...) return a end", "=crossvm")(sip.matcher("4xx|!487"))
for i, v in ipairs(inputs) do
  print("matches", i, call("matches", v, "4xx|!487"))
  print("matcher", i, show(select(2, pcall(predicate, v))))
end
for i, p in ipairs({ "408|5[0-9][0-9]", "(487)|(408)", "4[0-9]+", "48", "7xx", "", 486 }) do
  print("matches", "pattern", i, call("matches", 486, p))
end
for i, list in ipairs({ { 503, 407, 501, 404 }, {}, { 503 }, { 180 }, { 200, 603 }, { "486", 486.5, 0 / 0 }, { true } }) do
  print("best_response", i, call("best_response", list))
end
print("best_response", "nil", call("best_response", nil))
