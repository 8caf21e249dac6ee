-- The sipcodes benchmark driver.  Needs sipcodes on the cpath and
-- bench/sipcodes_pure.lua on the path.
--
--   bench.lua run IMPL OP OUTER [LOOP]
--                      one loop (IMPL: c, pure or table), prints "ops
--                      checksum"; bench/run runs it under callgrind at two
--                      lengths
--   bench.lua time OUTER ROUNDS [LOOP]
--                      every op of every IMPL (under LuaJIT also
--                      "cfunctions", the module's C functions), ROUNDS
--                      times round robin;
--                      prints "op impl median-ns-per-op median-ratio-to-
--                      the-table"
--   bench.lua check    both IMPLs agree on every op (exit 1 if not)
--
-- LOOP "nested" (the default) walks the mix in an inner loop; "flat" is
-- the other loop people write, one loop indexing the mix by i % k, over
-- another mix, with deprecated codes and more unknown ones: the targets
-- must hold for both.
local sip = require("sipcodes")
local pure = require("sipcodes_pure")

-- Under LuaJIT, the same module with its C functions only: required while
-- the jit library is out of sight, it takes itself to run on PUC Lua.  What
-- the LuaJIT functions (csrc/lua/jit_functions.lua) save is the difference.
local sip_c
if package.loaded.jit then
  local jit_library = package.loaded.jit
  package.loaded.jit, package.loaded.sipcodes = nil, nil
  sip_c = require("sipcodes")
  package.loaded.jit, package.loaded.sipcodes = jit_library, sip
end
-- The ops the LuaJIT functions stand for.
local JIT_FUNCTIONS = { reason = true, class = true, is_final = true, format = true }

-- 20 common codes and 4 that are not in the table: one lookup in six misses.
local CODES = { 100, 180, 183, 200, 202, 301, 302, 401, 403, 404, 407, 408,
                480, 481, 486, 487, 488, 500, 503, 603, 299, 499, 999, 42 }
-- What a script hands code(): phrases in several spellings, names, misses.
local PHRASES = { "Busy Here", "busy here", "BUSY_HERE", " Ringing ", "Not Found",
                  "OK", "Request Timeout", "Service Unavailable", "Decline",
                  "Session in Progress", "No Such Thing", "" }
-- Status lines as they arrive, a few of them broken.
local LINES = { "SIP/2.0 200 OK", "SIP/2.0 486 Busy Here\r\n", "SIP/2.0 180 Ringing",
                "SIP/2.0 404 Not Found\r\n", "sip/2.0 503 Service Unavailable",
                "SIP/2.0 183 Session Progress\r\n", "SIP/2.0 401 Unauthorized",
                "SIP/2.0 603 Decline\n", "SIP/2.0 999 Nope", "HTTP/1.1 200 OK",
                "SIP/2.0 200 OK\r\nVia: x", "SIP/2.0 480 Temporarily Unavailable" }

-- The flat loop's codes: common ones, the deprecated 202, 409 and 411,
-- unregistered ones of several classes and two that are no codes.
local FLAT_CODES = { 486, 200, 202, 409, 411, 183, 431, 299, 604, 999, 180, 603,
                     487, 408, 690, 42 }

-- Each op: its input mix and the body of the loop.  Results are consumed,
-- or LuaJIT would drop the work.
local OPS = {
  { name = "reasons[c]", field = "reasons", mix = CODES,
    body = "local r = f[x] if r then n = n + #r end" },
  { name = "reason(c)", field = "reason", mix = CODES,
    body = "local r = f(x) if r then n = n + #r end" },
  { name = "class(c)", field = "class", mix = CODES,
    body = "local r = f(x) if r then n = n + r end" },
  { name = "is_final(c)", field = "is_final", mix = CODES,
    body = "if f(x) then n = n + 1 end" },
  { name = "format(c)", field = "format", mix = CODES,
    body = "local r = f(x) if r then n = n + #r end" },
  { name = "code(phrase)", field = "code", mix = PHRASES,
    body = "local r = f(x) if r then n = n + r end" },
  { name = "parse_status_line(s)", field = "parse_status_line", mix = LINES,
    body = "local c, r = f(x) if c then n = n + c + #r end" },
}

-- The limit: a plain table t[c] in the same loop, over the same codes.
-- Filled in ascending order, as a Lua module would write it, so that its
-- layout (and its cost) never depends on the module under test.
local plain = {}
for _, c in ipairs(sip.list()) do plain[c] = sip.reason(c) end
local TABLE = { name = "table t[c]", mix = CODES,
                body = "local r = f[x] if r then n = n + #r end" }

local TEMPLATES = {
  nested = [[
local f, mix, outer = ...
local n, m = 0, #mix
for _ = 1, outer do
  for j = 1, m do
    local x = mix[j]
    BODY
  end
end
return n
]],
  flat = [[
local f, mix, outer = ...
local n, k = 0, #mix
for i = 1, outer * k do
  local x = mix[i % k + 1]
  BODY
end
return n
]],
}

local shape = "nested"

local load = loadstring or load
local function compile(op, label)
  -- A chunk per op and implementation, so LuaJIT traces each on its own.
  local src = TEMPLATES[shape]:gsub("BODY", op.body)
  return assert(load(src, "=" .. label))
end

-- The flat loop takes its own codes; other mixes stay.
local function mix_of(op)
  if shape == "flat" and op.mix == CODES then return FLAT_CODES end
  return op.mix
end

local function subject(op, impl)
  if impl == "table" then return plain end
  local m = (impl == "c" and sip) or (impl == "cfunctions" and sip_c) or pure
  return m[op.field]
end

local function find_op(name)
  if name == TABLE.name or name == "table" then return TABLE end
  for _, op in ipairs(OPS) do
    if op.name == name or op.field == name then return op end
  end
  error("unknown op " .. name)
end

local mode = arg[1]

if mode == "run" then
  local impl, op, outer = arg[2], find_op(arg[3]), tonumber(arg[4])
  shape = arg[5] or shape
  local loop = compile(op, impl .. " " .. op.name)
  local mix = mix_of(op)
  local n = loop(subject(op, impl), mix, outer)
  print(outer * #mix, n)

elseif mode == "time" then
  local outer, rounds = tonumber(arg[2]), tonumber(arg[3])
  shape = arg[4] or shape
  local runs = { { op = TABLE, impl = "table" } }
  for _, op in ipairs(OPS) do
    runs[#runs + 1] = { op = op, impl = "c" }
    runs[#runs + 1] = { op = op, impl = "pure" }
    if sip_c and JIT_FUNCTIONS[op.field] then
      runs[#runs + 1] = { op = op, impl = "cfunctions" }
    end
  end
  for _, r in ipairs(runs) do
    r.loop = compile(r.op, r.impl .. " " .. r.op.name)
    r.subject = subject(r.op, r.impl)
    r.ns = {}
    r.mix = mix_of(r.op)
    -- So that all codes are formatted (cached) before timing.
    r.loop(r.subject, r.mix, 10)
  end
  for _ = 1, rounds do
    for _, r in ipairs(runs) do
      -- Scale each op's loop to about the same number of calls.
      local reps = math.floor(outer * 24 / #r.mix)
      local t0 = os.clock()
      r.loop(r.subject, r.mix, reps)
      local t = os.clock() - t0
      r.ns[#r.ns + 1] = t * 1e9 / (reps * #r.mix)
    end
  end
  -- Besides the median ns, the median of each round's ratio to the plain
  -- table timed just before it: load from other processes that comes and
  -- goes cancels out of a ratio taken within one round.
  local function median(t)
    table.sort(t)
    return t[math.floor((#t + 1) / 2)]
  end
  local base = runs[1].ns
  for _, r in ipairs(runs) do
    local ratios = {}
    for i = 1, #r.ns do ratios[i] = r.ns[i] / base[i] end
    r.ratio = median(ratios)
  end
  for _, r in ipairs(runs) do
    print(("%s\t%s\t%.3f\t%.3f"):format(r.op.name, r.impl, median(r.ns), r.ratio))
  end

elseif mode == "check" then
  -- The peer is a fair baseline only if it answers like sipcodes: compare
  -- every op on its mix plus awkward inputs, result by result.
  local extra_codes = { 486.0, 486.5, -1, 0, 700, 1 / 0, "486", "999", "48", "4 86", "" }
  local extra_lines = { "SIP/2.0 200 OK\r", "SIP/2.0 200 ", "SIP/2.0 200", "SIP/2.0  200 OK",
                        "SIP/2.0 200 100% sure", "SIP/2.0 200 100%41 ok", "SIP/2.0 200 a\"b",
                        "SIP/2.0 200 caf\195\169", "SIP/2.0 200 x\255", "SIP/2.0 200 \195",
                        "SIP/2.0 200 a\0b", "SIP/20 200 OK", "SIP/2.0 099 x", "SIP/2.0 700 x",
                        "SIP/2.0 200 OK\n\n", "SIP/2.0 200 OK\r\n\r\n", "SIP/2.0 200 \128 lone",
                        "SIP/2.0 200 <x>", "SIP/2.0 200 tab\there", "SIP/12.34 200 OK" }
  local function show(...)
    local t = {}
    for i = 1, select("#", ...) do t[i] = tostring((select(i, ...))) end
    return table.concat(t, ",")
  end
  local failed = 0
  for _, op in ipairs(OPS) do
    local inputs = {}
    for _, x in ipairs(op.mix) do inputs[#inputs + 1] = x end
    local extra = op.mix == LINES and extra_lines or op.mix == CODES and extra_codes or {}
    for _, x in ipairs(extra) do inputs[#inputs + 1] = x end
    local bad
    for _, x in ipairs(inputs) do
      local a, b
      if op.field == "reasons" then
        a, b = show(sip.reasons[x]), show(pure.reasons[x])
      elseif op.field == "parse_status_line" then
        -- The messages differ in wording; whether and what they parse may not.
        local c1, r1, v1 = sip.parse_status_line(x)
        local c2, r2, v2 = pure.parse_status_line(x)
        a, b = show(c1, c1 and r1, v1), show(c2, c2 and r2, v2)
      else
        a, b = show(sip[op.field](x)), show(pure[op.field](x))
      end
      if a ~= b then bad = ("%q: sipcodes %s, peer %s"):format(tostring(x), a, b) break end
    end
    if bad then
      failed = failed + 1
      print("not ok - " .. op.name .. ": peer answers like sipcodes")
      print("# " .. bad)
    else
      print("ok - " .. op.name .. ": peer answers like sipcodes on " .. #inputs .. " inputs")
    end
  end
  os.exit(failed == 0 and 0 or 1)

else
  io.stderr:write("usage: bench.lua run IMPL OP OUTER | time OUTER ROUNDS | check\n")
  os.exit(2)
end
