-- sipcodes-routing.lua: Kamailio KEMI routing with the sipcodes module.
--
-- Loaded by kamailio.cfg (modparam "app_lua" "load").  Kamailio runs one Lua
-- state per worker process and calls ksr_request_route() for every request;
-- module-level code runs once per worker, so the module is required here,
-- once, and kept in a local.
--
-- What it does:
--   * INVITE: relayed statefully (tm) to the first hop; when that fails, the
--     failure route decides with a sipcodes status pattern whether to try
--     the backup hop (serial forking) or to pass the failure to the caller,
--     and when both hops fail it answers with the better of their two
--     answers (sip.best_response, RFC 3261 section 16.7).
--   * OPTIONS to sip:<code>@proxy, or with an "X-Status: <code>" header:
--     answered statelessly with that status and its registered reason
--     phrase, like httpbin's /status/<code> -- handy to see what a phone
--     does with a 580 or a 608.
--   * ACK / CANCEL / BYE: relayed within their transaction; CANCEL and BYE
--     get an RFC 3326 Reason header saying why the call ends, unless the
--     user agent sent one.
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
--
-- The rule is written the way Kamailio's t_check_status("408|5[0-9][0-9]")
-- writes it, compiled here once per worker (module-level code runs once in
-- each worker's Lua state) into a predicate that the failure route calls
-- for every failed INVITE.  A pattern always means whole codes, so 599 (a
-- code the table does not know) fails over like any 5xx.  Swap the pattern
-- for another rule set without touching the routes below; a malformed
-- pattern stops Kamailio at startup instead of never matching.
local FAILOVER = sip.matcher("408|5xx")

-- The $avp that keeps the first hop's failure while the backup hop is
-- tried: tm restores a transaction's AVPs in its failure route.
local FIRST_FAILURE = "$avp(sipcodes_first)"

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

-- CANCEL and BYE say why the call ends, in an RFC 3326 Reason header, so
-- that the far end (a phone deciding whether to show a missed call, a PSTN
-- gateway choosing an ISUP release cause) need not guess.  A Reason the
-- user agent already put there is kept: it knows better than this proxy
-- (RFC 3326 section 2: a proxy that regenerates a CANCEL SHOULD copy it).
local function add_reason(value)
    if value ~= nil and KSR.hdr.is_present("Reason") < 0 then
        KSR.hdr.append("Reason: " .. value .. "\r\n")
    end
end

local function relay_call_end(method)
    if method == "CANCEL" then
        -- The caller gave up before an answer.  487 is the status RFC 3261
        -- section 9.2 gives the cancelled INVITE, so "SIP;cause=487;text=
        -- \"Request Terminated\"" names that event in SIP's own terms, and
        -- unlike cause=200 ("Call completed elsewhere", RFC 3326's example)
        -- it leaves the callee free to log a missed call.
        add_reason(sip.reason_header(sip.REQUEST_TERMINATED))
        -- tm builds the downstream CANCEL from the headers of the CANCEL it
        -- received (and copies its Reason, tm's e2e_cancel_reason), not
        -- from the edited message: apply the change to the message first.
        KSR.textopsx.msg_apply_changes()
    else
        -- A BYE ends an established call in the ordinary way: Q.850 cause
        -- 16, "Normal call clearing", the cause RFC 3398 section 8.2.6.1 maps
        -- BYE to and RFC 3326's own Q.850 example.
        add_reason(sip.q850_reason_header(16))
    end
    KSR.tm.t_relay()
end

-- Requests inside a dialog (ACK for a 2xx, BYE, re-INVITE) follow the
-- route set the dialog recorded.
local function route_within_dialog(method)
    if KSR.rr.loose_route() > 0 then
        if method == "BYE" then
            relay_call_end(method)
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
            relay_call_end(method)
        end
    else
        reply(sip.METHOD_NOT_ALLOWED)
    end
end

-- Runs when every branch of the INVITE transaction has failed, before tm
-- forwards the selected failure to the caller.  It runs twice at most: once
-- for the first hop and, after a failover, once for the backup hop, when
-- $T_reply_code is the backup's failure only.
function ksr_failure_route()
    if KSR.tm.t_is_canceled() > 0 then
        return                            -- the caller gave up: nothing to do
    end
    local code = KSR.pv.get("$T_reply_code")  -- an integer, e.g. 503
    if not KSR.isflagset(FLAG_BACKUP_TRIED) and not sip.stops_forking(code)
            and FAILOVER(code) then
        KSR.setflag(FLAG_BACKUP_TRIED)
        KSR.pv.seti(FIRST_FAILURE, code)
        relay_to(define("SIPCODES_BACKUP"))
        return
    end
    -- Every hop has failed: answer the caller as RFC 3261 section 16.7 step
    -- 6 says a stateful proxy chooses among its branches' responses: a 6xx
    -- if any (it is about the user, not about one server), else the lowest
    -- class, preferring in 4xx the answers that tell the caller how to
    -- retry (401, 407, 415, 420, 484).  A lone 503 is sent as 500, so that
    -- the caller does not take it as being about this proxy.  The first
    -- hop's failure (nil without a failover) competes with the backup's.
    local best, index = sip.best_response({ code, KSR.pv.get(FIRST_FAILURE) })
    if index ~= 1 or best ~= code then
        -- tm would forward the backup's reply: send the chosen one instead.
        KSR.tm.t_reply(best, phrase(best))
    end
    -- Otherwise tm forwards the selected failure unchanged.
end
