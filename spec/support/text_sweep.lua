-- Pseudo-random draws for the specs' sweeps, and texts for the round-trip
-- sweeps of the header specs: runs of the pieces
-- where the rule for text is decided (quoted-pairs, folding, the edges of
-- every UTF-8 form, controls), drawn the same way on every VM.
local M = {}

M.QUOTED_PIECES = { "a", " ", "\t", "\\", '\\"', "\\a", "\\\t", "\\\0", "\\\127", "\r\n ", "\r\n",
  "\128", "\169", "\191", "\192", "\194", "\195", "\224", "\237", "\160", "\240", "\144",
  "\244", "\143", "\248", "\252", "\255", "\0", "\127" }

-- A pseudo-random draw 0..n-1 (n at most 65537) from seed, the same on
-- every VM and number type: every value stays below 2^24, which a 32-bit
-- float (LUA_32BITS) holds exactly, as do 32-bit integers and doubles.
function M.random(seed)
  seed = seed % 65537
  return function(n)
    seed = (seed * 75 + 74) % 65537
    return seed % n
  end
end

-- Calls each(text, draw) for count texts of 1 to 6 pieces; returns how
-- many calls returned true.
function M.sweep(seed, count, each)
  local draw, pieces, taken = M.random(seed), M.QUOTED_PIECES, 0
  for _ = 1, count do
    local parts = {}
    for i = 1, draw(6) + 1 do parts[i] = pieces[draw(#pieces) + 1] end
    if each(table.concat(parts), draw) then taken = taken + 1 end
  end
  return taken
end

return M
