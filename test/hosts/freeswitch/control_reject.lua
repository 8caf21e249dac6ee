-- The control for the load batches: what sipcodes_reject.lua 486 does,
-- without sipcodes (nothing is required), so that the memory FreeSWITCH
-- needs for the calls themselves can be told from the module's.
session:execute("respond", "486 Busy Here")
