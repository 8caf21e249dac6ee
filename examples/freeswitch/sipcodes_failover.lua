-- sipcodes_failover.lua: a FreeSWITCH mod_lua dialplan script that decides,
-- with the sipcodes module, what to do after a bridge has failed.
--
-- FreeSWITCH runs it in a fresh Lua state for each call (see dialplan.xml):
--
--   <action application="set" data="continue_on_fail=true"/>
--   <action application="set" data="hangup_after_bridge=true"/>
--   <action application="bridge" data="sofia/gateway/primary/$1"/>
--   <action application="lua" data="sipcodes_failover.lua sofia/gateway/backup/$1"/>
--
-- argv[1] is where to try next.  After a failed bridge FreeSWITCH keeps the
-- far end's status on the caller's channel as
-- last_bridge_proto_specific_hangup_cause = "sip:503" (sip_term_status is
-- set on the far end's channel, not this one); sipcodes takes the digits
-- as the string they are.  mod_lua uses Lua 5.2 or 5.3 (whichever
-- FreeSWITCH was built with): install the module for that one, e.g.
--   make install LUA_VERSION=5.3
-- and make sure it is on mod_lua's package.cpath (the module-directory
-- setting of lua.conf.xml, as in conf/autoload_configs/lua.conf.xml, or
-- /usr/local/lib/lua/5.3/).

local sip = require("sipcodes")

local backup = argv[1]

-- The status of the last failed bridge.  No final response at all (the far
-- end never answered) counts as 408, as a proxy would report it (RFC 3261
-- section 16.7 step 6).
local function bridge_status()
    local cause = session:getVariable("last_bridge_proto_specific_hangup_cause")
    return cause and cause:match("^sips?:(%d%d%d)$") or "408"
end

local status = bridge_status()

-- Which failures are worth another gateway: timeouts and server failures
-- (RFC 3261 sections 21.4 and 21.5); never a 6xx, which says no server
-- will do (sections 6 and 16.7).  An unregistered code counts as the x00
-- of its class (section 8.1.3.2).  This one function is the decision.
local function fails_over(code)
    local known = sip.canonical(code)
    if known == nil or sip.is_global_failure(known) then
        return false
    end
    return known == sip.REQUEST_TIMEOUT or sip.is_server_failure(known)
end

-- Give the caller the failure with its registered phrase.  A 503 would
-- read as "this server is unavailable": like a proxy (RFC 3261 section
-- 16.7 step 6), say 500 instead.
local function tell_caller(code)
    if sip.canonical(code) == sip.SERVICE_UNAVAILABLE then
        code = sip.SERVER_INTERNAL_ERROR
    end
    session:execute("respond", sip.format(code))
end

if not sip.is_failure(status) then
    return                        -- the bridge did not fail: nothing to do
end

if backup ~= nil and fails_over(status) then
    freeswitch.consoleLog("info", "sipcodes: " .. sip.format(status) .. ", trying " .. backup .. "\n")
    session:execute("bridge", backup)
    if not session:ready() then
        return                    -- the backup took the call, which has ended
    end
    status = bridge_status()
    if not sip.is_failure(status) then
        return
    end
end

tell_caller(status)
