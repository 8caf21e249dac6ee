-- The registered warn-codes, read from spec/fixtures/warn-codes.tsv (RFC
-- 3261 section 20.43, RFC 5630, RFC 8373; the fixture's header says where
-- each row comes from).  The expected data for the Warning specs: nothing
-- here looks at the module.
local M = {}

local function load_rows()
  local file = assert(io.open("spec/fixtures/warn-codes.tsv", "rb"))
  local header
  local rows = {}
  for raw in file:lines() do
    local line = raw:gsub("\r$", "")
    if line ~= "" and not line:find("^#") then
      local fields = {}
      for field in (line .. "\t"):gmatch("([^\t]*)\t") do fields[#fields + 1] = field end
      if not header then
        header = fields
      else
        local row = {}
        for i, key in ipairs(header) do row[key] = fields[i] end
        row.code = tonumber(row.code)
        if row.description == "" then row.description = nil end
        rows[#rows + 1] = row
      end
    end
  end
  file:close()
  return rows
end

M.rows = load_rows()

M.by_code = {}
for _, row in ipairs(M.rows) do M.by_code[row.code] = row end

return M
