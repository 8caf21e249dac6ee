-- A tour of sipcodes: the table, classification, formatting and parsing.
--   make demo        (or: LUA_CPATH='build/lua5.4/?.so' lua5.4 examples/demo.lua)
local sip = require("sipcodes")

print(("sipcodes %s: %d SIP response codes"):format(sip._VERSION, #sip.list()))
print()

-- The whole table, one class at a time.
local class_titles = {
  "1xx provisional", "2xx success", "3xx redirection",
  "4xx client failure", "5xx server failure", "6xx global failure",
}
for class = 1, 6 do
  print(class_titles[class])
  for code, reason in sip.each(class) do
    local info = sip.info(code)
    local note = info.deprecated and "  (deprecated)" or ""
    print(("  %d  %-40s %-9s%s"):format(code, reason, info.rfc, note))
  end
end
print()

-- What a routing script asks about a code, whether it arrives as a number
-- or as the string a Kamailio pseudo-variable holds.
print("code   class           final  failure  canonical  status line")
for _, code in ipairs({ 100, 183, "200", 302, 431, "486", 503, 603, 155 }) do
  print(("%-6s %-15s %-6s %-8s %-10s %s"):format(
    code, sip.class_name(code), tostring(sip.is_final(code)),
    tostring(sip.is_failure(code)), sip.canonical(code), sip.status_line(code)))
end
print()

-- Reason phrases and constant names work both ways.
print(("sip.code('busy here') = %d, sip.BUSY_HERE = %d, sip.reasons[603] = %q")
  :format(sip.code("busy here"), sip.BUSY_HERE, sip.reasons[603]))

-- Strict parsing of what arrives from the network.
local function visible(s)
  return (s:gsub("\r", "\\r"):gsub("\n", "\\n"))
end
for _, line in ipairs({ "SIP/2.0 486 Busy Here\r\n", "SIP/2.0 486 Busy\r\nVia: forged" }) do
  local code, reason_or_err = sip.parse_status_line(line)
  if code then
    print(("parsed  \"%s\" -> %d %q"):format(visible(line), code, reason_or_err))
  else
    print(("refused \"%s\": %s"):format(visible(line), reason_or_err))
  end
end

-- A reason phrase that could forge a header is refused.
local ok, err = pcall(function()
  return sip.format(486, "Busy\r\nContact: <sip:evil>")
end)
print(("format with an injected header -> %s"):format(ok and "accepted?!" or err))
