-- The functions the module runs under LuaJIT (csrc/lua/jit_functions.lua)
-- read no global, at load or at call time: everything they use is handed
-- to them.  Loaded here, on every VM, into an environment that records
-- every access; and the real module is required with the globals a
-- script could replace taken away or replaced.
local source = assert(io.open("csrc/lua/jit_functions.lua")):read("*a")

local function load_in(env)
  if setfenv then
    local chunk = assert(loadstring(source, "=sipcodes"))
    return setfenv(chunk, env)
  end
  return assert(load(source, "=sipcodes", "t", env))
end

-- What jit_functions.c hands the chunk, with plain stand-ins.
local function given()
  local c, predicates = {}, {}
  for _, name in ipairs({ "reason", "class", "canonical", "is_known", "format", "status_line" }) do
    c[name] = function() return "c." .. name end
  end
  for _, p in ipairs({ { "is_valid", 100, 699 }, { "is_final", 200, 699 } }) do
    predicates[#predicates + 1] = p
    c[p[1]] = function() return "c." .. p[1] end
  end
  return {
    type = type,
    tobit = function(x) return math.floor(x) end,
    min_code = 100, max_code = 699,
    reasons = { [486] = "Busy Here" },
    class_of = { [486] = 4 }, canonical_of = { [486] = 486 },
    formats = { [486] = "486 Busy Here" }, lines = {},
    c = c, predicates = predicates,
  }
end

describe("the LuaJIT functions", function()
  it("load and run in an empty environment without touching it", function()
    local touched = {}
    local env = setmetatable({}, {
      __index = function(_, k) touched[#touched + 1] = "read " .. tostring(k) end,
      __newindex = function(_, k) touched[#touched + 1] = "write " .. tostring(k) end,
    })
    local functions, make_predicate = load_in(env)(given())
    assert.are.equal("Busy Here", functions.reason(486))
    assert.are.equal("c.reason", functions.reason("486"))
    assert.are.equal(4, functions.class(486))
    assert.is_nil(functions.class(486.5))
    assert.are.equal(486, functions.canonical(486))
    assert.is_true(functions.is_known(486))
    assert.are.equal("486 Busy Here", functions.format(486))
    assert.are.equal("c.status_line", functions.status_line(486))
    assert.is_true(functions.is_valid(486))
    assert.is_false(functions.is_final(150))
    assert.are.equal("c.is_final", functions.is_final("486"))
    local predicate = make_predicate({ [486] = true }, function() return "slow" end)
    assert.is_true(predicate(486))
    assert.are.equal("slow", predicate("486"))
    assert.are.same({}, touched)
  end)
end)

describe("require", function()
  -- The globals a script may take away or replace before the module is
  -- first required.
  local names = { "pairs", "ipairs", "next", "select", "tostring", "tonumber", "rawget",
    "rawset", "rawequal", "rawlen", "setmetatable", "getmetatable", "pcall", "xpcall",
    "error", "assert", "unpack", "print", "load", "loadstring" }

  -- Taken before any is replaced: this function runs while they are.
  local G, protect, require_module, loaded_modules = _G, pcall, require, package.loaded

  local function fresh_require(replace)
    local saved, loaded = {}, loaded_modules.sipcodes
    for i = 1, #names do
      local name = names[i]
      saved[name] = G[name]
      G[name] = replace(name, saved[name])
    end
    loaded_modules.sipcodes = nil
    local ok, sip = protect(require_module, "sipcodes")
    local answers
    if ok then
      answers = { sip.reason(486), sip.class(486), sip.is_final(486), sip.format(486),
                  sip.matcher("4xx")(486), #sip.reasons }
    end
    for i = 1, #names do G[names[i]] = saved[names[i]] end
    loaded_modules.sipcodes = loaded
    return ok, sip, answers
  end

  it("works with those globals taken away", function()
    local ok, sip, answers = fresh_require(function() return nil end)
    assert.is_true(ok, tostring(sip))
    assert.are.same({ "Busy Here", 4, true, "486 Busy Here", true, 0 }, answers)
  end)

  it("calls none of them when they are replaced", function()
    local called = {}
    local ok, sip, answers = fresh_require(function(name, original)
      if original == nil then return nil end
      return function(...) called[#called + 1] = name return original(...) end
    end)
    assert.is_true(ok, tostring(sip))
    assert.are.same({ "Busy Here", 4, true, "486 Busy Here", true, 0 }, answers)
    assert.are.same({}, called)
  end)
end)
