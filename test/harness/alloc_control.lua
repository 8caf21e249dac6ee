-- The control of the allocation-failure sweep: the interface of
-- alloc_sweep.lua over two tables of forty strings made on first read, in
-- place of the module.  `broken` drops its filler before filling itself, so
-- a failure part-way leaves it half-filled for good: the sweep must report
-- it.  `whole` builds a new table and only then swaps it in, which
-- allocates nothing: the sweep must find nothing wrong with it.
local S = {}
local data

local function filled()
  local t = {}
  for i = 1, 40 do t[i] = ("value %d"):format(i) end
  return t
end

local function broken()
  return setmetatable({}, { __index = function(self, k)
    setmetatable(self, nil)
    for i = 1, 40 do rawset(self, i, ("value %d"):format(i)) end
    return rawget(self, k)
  end })
end

local function whole()
  local mt = {}
  mt.__index = function(_, k)
    local full = filled()
    mt.__index = full
    return full[k]
  end
  return setmetatable({}, mt)
end

local entries = { "data.broken[1]", "data.whole[1]" }

function S.count() return #entries end
function S.name(i) return entries[i] end
function S.functions() return "" end

function S.setup(i)
  data = { broken = broken(), whole = whole() }
  local chunk = assert((loadstring or load)("local data = ...\nreturn " .. entries[i], "=entry"))
  local d = data
  return function() return chunk(d) end
end

function S.outcome(ok, value)
  return (ok and "ok: " or "error: ") .. tostring(value)
end

function S.digest()
  if data == nil then data = { broken = broken(), whole = whole() } end
  local out = {}
  for _, name in ipairs({ "broken", "whole" }) do
    local t = data[name]
    for i = 1, 41 do out[#out + 1] = name .. "[" .. i .. "]=" .. tostring(t[i]) end
  end
  return table.concat(out, "\n")
end

return S
