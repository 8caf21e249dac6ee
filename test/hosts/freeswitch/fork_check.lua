-- Runs in FreeSWITCH after a bridge that rang two callees at once and
-- failed: both refused.  FreeSWITCH itself passes on whichever refusal
-- came last; a proxy must pass on the best one (RFC 3261 section 16.7
-- step 6).  This script takes each callee's cause from FreeSWITCH's own
-- originate_causes, turns it back into a status with sip.from_q850 (as
-- mod_sofia would answer it), lets sip.best_response choose, and responds
-- with the choice.  argv[1] is a tag, argv[2] the findings file: one TAP
-- line, and a note of what FreeSWITCH alone would have sent.
local sip = require("sipcodes")

local tag, findings = argv[1], argv[2]
local out = assert(io.open(findings, "a"))

-- "ARRAY::uuid;USER_BUSY|:uuid;CALL_REJECTED"
local causes = session:getVariable("originate_causes") or ""
local codes, names = {}, {}
for name in causes:gmatch(";([A-Z_]+)") do
    local cause = sip.q850_cause(name)
    codes[#codes + 1] = cause and sip.from_q850(cause, "freeswitch")
    names[#names + 1] = name
end
out:write((#codes == 2 and "ok - " or "not ok - ") .. tag
    .. ": FreeSWITCH reported a cause for each callee (" .. table.concat(names, ", ") .. ")\n")

local best = sip.best_response(codes)
out:write("# " .. tag .. ": FreeSWITCH alone would pass on "
    .. tostring(session:getVariable("last_bridge_proto_specific_hangup_cause"))
    .. "; sip.best_response{" .. table.concat(codes, ", ") .. "} is " .. tostring(best) .. "\n")
out:close()
session:execute("respond", sip.format(best or 500))
