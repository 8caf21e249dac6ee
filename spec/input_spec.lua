-- The input rules of the interface, the same on every VM: integral numbers
-- and strings of exactly three ASCII digits are codes; other numbers and
-- strings are not (nil / false); any other type is an argument error.
local sip = require("sipcodes")

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
