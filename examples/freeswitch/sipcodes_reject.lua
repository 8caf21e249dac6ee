-- sipcodes_reject.lua: a FreeSWITCH mod_lua dialplan script that ends a
-- call that has not been answered with a SIP status, worded or mapped by
-- sipcodes (see conf/dialplan/sipcodes.xml):
--
--   <action application="lua" data="sipcodes_reject.lua 486"/>
--       responds "486 Busy Here": the code and its registered phrase
--       (sip.format)
--   <action application="lua" data="sipcodes_reject.lua 486 cause"/>
--       hangs up with the FreeSWITCH cause that stands for 486 (USER_BUSY,
--       sip.to_q850 with the "freeswitch" profile); mod_sofia then sends
--       the response it has for that cause
--
-- argv[1] arrives as a string; sipcodes takes "486" as the code 486.

local sip = require("sipcodes")

local code, how = argv[1] or "", argv[2]

if not sip.is_final(code) then
    freeswitch.consoleLog("err", "sipcodes_reject.lua: not a final status: " .. code .. "\n")
    session:hangup("INVALID_NUMBER_FORMAT")
elseif how == "cause" then
    local cause = sip.to_q850(code, nil, "freeswitch")
    session:hangup(sip.freeswitch_causes[cause] or tostring(cause))
else
    session:execute("respond", sip.format(code))
end
