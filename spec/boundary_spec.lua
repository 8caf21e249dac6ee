-- Lua numbers where they meet C: a table key or a loop's control value is
-- taken as the number it is, never converted to a C index that could wrap,
-- round or overflow.  The rule is stated on the number, so the expected
-- answers below follow from Lua arithmetic on the same values, on every VM
-- and number type (64-bit, 32-bit integers, float numbers).
local sip = require("sipcodes")

local load_source = loadstring or load
-- Integers beyond 2^53 exist only where Lua has an integer type (5.3+);
-- the source is loaded so that Lua 5.1 can still read this file.
local function integers(list)
  if not math.type then return {} end
  return assert(load_source("return { " .. table.concat(list, ", ") .. " }"))()
end

-- The documented rule: an entry is a key that is a whole number at least 1.
local function is_entry(key)
  return type(key) == "number" and key >= 1 and key < math.huge
     and math.floor(key) == key
end

local keys = { 1, 2, 3, 0, -1, 0.5, 1.5, 2^31 - 1, 2^31, 2^31 + 1, 2^32, 2^32 + 1,
  2^53, 2^53 + 2, 2^63, 2^64, 2^100, 1e300, -2^31, -2^63, math.huge, -math.huge }
for _, k in ipairs(integers({ "math.maxinteger", "math.mininteger", "(1 << 53) + 1",
  "(1 << 62) + 3", "(1 << 31)", "(1 << 32) + 1" })) do
  keys[#keys + 1] = k
end

describe("best_response's entries", function()
  it("are the keys that are whole numbers at least 1, reported as themselves", function()
    for _, key in ipairs(keys) do
      local t = { [key] = 486 }
      local stored = next(t)               -- the key as the table keeps it
      local code, index = sip.best_response(t)
      if is_entry(stored) then
        assert.are.equal(486, code, "key " .. tostring(stored))
        assert.is_true(rawequal(stored, index), "key " .. tostring(stored)
          .. " reported as " .. tostring(index))
        if math.type then assert.are.equal(math.type(stored), math.type(index)) end
      else
        assert.are.same({ 408 }, { sip.best_response(t) }, "key " .. tostring(stored))
      end
    end
  end)

  it("keeps the largest integer key exact, past what a float holds", function()
    -- On a Lua with integers (5.3+, 64- or 32-bit), math.maxinteger and the
    -- one below it are apart; on a 64-bit float they would be one key.
    local big = math.maxinteger
    if not big then return end             -- Lua 5.1, LuaJIT: every number is a float
    local code, index = sip.best_response({ [big] = 486, [big - 1] = 486 })
    assert.are.equal(486, code)
    assert.are.equal(string.format("%d", big - 1), string.format("%d", index))
    code, index = sip.best_response({ [big] = 486 })
    assert.are.equal(486, code)
    assert.are.equal(string.format("%d", big), string.format("%d", index))
  end)

  it("breaks a tie between equal codes by the lower key, however large", function()
    assert.are.same({ 486, 7 }, { sip.best_response({ [2^40] = 486, [7] = 486, [2^33] = 486 }) })
    assert.are.same({ 486, 2^60 }, { sip.best_response({ [2^53] = 503, [2^60] = 486 }) })
    assert.are.same({ 500, 2 }, { sip.best_response({ [5] = 503, [2] = 503 }) })
    assert.are.same({ 486, 3 }, { sip.best_response({ [0.5] = 200, [3] = 486, [-1] = 200 }) })
  end)

  it("names a key in full in a type error", function()
    for key, text in pairs({ [2^40] = "1099511627776", [2^53] = "9007199254740992",
                             [3] = "3", [2^63] = "9223372036854775808" }) do
      local ok, err = pcall(sip.best_response, { [key] = true })
      assert.is_false(ok)
      assert.matches("status code expected at index " .. text .. ", got boolean", err, 1, true)
    end
  end)
end)

describe("the sealed ipairs iterator", function()
  -- sip.q850_causes holds causes 1, 2 and 3, then a hole.
  local t = sip.q850_causes
  local iterate = debug.getmetatable(t).__ipairs(t)

  it("walks the entries from 1 and ends at the first hole", function()
    assert.are.same({ 1, t[1] }, { iterate(t, 0) })
    assert.are.same({ 3, t[3] }, { iterate(t, 2) })
    assert.are.same({ nil }, { iterate(t, 3) })
    assert.are.equal(1, select("#", iterate(t, 3)))
  end)

  it("ends the walk on any control value out of range", function()
    local values = { -1, -2^31, 2^31 - 1, 2^31, 2^32, 2^32 + 1, 2^53, 2^63, 1e300,
      math.huge, -math.huge, 0 / 0, 0.5, 1.5 }
    for _, v in ipairs(integers({ "math.maxinteger", "math.mininteger", "(1 << 32)" })) do
      values[#values + 1] = v
    end
    for _, v in ipairs(values) do
      -- With 32-bit integers, 1 << 32 wraps to 0: a control value in range.
      local in_range = v >= 0 and v <= 2 and math.floor(v) == v
      local results = { iterate(t, v) }
      if in_range then
        assert.are.same({ v + 1, t[v + 1] }, results, "control value " .. tostring(v))
      else
        assert.are.equal(nil, results[1], "control value " .. tostring(v))
        assert.are.equal(nil, results[2], "control value " .. tostring(v))
      end
    end
  end)

  it("refuses a control value that is not a number", function()
    for _, v in ipairs({ "1", true, {} }) do
      assert.has_error(function() return iterate(t, v) end)
    end
  end)
end)
