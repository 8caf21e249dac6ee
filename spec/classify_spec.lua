-- Classification, RFC 3261 section 7.2: the first digit of a code 100-699
-- is its class; section 6: 2xx-6xx are final; section 8.1.3.2: what an
-- unknown code must be treated as.
local sip = require("sipcodes")
local ref = require("reference")

-- Class predicates and the classes each one accepts.
local predicates = {
  is_valid = { 1, 2, 3, 4, 5, 6 },
  is_provisional = { 1 },
  is_final = { 2, 3, 4, 5, 6 },
  is_success = { 2 },
  is_redirection = { 3 },
  is_client_failure = { 4 },
  is_server_failure = { 5 },
  is_global_failure = { 6 },
  is_failure = { 4, 5, 6 },
}

-- The class RFC 3261 section 7.2 gives an integer, or nil outside 100-699.
local function class_of(n)
  if n < 100 or n > 699 then return nil end
  return (n - n % 100) / 100
end

describe("classification", function()
  it("gives the class of every integer from -10 to 1010", function()
    for n = -10, 1010 do
      local expected = class_of(n)
      assert.are.equal(expected, sip.class(n), "class(" .. n .. ")")
      assert.are.equal(expected and ref.class_names[expected], sip.class_name(n))
      for name, classes in pairs(predicates) do
        local yes = false
        for _, c in ipairs(classes) do if c == expected then yes = true end end
        assert.are.equal(yes, sip[name](n), name .. "(" .. n .. ")")
      end
    end
  end)

  it("answers the same for a code given as a three-digit string", function()
    for n = 0, 999 do
      local text = string.format("%03d", n)
      assert.are.equal(sip.class(n), sip.class(text), text)
      assert.are.equal(sip.is_final(n), sip.is_final(text), text)
      assert.are.equal(sip.canonical(n), sip.canonical(text), text)
    end
  end)

  it("returns the class as an integer where Lua has integers", function()
    if math.type then
      assert.are.equal("integer", math.type(sip.class(486)))
      assert.are.equal("integer", math.type(sip.class(486.0)))
      assert.are.equal("integer", math.type(sip.class("486")))
      assert.are.equal("integer", math.type(sip.canonical(431.0)))
    end
  end)

  it("tells known from unknown codes and flags the deprecated ones", function()
    for n = 90, 710 do
      local row = ref.by_code[n]
      assert.are.equal(row ~= nil, sip.is_known(n), "is_known(" .. n .. ")")
      assert.are.equal(row ~= nil and row.deprecated, sip.is_deprecated(n))
    end
  end)

  it("is false / nil, never an error, for numbers and strings that are not codes", function()
    for _, v in ipairs({ 486.5, -486, 0 / 0, math.huge, -math.huge, 2 ^ 63, "486 ", "4 86", "x" }) do
      assert.is_nil(sip.class(v))
      assert.is_nil(sip.class_name(v))
      assert.is_nil(sip.canonical(v))
      for name in pairs(predicates) do assert.is_false(sip[name](v), name) end
      assert.is_false(sip.is_known(v))
      assert.is_false(sip.is_deprecated(v))
    end
  end)
end)

describe("sip.canonical (RFC 3261 section 8.1.3.2)", function()
  it("keeps every known code", function()
    for _, row in ipairs(ref.rows) do
      assert.are.equal(row.code, sip.canonical(row.code))
    end
  end)

  it("treats an unknown final code as the x00 of its class (431 is 400)", function()
    assert.are.equal(400, sip.canonical(431))
    for n = 200, 699 do
      if not ref.by_code[n] then
        assert.are.equal(n - n % 100, sip.canonical(n), "canonical(" .. n .. ")")
      end
    end
  end)

  it("treats an unknown provisional code as 183 Session Progress", function()
    for n = 100, 199 do
      if not ref.by_code[n] then
        assert.are.equal(183, sip.canonical(n), "canonical(" .. n .. ")")
      end
    end
    assert.are.equal(100, sip.canonical(100))
  end)

  it("gives nil outside 100-699", function()
    assert.is_nil(sip.canonical(99))
    assert.is_nil(sip.canonical(700))
    assert.is_nil(sip.canonical("099"))
  end)
end)
