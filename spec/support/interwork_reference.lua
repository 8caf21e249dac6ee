-- Reads the interworking reference tables from spec/fixtures/: the
-- verbatim RFC 3398 mapping tables, FreeSWITCH's tables and its cause
-- names, the Q.850 cause names, and RFC 3261's header obligations.  The specs compare the module
-- against what these files say; nothing here looks at the module.
local M = {}

local function read(name)
  local f = assert(io.open("spec/fixtures/" .. name, "rb"))
  local text = f:read("*a")
  f:close()
  return text
end

-- The text of the section whose heading starts with `heading` (up to the
-- next heading of the same or a higher level).
local function section(text, heading)
  local start = assert(text:find("\n" .. heading, 1, true), heading)
  local level = heading:match("^(#+)")
  local stop = #text + 1
  local pos = start + 1
  while true do
    local h = text:find("\n#", pos + 1, true)
    if not h then break end
    local hashes = text:match("^(#+) ", h + 1)
    if hashes and #hashes <= #level then
      stop = h
      break
    end
    pos = h
  end
  return text:sub(start, stop)
end

local function fenced_blocks(text)
  local blocks = {}
  for block in text:gmatch("\n```\n(.-)\n```") do
    blocks[#blocks + 1] = block
  end
  return blocks
end

-- Rows of the markdown table whose header row starts with `first_header`.
local function table_rows(text, first_header)
  local rows, inside = {}, false
  for line in (text .. "\n"):gmatch("(.-)\n") do
    if not inside then
      if line:find("| " .. first_header .. " |", 1, true) == 1 then
        inside = true
      end
    elseif not line:match("^|") then
      break
    elseif not line:match("^|%-") then  -- the separator row holds no cells
      local cells = {}
      for cell in line:sub(2):gmatch("%s*(.-)%s*|") do
        cells[#cells + 1] = cell
      end
      rows[#rows + 1] = cells
    end
  end
  assert(#rows > 0, "no table headed " .. first_header)
  return rows
end

local q850 = read("q850-mapping.md")
local semantics = read("sip-semantics.md")

-- RFC 3398 section 7.2.4.1, verbatim block: cause -> SIP code, or false
-- for "---".  Cause 22 has two rows; the first ("w/o diagnostic") is the
-- one a bare cause number can mean.
function M.rfc3398_from_q850()
  local map = {}
  local block = fenced_blocks(section(q850, "## 1."))[1]
  for line in block:gmatch("[^\n]+") do
    local cause, rest = line:match("^%s+(%d+)%s+%a.-%s%s+(%S.*)$")
    if cause then
      cause = tonumber(cause)
      local code = rest:match("^(%d%d%d) ")
      if map[cause] == nil then
        if code then
          map[cause] = tonumber(code)
        else
          assert(rest:match("^%-%-%-"), line)
          map[cause] = false
        end
      end
    end
  end
  return map
end

-- RFC 3398 section 8.2.6.1, verbatim block: SIP code -> cause, false for
-- "--- (no mapping)", "warning" for "--- by Warning header".  The block
-- prints "504" twice; the second is "Version Not Supported", RFC 3261's
-- 505, and is returned under 505 (the row's phrase is kept for the spec
-- to show).
function M.rfc3398_to_q850()
  local map, phrases = {}, {}
  local block = fenced_blocks(section(q850, "## 2."))[1]
  for line in block:gmatch("[^\n]+") do
    local code, phrase, rest = line:match("^%s+(%d%d%d) (.-)%s%s+(%S.*)$")
    if code then
      code = tonumber(code)
      if map[code] ~= nil then
        assert(code == 504 and phrase == "Version Not Supported", line)
        code = 505
      end
      phrases[code] = phrase
      local cause = rest:match("^(%d+) ")
      if cause then
        map[code] = tonumber(cause)
      elseif rest:find("by Warning", 1, true) then
        map[code] = "warning"
      else
        assert(rest:match("^%-%-%-"), line)
        map[code] = false
      end
    end
  end
  return map, phrases
end

-- FreeSWITCH, SIP -> cause (section 3a): code -> cause, plus the default.
function M.freeswitch_to_q850()
  local map, default = {}, nil
  for _, row in ipairs(table_rows(section(q850, "### 3a."), "SIP")) do
    local cause = tonumber(row[2]:match("%((%d+)%)"))
    if row[1] == "anything else" then
      default = cause
    else
      for code in row[1]:gmatch("%d%d%d") do
        map[tonumber(code)] = cause
      end
    end
  end
  return map, assert(default)
end

-- FreeSWITCH, cause -> SIP (section 3b): cause -> code, the default, and
-- the FreeSWITCH names the rows give (cause -> "USER_BUSY").  The default
-- row names causes too ("incl. NORMAL_CLEARING (16)"): they map to it.
function M.freeswitch_from_q850()
  local map, names, default = {}, {}, nil
  for _, row in ipairs(table_rows(section(q850, "### 3b."), "FreeSWITCH cause (value)")) do
    local code = tonumber(row[2]:match("%d%d%d"))
    if row[1]:find("^everything else") then
      default = code
    end
    for name, cause in row[1]:gmatch("([A-Z][A-Z_]+) %((%d+)%)") do
      map[tonumber(cause)] = code
      names[tonumber(cause)] = name
    end
  end
  return map, assert(default), names
end

-- Section 4: cause -> { q850 = name or nil, freeswitch = name or nil }.
function M.cause_names()
  local names = {}
  for _, row in ipairs(table_rows(section(q850, "## 4."), "cause")) do
    local entry = {}
    if not row[2]:find("^Unassigned") then
      entry.q850 = row[2]
    end
    entry.freeswitch = row[3]:match("^([A-Z][A-Z_]+)")
    names[tonumber(row[1])] = entry
  end
  return names
end

-- freeswitch-causes.tsv, taken from FreeSWITCH 1.10.12's source: a list
-- of { cause =, name =, sip =, branch = } in the file's order (ascending
-- by cause), one per cause name FreeSWITCH knows.
function M.freeswitch_causes()
  local list = {}
  local header = true
  for line in read("freeswitch-causes.tsv"):gmatch("[^\n]+") do
    if line:sub(1, 1) ~= "#" then
      if header then
        assert(line == "cause\tname\tsip\tbranch", line)
        header = false
      else
        local cause, name, code, branch = line:match("^(%d+)\t([A-Z][A-Z_]*)\t(%d%d%d)\t(%a+)$")
        assert(cause, line)
        list[#list + 1] = {
          cause = tonumber(cause), name = name, sip = tonumber(code), branch = branch,
        }
      end
    end
  end
  assert(#list > 0, "no rows in freeswitch-causes.tsv")
  return list
end

-- sip-semantics section 4, the MUST rows: a list of
-- { code=, header=, rfc=, section= }, one per header field.
function M.required_headers()
  local list = {}
  local rows = table_rows(section(semantics, "## 4."), "code")
  for _, row in ipairs(rows) do
    if row[3]:find("^MUST") then
      local code = tonumber(row[1]:match("^(%d%d%d)"))
      local rfc, sec = row[4]:match("(RFC %d+) §([%d%.]*%d)")
      if not rfc then
        rfc, sec = "RFC 3261", row[4]:match("§([%d%.]*%d)")
      end
      for header in row[2]:gmatch("[^/]+") do
        list[#list + 1] = {
          code = code, header = header:match("^%s*(.-)%s*$"),
          rfc = rfc, section = assert(sec, row[4]),
        }
      end
    end
  end
  return list
end

-- sip-semantics section 4, the RFC 3261 section 20.33 row: a set of codes.
function M.retry_after_codes()
  local set = {}
  for _, row in ipairs(table_rows(section(semantics, "## 4."), "code")) do
    if row[2] == "Retry-After" and row[4]:find("§20.33", 1, true) then
      for code in row[1]:gmatch("%d%d%d") do
        set[tonumber(code)] = true
      end
    end
  end
  assert(next(set), "no section 20.33 row")
  return set
end

return M
