-- The hot functions as LuaJIT compiles them.
--
-- LuaJIT compiles a call to a Lua function into the trace of the loop that
-- makes it, but not a call to a C function: a trace that meets one is
-- stitched around it, and that part of the loop runs at interpreter speed.
-- So under LuaJIT the module's hot functions are the Lua functions below.
-- They answer every number from what the C core gave them when the module
-- was loaded -- the bounds of the valid codes and of each predicate's
-- classes, and tables filled by the core -- and pass anything else
-- (strings, other types, an explicit reason) to the C function they stand
-- for, which gives the same answer or raises the same error.
--
-- What this file adds is one test: that a number is an integer, which
-- bit.tobit leaves as it is, so that it can index the core's tables, which
-- keep an array slot per valid code.  (LuaJIT cannot compile a lookup of a
-- key such as 486.5 in a table that has an array part, a hash lookup costs
-- it twice an array one, and tobit's integer indexes with no more test.)
--
-- It reads no global, at load or at call time: everything it uses is in
-- the table it is given (see jit_functions.c), taken when the module was
-- loaded, and it runs with an empty environment.
local given = ...
local type, tobit = given.type, given.tobit
local MIN, MAX = given.min_code, given.max_code  -- the valid codes
local reasons = given.reasons                    -- code -> phrase (hash)
local class_of = given.class_of                  -- valid code -> class
local canonical_of = given.canonical_of          -- valid code -> canonical
local c = given.c                                -- the C functions

-- The integer a number is when it is a valid code (MIN to MAX), else nil.
local function valid(code)
  local integer = tobit(code)
  if integer == code and integer >= MIN and integer <= MAX then return integer end
  return nil
end

-- Each function is vararg, so that the C function sees exactly the
-- arguments the caller gave ("got no value" versus "got nil"), and calls it
-- in parentheses, not as a tail call, so that an argument error can name
-- the function the script called (args.c).
local functions = {}

local c_reason = c.reason
functions.reason = function(...)
  local code = ...
  local phrase = reasons[code]
  if phrase ~= nil or type(code) == "number" then return phrase end
  return (c_reason(...))
end

local c_is_known = c.is_known
functions.is_known = function(...)
  local code = ...
  if type(code) == "number" then return reasons[code] ~= nil end
  return (c_is_known(...))
end

-- class and canonical: the core's answer for a valid code, nil for any
-- other number.
local function per_code(map, c_function)
  return function(...)
    local code = ...
    if type(code) == "number" then
      local integer = valid(code)
      if integer then return map[integer] end
      return nil
    end
    return (c_function(...))
  end
end

functions.class = per_code(class_of, c.class)
functions.canonical = per_code(canonical_of, c.canonical)

-- is_valid, is_final, ...: an integer between the codes the core gives the
-- predicate (is_final: 200 to 699).
local function between(low, high, c_function)
  return function(...)
    local code = ...
    if type(code) == "number" then
      local integer = tobit(code)
      return integer == code and integer >= low and integer <= high
    end
    return (c_function(...))
  end
end

local predicates = given.predicates   -- {name, lowest, highest} each
for i = 1, #predicates do
  local name, low, high = predicates[i][1], predicates[i][2], predicates[i][3]
  functions[name] = between(low, high, c[name])
end

-- format and status_line: the text the C function made before, from its
-- own cache; the C function makes it the first time.
local function cached(cache, c_function)
  return function(...)
    local code, reason = ...
    if reason == nil and type(code) == "number" then
      local integer = valid(code)
      if not integer then return nil end
      local text = cache[integer]
      if text ~= nil then return text end
    end
    return (c_function(...))
  end
end

functions.format = cached(given.formats, c.format)
functions.status_line = cached(given.lines, c.status_line)

-- What matcher() returns: a predicate over the table of matching codes
-- (a hash: any number may index it).  The slow path is C, for strings and
-- for the type error.
local function predicate_maker(codes, slow_path)
  return function(...)
    local code = ...
    if type(code) == "number" then return codes[code] == true end
    local result = slow_path(...)
    return result
  end
end

return functions, predicate_maker
