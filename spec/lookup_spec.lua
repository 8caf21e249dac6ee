-- Looking codes up: reason, code, info, list, each.
local sip = require("sipcodes")
local ref = require("reference")

local error_of = require("errors").error_of

describe("sip.reason", function()
  it("takes a code as an integer, an integral float or a three-digit string", function()
    assert.are.equal("Busy Here", sip.reason(486))
    assert.are.equal("Busy Here", sip.reason(486.0))
    assert.are.equal("Busy Here", sip.reason("486"))
  end)

  it("gives nil for valid codes the table does not know and for non-codes", function()
    assert.is_nil(sip.reason(499))
    assert.is_nil(sip.reason("499"))
    assert.is_nil(sip.reason(486.5))
    assert.is_nil(sip.reason("486 "))
    assert.is_nil(sip.reason(0))
  end)
end)

describe("sip.code", function()
  it("finds every reason phrase, in any case", function()
    for _, row in ipairs(ref.rows) do
      local expected = row.code
      -- RFC 3261 gives 406 and 606 the same phrase; the lower code wins.
      if row.code == 606 then expected = 406 end
      assert.are.equal(expected, sip.code(row.reason), row.reason)
      assert.are.equal(expected, sip.code(string.lower(row.reason)), row.reason)
      assert.are.equal(expected, sip.code(string.upper(row.reason)), row.reason)
    end
  end)

  it("finds every alias", function()
    for _, row in ipairs(ref.rows) do
      for _, alias in ipairs(row.aliases) do
        assert.are.equal(row.code, sip.code(alias), alias)
      end
    end
  end)

  it("finds every constant name, 606 included", function()
    for _, row in ipairs(ref.rows) do
      assert.are.equal(row.code, sip.code(row.name), row.name)
    end
    assert.are.equal(606, sip.code("NOT_ACCEPTABLE_ANYWHERE"))
  end)

  it("ignores surrounding blanks but not inner ones", function()
    assert.are.equal(486, sip.code("  Busy Here\t"))
    assert.are.equal(486, sip.code("\r\nbusy here \n"))
    assert.is_nil(sip.code("Busy  Here"))
    assert.is_nil(sip.code("BusyHere"))
  end)

  it("gives nil for text that names no code", function()
    assert.is_nil(sip.code(""))
    assert.is_nil(sip.code("   "))
    assert.is_nil(sip.code("486"))
    assert.is_nil(sip.code("Busy Here\0"))
    assert.is_nil(sip.code("Busy"))
    assert.is_nil(sip.code(string.rep("x", 100000)))
  end)

  it("takes only strings", function()
    assert.matches("bad argument #1 to 'code' %(string expected, got number%)",
      error_of(function() local c = sip.code(486) return c end))
    assert.matches("bad argument #1 to 'code' %(string expected, got nil%)",
      error_of(function() local c = sip.code(nil) return c end))
    assert.matches("bad argument #1 to 'code' %(string expected, got table%)",
      error_of(function() local c = sip.code({}) return c end))
  end)
end)

describe("sip.info", function()
  it("returns the same record every call, whatever form the code takes", function()
    local record = sip.info(486)
    assert.are.equal(record, sip.info(486))
    assert.are.equal(record, sip.info("486"))
    assert.are.equal(record, sip.info(486.0))
  end)

  it("gives nil for unknown and non-codes", function()
    assert.is_nil(sip.info(499))
    assert.is_nil(sip.info(1000))
    assert.is_nil(sip.info("abc"))
  end)
end)

describe("sip.list", function()
  it("returns a new plain array each call", function()
    local a, b = sip.list(), sip.list()
    assert.are_not.equal(a, b)
    a[1] = "changed"
    assert.are.equal(100, sip.list()[1])
  end)

  it("lists one class in ascending order", function()
    for cls = 1, 6 do
      local expected = {}
      for _, row in ipairs(ref.rows) do
        if math.floor(row.code / 100) == cls then expected[#expected + 1] = row.code end
      end
      assert.are.same(expected, sip.list(cls))
      assert.are.same(expected, sip.list(cls + 0.0))
    end
  end)

  it("refuses a class that is not nil or an integer 1-6", function()
    for _, bad in ipairs({ 0, 7, 4.5, -1, 0 / 0, math.huge }) do
      assert.matches("bad argument #1 to 'list' %(class must be an integer 1%-6%)",
        error_of(function() local l = sip.list(bad) return l end))
    end
    assert.matches("bad argument #1 to 'list' %(class %(an integer 1%-6%) expected, got string%)",
      error_of(function() local l = sip.list("4") return l end))
    assert.matches("got boolean",
      error_of(function() local l = sip.list(true) return l end))
  end)
end)

describe("sip.each", function()
  it("walks every code with its phrase, ascending", function()
    local seen = {}
    for code, reason in sip.each() do
      assert.are.equal(ref.by_code[code].reason, reason)
      seen[#seen + 1] = code
    end
    assert.are.same(sip.list(), seen)
    assert.are.equal(#ref.rows, #seen)
  end)

  it("walks one class", function()
    for cls = 1, 6 do
      local seen = {}
      for code in sip.each(cls) do seen[#seen + 1] = code end
      assert.are.same(sip.list(cls), seen)
    end
  end)

  it("refuses a bad class like list does", function()
    assert.matches("bad argument #1 to 'each' %(class must be an integer 1%-6%)",
      error_of(function() local f = sip.each(9) return f end))
  end)
end)
