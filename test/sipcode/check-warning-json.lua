-- Parses `sipcode --json --warning` output with lua-cjson and compares
-- every record with the warn-code reference (spec/fixtures/warn-codes.tsv).
--
--   lua5.4 check-warning-json.lua FIXTURE EXPECTED_CODES LABEL < output.json
--
-- EXPECTED_CODES is a comma-separated list of the warn-codes the array
-- must hold, in that order.  Prints "ok - ..." / "not ok - ..." lines.
local cjson = require("cjson")
local fixture, expected_list, label = arg[1], arg[2], arg[3] or "json"

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
      "warn-codes are " .. expected_list .. " (got " .. table.concat(got, ",") .. ")")

local mismatches = {}
for _, r in ipairs(records) do
   local row = rows[r.code]
   if not row then
      mismatches[#mismatches + 1] = tostring(r.code) .. " not in the reference"
   else
      for _, field in ipairs({ "text", "rfc", "description" }) do
         if r[field] ~= row[header[field]] then
            mismatches[#mismatches + 1] = ("%d.%s = %s, reference says %s"):format(
               r.code, field, tostring(r[field]), row[header[field]])
         end
      end
   end
end
check(#mismatches == 0, "every record agrees with the warn-code reference")
for _, m in ipairs(mismatches) do print("# " .. m) end
