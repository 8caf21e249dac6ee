-- sipcodes_http.lua: HTTP lookups of SIP status codes for nginx-lua /
-- OpenResty, backed by the sipcodes module.
--
--   GET /sip/reason?code=486             -> Busy Here
--   GET /sip/class?code=486              -> 4 client_failure
--   GET /sip/format?code=486             -> 486 Busy Here
--   GET /sip/format?code=486&reason=Busy -> 486 Busy
--   GET /sip/info?code=486               -> {"code":486,"reason":"Busy Here",...}
--
-- A code that is not a status code (or, for reason and info, that no
-- registry knows) answers 404; a reason that is not a valid RFC 3261
-- Reason-Phrase answers 400.  sipcodes.conf requires this module in
-- init_by_lua, so that the master process loads it once and every worker
-- inherits it; the handlers are then plain upvalue and table accesses.

local sip = require("sipcodes")
local cjson = require("cjson.safe")

local ngx = ngx
local M = {}

local function answer(status, body, content_type)
    ngx.status = status
    ngx.header["Content-Type"] = content_type or "text/plain; charset=utf-8"
    ngx.say(body)
    return ngx.exit(status)
end

-- The code from the query string: the string "486", which sipcodes takes as
-- it is (no tonumber: "486.0" or " 486" are not status codes).
local function code_arg()
    return ngx.var.arg_code or ""
end

function M.reason()
    local reason = sip.reason(code_arg())
    if reason == nil then
        return answer(ngx.HTTP_NOT_FOUND, "unknown status code")
    end
    return answer(ngx.HTTP_OK, reason)
end

function M.class()
    local code = code_arg()
    local class = sip.class(code)
    if class == nil then
        return answer(ngx.HTTP_NOT_FOUND, "not a status code")
    end
    return answer(ngx.HTTP_OK, class .. " " .. sip.class_name(code))
end

function M.format()
    -- get_uri_args() decodes %XX, so a reason may carry spaces or UTF-8.
    local reason = ngx.req.get_uri_args().reason
    if type(reason) == "table" then        -- ?reason=a&reason=b
        return answer(ngx.HTTP_BAD_REQUEST, "one reason only")
    end
    -- format() raises for a reason that could break a SIP message
    -- (CR, LF, quotes, invalid UTF-8, ...): catch it and say so.
    local ok, line = pcall(sip.format, code_arg(), reason)
    if not ok then
        return answer(ngx.HTTP_BAD_REQUEST, "invalid reason phrase")
    end
    if line == nil then
        return answer(ngx.HTTP_NOT_FOUND, "not a status code")
    end
    return answer(ngx.HTTP_OK, line)
end

function M.info()
    local info = sip.info(code_arg())
    if info == nil then
        return answer(ngx.HTTP_NOT_FOUND, cjson.encode({ error = "unknown status code" }),
                      "application/json")
    end
    -- sip.info() gives a read-only proxy, which cjson would encode as "{}":
    -- sip.copy() makes the plain table cjson can walk.
    return answer(ngx.HTTP_OK, cjson.encode(sip.copy(info)), "application/json")
end

return M
