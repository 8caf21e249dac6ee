-- Parses `sipcode --json` or `sipcode --json --warning` output with
-- lua-cjson and compares every record with its reference fixture
-- (spec/fixtures/sip-response-codes.tsv, spec/fixtures/warn-codes.tsv).
--
--   lua5.4 check-json.lua FIXTURE EXPECTED_CODES LABEL [warnings] < output.json
--
-- EXPECTED_CODES is a comma-separated list of the codes (or warn-codes) the
-- array must hold, in that order.  Prints "ok - ..." / "not ok - ..." lines.
local cjson = require("cjson")
local fixture, expected_list, label, kind = arg[1], arg[2], arg[3] or "json", arg[4]

local rows, header = {}, nil
for line in io.lines(fixture) do
   if line ~= "" and not line:find("^#") then
      local cols = {}
      for col in (line .. "\t"):gmatch("([^\t]*)\t") do cols[#cols + 1] = col end
      if not header then
         header = {}
         for i, name in ipairs(cols) do header[name] = i end
      else
         rows[tonumber(cols[header.code])] = cols
      end
   end
end

-- What a record must hold, from its fixture row: field -> value, and a
-- list of further mismatches.
local function expected_code(r, row)
   local want = {
      reason = row[header.reason],
      name = row[header.name],
      class_name = row[header.class_name],
      rfc = row[header.rfc],
      class = math.floor(r.code / 100),
      iana = row[header.iana] == "yes",
      deprecated = row[header.deprecated] == "yes",
   }
   local more = {}
   local aliases = type(r.aliases) == "table" and table.concat(r.aliases, "|") or "?"
   if aliases ~= row[header.aliases] then
      more[#more + 1] = ("%d.aliases = %s, reference says %s"):format(
         r.code, aliases, row[header.aliases])
   end
   if type(r.description) ~= "string" or r.description == "" then
      more[#more + 1] = r.code .. " has no description"
   end
   return want, more
end

local function expected_warning(_, row)
   return { text = row[header.text], rfc = row[header.rfc],
            description = row[header.description] }, {}
end

local expected_of = kind == "warnings" and expected_warning or expected_code

local function check(ok, what)
   print((ok and "ok - " or "not ok - ") .. label .. ": " .. what)
end

local parsed, records = pcall(cjson.decode, io.read("*a"))
check(parsed and type(records) == "table", "output is a JSON array")
if not parsed then print("# " .. tostring(records)) return end

local got = {}
-- cjson 2.1 decodes every number as a float: compare their decimal forms
for i, r in ipairs(records) do got[i] = ("%d"):format(r.code) end
check(table.concat(got, ",") == expected_list,
      "codes are " .. expected_list .. " (got " .. table.concat(got, ",") .. ")")

local mismatches = {}
for _, r in ipairs(records) do
   local row = rows[r.code]
   if not row then
      mismatches[#mismatches + 1] = tostring(r.code) .. " not in the reference"
   else
      local want, more = expected_of(r, row)
      for field, value in pairs(want) do
         if r[field] ~= value then
            mismatches[#mismatches + 1] = ("%d.%s = %s, reference says %s"):format(
               r.code, field, tostring(r[field]), tostring(value))
         end
      end
      for _, m in ipairs(more) do mismatches[#mismatches + 1] = m end
   end
end
check(#mismatches == 0, "every record agrees with the reference")
for _, m in ipairs(mismatches) do print("# " .. m) end
