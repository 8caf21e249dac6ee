-- Immutability: the module and every table it hands out refuse writes, so
-- that one route of a shared Lua state cannot change what the others see.
local sip = require("sipcodes")
local ref = require("reference")

local error_of = require("errors").error_of

-- Does this VM call a __pairs metamethod?  Lua 5.2+ does; Lua 5.1 does not;
-- LuaJIT only when built with LUAJIT_ENABLE_LUA52COMPAT (OpenResty's is).
local honours_pairs = false
for _ in pairs(setmetatable({}, { __pairs = function()
  return function(_, k) if k == nil then return 1, 1 end end, nil, nil
end })) do honours_pairs = true end

-- The read-only tables, made fresh for each test.
local function readonly_tables()
  return {
    ["the module"] = sip,
    ["sip.reasons"] = sip.reasons,
    ["an info record"] = sip.info(486),
    ["an aliases list"] = sip.info(183).aliases,
  }
end

describe("read-only tables", function()
  for what in pairs(readonly_tables()) do
    describe(what, function()
      it("refuses assignment to a new key", function()
        local t = readonly_tables()[what]
        assert.matches("read%-only", error_of(function() t.new_key = 1 end))
        assert.matches("read%-only", error_of(function() t[1] = "x" end))
        assert.matches("read%-only", error_of(function() t[999] = "x" end))
      end)

      it("refuses setmetatable and hides its metatable", function()
        local t = readonly_tables()[what]
        assert.is_not_nil(error_of(setmetatable, t, {}))
        assert.is_not_nil(error_of(setmetatable, t, nil))
        assert.are.equal("read-only", getmetatable(t))
      end)

      it("is empty to raw access: #, next and rawget see nothing", function()
        local t = readonly_tables()[what]
        assert.are.equal(0, #t)
        assert.is_nil(next(t))
        assert.is_nil(rawget(t, 1))
      end)
    end)
  end

  it("refuses assignment to existing keys", function()
    assert.matches("read%-only", error_of(function() sip.reasons[486] = "Not Busy" end))
    assert.matches("read%-only", error_of(function() sip.reason = nil end))
    assert.matches("read%-only", error_of(function() sip.BUSY_HERE = 600 end))
    assert.matches("read%-only", error_of(function() sip.info(486).reason = "x" end))
    assert.matches("read%-only", error_of(function() sip.info(183).aliases[1] = "x" end))
    assert.are.equal("Busy Here", sip.reasons[486])
    assert.are.equal(486, sip.BUSY_HERE)
    assert.are.equal("Busy Here", sip.info(486).reason)
  end)

  it("names the table in the error", function()
    assert.matches("read%-only table sipcodes%.reasons",
      error_of(function() sip.reasons[486] = "x" end))
    assert.matches("read%-only table sipcodes%.info%(486%)",
      error_of(function() sip.info(486).code = 1 end))
  end)

  it("keeps the data the functions read out of rawset's reach", function()
    -- rawset bypasses metamethods: it writes into the (empty) proxy.  What
    -- the functions answer comes from the hidden table and does not change.
    rawset(sip.reasons, 486, "Not Busy")
    local through_proxy, through_function = sip.reasons[486], sip.reason(486)
    rawset(sip.reasons, 486, nil)
    assert.are.equal("Not Busy", through_proxy)
    assert.are.equal("Busy Here", through_function)
    assert.are.equal("Busy Here", sip.reasons[486])
  end)

  it("iterates with pairs on VMs that honour __pairs, and yields nothing elsewhere", function()
    local seen = {}
    local count = 0
    for code, reason in pairs(sip.reasons) do
      seen[code] = reason
      count = count + 1
    end
    if honours_pairs then
      assert.are.equal(#ref.rows, count)
      for _, row in ipairs(ref.rows) do assert.are.equal(row.reason, seen[row.code]) end
    else
      assert.are.equal(0, count)
    end
  end)

  it("does not hand the hidden table to a pairs loop", function()
    if honours_pairs then
      local _, state = pairs(sip.reasons)
      assert.are.equal(sip.reasons, state)
    end
  end)
end)

describe("sip.copy", function()
  it("gives a plain, mutable copy of sip.reasons", function()
    local copy = sip.copy(sip.reasons)
    assert.is_nil(getmetatable(copy))
    local count = 0
    for code, reason in pairs(copy) do
      assert.are.equal(ref.by_code[code].reason, reason)
      count = count + 1
    end
    assert.are.equal(#ref.rows, count)
    copy[486] = "changed"
    assert.are.equal("Busy Here", sip.reasons[486])
  end)

  it("copies nested read-only tables too", function()
    local copy = sip.copy(sip.info(183))
    assert.are.equal("Session Progress", copy.reason)
    assert.is_nil(getmetatable(copy.aliases))
    assert.are.same({ "Session in Progress" }, copy.aliases)
  end)

  it("refuses anything that is not one of the module's tables", function()
    assert.matches("bad argument #1 to 'copy'",
      error_of(function() local c = sip.copy({}) return c end))
    assert.matches("bad argument #1 to 'copy'",
      error_of(function() local c = sip.copy(setmetatable({}, { __metatable = "read-only" })) return c end))
    assert.matches("bad argument #1 to 'copy'",
      error_of(function() local c = sip.copy("x") return c end))
  end)
end)
