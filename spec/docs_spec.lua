-- What the README and docs/ say holds, on every VM.
--
-- Every ```lua block of README.md and docs/*.md runs, and each line
-- `expression --> values` in it is checked: the values the expression
-- returns (a table literal means a plain table with those entries), or,
-- for `--> error: text`, an error whose message contains text.  A block
-- marked ```lua examples/<file> is a host snippet, which cannot run
-- outside its host: it must be an excerpt of that file, which the host
-- suites run in the real program.

local sip = require("sipcodes")

local function read(path)
   local f = assert(io.open(path, "rb"))
   local text = f:read("*a")
   f:close()
   return text
end

local DOCS = { "README.md" }
do
   local pipe = assert(io.popen("ls docs/*.md"))
   for path in pipe:lines() do DOCS[#DOCS + 1] = path end
   pipe:close()
end

-- The fenced code blocks of a document: { info =, text =, line = }.
local function blocks(doc)
   local list, current = {}, nil
   local line_no = 0
   for line in (doc .. "\n"):gmatch("([^\n]*)\n") do
      line_no = line_no + 1
      local fence, info = line:match("^(%s*)```(.*)$")
      if fence and current == nil then
         current = { info = info, lines = {}, line = line_no + 1, indent = #fence }
      elseif fence and current then
         current.text = table.concat(current.lines, "\n")
         list[#list + 1] = current
         current = nil
      elseif current then
         current.lines[#current.lines + 1] = line:sub(current.indent + 1)
      end
   end
   return list
end

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

-- Runs one block; returns its failures and how many lines it checked.
local function run_block(source, block)
   local failures, checked = {}, 0
   local env = setmetatable({ sip = sip }, { __index = _G })
   function env.__check(line, actual, expected, text)
      local got = { n = 0 }
      local ok, err = pcall(function()
         got = { n = select("#", actual()), actual() }
      end)
      if not ok then
         failures[#failures + 1] = ("%s:%d: %s raised %s"):format(source, line, text, tostring(err))
         return
      end
      local want = { n = select("#", expected()), expected() }
      local same = got.n == want.n
      for i = 1, want.n do same = same and deep_equal(got[i], want[i]) end
      if not same then
         failures[#failures + 1] = ("%s:%d: %s gave %s"):format(
            source, line, text, show(got.n, (unpack or table.unpack)(got, 1, got.n)))
      end
   end
   function env.__check_error(line, action, fragment, text)
      local ok, err = pcall(action)
      if ok or not tostring(err):find(fragment, 1, true) then
         failures[#failures + 1] = ("%s:%d: %s did not raise %q (%s)"):format(
            source, line, text, fragment, ok and "no error" or tostring(err))
      end
   end
   local lines = {}
   local n = block.line
   for source_line in (block.text .. "\n"):gmatch("([^\n]*)\n") do
      local line = source_line
      local expr, expected = line:match("^(.-)%s*%-%->%s*(.-)%s*$")
      if expr and expr ~= "" and not expr:match("^%-%-") then
         checked = checked + 1
         local fragment = expected:match("^error:%s*(.*)$")
         if fragment then
            -- Not a tail call: LuaJIT would lose the frame that names the
            -- function in the error.
            local body = (expr:find("=", 1, true) and not expr:find("==", 1, true))
               and expr or ("local _ = " .. expr)
            line = ("__check_error(%d, function() %s end, %q, %q)"):format(n, body, fragment, expr)
         else
            line = ("__check(%d, function() return %s end, function() return %s end, %q)"):format(
               n, expr, expected, expr)
         end
      end
      lines[#lines + 1] = line
      n = n + 1
   end
   local code = table.concat(lines, "\n")
   local chunk, err
   if setfenv then
      chunk, err = loadstring(code, "=" .. source)
      if chunk then setfenv(chunk, env) end
   else
      chunk, err = load(code, "=" .. source, "t", env)
   end
   if not chunk then
      return { ("%s:%d: the block does not compile: %s"):format(source, block.line, err) }, checked
   end
   local ok, run_err = pcall(chunk)
   if not ok then
      failures[#failures + 1] = ("%s:%d: the block raised %s"):format(source, block.line, tostring(run_err))
   end
   return failures, checked
end

-- Text with its lines' surrounding blanks dropped, for comparing excerpts.
local function squeezed(text)
   local out = {}
   for line in (text .. "\n"):gmatch("([^\n]*)\n") do
      out[#out + 1] = line:match("^%s*(.-)%s*$")
   end
   return table.concat(out, "\n")
end

describe("the documentation", function()
   local total = 0
   for _, path in ipairs(DOCS) do
      describe(path, function()
         local doc = read(path)

         -- A block that needs another module (lua-cjson) is a test of its
         -- own, skipped on a VM that lacks the module (Lua 5.5 in Debian).
         local plain = {}
         for _, block in ipairs(blocks(doc)) do
            local needs
            for module in block.text:gmatch('require%("([^"]+)"%)') do
               if block.info == "lua" and module ~= "sipcodes" then needs = module end
            end
            if block.info == "lua" and not needs then
               plain[#plain + 1] = block
            elseif needs then
               local name = ("has the example at line %d hold (it needs %s)"):format(block.line, needs)
               if pcall(require, needs) then
                  it(name, function()
                     local failures, checked = run_block(path, block)
                     total = total + checked
                     assert.are.same({}, failures)
                  end)
               else
                  pending(name)
               end
            end
         end

         it("has examples that hold", function()
            local failures = {}
            for _, block in ipairs(plain) do
               local f, checked = run_block(path, block)
               total = total + checked
               for _, message in ipairs(f) do failures[#failures + 1] = message end
            end
            assert.are.same({}, failures)
         end)

         it("quotes host code only from the tested examples", function()
            local wrong = {}
            for _, block in ipairs(blocks(doc)) do
               local file = block.info:match("^lua%s+(examples/%S+)$")
               if file then
                  local ok, source = pcall(read, file)
                  if not ok or not squeezed(source):find(squeezed(block.text), 1, true) then
                     wrong[#wrong + 1] = ("%s:%d: not an excerpt of %s"):format(path, block.line, file)
                  end
               elseif block.info:match("^lua") and block.info ~= "lua" then
                  wrong[#wrong + 1] = ("%s:%d: ```%s names no file under examples/"):format(
                     path, block.line, block.info)
               end
            end
            assert.are.same({}, wrong)
         end)
      end)
   end

   it("checks a few hundred example lines in all", function()
      assert.is_true(total >= 250, "only " .. total .. " example lines checked")
   end)
end)
