-- Sealed objects: nothing a script does without the debug library changes
-- what the module answers to any other code in the same lua_State.
--
-- Each write attempt below is made on one of the objects the module shares
-- (the module itself, sip.reasons, an info record, its aliases, the cause
-- tables).  Every attempt must raise; then a second reader -- another
-- require("sipcodes") in the same state, as another Kamailio route would
-- make -- must see the true data, which comes from the fixtures.
local ref = require("reference")
local iref = require("interwork_reference")
local error_of = require("errors").error_of

local sip = require("sipcodes")

-- 5.3 and later name the object in Lua's own type errors (its __name).
local names_in_type_errors = _VERSION >= "Lua 5.3"
-- Lua 5.2+ call __pairs; LuaJIT only when built with 5.2 compatibility.
local honours_pairs = false
for _ in pairs(setmetatable({}, { __pairs = function()
  return function(_, k) if k == nil then return 1, 1 end end, nil, nil
end })) do honours_pairs = true end
-- ipairs reads through __index on 5.3+, and 5.2 calls __ipairs.
local ipairs_reaches_data = _VERSION >= "Lua 5.2" or honours_pairs

-- The functions as the first require handed them out.
local originals = {}
for _, name in ipairs({ "reason", "code", "info", "format", "class", "is_final",
                        "to_q850", "matcher", "best_response", "copy" }) do
  originals[name] = sip[name]
end

local Q850_NAMES = iref.cause_names()

-- What a second reader must see, whatever was attempted before.
local function second_reader_sees_the_truth()
  local other = require("sipcodes")
  for _, row in ipairs(ref.rows) do
    assert.are.equal(row.reason, other.reasons[row.code])
    assert.are.equal(row.reason, other.reason(row.code))
    assert.are.equal(row.code, other[row.name])
    local info = other.info(row.code)
    assert.are.equal(row.reason, info.reason)
    assert.are.equal(row.code, info.code)
    for i, alias in ipairs(row.aliases) do assert.are.equal(alias, info.aliases[i]) end
    assert.is_nil(info.aliases[#row.aliases + 1])
  end
  for _, key in ipairs({ 1, 999, "new_key" }) do
    assert.is_nil(other.reasons[key])
    assert.is_nil(other[key])
  end
  for name, fn in pairs(originals) do assert.are.equal(fn, other[name], name) end
  for cause, names in pairs(Q850_NAMES) do
    assert.are.equal(names.q850, other.q850_causes[cause])
    assert.are.equal(names.freeswitch, other.freeswitch_causes[cause])
  end
  assert.are.equal("486 Busy Here", other.format(486))
  assert.are.equal(17, other.to_q850(486))
end

-- The shared objects, each read the way a script reads it.
local objects = {
  { "the module", function() return sip end, "sipcodes" },
  { "sip.reasons", function() return sip.reasons end, "sipcodes.reasons" },
  { "an info record", function() return sip.info(486) end, "sipcodes.info(486)" },
  { "an aliases list", function() return sip.info(183).aliases end, "sipcodes.info(183).aliases" },
  { "sip.q850_causes", function() return sip.q850_causes end, "sipcodes.q850_causes" },
  { "sip.freeswitch_causes", function() return sip.freeswitch_causes end, "sipcodes.freeswitch_causes" },
  { "sip.warnings", function() return sip.warnings end, "sipcodes.warnings" },
  { "a warning_info record", function() return sip.warning_info(370) end, "sipcodes.warning_info(370)" },
}

-- Every way to write without the debug library.  Each must raise.
local attempts = {
  { "assignment to an existing key", function(t)
      if t == sip then t.reason = function() return "Forged" end
      else t[486] = "Forged"; t[1] = "Forged"; t.reason = "Forged" end
    end },
  { "assignment to a new key", function(t) t.new_key = "Forged" end },
  { "rawset", function(t) rawset(t, 486, "Forged") end },
  { "rawset of a function", function(t) rawset(t, "reason", function() return "Forged" end) end },
  { "table.insert", function(t) table.insert(t, "Forged") end },
  { "table.insert at a position", function(t) table.insert(t, 1, "Forged") end },
  { "table.remove", function(t) table.remove(t, 1) end },
  { "setmetatable", function(t) setmetatable(t, { __index = function() return "Forged" end }) end },
  { "setmetatable to nil", function(t) setmetatable(t, nil) end },
  { "writing into what getmetatable returns", function(t)
      local mt = getmetatable(t)
      mt.__index = { [486] = "Forged" }
    end },
}

describe("sealed objects", function()
  for _, object in ipairs(objects) do
    local what, get, name = object[1], object[2], object[3]
    describe(what, function()
      for _, attempt in ipairs(attempts) do
        it("refuses " .. attempt[1] .. "; a second reader sees the true data", function()
          local err = error_of(attempt[2], get())
          assert.is_not_nil(err, attempt[1] .. " raised no error")
          second_reader_sees_the_truth()
        end)
      end

      it("names itself read-only when assigned to", function()
        local err = error_of(function() get().new_key = 1 end)
        assert.is_truthy(err:find("attempt to modify read-only table " .. name, 1, true), err)
      end)

      it("names itself in Lua's type errors on 5.3+, and is a userdata everywhere", function()
        assert.are.equal("userdata", type(get()))
        local err = error_of(rawset, get(), 1, 1)
        if names_in_type_errors then
          assert.is_truthy(err:find("table expected, got " .. name .. " (read-only)", 1, true), err)
        else
          assert.is_truthy(err:find("table expected, got userdata", 1, true), err)
        end
      end)

      it("hides its data: getmetatable gives the string \"read-only\"", function()
        assert.are.equal("read-only", getmetatable(get()))
      end)

      it("refuses next and rawget, which see only a userdata", function()
        assert.is_not_nil(error_of(next, get()))
        assert.is_not_nil(error_of(rawget, get(), 1))
      end)
    end)
  end

  it("does not sort: table.sort raises or, with nothing to move, changes nothing", function()
    for _, object in ipairs(objects) do
      error_of(table.sort, object[2]())
      second_reader_sees_the_truth()
    end
  end)
end)

describe("length and iteration of sealed objects", function()
  it("# is the length of the data, the same on every VM", function()
    assert.are.equal(0, #sip)
    assert.are.equal(0, #sip.reasons)
    assert.are.equal(0, #sip.info(486))
    assert.are.equal(1, #sip.info(183).aliases)
    assert.are.equal(0, #sip.info(486).aliases)
  end)

  it("pairs walks the data where the VM honours __pairs, and raises elsewhere", function()
    local seen, count = {}, 0
    local ok = pcall(function()
      for code, reason in pairs(sip.reasons) do
        seen[code] = reason
        count = count + 1
      end
    end)
    assert.are.equal(honours_pairs, ok)
    if honours_pairs then
      assert.are.equal(#ref.rows, count)
      for _, row in ipairs(ref.rows) do assert.are.equal(row.reason, seen[row.code]) end
      -- The loop's state is the sealed object, never the data behind it.
      local _, state = pairs(sip.reasons)
      assert.are.equal(sip.reasons, state)
    end
  end)

  it("pairs over the module yields every constant and function", function()
    if not honours_pairs then return end
    local names = {}
    for k, v in pairs(sip) do names[k] = v end
    for _, row in ipairs(ref.rows) do assert.are.equal(row.code, names[row.name]) end
    assert.are.equal(sip.reason, names.reason)
    assert.are.equal(sip.reasons, names.reasons)
  end)

  it("ipairs walks an aliases list where it reads through the object, and raises elsewhere", function()
    local seen = {}
    local ok = pcall(function()
      for i, alias in ipairs(sip.info(183).aliases) do seen[i] = alias end
    end)
    assert.are.equal(ipairs_reaches_data, ok)
    if ok then assert.are.same(ref.by_code[183].aliases, seen) end
  end)
end)

describe("sip.copy", function()
  it("gives a plain, mutable copy of sip.reasons", function()
    local copy = sip.copy(sip.reasons)
    assert.are.equal("table", type(copy))
    assert.is_nil(getmetatable(copy))
    local count = 0
    for code, reason in pairs(copy) do
      assert.are.equal(ref.by_code[code].reason, reason)
      count = count + 1
    end
    assert.are.equal(#ref.rows, count)
    copy[486] = "changed"
    second_reader_sees_the_truth()
  end)

  it("copies nested sealed objects too", function()
    local copy = sip.copy(sip.info(183))
    assert.are.equal("Session Progress", copy.reason)
    assert.are.equal("table", type(copy.aliases))
    assert.is_nil(getmetatable(copy.aliases))
    assert.are.same(ref.by_code[183].aliases, copy.aliases)
  end)

  it("copies the module: every constant and function", function()
    local copy = sip.copy(sip)
    for _, row in ipairs(ref.rows) do assert.are.equal(row.code, copy[row.name]) end
    assert.are.equal(sip.reason, copy.reason)
    assert.are.equal("table", type(copy.reasons))
    assert.are.equal("Busy Here", copy.reasons[486])
    copy.reason = nil
    second_reader_sees_the_truth()
  end)

  it("refuses anything that is not one of the module's objects", function()
    for _, value in ipairs({ {}, setmetatable({}, { __metatable = "read-only" }), "x",
                             io.stdout }) do
      assert.matches("bad argument #1 to 'copy'",
        error_of(function() local c = sip.copy(value) return c end))
    end
    assert.matches("bad argument #1 to 'copy' %(sipcodes read%-only table expected, got no value%)",
      error_of(function() local c = sip.copy() return c end))
  end)
end)
