-- Kamailio KEMI routing script for the host suite: every INVITE goes to
-- SIPCODES_PRIMARY, and when it fails the failure route asks Kamailio's own
-- t_check_status() and sipcodes' matcher the same question for every
-- pattern of spec/fixtures/kamailio-patterns.tsv (SIPCODES_PATTERNS), then
-- answers the caller with the failure's code and a phrase that counts:
--
--   agree N     patterns on which t_check_status(p) and sip.matcher(p),
--               called with the code as integer and as string, agree; for
--               a pattern sip.matcher refuses, that it is refused
--   matched M   "codes" patterns t_check_status matched
--   named K     refused patterns whose message names this code, on which
--               t_check_status(p) and t_check_status("^(p)$") differ
--   bad I,J     the fixture lines (1-based, patterns only) that failed
local sip = require("sipcodes")

local function define(name)
    local value = KSR.pv.get("$def(" .. name .. ")")
    return value and (value:gsub('^"(.*)"$', "%1"))
end

-- Compiled once per worker, at its first failure: a define can be read
-- only while a message is being routed.
local rows
local function load_rows()
    rows = {}
    for line in io.lines(define("SIPCODES_PATTERNS")) do
    local pattern, kind, value = line:match("^([^#\t][^\t]*)\t(%a+)\t(.*)$")
    if pattern then
        local row = {pattern = pattern, kind = kind}
        if kind == "codes" then
            row.matcher = sip.matcher(pattern)
        else
            row.code = tonumber(value)
            row.refused = not pcall(sip.matcher, pattern)
            local _, err = pcall(sip.matcher, pattern)
            row.named = tostring(err):find(" answers " .. value .. " differently", 1, true) ~= nil
        end
        rows[#rows + 1] = row
    end
    end
end

function ksr_request_route()
    local method = KSR.pv.get("$rm")
    if method == "INVITE" then
        KSR.pv.sets("$du", define("SIPCODES_PRIMARY"))
        KSR.tm.t_on_failure("ksr_failure_route")
        if KSR.tm.t_relay() < 0 then
            KSR.sl.send_reply(500, "Relay Failed")
        end
    elseif method == "ACK" then
        KSR.tm.t_check_trans()
    else
        KSR.sl.send_reply(405, "Method Not Allowed")
    end
end

function ksr_failure_route()
    if rows == nil then load_rows() end
    local code = KSR.pv.get("$T_reply_code")
    local agree, matched, named, bad = 0, 0, 0, {}
    for i, row in ipairs(rows) do
        local kamailio = KSR.tm.t_check_status(row.pattern) > 0
        local good
        if row.kind == "codes" then
            if kamailio then matched = matched + 1 end
            good = row.matcher(code) == kamailio and row.matcher(tostring(code)) == kamailio
        else
            good = row.refused and row.named
            if good and row.code == code then
                local whole = KSR.tm.t_check_status("^(" .. row.pattern .. ")$") > 0
                good = whole ~= kamailio
                if good then named = named + 1 end
            end
        end
        if good then agree = agree + 1 else bad[#bad + 1] = i end
    end
    KSR.tm.t_reply(code, ("agree %d matched %d named %d bad %s"):format(
        agree, matched, named, #bad > 0 and table.concat(bad, ",") or "-"))
end
