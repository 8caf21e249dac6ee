-- sipcodes_haproxy.lua: SIP status codes in HAProxy (Lua 5.3), with the
-- sipcodes module.  Loaded by haproxy.cfg (lua-load).  Two things:
--
-- 1. lua.sip_explain, an HTTP service that explains a status code:
--      GET /sip/486 -> 200 {"code":486,"known":true,"reason":"Busy Here",
--                           "name":"BUSY_HERE","class":4,
--                           "class_name":"client_failure","final":true,
--                           "deprecated":false,"canonical":486,
--                           "canonical_reason":"Busy Here","q850":17}
--      GET /sip/499 -> 200, "known":false, "reason":null, "canonical":400
--      GET /sip/700 -> 404 {"error":"not a SIP status code"}
--    "canonical" is what a client treats the code as (RFC 3261 section
--    8.1.3.2), "q850" the cause a gateway maps it to (RFC 3398 section
--    8.2.6.1; null for 487).
--
-- 2. A SIP health probe: one task per server of a backend (by default
--    "sip_peers") sends OPTIONS over TCP to the server, skips provisional
--    responses, and classifies the final one with sip.parse_status_line.
--    A server whose final status matches the pattern SIPCODES_PEER_ALIVE
--    (a sipcodes status pattern, by default "2xx") is put back into
--    rotation (set_ready); any other status, an unparsable answer, no final
--    answer within SIPCODES_PROBE_TIMEOUT seconds or a refused connection
--    puts it into maintenance (set_maint).  The probe changes a server's
--    state only when its verdict changes, so an operator's "disable server"
--    lasts until the peer's answer changes.
--    lua.sip_peers, an HTTP service, reports what each probe last saw:
--      GET /sip-peers -> {"backend":"sip_peers","peers":[{"name":"pbx1",
--                         "address":"127.0.0.1:5070","state":"up",
--                         "probes":3,"status_line":"SIP/2.0 200 OK",
--                         "code":200,"class":2,"class_name":"success",
--                         "known":true,"canonical":200,
--                         "canonical_reason":"OK","error":null}, ...]}
--
-- Settings come from the environment (haproxy.cfg sets them with
-- presetenv): SIPCODES_PEERS_BACKEND, SIPCODES_PEER_ALIVE,
-- SIPCODES_PROBE_INTERVAL (milliseconds), SIPCODES_PROBE_TIMEOUT (seconds).
--
-- The module is required once, here, in HAProxy's shared Lua state; all
-- threads use it.  Codes from the URL path are handed over as the strings
-- they are: sipcodes takes "486" and refuses "486.0", " 486" or "0x1E6".

local sip = require("sipcodes")

local PEERS_BACKEND = os.getenv("SIPCODES_PEERS_BACKEND") or "sip_peers"
local PEER_ALIVE = os.getenv("SIPCODES_PEER_ALIVE") or "2xx"
local is_alive = sip.matcher(PEER_ALIVE)       -- raises at load on a bad pattern
local PROBE_INTERVAL_MS = tonumber(os.getenv("SIPCODES_PROBE_INTERVAL")) or 5000
local PROBE_TIMEOUT_S = tonumber(os.getenv("SIPCODES_PROBE_TIMEOUT")) or 2

-- JSON --------------------------------------------------------------------

local function json_string(s)
    return '"' .. s:gsub('[%c"\\]', function(c)
        return string.format("\\u%04x", c:byte())
    end) .. '"'
end

-- A JSON object of the given keys, in that order; a nil value is null.
local function json_object(record, keys)
    local parts = {}
    for i, key in ipairs(keys) do
        local value = record[key]
        local text
        if value == nil then
            text = "null"
        elseif type(value) == "string" then
            text = json_string(value)
        elseif type(value) == "number" then
            text = string.format("%d", value)
        else
            text = tostring(value)
        end
        parts[i] = json_string(key) .. ":" .. text
    end
    return "{" .. table.concat(parts, ",") .. "}"
end

local function send_json(applet, status, body)
    applet:set_status(status)
    applet:add_header("content-type", "application/json")
    applet:add_header("content-length", tostring(#body))
    applet:start_response()
    applet:send(body)
end

-- lua.sip_explain -----------------------------------------------------------

local EXPLAIN_KEYS = { "code", "known", "reason", "name", "class", "class_name", "final",
                       "deprecated", "canonical", "canonical_reason", "q850" }

core.register_service("sip_explain", "http", function(applet)
    local code = applet.path:match("^/sip/([^/]*)$")
    if not code or not sip.is_valid(code) then
        return send_json(applet, 404, '{"error":"not a SIP status code"}')
    end
    local info = sip.info(code)            -- nil for a code the table does not know
    local canonical = sip.canonical(code)
    send_json(applet, 200, json_object({
        code = tonumber(code),
        known = sip.is_known(code),
        reason = sip.reason(code),
        name = info and info.name,
        class = sip.class(code),
        class_name = sip.class_name(code),
        final = sip.is_final(code),
        deprecated = sip.is_deprecated(code),
        canonical = canonical,
        canonical_reason = sip.reason(canonical),
        q850 = sip.to_q850(code),
    }, EXPLAIN_KEYS) .. "\n")
end)

-- SIP health probe ----------------------------------------------------------

local probe_count = 0

local function options_request(sock, address)
    probe_count = probe_count + 1
    local local_address = sock:getsockname() or "0.0.0.0"
    local id = string.format("%d-%d", core.now().sec, probe_count)
    return table.concat({
        "OPTIONS sip:" .. address .. ";transport=tcp SIP/2.0",
        "Via: SIP/2.0/TCP " .. local_address .. ";branch=z9hG4bK-haproxy-" .. id,
        "Max-Forwards: 70",
        "From: <sip:haproxy@" .. local_address .. ">;tag=haproxy-" .. id,
        "To: <sip:" .. address .. ">",
        "Call-ID: haproxy-probe-" .. id,
        "CSeq: 1 OPTIONS",
        "Accept: application/sdp",
        "Content-Length: 0",
        "", "" }, "\r\n")
end

-- Reads one message's headers and body; its Content-Length.
local function skip_message(sock)
    local length = 0
    while true do
        local line = sock:receive("*l")
        if line == nil or line == "" then break end
        local value = line:match("^[Cc][Oo][Nn][Tt][Ee][Nn][Tt]%-[Ll][Ee][Nn][Gg][Tt][Hh]%s*:%s*(%d+)")
            or line:match("^[Ll]%s*:%s*(%d+)")          -- compact form (RFC 3261 section 7.3.3)
        length = tonumber(value) or length
    end
    if length > 0 then sock:receive(length) end
end

-- One probe: the final Status-Line's code, phrase and line; or nil, an
-- error, and the offending line if there was one.
local function probe(address)
    local sock = core.tcp()
    sock:settimeout(PROBE_TIMEOUT_S)
    if not sock:connect(address) then
        sock:close()
        return nil, "cannot connect"
    end
    sock:send(options_request(sock, address))
    while true do
        local line, err = sock:receive("*l")
        if line == nil then
            sock:close()
            return nil, "no final response (" .. tostring(err) .. ")"
        end
        local code, phrase = sip.parse_status_line(line)
        if not code then
            sock:close()
            return nil, phrase, line              -- phrase is the parser's message
        end
        skip_message(sock)
        if sip.is_final(code) then
            sock:close()
            return code, phrase, line
        end
    end
end

local peers = {}          -- server name -> what its last probe saw

local function watch(name, server)
    local address = server:get_addr()
    local state = { name = name, address = address, probes = 0 }
    peers[name] = state
    local verdict
    while true do
        local code, err, line = probe(address)
        local up = code ~= nil and is_alive(code)
        local canonical = code and sip.canonical(code)
        peers[name] = {
            name = name, address = address, probes = state.probes + 1,
            state = up and "up" or "down", status_line = line,
            code = code, class = code and sip.class(code),
            class_name = code and sip.class_name(code), known = code and sip.is_known(code),
            canonical = canonical, canonical_reason = canonical and sip.reason(canonical),
            error = not code and err or nil,
        }
        state = peers[name]
        if up ~= verdict then
            if up then server:set_ready() else server:set_maint() end
            core.log(core.info, string.format("sipcodes probe: %s/%s %s: %s", PEERS_BACKEND, name,
                up and "up" or "down", code and line or err))
            verdict = up
        end
        core.msleep(PROBE_INTERVAL_MS)
    end
end

core.register_task(function()
    local backend = core.backends[PEERS_BACKEND]
    if not backend then
        core.log(core.alert, "sipcodes probe: no backend named " .. PEERS_BACKEND)
        return
    end
    for name, server in pairs(backend.servers) do
        core.register_task(function() watch(name, server) end)
    end
end)

local PEER_KEYS = { "name", "address", "state", "probes", "status_line", "code", "class",
                    "class_name", "known", "canonical", "canonical_reason", "error" }

core.register_service("sip_peers", "http", function(applet)
    local names = {}
    for name in pairs(peers) do names[#names + 1] = name end
    table.sort(names)
    local list = {}
    for i, name in ipairs(names) do list[i] = json_object(peers[name], PEER_KEYS) end
    send_json(applet, 200, '{"backend":' .. json_string(PEERS_BACKEND) .. ',"alive":'
        .. json_string(PEER_ALIVE) .. ',"peers":[' .. table.concat(list, ",") .. "]}\n")
end)
