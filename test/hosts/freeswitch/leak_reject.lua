-- The memory check's own control: a script that leaks on purpose, to show
-- that the check sees a leak of the size it is there to catch.  It keeps
-- 100 kB per call in a FreeSWITCH global variable, which outlives the call
-- (300 calls: about what 900 calls would leak if each kept its Lua state
-- with sipcodes, 38 kB), then does what control_reject.lua does.
freeswitch.API():execute("global_setvar",
    "sipcodes_leak_" .. session:get_uuid() .. "=" .. string.rep("x", 100 * 1024))
session:execute("respond", "486 Busy Here")
