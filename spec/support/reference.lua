-- The reference table, read from spec/fixtures/sip-response-codes.tsv.
--
-- This is the expected data for the specs: it is never taken from the module
-- under test.  Columns: code, reason, name, class_name, rfc, iana, deprecated,
-- aliases, seed_description.
local M = {}

local function split_tabs(line)
  local fields = {}
  local start = 1
  while true do
    local tab = string.find(line, "\t", start, true)
    if not tab then
      fields[#fields + 1] = string.sub(line, start)
      return fields
    end
    fields[#fields + 1] = string.sub(line, start, tab - 1)
    start = tab + 1
  end
end

local function fixture_path(name)
  -- Specs run from the project root (busted's working directory).
  return "spec/fixtures/" .. name
end

local function load_rows()
  local file = assert(io.open(fixture_path("sip-response-codes.tsv"), "rb"))
  local header
  local rows = {}
  for raw in file:lines() do
    local line = string.gsub(raw, "\r$", "")
    if line ~= "" then
      local fields = split_tabs(line)
      if not header then
        header = fields
      else
        local row = {}
        for i, key in ipairs(header) do row[key] = fields[i] or "" end
        local aliases = {}
        for alias in string.gmatch(row.aliases, "[^|]+") do
          aliases[#aliases + 1] = alias
        end
        rows[#rows + 1] = {
          code = tonumber(row.code),
          reason = row.reason,
          name = row.name,
          class_name = row.class_name,
          rfc = row.rfc,
          iana = row.iana == "yes",
          deprecated = row.deprecated == "yes",
          aliases = aliases,
          seed_description = row.seed_description ~= "" and row.seed_description or nil,
        }
      end
    end
  end
  file:close()
  table.sort(rows, function(a, b) return a.code < b.code end)
  return rows
end

M.rows = load_rows()

M.by_code = {}
for _, row in ipairs(M.rows) do M.by_code[row.code] = row end

-- The class names of RFC 3261 section 7.2, in the spelling api.md fixes.
M.class_names = {
  "provisional", "success", "redirection",
  "client_failure", "server_failure", "global_failure",
}

return M
