-- The editor type definitions (types/sipcodes.lua) and the API reference
-- (docs/api.md) describe exactly what the module exports, and the
-- reference's examples hold.  Constants are checked against the reference
-- table (spec/fixtures/sip-response-codes.tsv), not against the module.

local sip = require("sipcodes")

local function read(path)
   local f = assert(io.open(path, "rb"))
   local text = f:read("*a")
   f:close()
   return text
end

-- name -> Lua type of every exported name (sip.copy works on every VM,
-- where pairs over the read-only module needs 5.2+).
local function exports()
   local names = {}
   for name, value in pairs(sip.copy(sip)) do names[name] = type(value) end
   return names
end

-- The sorted names of `set` for which keep(name, value) is true.
local function names_where(set, keep)
   local list = {}
   for name, value in pairs(set) do
      if keep(name, value) then list[#list + 1] = name end
   end
   table.sort(list)
   return list
end

local function sorted_keys(set)
   local list = {}
   for k in pairs(set) do list[#list + 1] = k end
   table.sort(list)
   return list
end

local function reference_constants()
   local constants = {}
   local first = true
   for line in io.lines("spec/fixtures/sip-response-codes.tsv") do
      if not first then
         local code, _, name = line:match("^(%d+)\t([^\t]*)\t([^\t]*)\t")
         constants[name] = tonumber(code)
      end
      first = false
   end
   return constants
end

-- The names types/sipcodes.lua declares: function sip.x(...) and sip.x = v,
-- each with the ---@ lines just above it.
local function declarations()
   local declared = {}
   local doc = {}
   for line in read("types/sipcodes.lua"):gmatch("([^\n]*)\n") do
      local fname, params = line:match("^function sip%.([%w_]+)%(([^)]*)%)")
      local vname, value = line:match("^sip%.([%w_]+)%s*=%s*([^%s]+)")
      if fname then
         local list = {}
         for p in params:gmatch("[%w_]+") do list[#list + 1] = p end
         declared[fname] = { kind = "function", params = list, doc = doc }
      elseif vname then
         declared[vname] = { kind = "value", value = value, doc = doc }
      end
      if line:match("^%-%-%-") then doc[#doc + 1] = line else doc = {} end
   end
   return declared
end

describe("the type definitions (types/sipcodes.lua)", function()
   local declared = declarations()

   it("describe every name the module exports", function()
      assert.are.same({}, names_where(exports(), function(name) return not declared[name] end))
   end)

   it("describe no name the module does not export", function()
      local names = exports()
      assert.are.same({}, names_where(declared, function(name) return not names[name] end))
   end)

   it("declare functions as functions and the rest as values", function()
      assert.are.same({}, names_where(exports(), function(name, t)
         local d = declared[name]
         return d and (d.kind == "function") ~= (t == "function")
      end))
   end)

   it("give every function parameter a ---@param type and every function a ---@return", function()
      local lacking = {}
      for _, name in ipairs(sorted_keys(declared)) do
         local d = declared[name]
         if d.kind == "function" then
            local doc = table.concat(d.doc, "\n") .. "\n"
            for _, p in ipairs(d.params) do
               if not doc:find("---@param " .. p .. "%??%s+%S") then
                  lacking[#lacking + 1] = name .. "(" .. p .. ")"
               end
            end
            if not doc:find("---@return %S") then lacking[#lacking + 1] = name .. " return" end
         end
      end
      assert.are.same({}, lacking)
   end)

   it("give every constant the code of the reference table", function()
      assert.are.same({}, names_where(reference_constants(), function(name, code)
         local d = declared[name]
         return not d or tonumber(d.value) ~= code
      end))
   end)

   it("give the tables and the version a ---@type", function()
      for _, name in ipairs({ "reasons", "_VERSION" }) do
         assert.is_truthy(table.concat(declared[name].doc, "\n"):find("---@type", 1, true), name)
      end
   end)

   it("state the module's version", function()
      assert.are.equal('"' .. sip._VERSION .. '"', declared._VERSION.value)
   end)
end)

describe("the API reference (docs/api.md)", function()
   local doc = read("docs/api.md")

   it("names every exported name as sip.NAME", function()
      assert.are.same({}, names_where(exports(), function(name)
         return not (doc .. " "):find("sip%." .. name .. "[^%w_]")
      end))
   end)

   it("has a section with an example for every function", function()
      local lacking = {}
      for _, name in ipairs(sorted_keys(exports())) do
         if exports()[name] == "function" then
            local start = doc:find("\n### sip%." .. name .. "%(")
            local section = start and doc:sub(start + 1):match("^(.-)\n##") or
                            (start and doc:sub(start + 1))
            local predicate_table = doc:find("| `sip%." .. name .. "` |")
            if not (section and section:find("```lua\n.-sip%." .. name))
               and not predicate_table then
               lacking[#lacking + 1] = name
            end
            if predicate_table and not doc:find("\nsip%." .. name .. "%(") then
               lacking[#lacking + 1] = name .. " (no example)"
            end
         end
      end
      assert.are.same({}, lacking)
   end)

   it("documents no function the module does not export", function()
      local extra = {}
      local names = exports()
      for name in doc:gmatch("\n### sip%.([%w_]+)%(") do
         if not names[name] then extra[#extra + 1] = name end
      end
      assert.are.same({}, extra)
   end)

   it("lists every constant with the code and reason of the reference table", function()
      local wrong = {}
      for line in io.lines("spec/fixtures/sip-response-codes.tsv") do
         local code, reason, name = line:match("^(%d+)\t([^\t]*)\t([^\t]*)\t")
         if code and not doc:find("| `sip." .. name .. "` | " .. code .. " | " .. reason .. " |", 1, true) then
            wrong[#wrong + 1] = name
         end
      end
      assert.are.same({}, wrong)
   end)

   -- Every ```lua block runs; each "expression --> values" line is checked.
   local function deep_equal(a, b)
      if type(a) ~= "table" or type(b) ~= "table" then return a == b end
      for k, v in pairs(a) do if not deep_equal(v, b[k]) then return false end end
      for k in pairs(b) do if a[k] == nil then return false end end
      return true
   end

   local function show(n, ...)
      local parts = {}
      for i = 1, n do
         local v = select(i, ...)
         parts[i] = type(v) == "string" and ("%q"):format(v) or tostring(v)
      end
      return table.concat(parts, ", ")
   end

   local function run_block(block, first_line)
      local failures = {}
      local env = setmetatable({ sip = sip }, { __index = _G })
      function env.__check(line, actual, expected, text)
         local got = { n = 0 }
         local ok, err = pcall(function()
            got = { n = select("#", actual()), actual() }
         end)
         if not ok then
            failures[#failures + 1] = ("line %d: %s raised %s"):format(line, text, tostring(err))
            return
         end
         local want = { n = select("#", expected()), expected() }
         local same = got.n == want.n
         for i = 1, want.n do same = same and deep_equal(got[i], want[i]) end
         if not same then
            failures[#failures + 1] = ("line %d: %s gave %s"):format(
               line, text, show(got.n, (unpack or table.unpack)(got, 1, got.n)))
         end
      end
      function env.__check_error(line, action, fragment, text)
         local ok, err = pcall(action)
         if ok or not tostring(err):find(fragment, 1, true) then
            failures[#failures + 1] = ("line %d: %s did not raise %q"):format(line, text, fragment)
         end
      end
      local lines = {}
      local n = first_line
      for source_line in (block .. "\n"):gmatch("([^\n]*)\n") do
         local line = source_line
         local expr, expected = line:match("^(.-)%s*%-%->%s*(.-)%s*$")
         if expr and expr ~= "" and not expr:match("^%-%-") then
            local fragment = expected:match("^error:%s*(.*)$")
            if fragment then
               line = ("__check_error(%d, function() %s end, %q, %q)"):format(n, expr, fragment, expr)
               if not expr:find("=", 1, true) or expr:find("==", 1, true) then
                  line = ("__check_error(%d, function() return %s end, %q, %q)"):format(
                     n, expr, fragment, expr)
               end
            else
               line = ("__check(%d, function() return %s end, function() return %s end, %q)"):format(
                  n, expr, expected, expr)
            end
         end
         lines[#lines + 1] = line
         n = n + 1
      end
      local chunk, err = (loadstring or load)(table.concat(lines, "\n"), "=docs/api.md")
      if not chunk then return { "block at line " .. first_line .. ": " .. err } end
      if setfenv then setfenv(chunk, env) else
         chunk = assert(load(table.concat(lines, "\n"), "=docs/api.md", "t", env))
      end
      local ok, run_err = pcall(chunk)
      if not ok then failures[#failures + 1] = "block at line " .. first_line .. ": " .. tostring(run_err) end
      return failures
   end

   it("has examples that hold", function()
      local failures, checked = {}, 0
      local line_no, in_block, block, first = 0, false, nil, 0
      for line in (doc .. "\n"):gmatch("([^\n]*)\n") do
         line_no = line_no + 1
         if line == "```lua" then
            in_block, block, first = true, {}, line_no + 1
         elseif line == "```" and in_block then
            in_block = false
            local text = table.concat(block, "\n")
            local _, arrows = text:gsub("%-%->", "")
            checked = checked + arrows
            for _, f in ipairs(run_block(text, first)) do failures[#failures + 1] = f end
         elseif in_block then
            block[#block + 1] = line
         end
      end
      assert.are.same({}, failures)
      assert.is_true(checked >= 90, "only " .. checked .. " checked examples")
   end)
end)
