-- The input rules of the interface, the same on every VM: integral numbers
-- and strings of exactly three ASCII digits are codes; other numbers and
-- strings are not (nil / false); any other type is an argument error.
local sip = require("sipcodes")
local number_rule = require("number_rule")

-- A function that calls sip.<name>(...) from a call site that names it,
-- the way a user's script does (a call through sip[name] has no name).
local function caller(name)
  local chunk = "local sip = ... return function(...) local r = sip." .. name .. "(...) return r end"
  return assert((loadstring or load)(chunk, "=caller"))(sip)
end

-- Every function that takes a code, with what it gives for a non-code.
local code_functions = {
  reason = "nil", info = "nil", class = "nil", class_name = "nil", canonical = "nil",
  format = "nil", status_line = "nil",
  is_valid = "false", is_known = "false", is_deprecated = "false",
  is_provisional = "false", is_final = "false", is_success = "false",
  is_redirection = "false", is_client_failure = "false", is_server_failure = "false",
  is_global_failure = "false", is_failure = "false",
}

local not_codes = {
  ["486.5"] = 486.5,
  ["-486"] = -486,
  ["-1"] = -1,
  ["0"] = 0,
  ["NaN"] = 0 / 0,
  ["+inf"] = math.huge,
  ["-inf"] = -math.huge,
  ["2^53"] = 2 ^ 53,
  ["2^63"] = 2 ^ 63,
  ["-2^63"] = -(2 ^ 63),
  ["2^32 + 486"] = 2 ^ 32 + 486,
  ["486 + 2^-30"] = 486 + 2 ^ -30,
  ['"486 "'] = "486 ",
  ['" 486"'] = " 486",
  ['"4 86"'] = "4 86",
  ['"+486"'] = "+486",
  ['"-486"'] = "-486",
  ['"0x1E6"'] = "0x1E6",
  ['"4.86e2"'] = "4.86e2",
  ['"486.0"'] = "486.0",
  ['"486\\0"'] = "486\0",
  ['"\\0486"'] = "\0486",
  ['"48"'] = "48",
  ['"0486"'] = "0486",
  ['"099"'] = "099",
  ['"700"'] = "700",
  ['"Busy Here"'] = "Busy Here",
  ['""'] = "",
  ["a 1 MB string"] = string.rep("4", 1024 * 1024),
}
if math.mininteger then
  not_codes["math.mininteger"] = math.mininteger
  not_codes["math.maxinteger"] = math.maxinteger
end

-- With 32-bit floats (LUA_32BITS) 486 + 2^-30 is 486 exactly: a number the
-- rule, applied to this Lua's numbers, makes a code is checked as that code.
local codes_by_rule = {}
for what, v in pairs(not_codes) do
  local code = number_rule.code_of(v)
  if code then
    not_codes[what] = nil
    codes_by_rule[what] = { v, code }
  end
end

-- Values of every other type.
local wrong_types = {
  ["nil"] = { value = nil, type = "nil" },
  ["true"] = { value = true, type = "boolean" },
  ["false"] = { value = false, type = "boolean" },
  ["a table"] = { value = {}, type = "table" },
  ["a function"] = { value = print, type = "function" },
  ["a coroutine"] = { value = coroutine.create(function() end), type = "thread" },
  ["a userdata"] = { value = io.stdout, type = "userdata" },
}

describe("input rules", function()
  for name, none in pairs(code_functions) do
    describe("sip." .. name, function()
      local fn = sip[name]
      local expected = nil
      if none == "false" then expected = false end

      it("answers 486, 486.0 and \"486\" alike", function()
        assert.are.same({ fn(486) }, { fn(486.0) })
        assert.are.same({ fn(486) }, { fn("486") })
        assert.is_not_nil(fn(486))
      end)

      it("gives " .. none .. " for numbers and strings that are not codes", function()
        for what, v in pairs(not_codes) do
          assert.are.equal(expected, fn(v), name .. "(" .. what .. ")")
        end
      end)

      it("answers a number that is integral on this Lua's numbers as that code", function()
        -- None with 64-bit floats; with 32-bit ones 486 + 2^-30 at least.
        if number_rule.float_bits() == 24 then
          assert.is_not_nil(codes_by_rule["486 + 2^-30"])
        else
          assert.are.same({}, codes_by_rule)
        end
        for what, case in pairs(codes_by_rule) do
          assert.are.same({ fn(case[2]) }, { fn(case[1]) }, name .. "(" .. what .. ")")
        end
      end)

      for what, case in pairs(wrong_types) do
        it("raises a standard argument error for " .. what, function()
          local ok, err = pcall(caller(name), case.value)
          assert.is_false(ok)
          assert.are.equal(
            "bad argument #1 to '" .. name .. "' (SIP status code expected, got " .. case.type .. ")",
            string.gsub(err, "^[^:]*:%d+: ", ""))
        end)
      end

      it("says 'no value' when called with no argument", function()
        local ok, err = pcall(caller(name))
        assert.is_false(ok)
        assert.matches("SIP status code expected, got no value", err)
      end)
    end)
  end

  it("reports the caller's line, as Lua's own argument errors do", function()
    local ok, err = pcall(function()
      local r = sip.reason(nil)
      return r
    end)
    assert.is_false(ok)
    assert.matches("input_spec%.lua:%d+: bad argument #1 to 'reason'", err)
  end)

  it("does not truncate 486.5 or coerce '486 ' on any VM", function()
    assert.is_nil(sip.reason(486.5))
    assert.is_nil(sip.reason("486 "))
    assert.is_false(sip.is_final(199.9))
  end)
end)

-- The error of calling sip.<name>(...) from a call site that names it.
local function error_of(name, ...)
  local ok, err = pcall(caller(name), ...)
  assert.is_false(ok, name .. " raised no error")
  return tostring(err)
end

describe("names and texts compared with their lengths", function()
  it("refuse a profile name with anything after it, an embedded NUL included", function()
    for _, profile in ipairs({ "rfc3398\0", "freeswitch\0", "rfc3398\0junk", "rfc3398 ",
                               "RFC3398", "free", "" }) do
      assert.matches("bad argument #3 to 'to_q850' (profile must be 'rfc3398' or 'freeswitch')",
        error_of("to_q850", 486, nil, profile), 1, true)
      assert.matches("bad argument #2 to 'from_q850' (profile must be 'rfc3398' or 'freeswitch')",
        error_of("from_q850", 17, profile), 1, true)
    end
  end)

  it("find no cause, code or module field by a name with an embedded NUL", function()
    assert.are.equal(17, sip.q850_cause("USER_BUSY"))
    assert.is_nil(sip.q850_cause("USER_BUSY\0"))
    assert.is_nil(sip.q850_cause("USER_BUSY\0junk"))
    assert.is_nil(sip.code("BUSY_HERE\0"))
    assert.is_nil(sip["reason\0junk"])
    assert.is_nil(sip["BUSY_HERE\0"])
    assert.is_nil(sip.copy(sip)["reason\0junk"])
  end)
end)

describe("an explicit text is checked before the code it goes with", function()
  -- Each function that takes a text, with a first argument that is no
  -- valid code (or cause, or warn-code) and the position of the text.
  local takers = {
    { "format", { 99 }, 2 }, { "status_line", { 99 }, 2 },
    { "reason_header", { 99 }, 2 }, { "q850_reason_header", { 1000 }, 2 },
    { "warning_header", { 1000, "gw1" }, 3 },
  }
  for _, t in ipairs(takers) do
    local name, before, position = t[1], t[2], t[3]
    it(name .. " raises for a forged text even when the code is not valid", function()
      local args = { before[1], before[2] }
      args[position] = "a\r\nVia: x"
      local err = error_of(name, (unpack or table.unpack)(args, 1, position))
      assert.matches("bad argument #" .. position .. " to '" .. name .. "'", err, 1, true)
    end)
  end
end)

describe("error messages", function()
  it("name the argument and the type, 'no value' when it is absent", function()
    assert.matches("bad argument #2 to 'warning_header' (string expected, got nil)",
      error_of("warning_header", 370, nil), 1, true)
    assert.matches("bad argument #3 to 'to_q850' (profile name expected, got number)",
      error_of("to_q850", 486, nil, 5), 1, true)
    assert.matches("bad argument #1 to 'parse_reason_header' (string expected, got no value)",
      error_of("parse_reason_header"), 1, true)
  end)

  it("quote script text with NULs and controls escaped, cut after 40 bytes", function()
    local err = error_of("matcher", "4\0\27" .. ("x"):rep(10 * 1024 * 1024))
    assert.matches('invalid status pattern "4\\000\\027' .. ("x"):rep(37) .. '"...', err, 1, true)
    assert.is_true(#err < 300, "a message of " .. #err .. " bytes")
  end)
end)

-- What a code is follows from the rule applied to this Lua's number type
-- (docs/api.md): Debian's VMs have 64-bit floats and, from 5.3 on, 64-bit
-- integers; a Lua built with LUA_32BITS has 32-bit ones of both.
describe("input rules on this Lua's number type", function()
  local float_bits = number_rule.float_bits()
  local integer_bits = number_rule.integer_bits()

  it("is one of the two the rule is documented for", function()
    assert.is_true(float_bits == 53 or float_bits == 24, "a float significand of " .. float_bits .. " bits")
    assert.is_true(integer_bits == nil or integer_bits == 64 or integer_bits == 32,
      "integers of " .. tostring(integer_bits) .. " bits")
  end)

  it("makes 486 + 2^-30 no code with 64-bit floats and 486 with 32-bit ones", function()
    if float_bits == 24 then
      assert.are.equal("Busy Here", sip.reason(486 + 2 ^ -30))
      assert.are.equal("Multiple Choices", sip.reason(299.99999))
    else
      assert.is_nil(sip.reason(486 + 2 ^ -30))
      assert.is_nil(sip.reason(299.99999))
    end
  end)

  it("makes 0x100000000 + 200 the code 200 with 32-bit integers, no code otherwise", function()
    local v = assert((loadstring or load)("return 0x100000000 + 200"))()
    if integer_bits == 32 then
      assert.are.equal(200, v)
      assert.are.equal("OK", sip.reason(v))
    else
      assert.is_nil(sip.reason(v))
    end
  end)
end)
