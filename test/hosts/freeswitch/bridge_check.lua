-- Runs in FreeSWITCH after a bridge to a callee that refused the call with
-- argv[1] (a Reason: Q.850;cause=argv[3] header with it when argv[3] is
-- given).  Compares what FreeSWITCH made of the refusal with what sipcodes
-- says, one TAP line per comparison appended to the file argv[2]; then
-- hangs up the caller with FreeSWITCH's own cause, so that mod_sofia
-- answers the caller with its response for that cause, and writes
-- sipcodes' prediction of that response ("# predict TAG CODE") for the
-- suite to compare with what the caller received.
local sip = require("sipcodes")

local code, findings, reason_cause = argv[1], argv[2], tonumber(argv[3])
local out = assert(io.open(findings, "a"))
local tag = "bridge-" .. code .. (reason_cause and ("-reason-" .. reason_cause) or "")

local function check(pass, what)
    out:write((pass and "ok - " or "not ok - ") .. tag .. ": " .. what .. "\n")
end

-- What FreeSWITCH recorded on the caller's leg: the callee's status as
-- "sip:486", and the hangup cause it made of it (a name, "USER_BUSY").
local proto = session:getVariable("last_bridge_proto_specific_hangup_cause") or ""
local fs_cause = session:getVariable("last_bridge_hangup_cause") or ""
local status = proto:match("^sip:(%d%d%d)$")

check(status == code, "FreeSWITCH recorded the callee's status (" .. proto .. ")")
check(sip.is_known(status) and sip.class(status) == tonumber(code:sub(1, 1)),
    "sip.class of that status string is " .. code:sub(1, 1))

local cause = sip.q850_cause(fs_cause)
check(cause ~= nil, "sip.q850_cause knows FreeSWITCH's cause " .. fs_cause)

if reason_cause then
    -- FreeSWITCH takes the cause from the Reason header, not the status.
    check(sip.freeswitch_causes[reason_cause] == fs_cause,
        "FreeSWITCH's cause " .. fs_cause .. " is sip.freeswitch_causes[" .. reason_cause .. "] ("
        .. tostring(sip.freeswitch_causes[reason_cause]) .. ")")
else
    local mapped = sip.to_q850(code, nil, "freeswitch")
    check(mapped == cause,
        "FreeSWITCH's cause " .. fs_cause .. " (" .. tostring(cause) .. ") is sip.to_q850(" .. code
        .. ", nil, 'freeswitch') (" .. tostring(mapped) .. " "
        .. tostring(mapped and sip.freeswitch_causes[mapped]) .. ")")
end

-- Answer the caller with FreeSWITCH's response for its cause, not with the
-- callee's status (which mod_sofia would otherwise pass on).
out:write("# predict " .. tag .. " " .. tostring(cause and sip.from_q850(cause, "freeswitch")) .. "\n")
out:close()
session:setVariable("sip_ignore_remote_cause", "true")
session:hangup(fs_cause ~= "" and fs_cause or "NORMAL_CLEARING")
