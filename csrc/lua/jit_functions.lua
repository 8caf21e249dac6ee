-- The hot functions as LuaJIT compiles them.
--
-- LuaJIT compiles a call to a Lua function into the trace of the loop that
-- makes it, but not a call to a C function: a trace that meets one is
-- stitched around it, and that part of the loop runs at interpreter speed.
-- So under LuaJIT the module's hot functions are the Lua functions below.
-- They answer every number from tables that the C core filled when the
-- module was loaded (no rule is written here), and pass anything else --
-- strings, other types, an explicit reason -- to the C function they stand
-- for, which gives the same answer or raises the same error.
--
-- This chunk reads no global: everything it uses is in the table it is
-- given (see jit_functions.c), taken when the module was loaded.
local given = ...
local type = given.type
local reasons = given.reasons            -- code -> phrase, known codes
local class_of = given.class_of          -- code -> class, valid codes
local canonical_of = given.canonical_of  -- code -> canonical code
local c = given.c                        -- the C functions, by name

-- Each function is vararg, so that the C function sees exactly the
-- arguments the caller gave ("got no value" versus "got nil"), and calls it
-- in parentheses, not as a tail call, so that an argument error can name
-- the function the script called (args.c).
local functions = {}

-- A lookup whose table is exactly the function's answer for numbers.
local function lookup(map, c_function)
  return function(...)
    local code = ...
    local answer = map[code]
    if answer ~= nil or type(code) == "number" then return answer end
    return (c_function(...))
  end
end

functions.reason = lookup(reasons, c.reason)
functions.class = lookup(class_of, c.class)
functions.canonical = lookup(canonical_of, c.canonical)

local c_is_known = c.is_known
functions.is_known = function(...)
  local code = ...
  if type(code) == "number" then return reasons[code] ~= nil end
  return (c_is_known(...))
end

-- is_valid, is_final, ...: the class of a valid code between the bounds
-- the core gives each predicate.
local function class_between(first, last, c_function)
  return function(...)
    local code = ...
    local k = class_of[code]
    if k ~= nil then return k >= first and k <= last end
    if type(code) == "number" then return false end
    return (c_function(...))
  end
end

for name, bounds in pairs(given.predicates) do
  functions[name] = class_between(bounds[1], bounds[2], c[name])
end

-- format and status_line: the text the C function made before, from its
-- own cache; the C function makes it the first time.
local function cached(cache, c_function)
  return function(...)
    local code, reason = ...
    if reason == nil then
      local text = cache[code]
      if text ~= nil then return text end
      if type(code) == "number" and class_of[code] == nil then return nil end
    end
    return (c_function(...))
  end
end

functions.format = cached(given.formats, c.format)
functions.status_line = cached(given.lines, c.status_line)

-- What matcher() returns: a predicate over the table of matching codes.
-- The slow path is C, for strings and for the type error.
local function predicate_maker(codes, slow_path)
  return function(...)
    local code = ...
    if type(code) == "number" then return codes[code] == true end
    local result = slow_path(...)
    return result
  end
end

return functions, predicate_maker
