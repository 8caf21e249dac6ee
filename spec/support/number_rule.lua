-- The input rule for numbers, "a number with an integral value 100-699",
-- applied with this Lua's own arithmetic, so that a spec expects what the
-- rule gives on the number type it runs on.  With 64-bit floats 486 + 2^-30
-- is not integral; with a Lua built with LUA_32BITS (24-bit significand) it
-- is 486 exactly, and the module must then answer for 486.
local M = {}

-- The three-digit string of the code that the number v is, or nil when v is
-- no code: compared with the module's answer for that string, the number's
-- answer is checked against another path through the module.
function M.code_of(v)
  if type(v) ~= "number" or v ~= v or v < 100 or v > 699 then return nil end
  if v ~= math.floor(v) then return nil end
  return ("%.0f"):format(v)
end

-- The bits of this Lua's float significand: 53 for C doubles, 24 for
-- LUA_32BITS.
function M.float_bits()
  local bits, x = 0, 1.0
  while x + 1.0 ~= x do
    x = x * 2.0
    bits = bits + 1
  end
  return bits
end

-- The bits of this Lua's integers (5.3 and later): 64, or 32 with LUA_32BITS;
-- nil where every number is a float.
function M.integer_bits()
  if not math.maxinteger then return nil end
  -- maxinteger is 2^(bits-1) - 1; adding 1.0 gives that power of two
  -- exactly in either float type.
  for bits = 2, 128 do
    if math.maxinteger + 1.0 == 2.0 ^ (bits - 1) then return bits end
  end
  error("no power of two above math.maxinteger")
end

return M
