-- Helpers for specs about errors.
local M = {}

-- Calls fn(...) and returns the message of the error it raised, or nil
-- when it raised none.
function M.error_of(fn, ...)
  local ok, err = pcall(fn, ...)
  if ok then return nil end
  return tostring(err)
end

return M
