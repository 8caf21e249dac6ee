-- Hostile input: every public function against every Lua type and the
-- awkward values of each, with the result the interface contract documents
-- for it.  The same expectations run on every VM, so a VM that answers
-- differently fails here.
local sip = require("sipcodes")
local number_rule = require("number_rule")

local load_chunk = loadstring or load

-- Calls sip.<name>(...) from a call site that names the function, as a
-- user's script does (not a tail call, which some VMs leave unnamed).
local callers = {}
local function caller(name)
  if not callers[name] then
    callers[name] = assert(load_chunk(
      "local sip, n, a, b = ...\n" ..
      "local r1, r2, r3\n" ..
      "if n == 0 then r1, r2, r3 = sip." .. name .. "()\n" ..
      "elseif n == 1 then r1, r2, r3 = sip." .. name .. "(a)\n" ..
      "else r1, r2, r3 = sip." .. name .. "(a, b) end\n" ..
      "return r1, r2, r3", "=" .. name))
  end
  return callers[name]
end

-- pcall of sip.<name> with the given arguments (count matters: none is
-- not nil).  Returns ok, r1, r2, r3.
local function try(name, ...)
  return pcall(caller(name), sip, select("#", ...), ...)
end

local function describe_value(v)
  if type(v) == "string" then
    if #v > 40 then return ("string of %d bytes"):format(#v) end
    return ("%q"):format(v)
  end
  if type(v) == "number" then return ("number %.17g"):format(v) end
  return tostring(v)
end

-- ---- the battery -------------------------------------------------------

local ten_mb = ("x"):rep(10 * 1024 * 1024)

-- Values of other types: an argument error wherever a code is expected.
local other_types = {
  { "nil", nil }, { "boolean", true }, { "boolean", false }, { "table", {} },
  { "function", print }, { "userdata", io.stdout },
  { "thread", coroutine.create(function() end) },
}

-- Numbers that are not codes with 64-bit floats (they are not integral
-- values in 100..699).
local awkward_numbers = {
  0 / 0, -(0 / 0), math.huge, -math.huge, 0, -0.0, 2 ^ 53, 2 ^ 53 + 2,
  -(2 ^ 53), 2 ^ 63, -(2 ^ 63), 2 ^ 64, 1e308, -1e308, 5e-324, 486.5,
  486 + 2 ^ -40, 486 - 2 ^ -40, 99, 99.999999, 700, 699.5, 99.5, -486, -1,
  1, 4294967296 + 486, -4294967296 + 486,
}
if math.mininteger then
  -- 5.3+: integers at the edges, and the integer 2^63 - 1.
  awkward_numbers[#awkward_numbers + 1] = math.mininteger
  awkward_numbers[#awkward_numbers + 1] = math.maxinteger
  awkward_numbers[#awkward_numbers + 1] = math.mininteger + 486
end

-- Numbers that are codes.
local code_numbers = { { 486, 486 }, { 486.0, 486 }, { 100, 100 },
  { 699, 699 }, { 0x1E6, 486 }, { 4.86e2, 486 }, { 431, 431 } }

-- With 32-bit floats (LUA_32BITS) some of them are integral (486 + 2^-40
-- is 486, 99.999999 is 100): the rule, applied to this Lua's numbers, puts
-- each on its side.
local non_code_numbers = {}
for _, v in ipairs(awkward_numbers) do
  local code = number_rule.code_of(v)
  if code then
    code_numbers[#code_numbers + 1] = { v, code }
  else
    non_code_numbers[#non_code_numbers + 1] = v
  end
end

-- Strings that are not codes: only exactly three ASCII digits are.
local non_code_strings = {
  "", " ", "486 ", " 486", "\t486", "486\n", "+486", "-486", "4 86",
  "0x1E6", "4.86e2", "486.0", "486.", "1e3", "0486", "48", "4860", "099",
  "700", "999", "000", "486\0", "\0486", "4\0" .. "86", "Busy Here",
  "\239\188\148\239\188\152\239\188\150",        -- fullwidth "486"
  "\255\254", "\192\128", "\237\160\128", "nan", "inf", "-inf", ten_mb,
}

local code_strings = { { "486", 486 }, { "100", 100 }, { "699", 699 },
  { "431", 431 } }

local code_functions = {
  "reason", "info", "class", "class_name", "canonical", "format",
  "status_line",
}
local predicates = {
  "is_valid", "is_known", "is_deprecated", "is_provisional", "is_final",
  "is_success", "is_redirection", "is_client_failure", "is_server_failure",
  "is_global_failure", "is_failure",
}

local function all_code_taking()
  local all = {}
  for _, n in ipairs(code_functions) do all[#all + 1] = n end
  for _, n in ipairs(predicates) do all[#all + 1] = n end
  return all
end

local function assert_arg_error(name, argn, expected, gotname, ok, err)
  assert.is_false(ok, name .. " did not raise")
  local want = ("bad argument #%d to '%s' (%s expected, got %s)")
    :format(argn, name, expected, gotname)
  assert.is_truthy(tostring(err):find(want, 1, true),
    "expected '" .. want .. "' in: " .. tostring(err))
end

-- ---- functions that take a code ------------------------------------------

describe("hostile input: functions that take a code", function()
  for _, name in ipairs(all_code_taking()) do
    it(name .. "() raises an argument error for every non-number, non-string type", function()
      for _, case in ipairs(other_types) do
        local ok, err = try(name, case[2])
        assert_arg_error(name, 1, "SIP status code", case[1], ok, err)
      end
      local ok, err = try(name)
      assert_arg_error(name, 1, "SIP status code", "no value", ok, err)
    end)

    local is_predicate = name:sub(1, 3) == "is_"
    local function check_not_code(v)
      local ok, r1, r2 = try(name, v)
      assert.is_true(ok, name .. "(" .. describe_value(v) .. ") raised: " .. tostring(r1))
      if is_predicate then
        assert.are.equal(false, r1, name .. "(" .. describe_value(v) .. ")")
      else
        assert.is_nil(r1, name .. "(" .. describe_value(v) .. ")")
      end
      assert.is_nil(r2)
    end

    it(name .. "() treats numbers that are not integral 100-699 as no code", function()
      for _, v in ipairs(non_code_numbers) do check_not_code(v) end
    end)

    it(name .. "() treats strings other than three ASCII digits as no code", function()
      for _, v in ipairs(non_code_strings) do check_not_code(v) end
    end)

    it(name .. "() gives a number and its three-digit string the same answer", function()
      local cases = {}
      for _, c in ipairs(code_numbers) do cases[#cases + 1] = c end
      for _, c in ipairs(code_strings) do cases[#cases + 1] = c end
      for _, c in ipairs(cases) do
        local ok1, a = try(name, c[1])
        local ok2, b = try(name, c[2])
        assert.is_true(ok1 and ok2)
        assert.are.equal(b, a, name .. "(" .. describe_value(c[1]) .. ")")
        if is_predicate then
          assert.are.equal("boolean", type(a))
        elseif name ~= "reason" and name ~= "info" then
          assert.is_not_nil(a, name .. "(" .. describe_value(c[1]) .. ")")
        end
      end
    end)
  end

  it("answers documented values for the documented examples", function()
    assert.are.equal("Busy Here", sip.reason(486.0))
    assert.are.equal("Busy Here", sip.reason("486"))
    assert.is_nil(sip.reason(431))
    assert.are.equal(4, sip.class(431))
    assert.are.equal(400, sip.canonical(431))
    assert.are.equal(183, sip.canonical(150))
    assert.are.equal("431 Client Failure", sip.format("431"))
    assert.are.equal("SIP/2.0 486 Busy Here", sip.status_line(486.0))
    assert.is_true(sip.is_valid("699"))
    assert.is_false(sip.is_valid("700"))
  end)
end)

-- ---- explicit reasons ----------------------------------------------------

-- Reasons a caller might pass that could break or forge a SIP message:
-- each must raise, whatever the code.
local bad_reasons = {
  "Busy\r\nVia: SIP/2.0/UDP evil", "Busy\r", "Busy\n", "\r\n", "Busy\0Here",
  "\0", "Busy\27[31m", "Busy\127", "a\"b", "<b>", "back\\slash", "100%",
  "%4", "%zz", "caf\233", "\192\175", "\237\160\128", "\244\144\128\128",
  "\248\136\128\128\128", "\255", "\128", "Busy Here\226\130", "{x}", "a|b",
  "`x`", "#1", "[x]", "^", ("x"):rep(1024) .. "\n",
}

-- Reasons the grammar allows: each is written as given.
local good_reasons = {
  "", " ", "\t", "Busy Here", "Occupé", "Занято", "話し中", "%20ok",
  ";/?:@&=+$,-_.!~*'()", "Emoji \240\159\152\128",
}

describe("hostile input: format() and status_line() with a caller's reason", function()
  for _, name in ipairs({ "format", "status_line" }) do
    local prefix = name == "format" and "" or "SIP/2.0 "

    it(name .. "() refuses reasons that could break or forge a message", function()
      for _, reason in ipairs(bad_reasons) do
        for _, code in ipairs({ 486, "486", 431, 999, "x" }) do
          local ok, err = try(name, code, reason)
          assert.is_false(ok, name .. "(" .. tostring(code) .. ", " .. describe_value(reason) .. ")")
          assert.is_truthy(tostring(err):find("bad argument #2 to '" .. name
            .. "' (invalid Reason-Phrase", 1, true), tostring(err))
        end
      end
    end)

    it(name .. "() writes every grammatical reason as given", function()
      for _, reason in ipairs(good_reasons) do
        local ok, line = try(name, 486, reason)
        assert.is_true(ok, tostring(line))
        assert.are.equal(prefix .. "486 " .. reason, line)
      end
    end)

    it(name .. "() gives nil for a non-code with a good reason", function()
      for _, code in ipairs({ 486.5, 0 / 0, 700, "486 ", "" }) do
        local ok, line = try(name, code, "Busy")
        assert.is_true(ok)
        assert.is_nil(line)
      end
    end)

    it(name .. "() raises for a reason of any type other than string or nil", function()
      for _, case in ipairs({ { "number", 486 }, { "boolean", true },
          { "table", {} }, { "function", print }, { "userdata", io.stdout },
          { "thread", coroutine.create(function() end) } }) do
        local ok, err = try(name, 486, case[2])
        assert_arg_error(name, 2, "string", case[1], ok, err)
      end
      local ok, line = try(name, 486, nil)
      assert.is_true(ok)
      assert.are.equal(prefix .. "486 Busy Here", line)
    end)

    it(name .. "() checks the code's type before the reason", function()
      local ok, err = try(name, nil, "Busy\r\n")
      assert_arg_error(name, 1, "SIP status code", "nil", ok, err)
    end)

    it(name .. "() takes a 10 MB reason, and refuses it with one bad byte at the end", function()
      local ok, line = try(name, 486, ten_mb)
      assert.is_true(ok)
      assert.are.equal(#prefix + 4 + #ten_mb, #line)
      assert.are.equal(prefix .. "486 xxx", line:sub(1, #prefix + 7))
      local bad = ten_mb .. "\n"
      local ok2, err = try(name, 486, bad)
      assert.is_false(ok2)
      assert.is_truthy(tostring(err):find("at byte " .. #bad, 1, true), tostring(err))
    end)
  end
end)

-- ---- phrase and name lookup -------------------------------------------------

describe("hostile input: code()", function()
  it("raises for every type but string, numbers included", function()
    local cases = { { "number", 486 }, { "number", 0 / 0 } }
    for _, c in ipairs(other_types) do cases[#cases + 1] = c end
    for _, case in ipairs(cases) do
      local ok, err = try("code", case[2])
      assert_arg_error("code", 1, "string", case[1], ok, err)
    end
    local ok, err = try("code")
    assert_arg_error("code", 1, "string", "no value", ok, err)
  end)

  it("finds phrases and names through blanks and case, and nothing else", function()
    assert.are.equal(486, sip.code("  BUSY here\t\r\n"))
    assert.are.equal(486, sip.code("busy_here"))
    assert.are.equal(406, sip.code("Not Acceptable"))
    local nothing = { "", " \t\r\n", "Busy Here\0", "\0Busy Here", "Busy  Here",
      "Busy Her", "Busy Heres", "486", "BUSY-HERE", "Busy\194\160Here",
      "\255\254", ten_mb, ("Busy Here "):rep(1000), "Busy Here\r\nVia: x" }
    for _, text in ipairs(nothing) do
      local ok, code = try("code", text)
      assert.is_true(ok)
      assert.is_nil(code, describe_value(text))
    end
  end)
end)

-- ---- Status-Line parsing ------------------------------------------------

describe("hostile input: parse_status_line()", function()
  it("raises for every type but string, numbers included", function()
    local cases = { { "number", 200 } }
    for _, c in ipairs(other_types) do cases[#cases + 1] = c end
    for _, case in ipairs(cases) do
      local ok, err = try("parse_status_line", case[2])
      assert_arg_error("parse_status_line", 1, "string", case[1], ok, err)
    end
  end)

  it("never raises on a string, and refuses what the grammar does not allow", function()
    local bad = { "", "\0", "SIP/2.0 200 OK\r\nVia: x", "SIP/2.0 200 OK\r",
      "SIP/2.0 200 OK\n\n", "SIP/2.0 200 OK\r\n\r\n", "SIP/2.0 200\r\n",
      "SIP/2.0  200 OK", "SIP/2.0 200  OK\0", "SIP/2.0 099 Low",
      "SIP/2.0 700 High", "SIP/2.0 2000 OK", "SIP/2.0 20 OK", "SIP/2. 200 OK",
      "SIP/.0 200 OK", "SIP/2.0\t200 OK", "SIPS/2.0 200 OK", "HTTP/1.1 200 OK",
      "SIP/2.0 +20 OK", "SIP/2.0 200 O\1K", "SIP/2.0 200 OK\127",
      "SIP/2.0 200 OK\0", "SIP/2.0 486 " .. ten_mb .. "\r\n\r\n",
      ten_mb, "\255\254\253" }
    for _, line in ipairs(bad) do
      local ok, code, message = try("parse_status_line", line)
      assert.is_true(ok, describe_value(line) .. " raised: " .. tostring(code))
      assert.is_nil(code, describe_value(line))
      assert.are.equal("string", type(message))
      assert.is_truthy(message:find("^invalid Status%-Line: .* at byte %d+$"), message)
    end
  end)

  it("returns code, reason and version as written for grammatical lines", function()
    local good = {
      { "SIP/2.0 486 Busy Here", 486, "Busy Here", "SIP/2.0" },
      { "sip/2.0 200 OK\r\n", 200, "OK", "sip/2.0" },
      { "SIP/2.0 200 \n", 200, "", "SIP/2.0" },
      { "SIP/10.20 699 %41\t\128x", 699, "%41\t\128x", "SIP/10.20" },
      { "SIP/2.0 100 " .. ten_mb, 100, ten_mb, "SIP/2.0" },
    }
    for _, case in ipairs(good) do
      local ok, code, reason, version = try("parse_status_line", case[1])
      assert.is_true(ok)
      assert.are.equal(case[2], code, describe_value(case[1]))
      assert.are.equal(case[3], reason)
      assert.are.equal(case[4], version)
    end
  end)
end)

-- ---- list(), each(), copy() and the data tables -------------------------

describe("hostile input: class arguments, copy() and table keys", function()
  for _, name in ipairs({ "list", "each" }) do
    it(name .. "() refuses every class but nil and the integers 1-6", function()
      local refused = { 0, 7, -1, 1.5, 0 / 0, math.huge, -math.huge, 2 ^ 63,
        "4", "", true, {}, print, io.stdout }
      for _, cls in ipairs(refused) do
        local ok, err = try(name, cls)
        assert.is_false(ok, name .. "(" .. describe_value(cls) .. ")")
        assert.is_truthy(tostring(err):find("bad argument #1 to '" .. name .. "'", 1, true),
          tostring(err))
      end
      for _, cls in ipairs({ 1, 4.0, 6 }) do
        assert.is_true((try(name, cls)))
      end
    end)
  end

  it("copy() refuses anything that is not one of its tables", function()
    local refused = { nil, 486, "sipcodes", {}, setmetatable({}, { __index = sip.reasons }),
      true, print, io.stdout }
    for i = 1, 8 do
      local ok, err = try("copy", refused[i])
      assert.is_false(ok)
      assert.is_truthy(tostring(err):find("bad argument #1 to 'copy'", 1, true), tostring(err))
    end
  end)

  it("sip.reasons answers nil for every key that is not a code number", function()
    local keys = { "486", 486.5, 0 / 0, math.huge, -0.0, 2 ^ 63, true, print, {},
      io.stdout, "Busy Here", ten_mb }
    for _, k in ipairs(keys) do
      assert.is_nil(sip.reasons[k], describe_value(k))
    end
    assert.are.equal("Busy Here", sip.reasons[486.0])
  end)
end)

describe("hostile input: the iterator each() returns", function()
  it("walks its own loop values and refuses every other value alike on every VM", function()
    local step = sip.each()
    local code, reason = step(4, 0)
    assert.are.equal(400, code)
    assert.are.equal("Bad Request", reason)
    assert.are.equal(487, (step(4, 486.0)))
    assert.is_nil(step(0, 699))
    local refused = { { 0, 486.5 }, { 4.5, 0 }, { "4", 0 }, { 0, "486" },
      { 0 / 0, 0 }, { 0, 0 / 0 }, { 7, 0 }, { -1, 0 }, { 0, 700 }, { 0, -1 },
      { 0, 2 ^ 63 }, { 0, -math.huge }, { nil, 0 }, { 0, nil }, { {}, 0 } }
    for _, args in ipairs(refused) do
      local ok, err = pcall(step, args[1], args[2])
      assert.is_false(ok, describe_value(args[1]) .. ", " .. describe_value(args[2]))
      assert.is_truthy(tostring(err):find("not a value of a sipcodes.each() loop", 1, true),
        tostring(err))
    end
  end)
end)
