---@meta sipcodes
-- Type definitions of the sipcodes module for lua-language-server.
--
-- Point the language server at this file's directory, e.g. in .luarc.json:
--   { "workspace.library": ["<directory holding this file>"] }
-- It describes require("sipcodes"); it is never loaded at run time.

---A SIP status code: a number with an integral value (486, 486.0) or a
---string of exactly three ASCII digits ("486"). Any other number or string
---is not a code (lookups give nil, predicates false); any other type raises
---an argument error.
---@alias sipcodes.code integer|number|string

---The class of a code, by its first digit.
---@alias sipcodes.class_name
---| "provisional"    # 1xx
---| "success"        # 2xx
---| "redirection"    # 3xx
---| "client_failure" # 4xx
---| "server_failure" # 5xx
---| "global_failure" # 6xx

---A response class, 1 to 6.
---@alias sipcodes.class 1|2|3|4|5|6

---The sealed record of a known code (sip.info): a userdata read like a
---table.  The same object on every call for the same code; writing to it
---raises an error.
---@class sipcodes.info
---@field code integer the number, e.g. 486
---@field reason string the phrase sent on the wire, e.g. "Busy Here"
---@field name string the constant name, e.g. "BUSY_HERE"
---@field class sipcodes.class the first digit
---@field class_name sipcodes.class_name
---@field description string one sentence for people reading a trace
---@field rfc string the defining document, e.g. "RFC 3261"
---@field deprecated boolean true for 202, 409 and 411
---@field iana boolean registered with IANA (false for 409 and 411)
---@field aliases string[] other spellings that sip.code() accepts (read-only)

---The sipcodes module: the SIP response code table, sealed (a userdata
---read like a table; no write reaches it).
---@class sipcodes
local sip = {}

---The semantic version of the module, e.g. "1.0.0".
---@type string
sip._VERSION = "1.0.0"

---Reason phrase by code, for the known codes: `sip.reasons[486] --> "Busy Here"`.
---Sealed (a userdata read like a table); unknown keys give nil.
---@type table<integer, string>
sip.reasons = {}

---The reason phrase of a known code, or nil.
---@param code sipcodes.code
---@return string|nil reason
function sip.reason(code) end

---The code of a reason phrase (any case, aliases included, surrounding
---blanks ignored) or of a constant name ("BUSY_HERE"), or nil.
---@param text string
---@return integer|nil code
function sip.code(text) end

---The read-only record of a known code, or nil.
---@param code sipcodes.code
---@return sipcodes.info|nil record
function sip.info(code) end

---The known codes in ascending order, as a new plain array; optionally only
---one class. A class other than nil or an integer 1-6 raises an error.
---@param class? sipcodes.class
---@return integer[] codes
function sip.list(class) end

---Iterates over the known codes in ascending order, optionally one class:
---`for code, reason in sip.each() do ... end`.
---@param class? sipcodes.class
---@return fun(state: integer, previous: integer): (integer|nil), string iterator
---@return integer state
---@return integer start
function sip.each(class) end

---The class (1-6) of a valid code (100-699, known or not), or nil.
---@param code sipcodes.code
---@return sipcodes.class|nil class
function sip.class(code) end

---The class name of a valid code, or nil.
---@param code sipcodes.code
---@return sipcodes.class_name|nil name
function sip.class_name(code) end

---What a UAC treats a code as (RFC 3261 section 8.1.3.2): a known code is
---itself, an unknown 1xx is 183, an unknown final code is the x00 of its
---class (431 -> 400); nil for what is not a valid code.
---@param code sipcodes.code
---@return integer|nil code
function sip.canonical(code) end

---True for any integer code 100-699.
---@param code sipcodes.code
---@return boolean
function sip.is_valid(code) end

---True for a code in the table.
---@param code sipcodes.code
---@return boolean
function sip.is_known(code) end

---True for 202, 409 and 411.
---@param code sipcodes.code
---@return boolean
function sip.is_deprecated(code) end

---True for 1xx.
---@param code sipcodes.code
---@return boolean
function sip.is_provisional(code) end

---True for 2xx-6xx.
---@param code sipcodes.code
---@return boolean
function sip.is_final(code) end

---True for 2xx.
---@param code sipcodes.code
---@return boolean
function sip.is_success(code) end

---True for 3xx.
---@param code sipcodes.code
---@return boolean
function sip.is_redirection(code) end

---True for 4xx.
---@param code sipcodes.code
---@return boolean
function sip.is_client_failure(code) end

---True for 5xx.
---@param code sipcodes.code
---@return boolean
function sip.is_server_failure(code) end

---True for 6xx.
---@param code sipcodes.code
---@return boolean
function sip.is_global_failure(code) end

---True for 4xx-6xx.
---@param code sipcodes.code
---@return boolean
function sip.is_failure(code) end

---"486 Busy Here": the code and its phrase (an unregistered valid code gets
---its class's generic phrase); nil for what is not a valid code. An explicit
---reason must be an RFC 3261 section 25 Reason-Phrase, or an error is raised.
---@param code sipcodes.code
---@param reason? string
---@return string|nil text
function sip.format(code, reason) end

---"SIP/2.0 486 Busy Here" (no CRLF); the same rules as sip.format.
---@param code sipcodes.code
---@param reason? string
---@return string|nil line
function sip.status_line(code, reason) end

---Parses an RFC 3261 Status-Line (one trailing CRLF or LF allowed).  The
---phrase may hold anything but controls, as real stacks send it; with
---"strict", it must be RFC 3261 section 25's Reason-Phrase.  Returns code,
---reason, version; or nil and a message.  Never raises on a string.
---@param line string
---@param mode? "strict"
---@return integer|nil code
---@return string reason_or_message
---@return string? version
function sip.parse_status_line(line, mode) end

---A plain, writable, deep copy of a sealed object of the module
---(the module itself, sip.reasons, a record, a cause table).
---@generic T: table
---@param readonly T
---@return T copy
function sip.copy(readonly) end

---@alias sipcodes.cause integer|number|string
---@alias sipcodes.profile "rfc3398"|"freeswitch"

---The Q.850 cause a gateway sends for a SIP final response (RFC 3398
---section 8.2.6.1, or FreeSWITCH's mapping with profile "freeswitch").
---warning is a warn-code or a Warning header value, whose first warning
---counts (488/606 give 65 when it speaks of bearer capability); a malformed
---value counts as no warning. 487 gives nil; nil for non-codes.
---@param code sipcodes.code
---@param warning? integer|string
---@param profile? sipcodes.profile
---@return integer|nil cause
function sip.to_q850(code, warning, profile) end

---The SIP response a gateway sends for a Q.850 cause (RFC 3398 section
---7.2.4.1, or FreeSWITCH's mapping). 16 and 44 give nil; unlisted causes 500.
---@param cause sipcodes.cause
---@param profile? sipcodes.profile
---@return integer|nil code
function sip.from_q850(cause, profile) end

---Read-only: Q.850 cause number -> its Q.850 name ("User busy").
---@type table<integer, string>
sip.q850_causes = {}

---Read-only: cause number -> FreeSWITCH's name ("USER_BUSY").
---@type table<integer, string>
sip.freeswitch_causes = {}

---A cause by its Q.850 or FreeSWITCH name (any case, blanks trimmed), or nil.
---@param name string
---@return integer|nil cause
function sip.q850_cause(name) end

---An RFC 3326 Reason header value for a SIP cause: SIP;cause=486;text="Busy Here".
---text: nil for the table's phrase, false for none, or a string (escaped;
---control characters and invalid UTF-8 raise). nil for non-codes.
---@param code sipcodes.code
---@param text? string|false
---@return string|nil value
function sip.reason_header(code, text) end

---The Q.850 variant: Q.850;cause=16;text="Normal call clearing"; nil above 127.
---@param cause sipcodes.cause
---@param text? string|false
---@return string|nil value
function sip.q850_reason_header(cause, text) end

---@class sipcodes.reason
---@field protocol string "SIP", "Q.850" or another protocol token as written
---@field cause integer|nil
---@field text string|nil the quoted text, unescaped
---@field params table<string, string|true> extension parameters by lower-case name

---Parses a Reason header value into a list of reasons; nil and a message
---when malformed. Never raises on a string.
---@param value string
---@return sipcodes.reason[]|nil reasons
---@return string? message
function sip.parse_reason_header(value) end

---@class sipcodes.required_header
---@field header string e.g. "WWW-Authenticate"
---@field rfc string e.g. "RFC 3261"
---@field section string e.g. "22.2"
---@field when string|nil the condition, where there is one

---The header fields a response with this code MUST carry (a new list, empty
---for most codes); nil for non-codes.
---@param code sipcodes.code
---@return sipcodes.required_header[]|nil headers
function sip.required_headers(code) end

---True for the codes RFC 3261 section 20.33 lets carry Retry-After.
---@param code sipcodes.code
---@return boolean
function sip.allows_retry_after(code) end

---A warn-code (RFC 3261 section 20.43, warn-code = 3DIGIT): a number with
---an integral value 0-999 or a string of exactly three ASCII digits ("370",
---"007"). Any other number or string is not a warn-code (nil); any other
---type raises an argument error.
---@alias sipcodes.warn_code integer|number|string

---The read-only record of a registered warn-code (sip.warning_info); the
---same table on every call for the same warn-code.
---@class sipcodes.warning_info
---@field code integer the warn-code, e.g. 370
---@field text string the RFC's recommended warn-text, e.g. "Insufficient bandwidth"
---@field rfc string the defining document, e.g. "RFC 3261"
---@field description string|nil the RFC's explanation

---Read-only: registered warn-code -> its recommended warn-text
---(`sip.warnings[370] --> "Insufficient bandwidth"`); other keys give nil.
---@type table<integer, string>
sip.warnings = {}

---The read-only record of a registered warn-code, or nil.
---@param warn_code sipcodes.warn_code
---@return sipcodes.warning_info|nil record
function sip.warning_info(warn_code) end

---A Warning header value: 370 example.com "Insufficient bandwidth". agent is
---a host[:port] or a token; text defaults to the registry's (nil for an
---unregistered warn-code without text). A bad agent, or a text with CR, LF,
---another control character or invalid UTF-8, raises. nil when warn_code
---is not a warn-code.
---@param warn_code sipcodes.warn_code
---@param agent string
---@param text? string
---@return string|nil value
function sip.warning_header(warn_code, agent, text) end

---@class sipcodes.warning
---@field code integer the warn-code, 0-999
---@field agent string the warn-agent as written
---@field text string the warn-text, unescaped

---Parses a Warning header value into a list of warnings; nil and a message
---when malformed. Never raises on a string.
---@param value string
---@return sipcodes.warning[]|nil warnings
---@return string? message
function sip.parse_warning_header(value) end

---What a UAC may change before retrying after a failure.
---@alias sipcodes.retry_change
---| "credentials"     # 401, 407 (RFC 3261 section 8.1.3.5)
---| "body"            # 413, 415
---| "uri"             # 416
---| "extensions"      # 420
---| "session_expires" # 422 (RFC 4028)
---| "expires"         # 423 (RFC 3261 section 10.2.8)

---The response a stateful proxy forwards (RFC 3261 section 16.7 step 6) and
---the 1-based index of the entry chosen: 2xx, else 6xx, else the lowest
---class; 401, 407, 415, 420, 484 first within 4xx; 503 last within 5xx and
---returned as 500; then the lower code, then the earlier entry. 408 and no
---index when no entry is a final response. Entries that are not codes are
---ignored; entries of other types and a non-table raise.
---@param codes sipcodes.code[]
---@return integer code
---@return integer|nil index
function sip.best_response(codes) end

---Compiles a status pattern into a predicate: a POSIX extended regular
---expression as Kamailio's t_check_status takes it ("408|5[0-9][0-9]",
---"(5|6)[0-9][0-9]", "4[0-9]{2}"), with its answer, plus "5xx", "480-489"
---and "4xx|!487".  A malformed pattern raises, and so does one that
---t_check_status would find inside a code ("48" matches 148 there).
---The same pattern gives the same predicate while it is in use.
---@param pattern string
---@return fun(code: sipcodes.code): boolean predicate
function sip.matcher(pattern) end

---True when code is in the status pattern (see sip.matcher); a malformed
---pattern raises.
---@param code sipcodes.code
---@param pattern string
---@return boolean
function sip.matches(code, pattern) end

---True for 2xx and 6xx, which end a search (RFC 3261 sections 6, 16.7).
---@param code sipcodes.code
---@return boolean
function sip.stops_forking(code) end

---What the UAC may change before retrying after this code, or nil.
---@param code sipcodes.code
---@return sipcodes.retry_change|nil change
function sip.may_retry(code) end

---The code a UA acts on: 202 as 200, 503 as 500 unless retry_after is
---truthy (a Retry-After header value, say), else sip.canonical(code).
---nil for what is not a code.
---@param code sipcodes.code
---@param retry_after? any
---@return integer|nil code
function sip.treat_as(code, retry_after) end

-- One integer constant per known code: sip.BUSY_HERE --> 486.
sip.TRYING = 100 -- Trying
sip.RINGING = 180 -- Ringing
sip.CALL_IS_BEING_FORWARDED = 181 -- Call Is Being Forwarded
sip.QUEUED = 182 -- Queued
sip.SESSION_PROGRESS = 183 -- Session Progress
sip.EARLY_DIALOG_TERMINATED = 199 -- Early Dialog Terminated
sip.OK = 200 -- OK
sip.ACCEPTED = 202 -- Accepted
sip.NO_NOTIFICATION = 204 -- No Notification
sip.MULTIPLE_CHOICES = 300 -- Multiple Choices
sip.MOVED_PERMANENTLY = 301 -- Moved Permanently
sip.MOVED_TEMPORARILY = 302 -- Moved Temporarily
sip.USE_PROXY = 305 -- Use Proxy
sip.ALTERNATIVE_SERVICE = 380 -- Alternative Service
sip.BAD_REQUEST = 400 -- Bad Request
sip.UNAUTHORIZED = 401 -- Unauthorized
sip.PAYMENT_REQUIRED = 402 -- Payment Required
sip.FORBIDDEN = 403 -- Forbidden
sip.NOT_FOUND = 404 -- Not Found
sip.METHOD_NOT_ALLOWED = 405 -- Method Not Allowed
sip.NOT_ACCEPTABLE = 406 -- Not Acceptable
sip.PROXY_AUTHENTICATION_REQUIRED = 407 -- Proxy Authentication Required
sip.REQUEST_TIMEOUT = 408 -- Request Timeout
sip.CONFLICT = 409 -- Conflict
sip.GONE = 410 -- Gone
sip.LENGTH_REQUIRED = 411 -- Length Required
sip.CONDITIONAL_REQUEST_FAILED = 412 -- Conditional Request Failed
sip.REQUEST_ENTITY_TOO_LARGE = 413 -- Request Entity Too Large
sip.REQUEST_URI_TOO_LONG = 414 -- Request-URI Too Long
sip.UNSUPPORTED_MEDIA_TYPE = 415 -- Unsupported Media Type
sip.UNSUPPORTED_URI_SCHEME = 416 -- Unsupported URI Scheme
sip.UNKNOWN_RESOURCE_PRIORITY = 417 -- Unknown Resource-Priority
sip.BAD_EXTENSION = 420 -- Bad Extension
sip.EXTENSION_REQUIRED = 421 -- Extension Required
sip.SESSION_INTERVAL_TOO_SMALL = 422 -- Session Interval Too Small
sip.INTERVAL_TOO_BRIEF = 423 -- Interval Too Brief
sip.BAD_LOCATION_INFORMATION = 424 -- Bad Location Information
sip.BAD_ALERT_MESSAGE = 425 -- Bad Alert Message
sip.USE_IDENTITY_HEADER = 428 -- Use Identity Header
sip.PROVIDE_REFERRER_IDENTITY = 429 -- Provide Referrer Identity
sip.FLOW_FAILED = 430 -- Flow Failed
sip.ANONYMITY_DISALLOWED = 433 -- Anonymity Disallowed
sip.BAD_IDENTITY_INFO = 436 -- Bad Identity Info
sip.UNSUPPORTED_CREDENTIAL = 437 -- Unsupported Credential
sip.INVALID_IDENTITY_HEADER = 438 -- Invalid Identity Header
sip.FIRST_HOP_LACKS_OUTBOUND_SUPPORT = 439 -- First Hop Lacks Outbound Support
sip.MAX_BREADTH_EXCEEDED = 440 -- Max-Breadth Exceeded
sip.BAD_INFO_PACKAGE = 469 -- Bad Info Package
sip.CONSENT_NEEDED = 470 -- Consent Needed
sip.TEMPORARILY_UNAVAILABLE = 480 -- Temporarily Unavailable
sip.CALL_TRANSACTION_DOES_NOT_EXIST = 481 -- Call/Transaction Does Not Exist
sip.LOOP_DETECTED = 482 -- Loop Detected
sip.TOO_MANY_HOPS = 483 -- Too Many Hops
sip.ADDRESS_INCOMPLETE = 484 -- Address Incomplete
sip.AMBIGUOUS = 485 -- Ambiguous
sip.BUSY_HERE = 486 -- Busy Here
sip.REQUEST_TERMINATED = 487 -- Request Terminated
sip.NOT_ACCEPTABLE_HERE = 488 -- Not Acceptable Here
sip.BAD_EVENT = 489 -- Bad Event
sip.REQUEST_PENDING = 491 -- Request Pending
sip.UNDECIPHERABLE = 493 -- Undecipherable
sip.SECURITY_AGREEMENT_REQUIRED = 494 -- Security Agreement Required
sip.SERVER_INTERNAL_ERROR = 500 -- Server Internal Error
sip.NOT_IMPLEMENTED = 501 -- Not Implemented
sip.BAD_GATEWAY = 502 -- Bad Gateway
sip.SERVICE_UNAVAILABLE = 503 -- Service Unavailable
sip.SERVER_TIME_OUT = 504 -- Server Time-out
sip.VERSION_NOT_SUPPORTED = 505 -- Version Not Supported
sip.MESSAGE_TOO_LARGE = 513 -- Message Too Large
sip.PUSH_NOTIFICATION_SERVICE_NOT_SUPPORTED = 555 -- Push Notification Service Not Supported
sip.PRECONDITION_FAILURE = 580 -- Precondition Failure
sip.BUSY_EVERYWHERE = 600 -- Busy Everywhere
sip.DECLINE = 603 -- Decline
sip.DOES_NOT_EXIST_ANYWHERE = 604 -- Does Not Exist Anywhere
sip.NOT_ACCEPTABLE_ANYWHERE = 606 -- Not Acceptable
sip.UNWANTED = 607 -- Unwanted
sip.REJECTED = 608 -- Rejected

return sip
