-- sipcodes_pure: the same table and interface as sipcodes, written in plain
-- Lua the way a user who did not have the C module would write it.  The
-- benchmark measures sipcodes against it; it is not part of the module.
local M = {}

local reasons = {
  [100] = "Trying",
  [180] = "Ringing",
  [181] = "Call Is Being Forwarded",
  [182] = "Queued",
  [183] = "Session Progress",
  [199] = "Early Dialog Terminated",
  [200] = "OK",
  [202] = "Accepted",
  [204] = "No Notification",
  [300] = "Multiple Choices",
  [301] = "Moved Permanently",
  [302] = "Moved Temporarily",
  [305] = "Use Proxy",
  [380] = "Alternative Service",
  [400] = "Bad Request",
  [401] = "Unauthorized",
  [402] = "Payment Required",
  [403] = "Forbidden",
  [404] = "Not Found",
  [405] = "Method Not Allowed",
  [406] = "Not Acceptable",
  [407] = "Proxy Authentication Required",
  [408] = "Request Timeout",
  [409] = "Conflict",
  [410] = "Gone",
  [411] = "Length Required",
  [412] = "Conditional Request Failed",
  [413] = "Request Entity Too Large",
  [414] = "Request-URI Too Long",
  [415] = "Unsupported Media Type",
  [416] = "Unsupported URI Scheme",
  [417] = "Unknown Resource-Priority",
  [420] = "Bad Extension",
  [421] = "Extension Required",
  [422] = "Session Interval Too Small",
  [423] = "Interval Too Brief",
  [424] = "Bad Location Information",
  [425] = "Bad Alert Message",
  [428] = "Use Identity Header",
  [429] = "Provide Referrer Identity",
  [430] = "Flow Failed",
  [433] = "Anonymity Disallowed",
  [436] = "Bad Identity Info",
  [437] = "Unsupported Credential",
  [438] = "Invalid Identity Header",
  [439] = "First Hop Lacks Outbound Support",
  [440] = "Max-Breadth Exceeded",
  [469] = "Bad Info Package",
  [470] = "Consent Needed",
  [480] = "Temporarily Unavailable",
  [481] = "Call/Transaction Does Not Exist",
  [482] = "Loop Detected",
  [483] = "Too Many Hops",
  [484] = "Address Incomplete",
  [485] = "Ambiguous",
  [486] = "Busy Here",
  [487] = "Request Terminated",
  [488] = "Not Acceptable Here",
  [489] = "Bad Event",
  [491] = "Request Pending",
  [493] = "Undecipherable",
  [494] = "Security Agreement Required",
  [500] = "Server Internal Error",
  [501] = "Not Implemented",
  [502] = "Bad Gateway",
  [503] = "Service Unavailable",
  [504] = "Server Time-out",
  [505] = "Version Not Supported",
  [513] = "Message Too Large",
  [555] = "Push Notification Service Not Supported",
  [580] = "Precondition Failure",
  [600] = "Busy Everywhere",
  [603] = "Decline",
  [604] = "Does Not Exist Anywhere",
  [606] = "Not Acceptable",
  [607] = "Unwanted",
  [608] = "Rejected",
}

local names = {
  TRYING = 100,
  RINGING = 180,
  CALL_IS_BEING_FORWARDED = 181,
  QUEUED = 182,
  SESSION_PROGRESS = 183,
  EARLY_DIALOG_TERMINATED = 199,
  OK = 200,
  ACCEPTED = 202,
  NO_NOTIFICATION = 204,
  MULTIPLE_CHOICES = 300,
  MOVED_PERMANENTLY = 301,
  MOVED_TEMPORARILY = 302,
  USE_PROXY = 305,
  ALTERNATIVE_SERVICE = 380,
  BAD_REQUEST = 400,
  UNAUTHORIZED = 401,
  PAYMENT_REQUIRED = 402,
  FORBIDDEN = 403,
  NOT_FOUND = 404,
  METHOD_NOT_ALLOWED = 405,
  NOT_ACCEPTABLE = 406,
  PROXY_AUTHENTICATION_REQUIRED = 407,
  REQUEST_TIMEOUT = 408,
  CONFLICT = 409,
  GONE = 410,
  LENGTH_REQUIRED = 411,
  CONDITIONAL_REQUEST_FAILED = 412,
  REQUEST_ENTITY_TOO_LARGE = 413,
  REQUEST_URI_TOO_LONG = 414,
  UNSUPPORTED_MEDIA_TYPE = 415,
  UNSUPPORTED_URI_SCHEME = 416,
  UNKNOWN_RESOURCE_PRIORITY = 417,
  BAD_EXTENSION = 420,
  EXTENSION_REQUIRED = 421,
  SESSION_INTERVAL_TOO_SMALL = 422,
  INTERVAL_TOO_BRIEF = 423,
  BAD_LOCATION_INFORMATION = 424,
  BAD_ALERT_MESSAGE = 425,
  USE_IDENTITY_HEADER = 428,
  PROVIDE_REFERRER_IDENTITY = 429,
  FLOW_FAILED = 430,
  ANONYMITY_DISALLOWED = 433,
  BAD_IDENTITY_INFO = 436,
  UNSUPPORTED_CREDENTIAL = 437,
  INVALID_IDENTITY_HEADER = 438,
  FIRST_HOP_LACKS_OUTBOUND_SUPPORT = 439,
  MAX_BREADTH_EXCEEDED = 440,
  BAD_INFO_PACKAGE = 469,
  CONSENT_NEEDED = 470,
  TEMPORARILY_UNAVAILABLE = 480,
  CALL_TRANSACTION_DOES_NOT_EXIST = 481,
  LOOP_DETECTED = 482,
  TOO_MANY_HOPS = 483,
  ADDRESS_INCOMPLETE = 484,
  AMBIGUOUS = 485,
  BUSY_HERE = 486,
  REQUEST_TERMINATED = 487,
  NOT_ACCEPTABLE_HERE = 488,
  BAD_EVENT = 489,
  REQUEST_PENDING = 491,
  UNDECIPHERABLE = 493,
  SECURITY_AGREEMENT_REQUIRED = 494,
  SERVER_INTERNAL_ERROR = 500,
  NOT_IMPLEMENTED = 501,
  BAD_GATEWAY = 502,
  SERVICE_UNAVAILABLE = 503,
  SERVER_TIME_OUT = 504,
  VERSION_NOT_SUPPORTED = 505,
  MESSAGE_TOO_LARGE = 513,
  PUSH_NOTIFICATION_SERVICE_NOT_SUPPORTED = 555,
  PRECONDITION_FAILURE = 580,
  BUSY_EVERYWHERE = 600,
  DECLINE = 603,
  DOES_NOT_EXIST_ANYWHERE = 604,
  NOT_ACCEPTABLE_ANYWHERE = 606,
  UNWANTED = 607,
  REJECTED = 608,
}

local aliases = {
  ["Call is Being Forwarded"] = 181,
  ["Session in Progress"] = 183,
  ["Accepted (Deprecated)"] = 202,
  ["Request-URI Too Large"] = 414,
  ["Bad Identity-Info"] = 436,
  ["Unsupported Certificate"] = 437,
  ["Temporarily not available"] = 480,
  ["Call Leg/Transaction Does Not Exist"] = 481,
  ["Internal Server Error"] = 500,
  ["Server Time-Out"] = 504,
  ["SIP Version not supported"] = 505,
}

local function readonly(t, name)
  return setmetatable({}, {
    __index = t,
    __newindex = function() error("attempt to modify read-only table " .. name, 2) end,
    __pairs = function() return next, t, nil end,
    __metatable = "read-only",
  })
end

-- The input rules of sipcodes: an integral number or three ASCII digits.
local function tocode(code, fname)
  local t = type(code)
  if t == "number" then
    if code >= 100 and code <= 699 and code % 1 == 0 then return code end
    return nil
  elseif t == "string" then
    if #code == 3 and code:find("^%d%d%d$") then
      local n = tonumber(code)
      if n >= 100 and n <= 699 then return n end
    end
    return nil
  end
  error(("bad argument #1 to '%s' (SIP status code expected, got %s)"):format(fname, t), 3)
end

function M.reason(code)
  local c = tocode(code, "reason")
  return c and reasons[c]
end

-- Phrases, aliases and constant names, lower-cased, lower code first.
local by_text = {}
for c, r in pairs(reasons) do
  local key = r:lower()
  if not by_text[key] or by_text[key] > c then by_text[key] = c end
end
for a, c in pairs(aliases) do
  local key = a:lower()
  if not by_text[key] or by_text[key] > c then by_text[key] = c end
end
for n, c in pairs(names) do by_text[n:lower()] = c end

function M.code(text)
  if type(text) ~= "string" then
    error(("bad argument #1 to 'code' (string expected, got %s)"):format(type(text)), 2)
  end
  return by_text[text:match("^%s*(.-)%s*$"):lower()]
end

function M.class(code)
  local c = tocode(code, "class")
  return c and math.floor(c / 100)
end

local function between(lo, hi, fname)
  return function(code)
    local c = tocode(code, fname)
    return c ~= nil and c >= lo and c <= hi
  end
end
M.is_valid = between(100, 699, "is_valid")
M.is_provisional = between(100, 199, "is_provisional")
M.is_final = between(200, 699, "is_final")
M.is_success = between(200, 299, "is_success")
M.is_redirection = between(300, 399, "is_redirection")
M.is_client_failure = between(400, 499, "is_client_failure")
M.is_server_failure = between(500, 599, "is_server_failure")
M.is_global_failure = between(600, 699, "is_global_failure")
M.is_failure = between(400, 699, "is_failure")

function M.is_known(code)
  local c = tocode(code, "is_known")
  return c ~= nil and reasons[c] ~= nil
end

function M.canonical(code)
  local c = tocode(code, "canonical")
  if not c then return nil end
  if reasons[c] then return c end
  if c < 200 then return 183 end
  return c - c % 100
end

local class_phrases = { "Provisional", "Success", "Redirection",
                        "Client Failure", "Server Failure", "Global Failure" }

-- A Reason-Phrase as RFC 3261 section 25 defines it (the grammar's own
-- UTF8-NONASCII rule); nil when valid, else the offending byte offset.
local function phrase_error(s)
  local bad = s:find("[^%w;/?:@&=+$,%-_.!~*'() \t%%\128-\255]")
  if bad then return bad end
  local i = s:find("%", 1, true)
  while i do
    if not s:find("^%x%x", i + 1) then return i end
    i = s:find("%", i + 3, true)
  end
  i = s:find("[\192-\253]")
  while i do
    local b = s:byte(i)
    local need = b >= 252 and 5 or b >= 248 and 4 or b >= 240 and 3 or b >= 224 and 2 or 1
    for k = i + 1, i + need do
      local cb = s:byte(k)
      if not cb or cb < 128 or cb > 191 then return i end
    end
    i = s:find("[\192-\253]", i + need + 1)
  end
  if s:find("[\254\255]") then return s:find("[\254\255]") end
  return nil
end

local function formatter(prefix, fname)
  local cache = {}
  return function(code, reason)
    local c = tocode(code, fname)
    if reason ~= nil then
      if type(reason) ~= "string" then
        error(("bad argument #2 to '%s' (string expected, got %s)"):format(fname, type(reason)), 2)
      end
      if phrase_error(reason) then
        error(("bad argument #2 to '%s' (invalid Reason-Phrase)"):format(fname), 2)
      end
      return c and prefix .. c .. " " .. reason
    end
    if not c then return nil end
    local s = cache[c]
    if not s then
      s = prefix .. c .. " " .. (reasons[c] or class_phrases[math.floor(c / 100)])
      cache[c] = s
    end
    return s
  end
end
M.format = formatter("", "format")
M.status_line = formatter("SIP/2.0 ", "status_line")

-- RFC 3261 section 25 Status-Line, at most one trailing CRLF or LF; the
-- Reason-Phrase any text without controls (HTAB allowed), or with "strict"
-- section 25's exactly.
function M.parse_status_line(s, mode)
  if type(s) ~= "string" then
    error(("bad argument #1 to 'parse_status_line' (string expected, got %s)"):format(type(s)), 2)
  end
  if mode ~= nil and mode ~= "strict" then
    error("bad argument #2 to 'parse_status_line' ('strict' or nil expected)", 2)
  end
  if s:byte(-1) == 10 then
    s = s:sub(1, s:byte(-2) == 13 and -3 or -2)
  end
  local version, code, reason = s:match("^([Ss][Ii][Pp]/%d+%.%d+) ([1-6]%d%d) (.*)$")
  if not version then
    return nil, "invalid Status-Line"
  end
  if reason:find("[^%w ]") then
    if reason:find("\0", 1, true) or reason:find("[\1-\8\10-\31\127]") then
      return nil, "invalid Status-Line: control character"
    end
    if mode and phrase_error(reason) then
      return nil, "invalid Status-Line: bad Reason-Phrase"
    end
  end
  return tonumber(code), reason, version
end

M.reasons = readonly(reasons, "sipcodes.reasons")
for n, c in pairs(names) do M[n] = c end
M._VERSION = "1.0.0"

return readonly(M, "sipcodes")
