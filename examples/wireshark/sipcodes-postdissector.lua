-- sipcodes-postdissector.lua: a Wireshark / tshark post-dissector that
-- explains every SIP response with the sipcodes module.
--
-- For each Status-Line that Wireshark's SIP dissector decoded in a packet
-- (a TCP segment can carry several responses), it adds a "sipcodes" tree:
--
--   sipcodes.code              the Status-Code
--   sipcodes.class             1..6, the first digit
--   sipcodes.class_name        provisional, success, redirection,
--                              client_failure, server_failure, global_failure
--   sipcodes.known             whether the code is in the response code table
--   sipcodes.reason            the table's reason phrase (known codes only)
--   sipcodes.phrase_matches    whether the phrase on the wire is exactly that
--   sipcodes.canonical         what a client treats the code as (RFC 3261
--                              section 8.1.3.2: an unknown 1xx as 183, an
--                              unknown final code as the x00 of its class)
--   sipcodes.canonical_reason  that code's reason phrase
--   sipcodes.q850              the Q.850 cause a gateway maps the response to
--                              (RFC 3398 section 8.2.6.1; none for 487)
--   sipcodes.invalid           why a Status-Line is not a valid one (for
--                              example a code outside 100-699), instead of
--                              the fields above
--
-- and appends a short note to the Info column, e.g. "[sipcodes:
-- client_failure]", "[sipcodes: client_failure; registered phrase "Busy
-- Here"]" or "[sipcodes: client_failure; unknown code, treated as 400 Bad
-- Request]".  Filter with e.g. "sipcodes.known == 0" or "sipcodes.class == 6".
--
-- Wireshark and tshark embed Lua 5.2: the module must be the Lua 5.2 build
-- of sipcodes.so, found through package.cpath (LUA_CPATH, or a folder such
-- as /usr/local/lib/lua/5.2/).  See docs/hosts.md.
--
--   tshark -r calls.pcap -X lua_script:sipcodes-postdissector.lua \
--          -Y sipcodes -T fields -e sip.Status-Line -e sipcodes.canonical

local sip = require("sipcodes")

local proto = Proto("sipcodes", "SIP status code (sipcodes)")

local fields = {
    code = ProtoField.uint16("sipcodes.code", "Status-Code"),
    class = ProtoField.uint8("sipcodes.class", "Class"),
    class_name = ProtoField.string("sipcodes.class_name", "Class name"),
    known = ProtoField.bool("sipcodes.known", "Code in the response code table"),
    reason = ProtoField.string("sipcodes.reason", "Registered reason phrase"),
    phrase_matches = ProtoField.bool("sipcodes.phrase_matches", "Phrase on the wire is the registered one"),
    canonical = ProtoField.uint16("sipcodes.canonical", "Treated as (RFC 3261 8.1.3.2)"),
    canonical_reason = ProtoField.string("sipcodes.canonical_reason", "Reason phrase of the code treated as"),
    q850 = ProtoField.uint8("sipcodes.q850", "Q.850 cause (RFC 3398 8.2.6.1)"),
    invalid = ProtoField.string("sipcodes.invalid", "Invalid Status-Line"),
}
proto.fields = {
    fields.code, fields.class, fields.class_name, fields.known, fields.reason,
    fields.phrase_matches, fields.canonical, fields.canonical_reason, fields.q850,
    fields.invalid,
}

-- Every Status-Line the SIP dissector found in the current packet.
local status_line_field = Field.new("sip.Status-Line")

-- The Info column note for one response.
local function note(code, phrase)
    local text = sip.class_name(code)
    if not sip.is_known(code) then
        local canonical = sip.canonical(code)
        text = text .. "; unknown code, treated as " .. canonical .. " " .. sip.reason(canonical)
    elseif phrase ~= sip.reason(code) then
        text = text .. '; registered phrase "' .. sip.reason(code) .. '"'
    end
    return " [sipcodes: " .. text .. "]"
end

local function explain(tree, pinfo, status_line)
    local subtree = tree:add(proto, status_line.range)
    -- The field's value is the line without its CRLF.  The default (not
    -- "strict") parse accepts any phrase real stacks send.
    local code, phrase = sip.parse_status_line(status_line.value)
    if not code then
        subtree:add(fields.invalid, phrase)     -- the parser's message
        pinfo.cols.info:append(" [sipcodes: invalid Status-Line]")
        return
    end
    local known = sip.is_known(code)
    local canonical = sip.canonical(code)
    subtree:add(fields.code, code)
    subtree:add(fields.class, sip.class(code))
    subtree:add(fields.class_name, sip.class_name(code))
    subtree:add(fields.known, known)
    if known then
        subtree:add(fields.reason, sip.reason(code))
    end
    subtree:add(fields.phrase_matches, phrase == sip.reason(code))
    subtree:add(fields.canonical, canonical)
    subtree:add(fields.canonical_reason, sip.reason(canonical))
    local cause = sip.to_q850(code)
    if cause then
        subtree:add(fields.q850, cause)
    end
    subtree:append_text(": " .. code .. " " .. sip.class_name(code))
    pinfo.cols.info:append(note(code, phrase))
end

function proto.dissector(_tvb, pinfo, tree)
    for _, status_line in ipairs({ status_line_field() }) do
        explain(tree, pinfo, status_line)
    end
end

register_postdissector(proto)
