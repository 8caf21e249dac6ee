-- The side of the allocation-failure sweep that runs inside each lua_State
-- (test/harness/alloc_sweep.c drives it): the entry points, how a call's
-- answer is written down, and the digest of every answer of the module.
--
-- Returns a table S for the host:
--   S.count()           the number of entry points on this VM
--   S.name(i)           entry point i, as the Lua text it runs
--   S.setup(i)          requires the module (except for the entry point
--                       `require` itself) and returns a function of no
--                       arguments that runs entry point i once
--   S.outcome(ok, ...)  what a call gave: "ok: <values>" or "error: <message>"
--   S.digest()          every answer of the module, one "what=answer" line
--                       each, in a fixed order
--   S.functions()       the names of the functions the entry points cover
--
-- The function list is written from docs/api.md and types/sipcodes.lua,
-- not read from the module, so that a field a failure left out shows;
-- test/check/15-alloc-failure compares it with both.
local load_chunk = loadstring or load
local unpack_all = table.unpack or unpack
local format, concat, sort = string.format, table.concat, table.sort
local rawequal, pcall, type, tostring, select = rawequal, pcall, type, tostring, select

local S = {}
local sip -- the module, once required

-- ---- inputs -----------------------------------------------------------------

-- Over 256 bytes each: a text and a Reason-Phrase (letters and blanks), a
-- Status-Line, Reason and Warning header values, a status pattern.
local LONG = ("Lorem ipsum dolor sit amet "):rep(12)
local V = {
  LONG = LONG,
  LONG_LINE = "SIP/2.0 486 " .. LONG,
  LONG_REASON = 'SIP;cause=486;text="' .. LONG .. '", Q.850;cause=17;text="' .. LONG .. '"',
  LONG_WARNING = '370 example.com "' .. LONG .. '", 399 gw:5060 "' .. LONG .. '"',
  LONG_PATTERN = ("480|"):rep(80) .. "5xx|!503",
  LONG_LIST = {},
}
for i = 1, 300 do V.LONG_LIST[i] = 100 + (i * 7) % 600 end
local VNAMES = { "LONG", "LONG_LINE", "LONG_REASON", "LONG_WARNING", "LONG_PATTERN", "LONG_LIST" }

-- ---- the entry points ---------------------------------------------------------

local HAS_PAIRS = _VERSION ~= "Lua 5.1" -- __pairs and __ipairs (5.1 has neither)

-- One value: a first require also gives where it found the module (5.4+).
local entries = { '(require("sipcodes"))' }
local function add(text) entries[#entries + 1] = text end

-- The first read of each shared object, and of the module itself.
for _, obj in ipairs({ "sip.reasons", "sip.q850_causes", "sip.freeswitch_causes", "sip.warnings" }) do
  add(obj)
  add("#" .. obj)
  add("sip.copy(" .. obj .. ")")
  if HAS_PAIRS then
    -- The first step of a walk: later steps read what it made.  Which pair
    -- comes first depends on the state's string hashes.
    add("local f, s, k = pairs(" .. obj .. ") local k2, v = f(s, k) return " .. obj .. "[k2] == v")
    add("local f, s, i = ipairs(" .. obj .. ") return f(s, i)")
  end
end
add("sip.reasons[486]") add("sip.reasons[608]") add("sip.reasons[999]") add('sip.reasons["486"]')
add("sip.q850_causes[17]") add("sip.q850_causes[999]")
add("sip.freeswitch_causes[17]") add("sip.freeswitch_causes[825]")
add("sip.warnings[370]") add("sip.warnings[1]")
add("#sip") add("sip.copy(sip)") add("getmetatable(sip)")
if HAS_PAIRS then add("local f, s, k = pairs(sip) local k2, v = f(s, k) return sip[k2] == v") end
add("sip._VERSION") add("sip.BUSY_HERE") add("sip.REJECTED") add("sip.NO_SUCH_FIELD") add("sip[486]")
add("sip.info(486)") add("sip.info(486).reason") add("sip.info(414).aliases")
add("#sip.info(414).aliases") add("sip.info(414).aliases[2]") add("sip.copy(sip.info(504))")
add("sip.warning_info(370)") add("sip.warning_info(370).description")
add("sip.copy(sip.warning_info(399))")

-- Every function (docs/api.md), with each kind of argument it takes.
-- A code as an integer, a float and a string; a valid code the table lacks;
-- a number that is no code; a type that raises.
local CODE_ARGS = { "486", "486.0", '"486"', "431", "486.5", "{}" }
local CODE_FUNCTIONS = {
  "reason", "info", "class", "class_name", "canonical", "is_valid", "is_known",
  "is_deprecated", "is_provisional", "is_final", "is_success", "is_redirection",
  "is_client_failure", "is_server_failure", "is_global_failure", "is_failure",
  "format", "status_line", "to_q850", "reason_header", "required_headers",
  "allows_retry_after", "stops_forking", "may_retry", "treat_as",
}
for _, f in ipairs(CODE_FUNCTIONS) do
  for _, a in ipairs(CODE_ARGS) do add("sip." .. f .. "(" .. a .. ")") end
end
for _, f in ipairs({ "format", "status_line" }) do
  add("sip." .. f .. '(486, "Busy")') add("sip." .. f .. "(486, LONG)")
  add("sip." .. f .. '(431, "Odd")') add("sip." .. f .. '(486, "a\\nb")')
end
add('sip.reason_header(486, "Busy")') add("sip.reason_header(486, false)")
add("sip.reason_header(486, LONG)") add('sip.reason_header(486, "a\\1b")')
add("sip.to_q850(488, 370)") add('sip.to_q850(488, \'370 gw "bandwidth"\')')
add('sip.to_q850(486, nil, "freeswitch")') add('sip.to_q850(486, nil, "bogus")')
add("sip.to_q850(488, LONG_WARNING)")
add('sip.treat_as(503, "120")') add("sip.treat_as(202)")
add("sip.required_headers(401)") add("sip.required_headers(405)") add("sip.may_retry(401)")

for _, a in ipairs({ '"Busy Here"', '"  busy here "', '"BUSY_HERE"', '"Request URI Too Long"',
                     '"nope"', "LONG", "486", "{}" }) do
  add("sip.code(" .. a .. ")")
end
for _, a in ipairs({ '"User busy"', '"USER_BUSY"', '"nope"', "LONG", "{}" }) do
  add("sip.q850_cause(" .. a .. ")")
end
for _, a in ipairs({ "17", "17.0", '"17"', '17, "freeswitch"', "999", "17.5", '17, "bogus"', "{}" }) do
  add("sip.from_q850(" .. a .. ")")
end
for _, a in ipairs({ "17", "17.0", '"17"', '17, "User busy"', "17, false", "17, LONG", "200",
                     '17, "a\\1b"', "{}" }) do
  add("sip.q850_reason_header(" .. a .. ")")
end
for _, a in ipairs({ "370", "370.0", '"370"', "399", "1", "370.5", "{}" }) do
  add("sip.warning_info(" .. a .. ")")
end
for _, a in ipairs({ '370, "example.com"', '370.0, "example.com"', '"370", "gw:5060"',
                     '370, "example.com", "Low bandwidth"', '370, "example.com", LONG',
                     '399, "gw"', '1, "gw"', '1, "gw", "x"', '370.5, "gw"',
                     '370, "bad agent"', '370, "gw", "a\\1b"', '{}, "gw"' }) do
  add("sip.warning_header(" .. a .. ")")
end
for _, a in ipairs({ '"SIP/2.0 486 Busy Here"', '"SIP/2.0 486 Busy Here", "strict"',
                     '"SIP/2.0 486 Busy Here\\r\\n"', "LONG_LINE", 'LONG_LINE, "strict"',
                     '"SIP/2.0 486 [x]", "strict"', '"garbage"', "LONG", "{}" }) do
  add("sip.parse_status_line(" .. a .. ")")
end
for _, a in ipairs({ '\'SIP;cause=486;text="Busy Here"\'',
                     '\'Q.850;cause=17;text="User busy";x=y, SIP;cause=486\'',
                     "LONG_REASON", '"garbage;;"', "LONG", "{}" }) do
  add("sip.parse_reason_header(" .. a .. ")")
end
for _, a in ipairs({ '\'370 example.com "Insufficient bandwidth"\'', "LONG_WARNING",
                     '"370 gw"', "LONG", "{}" }) do
  add("sip.parse_warning_header(" .. a .. ")")
end
for _, a in ipairs({ "", "4", "4.0", "7", '"4"' }) do
  add("sip.list(" .. a .. ")")
  add("sip.each(" .. a .. ")")
end
add("local n = 0 for c, r in sip.each() do n = n + 1 end return n")
add("local n = 0 for c, r in sip.each(4) do n = n + 1 end return n")
add("sip.copy(sip.info(486))") add("sip.copy(sip.info(414).aliases)")
add("sip.copy({})") add("sip.copy()")
for _, a in ipairs({ "{ 486, 503, 603 }", "{ 180 }", "{}", '{ "486", 486.5, 486.0 }',
                     "LONG_LIST", "{ true }", "486" }) do
  add("sip.best_response(" .. a .. ")")
end
for _, a in ipairs({ '"4xx|!487"', '"408|5[0-9][0-9]"', '"480-489"', "LONG_PATTERN",
                     '"4[0-9]+"', '"["', "{}" }) do
  add("sip.matcher(" .. a .. ")")
end
add('sip.matcher("4xx|!487")(486)') add('sip.matcher("4xx|!487")(487)')
add('sip.matcher("4xx|!487")("486")') add('sip.matcher("408|5[0-9][0-9]")(503)')
add("sip.matcher(LONG_PATTERN)(480)") add('sip.matcher("4xx")({})')
add('local m = sip.matcher("4xx|!487") return m == sip.matcher("4xx|!487")')
for _, a in ipairs({ '486, "4xx|!487"', '"486", "480-489"', '486.5, "4xx"', "486, LONG_PATTERN",
                     '486, "["', '{}, "4xx"' }) do
  add("sip.matches(" .. a .. ")")
end

-- The functions the entries above call: what test/check/15-alloc-failure
-- compares with the function list of types/sipcodes.lua.
function S.functions()
  local seen, names = {}, {}
  for _, text in ipairs(entries) do
    for name in text:gmatch("sip%.([%w_]+)%(") do
      if not seen[name] then seen[name] = true; names[#names + 1] = name end
    end
  end
  sort(names)
  return concat(names, "\n")
end

function S.count() return #entries end
function S.name(i) return entries[i] end

function S.setup(i)
  local text = entries[i]
  if i ~= 1 then sip = require("sipcodes") end
  if not text:find("^local ") and not text:find("^return ") then text = "return " .. text end
  local chunk = assert(load_chunk("local sip, " .. concat(VNAMES, ", ") .. " = ...\n" .. text,
                                  "=entry"))
  local m = sip
  return function()
    return chunk(m, V.LONG, V.LONG_LINE, V.LONG_REASON, V.LONG_WARNING, V.LONG_PATTERN, V.LONG_LIST)
  end
end

-- ---- how answers are written ----------------------------------------------------

local show
-- nil before 5.3, where 486.0 and 486 print alike
local math_type = math.type

local function number(v)
  if v ~= v then return "nan" end
  local s = format("%.17g", v)
  if math_type and math_type(v) == "float" then return s .. "f" end
  return s
end

-- A table's keys in a fixed order: numbers, then strings, then the rest.
local function keys_of(t)
  local ks, n = {}, 0
  for k in pairs(t) do n = n + 1; ks[n] = k end
  sort(ks, function(a, b)
    local ta, tb = type(a), type(b)
    if ta ~= tb then return ta < tb end
    if ta == "number" or ta == "string" then return a < b end
    return false
  end)
  return ks
end

local function show_table(t, depth)
  if depth > 4 then return "{...}" end
  local ks, parts = keys_of(t), {}
  for i = 1, #ks do
    local k = ks[i]
    parts[i] = (type(k) == "string" and k or "[" .. show(k, depth + 1) .. "]") .. "="
      .. show(t[k], depth + 1)
  end
  return "{" .. concat(parts, ",") .. "}"
end

function show(v, depth)
  local t = type(v)
  if t == "string" then return format("%q", v)
  elseif t == "number" then return number(v)
  elseif t == "table" then return show_table(v, depth or 0)
  elseif t == "userdata" and sip ~= nil and getmetatable(v) == "read-only" then
    -- A sealed object: its content, through the module's own copy.
    local ok, c = pcall(sip.copy, v)
    if not ok then return "sealed(copy raised " .. tostring(c) .. ")" end
    return "sealed" .. show_table(c, depth or 0)
  end
  return t == "boolean" and tostring(v) or t
end

local function show_results(ok, ...)
  if not ok then return "error: " .. tostring((...)) end
  local parts = {}
  for i = 1, select("#", ...) do parts[i] = show((select(i, ...))) end
  return "ok: " .. concat(parts, ", ")
end

function S.outcome(ok, ...)
  if sip == nil and type(package.loaded.sipcodes) == "userdata" then
    sip = package.loaded.sipcodes
  end
  return show_results(ok, ...)
end

-- ---- the digest ---------------------------------------------------------------
--
-- It runs after every failure point, so it is written for speed: answers
-- are appended to one array of pieces, joined once; each section runs
-- under one pcall, and a section that raises says so in its line.

local DIGEST_CODES = { 100, 183, 200, 202, 302, 401, 409, 431, 486, 487, 503, 603, 608, 699,
  700, 486.0, 486.5, "486", " 486" }
local DIGEST_FUNCTIONS = {
  "reason", "class", "class_name", "canonical", "is_valid", "is_known", "is_deprecated",
  "is_provisional", "is_final", "is_success", "is_redirection", "is_client_failure",
  "is_server_failure", "is_global_failure", "is_failure", "format", "status_line",
  "reason_header", "required_headers", "allows_retry_after", "stops_forking", "may_retry",
  "treat_as", "to_q850",
}

local SHARED = { "reasons", "q850_causes", "freeswitch_causes", "warnings" }
local RECORD_FIELDS = { "code", "reason", "name", "class", "class_name", "description", "rfc",
  "deprecated", "iana" }
local WARNING_FIELDS = { "code", "text", "rfc", "description" }
local NAMES = { "Busy Here", "busy here", "BUSY_HERE", "Request URI Too Long",
  "Gateway timeout", "  Not Found ", "nope", "", LONG }
local CAUSES = { "User busy", "USER_BUSY", "normal call clearing", "NO_ANSWER", "nope", LONG }
local LINES = { "SIP/2.0 200 OK\r\n", "SIP/2.0 486 Busy Here", "SIP/2.0 503 [x]", "sip/2.0 486 x",
  "SIP/2.0 700 x", "SIP/2.0 200 a\r\nb", "garbage", V.LONG_LINE }
local REASON_VALUES = { 'SIP;cause=486;text="Busy Here"', 'Q.850;cause=16, SIP;cause=200;x=1',
  "SIP;cause=", V.LONG_REASON }
local WARNING_VALUES = { '370 gw "x"', '370 gw1:5060 "a \\"b\\"", 399 [::1] "y"', "370 gw",
  V.LONG_WARNING }
local WARN_CODES = { 370, 399, 1, "307", 370.5 }
local Q850_CODES = { 404, 408, 486, 488, 503, 603, 606, 700 }
-- The registered warn-codes and their neighbours.
local WARN_RANGE = { 0, 1, 299, 300, 301, 302, 303, 304, 305, 306, 307, 308, 309, 329, 330, 331,
  332, 369, 370, 371, 379, 380, 381, 382, 398, 399, 400, 999 }
local Q850_CAUSES = { 0, 1, 2, 3, 4, 5, 6, 16, 17, 18, 19, 20, 21, 22, 26, 27, 28, 29, 31, 34,
  38, 41, 42, 44, 47, 55, 57, 58, 65, 69, 79, 87, 88, 102, 111, 127, 128, 130 }
local PATTERNS = { "4xx|!487", "408|5[0-9][0-9]", "(487)|(408)", "480-489", "6xx", V.LONG_PATTERN }
local BAD_PATTERNS = { "4[0-9]+", "[" }
local PATTERN_CODES = { 180, 200, 408, 480, 486, 487, 489, 503, 603, "486", 486.5 }
local LISTS = { { 486, 503, 603 }, { 503, 407, 501, 404 }, {}, { 180 }, { 200, 603 },
  { "486", 486.5 }, V.LONG_LIST }

local buf, nb = {}, 0
local function put(s) nb = nb + 1; buf[nb] = s end

-- The text of the integers the digest has met, and of the booleans, each
-- with its tab, made once: converting values is most of the cost of
-- joining the pieces.
local INTEGER_TEXT = {}
local BOOLEAN_TEXT = { [true] = "true\t", [false] = "false\t" }

local function number_text(v)
  local integer = not math_type or math_type(v) == "integer"
  local text = integer and INTEGER_TEXT[v]
  if not text then
    text = tostring(v) .. "\t"
    if integer then INTEGER_TEXT[v] = text end
  end
  return text
end

local emit
local SORTED_KEYS = {} -- by how many there are: string keys met before, sorted

-- Number keys in order, then string keys in order; any other key only
-- counted (the module has none).  Integer keys close together are walked
-- in order rather than sorted, which costs less.
local function emit_table(t, depth)
  if depth > 4 then put("{...}") return end
  local nums, strs, nn, ns, others = {}, {}, 0, 0, 0
  local low, high, integers = 1 / 0, -1 / 0, true
  for k in pairs(t) do
    local tk = type(k)
    if tk == "number" then
      nn = nn + 1; nums[nn] = k
      if k < low then low = k end
      if k > high then high = k end
      if k % 1 ~= 0 then integers = false end
    elseif tk == "string" then ns = ns + 1; strs[ns] = k
    else others = others + 1 end
  end
  nb = nb + 1; buf[nb] = "{"
  if nn > 0 and integers and high - low <= 20 * nn + 1000 then
    if low == 1 and high == nn then
      for k = 1, nn do emit(t[k], depth + 1) end
    else
      for k = low, high do
        local v = t[k]
        if v ~= nil then
          nb = nb + 1; buf[nb] = number_text(k)
          emit(v, depth + 1)
        end
      end
    end
  elseif nn > 0 then
    sort(nums)
    for i = 1, nn do
      local k = nums[i]
      nb = nb + 1; buf[nb] = number_text(k)
      emit(t[k], depth + 1)
    end
  end
  if ns > 0 then
    -- The same keys as a table met before are in the same order: sorting
    -- them again is the cost this saves.
    local known = SORTED_KEYS[ns]
    local same_keys = known ~= nil
    if same_keys then
      for i = 1, ns do
        if t[known[i]] == nil then same_keys = false break end
      end
    end
    if same_keys then
      strs = known
    else
      sort(strs)
      SORTED_KEYS[ns] = strs
    end
    for i = 1, ns do
      local k = strs[i]
      nb = nb + 1; buf[nb] = k
      nb = nb + 1; buf[nb] = ":"
      emit(t[k], depth + 1)
    end
  end
  if others > 0 then put("+" .. others) end
  nb = nb + 1; buf[nb] = "}\t"
end

-- A value and a tab.  A number is written as tostring writes it, which
-- tells 486.0 from 486 wherever Lua does.
function emit(v, depth)
  local t = type(v)
  if t == "string" then
    nb = nb + 1; buf[nb] = v
    nb = nb + 1; buf[nb] = "\t"
  elseif t == "number" then
    nb = nb + 1; buf[nb] = number_text(v)
  elseif t == "boolean" then
    nb = nb + 1; buf[nb] = BOOLEAN_TEXT[v]
  elseif t == "table" then emit_table(v, depth or 0)
  elseif t == "userdata" and getmetatable(v) == "read-only" then
    nb = nb + 1; buf[nb] = "sealed"
    emit_table(sip.copy(v), depth or 0)
  else
    nb = nb + 1; buf[nb] = t
    nb = nb + 1; buf[nb] = "\t"
  end
end

local function emit_all(...)
  local n = select("#", ...)
  put("(")
  for i = 1, n do emit((select(i, ...))) end
  put(")")
end

local function emit_pcall(f, ...)
  local r = { pcall(f, ...) }
  if r[1] then emit_all(unpack_all(r, 2, table.maxn and table.maxn(r) or #r))
  else put("raised ") put(tostring(r[2])) end
end

local function section(label, f, ...)
  put("\n") put(label) put("=")
  local ok, err = pcall(f, ...)
  if not ok then
    -- An error between counting a piece and storing it leaves a hole.
    if buf[nb] == nil then buf[nb] = "" end
    put(" section raised ") put(tostring(err))
  end
end

-- An object read every way a script can: each of its keys directly, keys
-- it lacks, pairs and ipairs where the VM has them, each against its copy
-- (whose content is in copy(sip)); only counts and what disagrees go into
-- the digest.
local ABSENT_KEYS = { -1, 0.5, 1000, 1 / 0, "486", "x", true }
local function shared_object(m, name)
  local obj = m[name]
  emit(type(obj)) emit(getmetatable(obj)) emit(rawequal(obj, m[name])) emit(#obj)
  local c, n = m.copy(obj), 0
  for k, v in pairs(c) do
    n = n + 1
    if obj[k] ~= v then put("read differs at ") emit(k) end
  end
  emit(n)
  for i = 1, #ABSENT_KEYS do emit(obj[ABSENT_KEYS[i]]) end
  if HAS_PAIRS then
    n = 0
    for k, v in pairs(obj) do
      n = n + 1
      if c[k] ~= v then put("pairs differs at ") emit(k) end
    end
    emit(n)
    n = 0
    for i, v in ipairs(obj) do
      n = n + 1
      if c[i] ~= v then put("ipairs differs at ") emit(i) end
    end
    emit(n)
  end
end

local function known_codes(m)
  local known = m.list()
  emit(#known)
  for i = 1, #known do
    local c = known[i]
    local r = m.info(c)
    emit(c)
    for j = 1, #RECORD_FIELDS do emit(r[RECORD_FIELDS[j]]) end
    local aliases = r.aliases
    emit(#aliases)
    for j = 1, #aliases do emit(aliases[j]) end
    emit(rawequal(r, m.info(c))) emit(rawequal(aliases, r.aliases)) emit(m[r.name])
  end
  put(" copy:") emit(m.copy(m.info(486))) emit(m.copy(m.info(504).aliases))
end

local function walkers(m)
  local reasons = m.copy(m.reasons)
  emit(m.list()) emit(m.list(4))
  for _, class in ipairs({ false, 4 }) do
    local n = 0
    for code, reason in m.each(class or nil) do
      n = n + 1
      if reasons[code] ~= reason then put("each differs at ") emit(code) end
    end
    emit(n)
  end
  emit_pcall(m.each, 9)
end

local function code_function(m, name)
  local fn = m[name]
  for j = 1, #DIGEST_CODES do emit(fn(DIGEST_CODES[j])) end
end

local function info_answers(m)
  for j = 1, #DIGEST_CODES do
    local r = m.info(DIGEST_CODES[j])
    emit(r and r.code) emit(rawequal(r, m.info(DIGEST_CODES[j])))
  end
end

local function texts(m)
  emit_pcall(m.format, 486, "Busy") emit_pcall(m.format, 431, LONG) emit_pcall(m.format, 99, "a\nb")
  emit_pcall(m.status_line, 486, "Busy") emit_pcall(m.status_line, 604, LONG)
  emit_pcall(m.reason_header, 486, "Busy") emit_pcall(m.reason_header, 486, false)
  emit_pcall(m.reason_header, 486, LONG) emit_pcall(m.reason_header, 486, "a\1")
  emit_pcall(m.treat_as, 503, "120") emit_pcall(m.treat_as, 503, false)
  emit_pcall(m.to_q850, 488, '370 gw "x"') emit_pcall(m.to_q850, 606, V.LONG_WARNING)
  for j = 1, #NAMES do emit_all(m.code(NAMES[j])) end
  for j = 1, #CAUSES do emit_all(m.q850_cause(CAUSES[j])) end
  for j = 1, #LINES do
    emit_all(m.parse_status_line(LINES[j])) emit_all(m.parse_status_line(LINES[j], "strict"))
  end
  for j = 1, #REASON_VALUES do emit_all(m.parse_reason_header(REASON_VALUES[j])) end
  for j = 1, #WARNING_VALUES do emit_all(m.parse_warning_header(WARNING_VALUES[j])) end
end

local function interworking(m)
  for _, profile in ipairs({ "rfc3398", "freeswitch" }) do
    for j = 1, #Q850_CAUSES do emit(m.from_q850(Q850_CAUSES[j], profile)) end
    for j = 1, #Q850_CODES do
      emit(m.to_q850(Q850_CODES[j], nil, profile))
      emit(m.to_q850(Q850_CODES[j], 370, profile))
    end
  end
  for j = 1, #Q850_CAUSES, 3 do
    emit(m.q850_reason_header(Q850_CAUSES[j])) emit(m.q850_reason_header(Q850_CAUSES[j], "t"))
  end
  emit(m.q850_reason_header(17, LONG))
end

local function warnings(m)
  for j = 1, #WARN_RANGE do
    local w = WARN_RANGE[j]
    local r = m.warning_info(w)
    if r ~= nil then
      emit(w)
      for k = 1, #WARNING_FIELDS do emit(r[WARNING_FIELDS[k]]) end
      emit(rawequal(r, m.warning_info(w)))
    end
  end
  emit(m.copy(m.warning_info(370)))
  for j = 1, #WARN_CODES do
    emit_pcall(m.warning_header, WARN_CODES[j], "example.com")
    emit_pcall(m.warning_header, WARN_CODES[j], "gw:5060", "Low bandwidth")
  end
  emit_pcall(m.warning_header, 370, "gw", LONG) emit_pcall(m.warning_header, 370, "bad agent")
end

local function routing(m)
  for j = 1, #LISTS do emit_all(m.best_response(LISTS[j])) end
  for j = 1, #PATTERNS do
    local p = PATTERNS[j]
    local pred = m.matcher(p)
    for k = 1, #PATTERN_CODES do emit(pred(PATTERN_CODES[k])) end
    emit(m.matches(486, p)) emit(m.matches(503, p))
    emit(rawequal(pred, m.matcher(p)))
  end
  for j = 1, #BAD_PATTERNS do emit_pcall(m.matcher, BAD_PATTERNS[j]) end
end

function S.digest()
  -- Its garbage dies with the state: collecting it would only cost time.
  collectgarbage("stop")
  nb = 0
  local ok, m = pcall(require, "sipcodes")
  if not ok then
    collectgarbage("restart")
    return "require raised " .. tostring(m)
  end
  sip = m
  put("module=") emit(type(m)) emit(getmetatable(m)) emit(rawequal(m, package.loaded.sipcodes))
  section("#sip", function() emit(#m) end)
  section("copy(sip)", function() emit(m.copy(m)) end)
  if HAS_PAIRS then
    section("pairs(sip)", function()
      local n = 0
      for k, v in pairs(m) do
        n = n + 1
        if m[k] ~= v then put(" pairs gives ") emit(k) end
      end
      emit(n)
    end)
  end
  for i = 1, #SHARED do section(SHARED[i], shared_object, m, SHARED[i]) end
  section("known codes", known_codes, m)
  section("list, each", walkers, m)
  for i = 1, #DIGEST_FUNCTIONS do section(DIGEST_FUNCTIONS[i], code_function, m, DIGEST_FUNCTIONS[i]) end
  section("info", info_answers, m)
  section("texts", texts, m)
  section("interworking", interworking, m)
  section("warnings", warnings, m)
  section("routing", routing, m)
  local d = concat(buf, "", 1, nb)
  collectgarbage("restart")
  return d
end

return S
