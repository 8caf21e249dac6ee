-- sipcodes-routing.lua: Kamailio KEMI routing with the sipcodes module.
--
-- Loaded by kamailio.cfg (modparam "app_lua" "load").  Kamailio runs one Lua
-- state per worker process and calls ksr_request_route() for every request;
-- module-level code runs once per worker, so the module is required here,
-- once, and kept in a local.
--
-- What it does:
--   * INVITE: relayed statefully (tm) to the first hop; when that fails, the
--     failure route decides with sipcodes whether to try the backup hop
--     (serial forking) or to pass the failure to the caller.
--   * OPTIONS to sip:<code>@proxy, or with an "X-Status: <code>" header:
--     answered statelessly with that status and its registered reason
--     phrase, like httpbin's /status/<code> -- handy to see what a phone
--     does with a 580 or a 608.
--   * ACK / CANCEL / BYE: relayed within their transaction.
--
-- Status codes reach Lua in two shapes, and sipcodes takes both: most
-- pseudo-variables hold strings ("486"), while tm's reply code and
-- transformations such as $(rU{s.int}) are integers.

local sip = require("sipcodes")

-- Transaction flag: set once the backup hop has been tried, so that the
-- failure route of the backup branch does not fail over again.
local FLAG_BACKUP_TRIED = 1

-- A cfg define (kamailio -A NAME=value or #!trydef in kamailio.cfg).
local function define(name)
    local value = KSR.pv.get("$def(" .. name .. ")")
    return value and (value:gsub('^"(.*)"$', "%1"))
end

-- The phrase to send with a code: the registered one, or, for a code the
-- table does not know, the generic phrase of its class that sip.format()
-- uses ("499 Client Failure").
local function phrase(code)
    return sip.reason(code) or sip.format(code):sub(5)
end

------------------------------------------------------------------------
-- Failover policy
--
-- Which failures are worth a second server?  RFC 3261 section 21.4: a 4xx
-- is "definite failure ... from a particular server"; section 21.5: with a
-- 5xx "a server itself has erred"; section 16.7 and section 6: a 6xx (and a
-- 2xx) ends a serial search, so a proxy MUST NOT create new branches after
-- one.  Timeouts (408, including tm's local 408 when fr_timer fires) and
-- server failures therefore fail over; everything else goes to the caller.
-- A code the table does not know counts as the x00 of its class (RFC 3261
-- section 8.1.3.2), so 599 fails over like 500 and 699 stops like 600.
--
-- This one function is the routing decision; swap it for another rule set
-- without touching the routes below.
local function fails_over(code)
    local known = sip.canonical(code)
    if known == nil or sip.is_global_failure(known) then
        return false
    end
    return known == sip.REQUEST_TIMEOUT or sip.is_server_failure(known)
end

------------------------------------------------------------------------
-- Replies and relaying

local function reply(code)
    KSR.sl.sl_send_reply(code, phrase(code))
end

-- A status responder: the code comes from the Request-URI user part as an
-- integer ($(rU{s.int})), or from an X-Status header as the string the
-- pseudo-variable holds.  Anything that is not a final status code gets
-- 400 Bad Request.
local function answer_status_request()
    local code
    if KSR.pv.get("$rU") and KSR.pv.get("$rU"):match("^%d%d%d$") then
        code = KSR.pv.get("$(rU{s.int})")
    else
        code = KSR.pv.get("$hdr(X-Status)")
    end
    if code == nil or not sip.is_final(code) then
        reply(sip.BAD_REQUEST)
        return
    end
    KSR.sl.sl_send_reply(tonumber(code), phrase(code))
end

local function relay_to(hop)
    KSR.pv.sets("$du", hop)
    KSR.tm.t_on_failure("ksr_failure_route")
    if KSR.tm.t_relay() < 0 then
        KSR.sl.send_reply(sip.SERVER_INTERNAL_ERROR, phrase(sip.SERVER_INTERNAL_ERROR))
    end
end

-- CANCEL and BYE are relayed as they come.  When this proxy should say why
-- a call ends (an RFC 3326 Reason header such as
-- 'Reason: SIP ;cause=600 ;text="Busy Everywhere"'), this is the place to
-- add it, before the relay.
local function relay_call_end()
    KSR.tm.t_relay()
end

-- Requests inside a dialog (ACK for a 2xx, BYE, re-INVITE) follow the
-- route set the dialog recorded.
local function route_within_dialog(method)
    if KSR.rr.loose_route() > 0 then
        if method == "BYE" then
            relay_call_end()
        else
            KSR.tm.t_relay()
        end
    elseif method == "ACK" then
        if KSR.tm.t_check_trans() > 0 then
            KSR.tm.t_relay()
        end
    else
        reply(sip.CALL_TRANSACTION_DOES_NOT_EXIST)
    end
end

------------------------------------------------------------------------
-- Routes (called by Kamailio)

function ksr_request_route()
    if KSR.maxfwd.process_maxfwd(10) < 0 then
        reply(sip.TOO_MANY_HOPS)
        return
    end
    local method = KSR.pv.get("$rm")
    if KSR.siputils.has_totag() > 0 then
        route_within_dialog(method)
        return
    end
    if method == "OPTIONS" then
        answer_status_request()
    elseif method == "INVITE" then
        -- Stay on the path, so that the caller's ACK and BYE come here too.
        KSR.rr.record_route()
        relay_to(define("SIPCODES_PRIMARY"))
    elseif method == "ACK" then
        -- An ACK for a failure belongs to an INVITE transaction of ours,
        -- which tm has already acknowledged downstream: it absorbs it.
        KSR.tm.t_check_trans()
    elseif method == "CANCEL" then
        if KSR.tm.t_check_trans() > 0 then
            relay_call_end()
        end
    else
        reply(sip.METHOD_NOT_ALLOWED)
    end
end

-- Runs when every branch of the INVITE transaction has failed, before tm
-- forwards the best failure to the caller.
function ksr_failure_route()
    if KSR.tm.t_is_canceled() > 0 then
        return                            -- the caller gave up: nothing to do
    end
    local code = KSR.pv.get("$T_reply_code")  -- an integer, e.g. 503
    if not KSR.isflagset(FLAG_BACKUP_TRIED) and fails_over(code) then
        KSR.setflag(FLAG_BACKUP_TRIED)
        relay_to(define("SIPCODES_BACKUP"))
        return
    end
    -- RFC 3261 section 16.7 step 6: when the only answer a proxy got is 503,
    -- it SHOULD send 500 upstream, so that the caller does not take the
    -- 503 as being about the proxy itself.
    if sip.canonical(code) == sip.SERVICE_UNAVAILABLE then
        KSR.tm.t_reply(sip.SERVER_INTERNAL_ERROR, phrase(sip.SERVER_INTERNAL_ERROR))
    end
    -- Otherwise tm forwards the selected failure unchanged.
end
